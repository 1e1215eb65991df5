import type { CheckResult } from '@254carbon/plugin-readiness-common';

/** A status that says something about the thing checked (unknown and n/a say nothing). */
export type SettledStatus = 'pass' | 'warn' | 'fail';

/** Per check id, the last settled status of one subject. */
export type SettledStatuses = Record<string, SettledStatus>;

/** A check that went from pass or warn to fail. */
export interface Regression {
  result: CheckResult;
  previous: 'pass' | 'warn';
}

/**
 * The status a result settles the check at, or undefined when it teaches nothing new: `unknown`
 * (a source was unreadable), `n/a`, blocked by a failing platform check (the platform team hears
 * about that one) or exempted (the risk is accepted). An unsettled result keeps the last settled
 * status, so fail → unknown → fail is not a new regression while pass → unknown → fail is.
 */
export function settledStatus(result: CheckResult): SettledStatus | undefined {
  if (result.exemption || result.blockedBy) return undefined;
  switch (result.status) {
    case 'pass':
    case 'warn':
    case 'fail':
      return result.status;
    default:
      return undefined;
  }
}

/**
 * Compares a subject's new results with what was stored. A subject seen for the first time (no
 * stored statuses: the first sweep after install, a new service) is only recorded, never
 * notified, so installing the plugin does not flood every owner with the current failures.
 */
export function diffStatuses(
  stored: SettledStatuses | undefined,
  checks: readonly CheckResult[],
): { next: SettledStatuses; regressions: Regression[]; changed: boolean } {
  const next: SettledStatuses = { ...stored };
  const regressions: Regression[] = [];
  let changed = !stored;
  for (const result of checks) {
    const now = settledStatus(result);
    if (!now) continue;
    const before = stored?.[result.checkId];
    if (now === 'fail' && (before === 'pass' || before === 'warn')) {
      regressions.push({ result, previous: before });
    }
    if (before !== now) {
      next[result.checkId] = now;
      changed = true;
    }
  }
  return { next, regressions, changed };
}
