import type { CheckResult } from './model';
import {
  holdsPhaseOpen,
  isExemptionActive,
  scoreResults,
  summarize,
  summarizePhase,
} from './scoring';

const r = (
  checkId: string,
  status: CheckResult['status'],
  extra: Partial<CheckResult> = {},
): CheckResult => ({
  checkId,
  status,
  evidence: [],
  ...extra,
});

describe('summarize', () => {
  it('weights by severity (critical 3, high 2, medium 1) and values pass 1, warn 0.5, fail 0', () => {
    // INF-WORKLOAD critical pass (3), INF-IMAGES high warn (2 × 0.5), INF-RESOURCES medium fail (0)
    const s = summarize([
      r('INF-WORKLOAD', 'pass'),
      r('INF-IMAGES', 'warn'),
      r('INF-RESOURCES', 'fail'),
    ]);
    expect(s.percent).toBe(66.7); // (3 + 1 + 0) / 6
    expect(s.scored).toBe(3);
  });

  it('leaves n/a out of the denominator but counts unknown as 0', () => {
    expect(
      summarize([r('INF-WORKLOAD', 'pass'), r('INF-IMAGES', 'n/a')]).percent,
    ).toBe(100);
    const withUnknown = summarize([
      r('INF-WORKLOAD', 'pass'),
      r('INF-IMAGES', 'unknown'),
    ]);
    expect(withUnknown.percent).toBe(60); // 3 / (3 + 2)
    expect(withUnknown.counts.unknown).toBe(1);
  });

  it('leaves exempted and blocked results out of the denominator, still counted as seen', () => {
    const exemption = {
      checkId: 'INF-IMAGES',
      reason: 'vendor image',
      expires: '2099-01-01',
      origin: 'config' as const,
    };
    const s = summarize([
      r('INF-WORKLOAD', 'pass'),
      r('INF-IMAGES', 'fail', { exemption }),
      r('DR-BACKUP-SCHEDULE', 'fail', { blockedBy: 'PLAT-BACKUP' }),
    ]);
    expect(s).toMatchObject({ percent: 100, scored: 1, excluded: 2 });
    expect(s.counts.fail).toBe(2);
  });

  it('has no percentage when nothing counts', () => {
    expect(summarize([r('INF-IMAGES', 'n/a')]).percent).toBeNull();
  });
});

describe('summarizePhase', () => {
  it('is complete when every check passes or warns', () => {
    expect(
      summarizePhase([r('INF-WORKLOAD', 'pass'), r('INF-IMAGES', 'warn')])
        .complete,
    ).toBe(true);
  });

  it('is open with a failing or unknown check', () => {
    expect(
      summarizePhase([r('INF-WORKLOAD', 'pass'), r('INF-IMAGES', 'fail')])
        .complete,
    ).toBe(false);
    expect(summarizePhase([r('INF-WORKLOAD', 'unknown')]).complete).toBe(false);
  });

  it('stays open while a check is blocked by a failing platform check', () => {
    const phase = summarizePhase([
      r('DR-BACKUP-SCHEDULE', 'fail', { blockedBy: 'PLAT-BACKUP' }),
    ]);
    expect(phase.complete).toBe(false);
    expect(phase.percent).toBeNull();
  });

  it('lets an exempted check through the gate', () => {
    const exemption = {
      checkId: 'HA-PDB',
      reason: 'single writer',
      expires: '2099-01-01',
      origin: 'annotation' as const,
    };
    expect(
      summarizePhase([
        r('HA-REPLICAS', 'pass'),
        r('HA-PDB', 'fail', { exemption }),
      ]).complete,
    ).toBe(true);
  });
});

describe('the phase gate, as the Scoring section words it', () => {
  const exemption = {
    checkId: 'HA-PDB',
    reason: 'single writer',
    expires: '2099-01-01',
    origin: 'config' as const,
  };

  it('is complete when every check of the phase passes or warns', () => {
    expect(
      summarizePhase([r('HA-REPLICAS', 'pass'), r('HA-PDB', 'warn')]).complete,
    ).toBe(true);
  });

  it('is not held open by n/a or exempted checks', () => {
    expect(
      summarizePhase([
        r('HA-REPLICAS', 'pass'),
        r('HA-SPREAD', 'n/a'),
        r('HA-PDB', 'fail', { exemption }),
      ]).complete,
    ).toBe(true);
  });

  it.each<[string, CheckResult]>([
    ['fail', r('HA-PDB', 'fail')],
    ['unknown', r('HA-PDB', 'unknown')],
    [
      'blocked by PLAT-NODES',
      r('HA-SPREAD', 'n/a', { blockedBy: 'PLAT-NODES' }),
    ],
    [
      'blocked by PLAT-NODES',
      r('HA-SPREAD', 'pass', { blockedBy: 'PLAT-NODES' }),
    ],
  ])('is held open by %s', (why, result) => {
    expect(holdsPhaseOpen(result)).toBe(why);
    expect(summarizePhase([r('HA-REPLICAS', 'pass'), result]).complete).toBe(
      false,
    );
  });

  it('lets an exempted check through even when it is blocked', () => {
    expect(
      holdsPhaseOpen(
        r('HA-SPREAD', 'fail', { exemption, blockedBy: 'PLAT-NODES' }),
      ),
    ).toBeUndefined();
  });
});

describe('scoreResults', () => {
  it('groups by the catalog layer and phase of each check', () => {
    const s = scoreResults([
      r('INF-WORKLOAD', 'pass'),
      r('SEC-RBAC', 'fail'),
      r('OPS-METRICS', 'warn'),
    ]);
    expect(s.layers.infrastructure.percent).toBe(100);
    expect(s.layers.security.percent).toBe(0);
    expect(s.layers.operations.percent).toBe(50);
    expect(s.phases.P1.complete).toBe(true);
    expect(s.phases.P2.complete).toBe(false);
  });
});

describe('isExemptionActive', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const e = (expires: string) => ({
    checkId: 'X',
    reason: 'r',
    expires,
    origin: 'config' as const,
  });
  it('counts a date-only expiry until the end of that day (UTC)', () => {
    expect(isExemptionActive(e('2026-11-26'), now)).toBe(true);
    expect(isExemptionActive(e('2026-11-25'), now)).toBe(false);
  });
  it('treats an unparseable expiry as expired', () => {
    expect(isExemptionActive(e('someday'), now)).toBe(false);
  });
});
