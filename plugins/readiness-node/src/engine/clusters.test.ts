import type {
  CheckResult,
  ServiceReadiness,
} from '@254carbon/plugin-readiness-common';
import { snapshotFromObjects } from '../loader';
import {
  ALL_CRDS,
  NOW,
  deployment,
  networkPolicy,
  node,
  pdb,
  podsFor,
  schedule,
  serviceTarget,
} from '../testing/builders';
import { unreadableSnapshot } from '../loader/loadManifestsDirectory';
import { evaluateSweep } from './evaluate';
import { DEFAULT_PLATFORM, DEFAULT_THRESHOLDS } from './settings';
import type { SweepFacts } from './types';

const options = {
  platform: DEFAULT_PLATFORM,
  thresholds: DEFAULT_THRESHOLDS,
  now: NOW,
};

const cluster = (name: string, objects: unknown[]) =>
  snapshotFromObjects(name, objects, {
    fetchedAt: NOW.toISOString(),
    installedCrds: ALL_CRDS,
  });

const check = (s: { checks: CheckResult[] }, id: string) =>
  s.checks.find(c => c.checkId === id)!;

const DENY_ALL = networkPolicy('default-deny', {
  podSelector: {},
  policyTypes: ['Ingress', 'Egress'],
});

function healthy(name: string, replicas = 3) {
  const workload = deployment(name, { replicas, readyReplicas: replicas });
  return [workload, ...podsFor(workload, ['node-1', 'node-2'], replicas)];
}

function sweep(facts: SweepFacts, previous?: Map<string, string[]>) {
  return evaluateSweep(facts, [serviceTarget({ kubernetesId: 'doris' })], {
    ...options,
    previousPlacement: previous,
  });
}

describe('clusters are separate worlds', () => {
  it("does not pass namespace-level checks on a same-named namespace of another cluster", () => {
    // prod has the default-deny policy, Velero Schedule and PDB in data-platform, but doris
    // runs only in staging, whose data-platform namespace has none of them.
    const { services } = sweep({
      clusters: [
        cluster('prod', [DENY_ALL, schedule('hourly'), pdb('doris', { matchLabels: { app: 'doris' } })]),
        cluster('staging', healthy('doris')),
      ],
    });
    const [doris] = services;
    expect(doris.clusters).toEqual(['staging']);
    expect(check(doris, 'SEC-NETPOL-DEFAULT-DENY').status).toBe('fail');
    expect(check(doris, 'DR-BACKUP-SCHEDULE').status).not.toBe('pass');
    expect(check(doris, 'HA-PDB').status).toBe('fail');
    for (const line of check(doris, 'SEC-NETPOL-DEFAULT-DENY').evidence) {
      expect(line).toMatch(/^cluster staging: /);
    }
  });

  it('judges a service found in two clusters in each, keeps the worst and names the cluster', () => {
    const broken = deployment('doris', { replicas: 3, readyReplicas: 0 });
    const { services } = sweep({
      clusters: [cluster('prod', healthy('doris')), cluster('staging', [broken])],
    });
    const [doris] = services;
    expect(doris.clusters).toEqual(['prod', 'staging']);
    const workload = check(doris, 'INF-WORKLOAD');
    expect(workload.status).toBe('fail');
    expect(workload.clusters?.map(c => [c.cluster, c.status])).toEqual([
      ['prod', 'pass'],
      ['staging', 'fail'],
    ]);
    expect(workload.evidence.some(l => l.startsWith('cluster prod: '))).toBe(true);
    expect(workload.evidence.some(l => l.startsWith('cluster staging: '))).toBe(true);
    expect(workload.evidence.every(l => /^cluster (prod|staging): /.test(l))).toBe(true);
  });

  it('judges platform checks per cluster; the platform row is the worst cluster', () => {
    const { platform } = sweep({
      clusters: [
        cluster('prod', [node('a'), node('b')]),
        cluster('staging', [node('c')]),
      ],
    });
    expect(platform.clusters?.map(c => c.cluster)).toEqual(['prod', 'staging']);
    const nodesIn = (name: string) =>
      check(platform.clusters!.find(c => c.cluster === name)!, 'PLAT-NODES');
    expect(nodesIn('prod').status).toBe('pass');
    expect(nodesIn('staging').status).toBe('warn');
    expect(check(platform, 'PLAT-NODES').status).toBe('warn');
    // Vault reads no cluster: judged once, not once per cluster.
    expect(check(platform, 'PLAT-VAULT').clusters).toBeUndefined();
  });

  it("blocks a service's checks only by its own cluster's failing platform check", () => {
    // staging has no Velero (PLAT-BACKUP fails there); prod has Velero with an hourly Schedule.
    const { services, platform } = evaluateSweep(
      {
        clusters: [
          cluster('prod', [...healthy('doris'), schedule('hourly')]),
          snapshotFromObjects('staging', healthy('portal'), {
            fetchedAt: NOW.toISOString(),
            installedCrds: [],
          }),
        ],
      },
      [serviceTarget({ kubernetesId: 'doris' }), serviceTarget({ kubernetesId: 'portal' })],
      options,
    );
    const staging = platform.clusters!.find(c => c.cluster === 'staging')!;
    expect(check(staging, 'PLAT-BACKUP').status).toBe('fail');
    const [doris, portal] = services as ServiceReadiness[];
    expect(check(doris, 'DR-BACKUP-SCHEDULE').blockedBy).toBeUndefined();
    expect(check(portal, 'DR-BACKUP-SCHEDULE').blockedBy).toBe('PLAT-BACKUP');
  });

  it('makes a service placed in an unreadable cluster unknown there, naming the cluster', () => {
    const facts: SweepFacts = {
      clusters: [
        cluster('prod', healthy('doris')),
        unreadableSnapshot('staging', 'connect ECONNREFUSED 127.0.0.1:6443'),
      ],
    };
    const previous = new Map([['component:default/doris', ['prod', 'staging']]]);
    const [doris] = sweep(facts, previous).services;
    expect(doris.clusters).toEqual(['prod', 'staging']);
    const workload = check(doris, 'INF-WORKLOAD');
    expect(workload.status).toBe('unknown');
    expect(workload.error?.message).toMatch(/^cluster staging: .*ECONNREFUSED/);
    expect(workload.clusters?.find(c => c.cluster === 'prod')?.status).toBe('pass');
  });

  it('judges a service placed elsewhere from its own clusters, with a note about the unreadable one', () => {
    const facts: SweepFacts = {
      clusters: [
        cluster('prod', healthy('doris')),
        unreadableSnapshot('staging', 'timed out after 1500 ms'),
      ],
    };
    const previous = new Map([['component:default/doris', ['prod']]]);
    const [doris] = sweep(facts, previous).services;
    expect(doris.clusters).toEqual(['prod']);
    expect(check(doris, 'INF-WORKLOAD').status).toBe('pass');
    expect(doris.notes).toEqual([
      'cluster staging could not be read (deployments: timed out after 1500 ms); judged from prod',
    ]);
  });

  it('never turns a service found nowhere into fail while a cluster is unreadable', () => {
    const facts: SweepFacts = {
      clusters: [
        cluster('prod', []),
        unreadableSnapshot('staging', 'staging/bad.yaml:3:1: invalid YAML: bad indentation'),
      ],
    };
    const [doris] = sweep(facts).services;
    expect(doris.clusters).toEqual(['staging']);
    for (const c of doris.checks.filter(r => r.status !== 'n/a')) {
      expect([c.checkId, c.status]).not.toEqual([c.checkId, 'fail']);
      expect([c.checkId, c.status]).not.toEqual([c.checkId, 'pass']);
    }
    expect(check(doris, 'INF-WORKLOAD').status).toBe('unknown');
  });

  it('says PLAT-BACKUP is unknown, not "Velero not installed", when the cluster could not be read', () => {
    const { platform } = sweep({
      clusters: [unreadableSnapshot('prod', 'prod/x.yaml:1:1: invalid YAML: oops')],
    });
    for (const id of ['PLAT-NODES', 'PLAT-PODS', 'PLAT-ISSUER', 'PLAT-INGRESS', 'PLAT-REGISTRY', 'PLAT-MONITORING', 'PLAT-BACKUP']) {
      const result = check(platform, id);
      expect([id, result.status]).toEqual([id, 'unknown']);
      expect(result.evidence.join(' ')).not.toMatch(/not installed/);
    }
  });
});
