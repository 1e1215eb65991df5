import type { CheckResult } from '@254carbon/plugin-readiness-common';
import { serviceTarget } from '../testing/builders';
import { applyThresholdOverrides, isLooser } from './loosening';

describe('a threshold loosened by an entity annotation is visible in the result', () => {
  const target = serviceTarget({
    thresholdOverrides: [
      {
        key: 'minReplicas',
        value: 1,
        base: 2,
        loosened: true,
        origin: 'annotation',
      },
      {
        key: 'rpoHours',
        value: 0.5,
        base: 1,
        loosened: false,
        origin: 'annotation',
      },
    ],
  });

  it('names what was changed, to what, and from where, on the checks that read it', () => {
    const result: CheckResult = {
      checkId: 'HA-REPLICAS',
      status: 'pass',
      evidence: ['Deployment data-platform/doris replicas 1 (required 1)'],
    };
    applyThresholdOverrides(result, target);
    expect(result.thresholdOverrides).toEqual([
      {
        key: 'minReplicas',
        value: 1,
        base: 2,
        loosened: true,
        origin: 'annotation',
      },
    ]);
    expect(result.evidence).toContain(
      'threshold minReplicas loosened to 1 (config 2) by the annotation',
    );
  });

  it('leaves checks that do not read the threshold alone', () => {
    const result: CheckResult = {
      checkId: 'INF-PROBES',
      status: 'pass',
      evidence: [],
    };
    applyThresholdOverrides(result, target);
    expect(result.thresholdOverrides).toBeUndefined();
    expect(result.evidence).toEqual([]);
  });

  it('knows which way each threshold loosens', () => {
    expect(isLooser('minReplicas', 1, 2)).toBe(true);
    expect(isLooser('rpoHours', 4, 1)).toBe(true);
    expect(isLooser('rpoHours', 0.5, 1)).toBe(false);
    expect(isLooser('allowedRegistries', ['a', 'b'], ['a'])).toBe(true);
    expect(isLooser('allowedRegistries', ['a'], ['a', 'b'])).toBe(false);
  });
});
