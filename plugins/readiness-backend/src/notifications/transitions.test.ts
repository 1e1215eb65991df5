import type {
  CheckResult,
  CheckStatus,
} from '@254carbon/plugin-readiness-common';
import { diffStatuses } from './transitions';

const check = (
  checkId: string,
  status: CheckStatus,
  extra: Partial<CheckResult> = {},
): CheckResult => ({
  checkId,
  status,
  evidence: [],
  ...extra,
});

describe('diffStatuses', () => {
  it('records a subject seen for the first time without any regression, even with failures', () => {
    const diff = diffStatuses(undefined, [
      check('INF-IMAGES', 'fail'),
      check('HA-PDB', 'pass'),
    ]);
    expect(diff.regressions).toEqual([]);
    expect(diff.changed).toBe(true);
    expect(diff.next).toEqual({ 'INF-IMAGES': 'fail', 'HA-PDB': 'pass' });
  });

  it('reports pass → fail and warn → fail, with the previous status', () => {
    const diff = diffStatuses({ A: 'pass', B: 'warn' }, [
      check('A', 'fail'),
      check('B', 'fail'),
    ]);
    expect(diff.regressions.map(r => [r.result.checkId, r.previous])).toEqual([
      ['A', 'pass'],
      ['B', 'warn'],
    ]);
    expect(diff.next).toEqual({ A: 'fail', B: 'fail' });
  });

  it('does not report a failure that holds, nor fail → unknown → fail', () => {
    let diff = diffStatuses({ A: 'fail' }, [check('A', 'fail')]);
    expect(diff.regressions).toEqual([]);
    expect(diff.changed).toBe(false);
    diff = diffStatuses(diff.next, [check('A', 'unknown')]);
    expect(diff.next).toEqual({ A: 'fail' });
    diff = diffStatuses(diff.next, [check('A', 'fail')]);
    expect(diff.regressions).toEqual([]);
  });

  it('reports pass → unknown → fail: an unreadable source in between teaches nothing', () => {
    let diff = diffStatuses({ A: 'pass' }, [check('A', 'unknown')]);
    expect(diff.changed).toBe(false);
    diff = diffStatuses(diff.next, [check('A', 'fail')]);
    expect(diff.regressions.map(r => r.result.checkId)).toEqual(['A']);
  });

  it('ignores exempted checks and checks blocked by a failing platform check', () => {
    const diff = diffStatuses({ A: 'pass', B: 'pass' }, [
      check('A', 'fail', {
        exemption: {
          checkId: 'A',
          reason: 'accepted',
          expires: '2099-01-01',
          origin: 'config',
        },
      }),
      check('B', 'fail', { blockedBy: 'PLAT-NODES' }),
    ]);
    expect(diff.regressions).toEqual([]);
    expect(diff.next).toEqual({ A: 'pass', B: 'pass' });
  });

  it('records a check new to a known subject without reporting it', () => {
    const diff = diffStatuses({ A: 'pass' }, [
      check('A', 'pass'),
      check('ORG-NEW', 'fail'),
    ]);
    expect(diff.regressions).toEqual([]);
    expect(diff.next).toEqual({ A: 'pass', 'ORG-NEW': 'fail' });
  });
});
