import net from 'node:net';
import type { CheckResult, PlatformReadiness, ServiceReadiness } from '@254carbon/plugin-readiness-common';
import { KubeEnv, KubeRest, applyOrder, describeWithTwoKubes } from '../kube/KubeRest';
import { describeWithPostgres, sharedPostgresUrl } from '../faults/postgres';
import { clusterConfig, startReadiness, userAuthorization } from '../faults/startReadiness';
import { byCheck, getJson, serviceEntity, serviceName } from '../faults/fixture';

// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const generator = require('../../../bench/generate.mjs');

jest.setTimeout(240_000);

// Services 9300..9302 share namespace team-0930 in BOTH clusters; no other suite uses it.
const A = 9300; // in prod (healthy) and staging (0 ready)
const B = 9301; // workload only in staging; its namespace-level objects only in prod
const C = 9302; // only in prod; staging binds cluster-admin to an account of the same name
const NS = generator.namespaceOf(A);
const WORKLOAD_KINDS = ['Namespace', 'Deployment', 'Pod', 'Service', 'Endpoints', 'ServiceAccount'];

const objectsOf = (i: number, now: number): any[] => generator.serviceObjects(i, 1, now).objects;

function clusterAdminFor(account: string, name: string) {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name, namespace: NS },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: account, namespace: NS }],
  };
}

/** Workload objects of service i with every replica unready. */
function brokenWorkload(i: number, now: number) {
  return objectsOf(i, now)
    .filter(o => WORKLOAD_KINDS.includes(o.kind))
    .map(o => {
      const copy = structuredClone(o);
      if (copy.kind === 'Deployment') {
        copy.status = { ...copy.status, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: copy.spec.replicas };
        copy.status.conditions = [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }];
      }
      if (copy.kind === 'Pod') {
        copy.status.conditions = [{ type: 'Ready', status: 'False' }];
        copy.status.containerStatuses = copy.status.containerStatuses.map((c: any) => ({ ...c, ready: false }));
      }
      if (copy.kind === 'Endpoints') delete copy.subsets;
      return copy;
    });
}

async function load(env: KubeEnv, objects: any[]) {
  const rest = new KubeRest(env);
  const all = applyOrder(objects);
  const waves = [all.filter(o => !o.metadata.namespace), all.filter(o => o.metadata.namespace)];
  for (const wave of waves) {
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < wave.length) await rest.put(wave[next++]);
      }),
    );
  }
}

async function refusedUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(done => server.close(done));
  return `https://127.0.0.1:${port}`;
}

const entities = () => [A, B, C].map(i => serviceEntity(i));

async function read(baseUrl: string) {
  const out: Record<number, ServiceReadiness> = {};
  for (const i of [A, B, C]) {
    const res = await getJson(`${baseUrl}/entities/default/component/${serviceName(i)}`, userAuthorization());
    expect(res.status).toBe(200);
    out[i] = res.body;
  }
  const platform = await getJson(`${baseUrl}/platform`, userAuthorization());
  expect(platform.status).toBe(200);
  return { services: out, platform: platform.body.platform ?? platform.body };
}

const inCluster = (platform: PlatformReadiness, cluster: string) =>
  byCheck(platform.clusters!.find(c => c.cluster === cluster)!);

describeWithTwoKubes('two real kube-apiservers with same-named namespaces', (prodEnv, stagingEnv) => {
  const prefix = `twin_${Date.now() % 100000}_`;
  let first: { services: Record<number, ServiceReadiness>; platform: PlatformReadiness };

  beforeAll(async () => {
    const now = Date.now();
    const prodNamespaceLevel = objectsOf(B, now).filter(o => !WORKLOAD_KINDS.includes(o.kind) || o.kind === 'Namespace');
    await load(prodEnv(), [
      ...generator.platformObjects(0, now),
      ...generator.namespaceObjects(NS),
      ...objectsOf(A, now),
      ...objectsOf(C, now),
      ...prodNamespaceLevel,
      clusterAdminFor(serviceName(B), 'twin-b-admin'),
    ]);
    // staging: one node, no Velero server, no NetworkPolicy, PDB, Schedule or RoleBinding in NS.
    const oneNode = generator.platformObjects(1, now).filter((o: any) => o.kind === 'Node').slice(0, 1);
    await load(stagingEnv(), [
      ...oneNode,
      ...generator.namespaceObjects(NS).filter((o: any) => o.kind === 'Namespace'),
      ...brokenWorkload(A, now),
      ...objectsOf(B, now).filter(o => WORKLOAD_KINDS.includes(o.kind)),
      clusterAdminFor(serviceName(C), 'twin-c-admin'),
    ]);

    const backend = await startReadiness({
      entities: entities(),
      clusters: [clusterConfig('prod', prodEnv()), clusterConfig('staging', stagingEnv())],
      postgres: sharedPostgresUrl(),
      databasePrefix: prefix,
    });
    try {
      await backend.runSweep();
      first = await read(backend.baseUrl);
    } finally {
      await backend.stop();
    }
  });

  it("isolates NetworkPolicies, PDBs, Velero Schedules and RBAC bindings to the workload's own cluster", () => {
    const b = byCheck(first.services[B]);
    expect(first.services[B].clusters).toEqual(['staging']);
    expect(b['SEC-NETPOL-DEFAULT-DENY'].status).toBe('fail');
    expect(b['HA-PDB'].status).toBe('fail');
    expect(b['DR-BACKUP-SCHEDULE'].status).not.toBe('pass');
    // prod's cluster-admin binding for an account named svc-09301 is not B's.
    expect(b['SEC-RBAC'].status).not.toBe('fail');
    expect(JSON.stringify(b['SEC-RBAC'])).not.toContain('cluster-admin');

    const c = byCheck(first.services[C]);
    expect(first.services[C].clusters).toEqual(['prod']);
    expect(c['SEC-NETPOL-DEFAULT-DENY'].status).toBe('pass');
    expect(c['HA-PDB'].status).toBe('pass');
    // staging's cluster-admin binding for an account named svc-09302 is not C's.
    expect(c['SEC-RBAC'].status).not.toBe('fail');
  });

  it('judges a service running in both clusters in each and keeps the worst, naming the cluster', () => {
    const a = byCheck(first.services[A]);
    expect(first.services[A].clusters).toEqual(['prod', 'staging']);
    const workload: CheckResult = a['INF-WORKLOAD'];
    expect(workload.status).toBe('fail');
    expect(workload.clusters?.map(x => [x.cluster, x.status])).toEqual([
      ['prod', 'pass'],
      ['staging', 'fail'],
    ]);
    for (const line of workload.evidence) expect(line).toMatch(/^cluster (prod|staging): /);
  });

  it("judges platform checks per cluster and blocks a service only by its own cluster's failure", () => {
    const platform = first.platform;
    expect(platform.clusters?.map(c => c.cluster)).toEqual(['prod', 'staging']);
    expect(inCluster(platform, 'staging')['PLAT-NODES'].status).toBe('warn');
    expect(inCluster(platform, 'staging')['PLAT-BACKUP'].status).toBe('fail');
    expect(inCluster(platform, 'prod')['PLAT-BACKUP'].status).toBe('pass');
    expect(byCheck(platform)['PLAT-BACKUP'].status).toBe('fail');
    expect(byCheck(platform)['PLAT-BACKUP'].evidence.some(l => l.startsWith('cluster staging: '))).toBe(true);
    // B runs in staging, whose Velero is down: its DR checks are blocked by that. C runs in prod.
    expect(byCheck(first.services[B])['DR-BACKUP-SCHEDULE'].blockedBy).toBe('PLAT-BACKUP');
    expect(byCheck(first.services[C])['DR-BACKUP-SCHEDULE'].blockedBy).toBeUndefined();
    expect(byCheck(first.services[C])['DR-BACKUP-SCHEDULE'].status).toBe('pass');
  });

  // The restarted backend finds the last good placement only in the database the first one
  // used: the shared PostgreSQL (an in-memory SQLite would start empty).
  describeWithPostgres('restarted on the same PostgreSQL', () => {
    it('with one cluster unreachable, makes only the services placed there unknown, naming it', async () => {
      // A restarted backend on the same database: placement comes from the stored last good sweep.
      const backend = await startReadiness({
        entities: entities(),
        clusters: [clusterConfig('prod', prodEnv()), { ...clusterConfig('staging', stagingEnv()), url: await refusedUrl() }],
        postgres: sharedPostgresUrl(),
        databasePrefix: prefix,
        readiness: { sources: { kubernetes: { timeoutMs: 3000 } } },
      });
      try {
        await backend.runSweep();
        const { services, platform } = await read(backend.baseUrl);
        for (const i of [A, B]) {
          const workload = byCheck(services[i])['INF-WORKLOAD'];
          expect(workload.status).toBe('unknown');
          expect(workload.error?.message).toMatch(/cluster staging\b/);
        }
        expect(services[B].clusters).toEqual(['staging']);
        expect(byCheck(services[A])['INF-WORKLOAD'].clusters?.find(x => x.cluster === 'prod')?.status).toBe('pass');
        // C runs only in prod: judged exactly as before, with a note about staging.
        const statuses = (s: ServiceReadiness) => s.checks.map(x => [x.checkId, x.status]);
        expect(statuses(services[C])).toEqual(statuses(first.services[C]));
        expect(services[C].notes?.[0]).toMatch(/^cluster staging could not be read \(.*\); judged from prod$/);
        // Platform: staging unknown, prod unchanged.
        expect(inCluster(platform, 'staging')['PLAT-NODES'].status).toBe('unknown');
        expect(inCluster(platform, 'prod')['PLAT-BACKUP'].status).toBe('pass');
      } finally {
        await backend.stop();
      }
    });
  });
});
