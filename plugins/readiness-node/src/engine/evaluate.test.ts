import {
  CheckResult,
  PLATFORM_CHECK_IDS,
  SERVICE_CHECK_IDS,
  scoreResults,
} from '@254carbon/plugin-readiness-common';
import { PLATFORM_CHECKS, SERVICE_CHECKS } from '../checks';
import {
  deployment,
  factsFrom,
  node,
  NOW,
  podsFor,
  serviceTarget,
} from '../testing/builders';
import { SweepIndex } from './context';
import {
  evaluatePlatform,
  evaluateService,
  evaluateSweep,
  NO_TARGET_ANNOTATION,
} from './evaluate';
import { DEFAULT_PLATFORM, DEFAULT_THRESHOLDS } from './settings';

const options = {
  platform: DEFAULT_PLATFORM,
  thresholds: DEFAULT_THRESHOLDS,
  now: NOW,
};
const doris = deployment('doris');
const objects = [node('node-1'), node('node-2'), doris, ...podsFor(doris)];
const result = (checks: CheckResult[], id: string) =>
  checks.find(c => c.checkId === id)!;
/** Swaps one registered check for a stub (the registry is a plain record); returns the undo. */
function stub<F>(registry: Record<string, F>, id: string, fn: F): () => void {
  const had = Object.prototype.hasOwnProperty.call(registry, id);
  const original = registry[id];
  registry[id] = fn;
  return () => {
    if (had) registry[id] = original;
    else delete registry[id];
  };
}
const platformMap = (entries: [string, CheckResult['status']][]) =>
  new Map(
    entries.map(([checkId, status]) => [
      checkId,
      { checkId, status, evidence: [] } as CheckResult,
    ]),
  );

describe('evaluateSweep', () => {
  it('evaluates every catalog check exactly once, in catalog order, for the platform and each service', () => {
    const sweep = evaluateSweep(
      factsFrom(objects),
      [
        serviceTarget(),
        serviceTarget({
          entityRef: 'component:default/trino',
          kubernetesId: 'trino',
        }),
      ],
      options,
    );
    expect(sweep.platform.checks.map(c => c.checkId)).toEqual(
      PLATFORM_CHECK_IDS,
    );
    expect(sweep.services).toHaveLength(2);
    for (const s of sweep.services)
      expect(s.checks.map(c => c.checkId)).toEqual(SERVICE_CHECK_IDS);
    expect(sweep.platform).toMatchObject({
      measuredAt: NOW.toISOString(),
      stale: false,
    });
    expect(sweep.platform.overall).toEqual(
      scoreResults(sweep.platform.checks).overall,
    );
  });

  it('scores a service with scoreResults and carries its entity errors', () => {
    const target = serviceTarget({
      errors: [
        'annotation readiness.254carbon.io/thresholds: unknown key "foo" ignored',
      ],
    });
    const { services } = evaluateSweep(factsFrom(objects), [target], options);
    const [s] = services;
    const scored = scoreResults(s.checks);
    expect(s.overall).toEqual(scored.overall);
    expect(s.layers).toEqual(scored.layers);
    expect(s.phases).toEqual(scored.phases);
    expect(s).toMatchObject({
      entityRef: 'component:default/doris',
      stale: false,
      measuredAt: NOW.toISOString(),
    });
    expect(s.entityErrors).toEqual(target.errors);
    expect(result(s.checks, 'INF-WORKLOAD').status).toBe('pass');
  });

  it('adds the catalog remediation to non-passing results only', () => {
    const { services } = evaluateSweep(
      factsFrom([deployment('doris', { replicas: 1 })]),
      [serviceTarget()],
      options,
    );
    const replicas = result(services[0].checks, 'HA-REPLICAS');
    expect(replicas.status).toBe('fail');
    expect(replicas.remediation).toBe(
      'Run at least two replicas, or an HPA with minReplicas ≥ 2.',
    );
    expect(
      result(services[0].checks, 'INF-PROBES').remediation,
    ).toBeUndefined();
  });

  it('reports a cluster annotation naming no configured cluster as an entity error', () => {
    const { services } = evaluateSweep(
      factsFrom(objects),
      [serviceTarget({ cluster: 'staging' })],
      options,
    );
    expect(services[0].entityErrors).toEqual([
      'annotation readiness.254carbon.io/cluster: cluster "staging" is not configured (configured: prod)',
    ]);
    expect(result(services[0].checks, 'INF-WORKLOAD').status).toBe('fail');
  });

  it('marks Kubernetes checks n/a for a target without kubernetes-id or label selector', () => {
    const target = serviceTarget({
      kubernetesId: undefined,
      labelSelector: undefined,
    });
    const { services } = evaluateSweep(factsFrom(objects), [target], options);
    const workload = result(services[0].checks, 'INF-WORKLOAD');
    expect(workload).toMatchObject({
      status: 'n/a',
      evidence: [NO_TARGET_ANNOTATION],
    });
    // Prometheus-only checks still run (here: n/a because Prometheus is not configured).
    expect(result(services[0].checks, 'OPS-SLO-LATENCY').evidence[0]).toMatch(
      /Prometheus is not configured/,
    );
  });
});

describe('evaluateService', () => {
  const index = new SweepIndex(factsFrom(objects, { installedCrds: [] }));

  it('blocks failing checks on a failed platform dependency, but not passing ones', () => {
    const s = evaluateService(
      index,
      serviceTarget(),
      platformMap([
        ['PLAT-BACKUP', 'fail'],
        ['PLAT-NODES', 'fail'],
      ]),
      options,
    );
    const schedule = result(s.checks, 'DR-BACKUP-SCHEDULE');
    expect(schedule).toMatchObject({
      status: 'fail',
      blockedBy: 'PLAT-BACKUP',
    });
    expect(schedule.evidence[0]).toMatch(/^Velero not installed/);
    // HA-SPREAD warns (spread by chance, no rule) and depends on the failed PLAT-NODES: blocked too.
    expect(result(s.checks, 'HA-SPREAD').status).toBe('warn');
    expect(result(s.checks, 'HA-SPREAD').blockedBy).toBe('PLAT-NODES');
    // INF-WORKLOAD passes and depends on nothing.
    expect(result(s.checks, 'INF-WORKLOAD')).toMatchObject({ status: 'pass' });
    expect(result(s.checks, 'INF-WORKLOAD').blockedBy).toBeUndefined();
    expect(s.overall.excluded).toBeGreaterThanOrEqual(4);
  });

  it('does not block when the dependency only warns', () => {
    const s = evaluateService(
      index,
      serviceTarget(),
      platformMap([['PLAT-BACKUP', 'warn']]),
      options,
    );
    expect(result(s.checks, 'DR-BACKUP-SCHEDULE').blockedBy).toBeUndefined();
  });

  it('blocks on PLAT-VAULT unknown (Vault configured but unreadable)', () => {
    const restore = stub(SERVICE_CHECKS, 'SEC-VAULT-ROLE', () => ({
      status: 'unknown',
      evidence: ['Vault role read failed'],
      error: { source: 'vault', message: 'ECONNREFUSED' },
    }));
    try {
      const s = evaluateService(
        index,
        serviceTarget(),
        platformMap([['PLAT-VAULT', 'unknown']]),
        options,
      );
      expect(result(s.checks, 'SEC-VAULT-ROLE').blockedBy).toBe('PLAT-VAULT');
      const notBlocked = evaluateService(
        index,
        serviceTarget(),
        platformMap([['PLAT-MONITORING', 'unknown']]),
        options,
      );
      expect(result(notBlocked.checks, 'OPS-ALERTS').blockedBy).toBeUndefined();
    } finally {
      restore();
    }
  });

  it('turns a throwing check into unknown with its message and keeps evaluating the rest', () => {
    const restore = stub(SERVICE_CHECKS, 'INF-PROBES', () => {
      throw new TypeError(
        "Cannot read properties of undefined (reading 'httpGet')",
      );
    });
    try {
      const s = evaluateService(index, serviceTarget(), new Map(), options);
      expect(result(s.checks, 'INF-PROBES')).toMatchObject({
        status: 'unknown',
        error: {
          source: 'kubernetes',
          message: "Cannot read properties of undefined (reading 'httpGet')",
        },
        remediation: expect.any(String),
      });
      expect(result(s.checks, 'INF-RESOURCES').status).toBe('pass');
      expect(s.checks.map(c => c.checkId)).toEqual(SERVICE_CHECK_IDS);
    } finally {
      restore();
    }
  });

  it('turns a malformed outcome into unknown', () => {
    const restore = stub(SERVICE_CHECKS, 'OPS-ALERTS', (() => ({
      status: 'ok',
    })) as any);
    try {
      const s = evaluateService(index, serviceTarget(), new Map(), options);
      expect(result(s.checks, 'OPS-ALERTS')).toMatchObject({
        status: 'unknown',
        error: { message: 'returned an invalid outcome: {"status":"ok"}' },
      });
    } finally {
      restore();
    }
  });

  it('attaches an active exemption (leaving the score) and ignores an expired one with an evidence line', () => {
    const target = serviceTarget({
      exemptions: [
        {
          checkId: 'HA-SPREAD',
          reason: 'single-node lab cluster',
          expires: '2027-01-31',
          origin: 'annotation',
        },
        {
          checkId: 'DR-BACKUP-SCHEDULE',
          reason: 'migration',
          expires: '2026-01-31',
          origin: 'config',
        },
      ],
    });
    const s = evaluateService(index, target, new Map(), options);
    const spread = result(s.checks, 'HA-SPREAD');
    expect(spread.exemption).toEqual(target.exemptions[0]);
    expect(spread.status).toBe('warn');
    const schedule = result(s.checks, 'DR-BACKUP-SCHEDULE');
    expect(schedule.exemption).toBeUndefined();
    expect(schedule.evidence).toContain(
      'exemption expired 2026-01-31 (config: migration)',
    );

    const without = evaluateService(index, serviceTarget(), new Map(), options);
    expect(s.overall.excluded).toBe(without.overall.excluded + 1);
  });
});

describe('evaluatePlatform', () => {
  it('turns a throwing platform check into unknown without stopping the others', () => {
    const restore = stub(PLATFORM_CHECKS, 'PLAT-NODES', () => {
      throw new Error('boom');
    });
    try {
      const checks = evaluatePlatform(
        new SweepIndex(factsFrom(objects)),
        options,
      );
      expect(result(checks, 'PLAT-NODES')).toMatchObject({
        status: 'unknown',
        error: { source: 'kubernetes', message: 'boom' },
      });
      expect(checks.map(c => c.checkId)).toEqual(PLATFORM_CHECK_IDS);
      expect(result(checks, 'PLAT-VAULT').status).toBe('n/a');
    } finally {
      restore();
    }
  });
});
