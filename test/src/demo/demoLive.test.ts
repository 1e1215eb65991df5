import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory, SchedulerServiceTaskFunction } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import readinessPlugin from '@254carbon/plugin-readiness-backend';
import type { ServiceReadiness } from '@254carbon/plugin-readiness-common';
import { applyOrder, describeWithKube, KubeRest } from '../kube/KubeRest';
import {
  DEMO_PLATFORM_DIR,
  DEMO_VAULT_SNAPSHOT,
  demoReadinessConfig,
  ROOT,
  demoComponents,
  demoObjects,
  expected,
} from './demoFixtures';

jest.setTimeout(180_000);

const freePort = () =>
  new Promise<number>(resolve => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function startReadiness(sources: object, extraConfig: object = {}) {
  let sweep: SchedulerServiceTaskFunction | undefined;
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: jest.fn(async task => {
      sweep = task.fn as SchedulerServiceTaskFunction;
    }),
  });
  const catalog = catalogServiceMock({ entities: demoComponents() });
  const backend = await startTestBackend({
    features: [
      readinessPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...extraConfig,
          readiness: {
            ...demoReadinessConfig(),
            sources: { vault: { snapshotFile: DEMO_VAULT_SNAPSHOT }, ...sources },
          },
        },
      }),
      scheduler.factory,
      createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => catalog }),
    ],
  });
  await sweep!(new AbortController().signal);
  return backend;
}

const user = mockCredentials.user.header();

async function entity(server: any, name: string): Promise<ServiceReadiness> {
  const res = await request(server)
    .get(`/api/readiness/entities/default/component/${name}`)
    .set('Authorization', user);
  expect(res.status).toBe(200);
  return res.body;
}

/**
 * The same demo platform, loaded into a REAL kube-apiserver (1.20, built from Debian's source) and
 * collected live through `kubernetes.clusterLocatorMethods`, must produce the same result for every
 * check as reading its manifests offline: the live collector (pagination, API versions, raw JSON
 * for CRDs, sanitising) adds nothing and loses nothing. The cluster is this suite's own, so the demo's
 * CRD set (cert-manager and Prometheus Operator, no Velero) is exactly what is installed.
 */
describeWithKube('the demo platform collected live from a real kube-apiserver', () => {
  let stateDir: string;
  let live: Awaited<ReturnType<typeof startTestBackend>>;
  let offline: Awaited<ReturnType<typeof startTestBackend>>;
  let objectCount = 0;

  beforeAll(async () => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-demo-kube-'));
    const port = await freePort();
    execFileSync('bash', [path.join(ROOT, 'scripts/test-env/kube-up.sh'), stateDir, String(port)], {
      stdio: 'inherit',
    });
    const env = Object.fromEntries(
      fs
        .readFileSync(path.join(stateDir, 'env'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(line => {
          const [, key, value] = /^export (\w+)=(.*)$/.exec(line)!;
          return [key, value.replace(/^'|'$/g, '')];
        }),
    );
    const kube = new KubeRest({
      url: env.KUBE_URL,
      token: env.KUBE_ADMIN_TOKEN,
      ca: fs.readFileSync(env.KUBE_CA_FILE, 'utf8'),
    });

    const objects = applyOrder(demoObjects());
    const crds = objects.filter(o => o.kind === 'CustomResourceDefinition');
    for (const crd of crds) await kube.put(crd);
    await kube.waitForCrds(crds.map(c => c.metadata.name));
    // Namespaces and cluster-scoped kinds first (applyOrder), then the rest in parallel batches.
    const rest = objects.filter(o => o.kind !== 'CustomResourceDefinition');
    const early = rest.filter(o => ['Namespace', 'Node', 'ClusterRole'].includes(o.kind));
    for (const o of early) await kube.put(o);
    const late = rest.filter(o => !early.includes(o));
    for (let i = 0; i < late.length; i += 16) {
      await Promise.all(late.slice(i, i + 16).map(o => kube.put(o)));
    }
    objectCount = objects.length;

    live = await startReadiness(
      {},
      {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: '254carbon-prod',
                  url: env.KUBE_URL,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: env.KUBE_ADMIN_TOKEN,
                  caData: Buffer.from(fs.readFileSync(env.KUBE_CA_FILE)).toString('base64'),
                },
              ],
            },
          ],
        },
      },
    );
    offline = await startReadiness({ manifests: { directory: DEMO_PLATFORM_DIR } });
  });

  afterAll(async () => {
    await live?.stop();
    await offline?.stop();
    if (stateDir) {
      execFileSync('bash', [path.join(ROOT, 'scripts/test-env/kube-down.sh'), stateDir]);
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('loaded the whole demo into the API server', () => {
    expect(objectCount).toBeGreaterThan(300);
  });

  it('measures the platform checks the same live and offline', async () => {
    const [a, b] = await Promise.all(
      [live, offline].map(async backend =>
        (await request(backend.server).get('/api/readiness/platform').set('Authorization', user)).body,
      ),
    );
    const shape = (p: any) =>
      p.checks.map((c: any) => ({ id: c.checkId, status: c.status, evidence: c.evidence }));
    expect(shape(a)).toEqual(shape(b));
    expect(Object.fromEntries(a.checks.map((c: any) => [c.checkId, c.status]))).toEqual(
      Object.fromEntries(Object.entries(expected.platform).map(([id, c]) => [id, c.status])),
    );
  });

  it.each(Object.keys(expected.services).map(ref => ref.split('/')[1]))(
    'measures every check of %s the same live and offline',
    async name => {
      const [a, b] = await Promise.all([entity(live.server, name), entity(offline.server, name)]);
      const shape = (r: ServiceReadiness) =>
        r.checks.map(c => ({
          id: c.checkId,
          status: c.status,
          blockedBy: c.blockedBy,
          evidence: c.evidence,
        }));
      expect(shape(a)).toEqual(shape(b));
      expect(a.overall.percent).toBe(b.overall.percent);
      expect(a.checks.filter(c => c.status === 'unknown')).toEqual([]);
    },
  );
});
