import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { resolve } from 'path';
import request from 'supertest';
import { readinessPlugin } from './plugin';

jest.setTimeout(60_000);

const portal: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'portal', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'portal' } },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/web' },
};

/** Path segments as sent on the wire, each breaking one of the catalog's entity naming rules. */
const BAD_SEGMENTS: Array<[string, 'namespace' | 'kind' | 'name', string]> = [
  ['encoded ..', 'name', '%2e%2e'],
  ['encoded .', 'name', '%2E'],
  ['encoded .. namespace', 'namespace', '%2e%2e'],
  ['64 characters', 'name', 'a'.repeat(64)],
  ['a space', 'name', 'doris%20db'],
  ['an encoded slash', 'name', 'do%2Fris'],
  ['a NUL byte', 'name', 'doris%00'],
  ['a non-ASCII letter', 'name', 'd%C3%B6ris'],
  ['a leading dash', 'name', '-doris'],
  ['a trailing dot', 'name', 'doris.'],
  ['an upper-case namespace', 'namespace', 'Default'],
  ['an underscore namespace', 'namespace', 'my_ns'],
  ['a kind starting with a digit', 'kind', '1component'],
  ['a kind with a dash', 'kind', 'com-ponent'],
  ['malformed percent-encoding', 'name', '%E0%A4%A'],
];

const ROUTES: Array<[string, (ref: string) => string]> = [
  ['GET', ref => `/api/readiness/entities/${ref}`],
  ['GET', ref => `/api/readiness/entities/${ref}/history`],
  ['POST', ref => `/api/readiness/entities/${ref}/refresh`],
];

async function start(nodeEnv: string) {
  // The error handler decides on stack traces from NODE_ENV when the router is created.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = nodeEnv;
  const catalog = catalogServiceMock({ entities: [portal] });
  jest.spyOn(catalog, 'getEntityByRef');
  try {
    const { server } = await startTestBackend({
      features: [
        readinessPlugin,
        mockServices.rootConfig.factory({
          data: {
            readiness: {
              sources: { manifests: { directory: resolve(__dirname, '__fixtures__/manifests') } },
              refresh: { minIntervalSeconds: 15 },
            },
          },
        }),
        // No sweep runs: these tests are about the request path alone.
        mockServices.scheduler.mock({ scheduleTask: jest.fn() }).factory,
        createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => catalog }),
      ],
    });
    return { server, catalog };
  } finally {
    process.env.NODE_ENV = previous;
  }
}

const user = mockCredentials.user.header();

/** A stack trace or an absolute source path anywhere in the response body. */
const leaksInternals = (text: string) => /\n\s+at |"stack"|\/work\/|node_modules/.test(text);

describe('entity routes × bad input', () => {
  it('answers 400 naming the broken rule, never 500, never a stack trace, never calling the catalog (production mode)', async () => {
    const { server, catalog } = await start('production');
    const failures: string[] = [];
    for (const [method, path] of ROUTES) {
      for (const [label, part, bad] of BAD_SEGMENTS) {
        const segments = { namespace: 'default', kind: 'component', name: 'portal', [part]: bad };
        const url = path(`${segments.namespace}/${segments.kind}/${segments.name}`);
        const res = await (method === 'GET' ? request(server).get(url) : request(server).post(url)).set(
          'Authorization',
          user,
        );
        const where = `${method} ${url} (${label})`;
        if (res.status !== 400) failures.push(`${where}: status ${res.status}`);
        if (leaksInternals(res.text)) failures.push(`${where}: body leaks internals: ${res.text}`);
        const message: string = res.body?.error?.message ?? '';
        // Express rejects malformed percent-encoding itself, before the route runs.
        if (label !== 'malformed percent-encoding' && !message.includes(`${part} `)) {
          failures.push(`${where}: message does not name the ${part}: ${message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('tells the caller which rule a bad name breaks', async () => {
    const { server } = await start('production');
    const res = await request(server)
      .get('/api/readiness/entities/default/component/%2e%2e')
      .set('Authorization', user)
      .expect(400);
    expect(res.body.error).toEqual({
      name: 'InputError',
      message:
        'Invalid entity reference: name ".." must be 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (expected /entities/<namespace>/<kind>/<name>, e.g. /entities/default/component/doris)',
    });
  });

  it('would see a stack trace if one were sent (development mode), so the check above is not vacuous', async () => {
    const { server } = await start('development');
    const res = await request(server)
      .get('/api/readiness/entities/default/component/%2e%2e')
      .set('Authorization', user)
      .expect(400);
    expect(leaksInternals(res.text)).toBe(true);
  });

  it('accepts valid names of every allowed shape', async () => {
    const { server } = await start('production');
    for (const name of ['portal', 'a', 'my_service.v2', 'A-b_C.d', 'x'.repeat(63)]) {
      const res = await request(server)
        .get(`/api/readiness/entities/default/Component/${name}`)
        .set('Authorization', user);
      // Not measured (or not in the catalog), but the reference itself was accepted.
      expect([name, res.status]).toEqual([name, 404]);
    }
  });
});

describe('on-demand refresh rate limit', () => {
  it('answers 429 with Retry-After for a second refresh of the same entity within the interval', async () => {
    const { server } = await start('production');
    await request(server)
      .post('/api/readiness/entities/default/component/portal/refresh')
      .set('Authorization', user)
      .expect(200);
    const again = await request(server)
      .post('/api/readiness/entities/default/component/portal/refresh')
      .set('Authorization', user);
    expect(again.status).toBe(429);
    const retryAfter = Number(again.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 15).toBe(true);
    expect(again.body.error.message).toMatch(
      /^component:default\/portal was refreshed less than 15 seconds ago; retry in \d+ seconds$/,
    );
    expect(leaksInternals(again.text)).toBe(false);
    // Reads are not limited.
    await request(server).get('/api/readiness/entities/default/component/portal').set('Authorization', user).expect(200);
  });
});
