import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceReadiness } from '@254carbon/plugin-readiness-common';
import { getJson, serviceEntity, serviceName, statuses } from './fixture';
import { startReadiness, userAuthorization } from './startReadiness';

jest.setTimeout(120_000);

// The benchmark's generator lives in bench/, a repository tool outside the workspaces.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const generator = require('../../../bench/generate.mjs');

describe('invalid app-config stops startup with a message naming the key', () => {
  it('rejects a wrong type', async () => {
    await expect(
      startReadiness({ entities: [], readiness: { sources: { kubernetes: { timeoutMs: 'fast' } } } }),
    ).rejects.toThrow(/readiness\.sources\.kubernetes\.timeoutMs/);
  });

  it('rejects an unknown cluster auth provider, and a user-delegated one, naming the key and the fix', async () => {
    await expect(
      startReadiness({
        entities: [],
        clusters: [{ name: 'prod', url: 'https://127.0.0.1:6443', authProvider: 'kerberos' }],
      }),
    ).rejects.toThrow(/kubernetes\.clusterLocatorMethods\[0\]\.clusters\[0\] \(prod\): .*kerberos/);
    await expect(
      startReadiness({
        entities: [],
        clusters: [{ name: 'prod', url: 'https://127.0.0.1:6443', authProvider: 'google' }],
      }),
    ).rejects.toThrow(/clusters\[0\] \(prod\): authProvider "google" authenticates as the signed-in user.*use googleServiceAccount/);
  });

  it('rejects a cluster without a URL', async () => {
    await expect(
      startReadiness({ entities: [], clusters: [{ name: 'prod', authProvider: 'serviceAccount' }] }),
    ).rejects.toThrow(/kubernetes\.clusterLocatorMethods\[0\]\.clusters\[0\]\.url/);
  });
});

describe('an invalid annotation marks only that entity, with a readable error', () => {
  // The benchmark generator's manifests directory (the layout loadManifestsDirectory reads).
  const dir = mkdtempSync(join(tmpdir(), 'readiness-bad-annotation-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the annotation, keeps measuring the entity and leaves the others alone', async () => {
    generator.writePlatform(dir, generator.generatePlatform({ services: 6, clusters: 1 }));
    const manifests = { sources: { manifests: { directory: join(dir, 'manifests') } } };
    const names = [0, 1, 2, 3, 4, 5].map(serviceName);
    const measure = async (entities: ReturnType<typeof serviceEntity>[]) => {
      const backend = await startReadiness({ entities, readiness: manifests });
      try {
        await backend.runSweep();
        const out: Record<string, ServiceReadiness> = {};
        for (const name of names) {
          const res = await getJson(`${backend.baseUrl}/entities/default/component/${name}`, userAuthorization());
          expect(res.status).toBe(200);
          out[name] = res.body;
        }
        return out;
      } finally {
        await backend.stop();
      }
    };
    const good = await measure([0, 1, 2, 3, 4, 5].map(i => serviceEntity(i)));
    const bad = await measure(
      [0, 1, 2, 3, 4, 5].map(i =>
        serviceEntity(i, undefined, i === 2 ? { 'readiness.254carbon.io/thresholds': 'minReplicas: [unclosed' } : {}),
      ),
    );
    expect(bad[names[2]].entityErrors).toEqual([
      expect.stringContaining('annotation readiness.254carbon.io/thresholds: not valid YAML or JSON'),
    ]);
    // The broken annotation is ignored, not fatal: the entity is measured with the defaults.
    expect(statuses(bad[names[2]])).toEqual(statuses(good[names[2]]));
    for (const name of names.filter(n => n !== names[2])) {
      expect(bad[name].entityErrors).toEqual([]);
      expect(statuses(bad[name])).toEqual(statuses(good[name]));
    }
    // The generator's fleet is varied, so the comparison above is not all-pass against all-pass.
    const all = Object.values(good).flatMap(r => r.checks.map(c => c.status));
    expect(new Set(all).size).toBeGreaterThan(2);
  });
});

describe('entity routes × bad input, through the real HTTP stack', () => {
  // Raw paths: fetch would resolve `%2e%2e` itself, as a browser does; other clients send it.
  const raw = (base: string, path: string, method: string, authorization: string) =>
    new Promise<{ status: number; text: string }>((done, fail) => {
      const { hostname, port } = new URL(base);
      const req = http.request({ host: hostname, port, path, method, headers: { authorization } }, res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', c => (text += c));
        res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', fail);
      req.end();
    });

  it('answers 400 with the broken naming rule for every route, never 500 or a stack trace', async () => {
    const backend = await startReadiness({ entities: [serviceEntity(0)] });
    try {
      const bad = ['%2e%2e', '%2E', 'a%2Fb', 'x'.repeat(64), 'sp%20ace', 'd%C3%B6ris', '-lead', 'trail.'];
      const failures: string[] = [];
      for (const [method, suffix] of [['GET', ''], ['GET', '/history'], ['POST', '/refresh']]) {
        for (const name of bad) {
          for (const path of [`default/component/${name}`, `${name}/component/x`, `default/${name}/x`]) {
            const res = await raw(backend.baseUrl, `/api/readiness/entities/${path}${suffix}`, method, userAuthorization());
            if (res.status !== 400 || /"stack"|\n\s+at |node_modules/.test(res.text)) {
              failures.push(`${method} ${path}${suffix}: ${res.status} ${res.text.slice(0, 200)}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});
