import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_THRESHOLDS,
  KINDS,
  PrometheusFacts,
  ServiceTarget,
  snapshotFromObjects,
  VaultSnapshot,
} from '@254carbon/plugin-readiness-node';
import { KubeConfig } from '@kubernetes/client-node';
import { FactsCollector, Sources } from './FactsCollector';

const target = (name: string, extra: Partial<ServiceTarget> = {}): ServiceTarget => ({
  entityRef: `component:default/${name}`,
  kubernetesId: name,
  thresholds: DEFAULT_THRESHOLDS,
  exemptions: [],
  errors: [],
  ...extra,
});

const labelled = (kind: string, apiVersion: string, name: string, namespace: string, spec: object = {}) => ({
  apiVersion,
  kind,
  metadata: { name, namespace, labels: { 'backstage.io/kubernetes-id': name } },
  spec,
});

const objects = [
  labelled('Deployment', 'apps/v1', 'doris', 'data'),
  labelled('Ingress', 'networking.k8s.io/v1', 'doris', 'data', {
    rules: [{ host: 'doris.254carbon.com' }],
    tls: [{ hosts: ['doris.254carbon.com', 'fe.254carbon.com'], secretName: 'doris-tls' }],
  }),
  // Not a catalog service: its host must not be probed.
  labelled('Ingress', 'networking.k8s.io/v1', 'stray', 'misc', { rules: [{ host: 'stray.254carbon.com' }] }),
];

const cluster = (name: string) => ({ name, kubeConfig: new KubeConfig() });

const okVault: VaultSnapshot = {
  address: 'https://vault',
  fetchedAt: '2026-11-26T12:00:00Z',
  authMount: 'kubernetes',
  kvMount: 'secret',
  health: { state: 'ok', value: { code: 200 } },
  roles: { state: 'ok', value: {} },
  policies: { state: 'error', message: 'Vault GET sys/policies/acl: 403 permission denied' },
  kv: { state: 'ok', value: {} },
};

function sources(overrides: Partial<Sources> = {}): Sources {
  return {
    clusters: [cluster('prod')],
    kubernetes: { collect: async c => snapshotFromObjects(c.name, objects) },
    ...overrides,
  };
}

describe('FactsCollector', () => {
  const logger = mockServices.logger.mock();

  it('probes the hosts of the targets’ own Ingresses and scopes PromQL to their namespace', async () => {
    const probe = jest.fn(async (_hosts: string[]) => ({}));
    const prometheus = jest.fn(async (): Promise<PrometheusFacts> => ({ ready: { state: 'ok', value: true }, services: {} }));
    const collector = new FactsCollector(
      // portal names its host by annotation, allowed by readiness.sources.tls.allowedHosts.
      sources({ tls: { probe, hostPolicy: { allowedHosts: ['*.254carbon.com'], allowedPorts: [] } }, prometheus: { collect: prometheus } }),
      logger,
    );
    const collected = await collector.collect([
      { target: target('doris'), name: 'doris' },
      { target: target('portal', { publicHosts: ['portal.254carbon.com'] }), name: 'portal' },
    ]);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(new Set(probe.mock.calls[0][0])).toEqual(
      new Set(['doris.254carbon.com', 'fe.254carbon.com', 'portal.254carbon.com']),
    );
    expect(prometheus).toHaveBeenCalledWith([
      { entityRef: 'component:default/doris', name: 'doris', namespace: 'data' },
      { entityRef: 'component:default/portal', name: 'portal', namespace: undefined },
    ]);
    expect(collected.namespaces.get('component:default/doris')).toEqual(['data']);
    expect(collected.sourceErrors).toEqual([]);
  });

  it('reads Vault while the clusters are still being listed', async () => {
    let releaseCluster: () => void = () => undefined;
    const clusterDone = new Promise<void>(r => {
      releaseCluster = r;
    });
    const vaultCalled = jest.fn();
    const collector = new FactsCollector(
      sources({
        kubernetes: {
          collect: async c => {
            await clusterDone;
            return snapshotFromObjects(c.name, objects);
          },
        },
        vault: {
          collect: async paths => {
            vaultCalled(paths);
            releaseCluster();
            return okVault;
          },
        },
      }),
      logger,
    );
    const collected = await collector.collect([
      { target: target('doris', { vaultSecretsPath: 'doris' }), name: 'doris' },
    ]);
    expect(vaultCalled).toHaveBeenCalledWith(['doris']);
    expect(collected.facts.vault).toBe(okVault);
    // A part Vault refused is reported as a source error of its own.
    expect(collected.sourceErrors).toEqual([
      { source: 'vault:policies', message: 'Vault GET sys/policies/acl: 403 permission denied' },
    ]);
  });

  it('lets each source fail on its own', async () => {
    const collector = new FactsCollector(
      {
        clusters: [cluster('prod'), cluster('edge')],
        kubernetes: {
          collect: async c => {
            if (c.name === 'edge') throw new Error('socket hang up');
            return snapshotFromObjects(c.name, objects);
          },
        },
        manifests: { collect: async () => { throw new Error('cannot read manifests directory /nope'); } } as any,
        vault: { collect: async () => { throw new Error('cannot read Vault snapshot file x.json'); } },
        tls: { hostPolicy: { allowedHosts: [], allowedPorts: [] }, probe: async () => { throw new Error('CA file unreadable'); } },
      },
      logger,
    );
    const collected = await collector.collect([{ target: target('doris'), name: 'doris' }]);

    const [prod, edge] = collected.facts.clusters;
    expect(prod.kinds.deployments.state).toBe('ok');
    expect(edge.kinds.deployments).toEqual({ state: 'error', message: 'socket hang up' });
    expect(collected.facts.vault?.health).toEqual({
      state: 'error',
      message: 'cannot read Vault snapshot file x.json',
    });
    expect(collected.facts.tls).toBeUndefined();
    expect(collected.sourceErrors.map(e => e.source).sort()).toEqual(
      ['kubernetes:edge', 'manifests:manifests', 'tls', 'vault:health', 'vault:kv', 'vault:policies', 'vault:roles'].sort(),
    );
    expect(collected.sourceErrors.find(e => e.source === 'kubernetes:edge')?.message).toBe(
      'cluster edge could not be read: socket hang up',
    );
    // The unreadable manifests source becomes an unreadable cluster, never "no cluster at all".
    const offline = collected.facts.clusters.find(c => c.cluster === 'manifests');
    expect(offline?.error).toBe('cannot read manifests directory /nope');
    expect(Object.keys(offline!.kinds)).toHaveLength(KINDS.length);
  });

  it('leaves unconfigured sources undefined', async () => {
    const collected = await new FactsCollector({ clusters: [] }, logger).collect([
      { target: target('doris'), name: 'doris' },
    ]);
    expect(collected.facts).toEqual({ clusters: [], vault: undefined, tls: undefined, prometheus: undefined });
    expect(collected.apiCalls).toBe(0);
  });

  it('evaluates stored per-cluster collections; a missing or stale one makes its cluster unreadable', async () => {
    const fresh = { ...snapshotFromObjects('east', objects), fetchedAt: new Date().toISOString(), apiCalls: 40 };
    const old = { ...snapshotFromObjects('west', objects), fetchedAt: new Date(Date.now() - 3_600_000).toISOString() };
    const live = jest.fn();
    const collector = new FactsCollector(
      {
        clusters: [cluster('east'), cluster('west'), cluster('north')],
        kubernetes: { collect: live },
        stored: { load: async () => [fresh, old], maxAgeMs: 60_000 },
      },
      logger,
    );
    const collected = await collector.collect([{ target: target('doris'), name: 'doris' }]);
    expect(live).not.toHaveBeenCalled();
    const [east, west, north] = collected.facts.clusters;
    expect(east).toBe(fresh);
    expect(west.error).toMatch(/^the last collection of cluster west is from .*, older than 1 min \(task readiness-collect:west is not completing\)$/);
    expect(north.error).toBe('no collection of cluster north has completed yet (task readiness-collect:north)');
    // The sweep itself made no API call: the tasks did.
    expect(collected.apiCalls).toBe(0);
  });
});
