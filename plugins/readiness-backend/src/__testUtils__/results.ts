import {
  CheckResult,
  CheckStatus,
  PlatformReadiness,
  scoreResults,
  ServiceReadiness,
} from '@254carbon/plugin-readiness-common';

/** A scored ServiceReadiness from check statuses, the way the engine shapes it. */
export function serviceResult(
  entityRef: string,
  statuses: Record<string, CheckStatus | Partial<CheckResult>>,
  measuredAt = '2026-11-26T12:00:00.000Z',
): ServiceReadiness {
  const checks: CheckResult[] = Object.entries(statuses).map(([checkId, s]) =>
    typeof s === 'string'
      ? { checkId, status: s, evidence: [`${checkId} evidence`] }
      : { checkId, status: 'pass', evidence: [], ...s },
  );
  return {
    entityRef,
    measuredAt,
    stale: false,
    ...scoreResults(checks),
    checks,
    entityErrors: [],
  };
}

export function platformResult(
  statuses: Record<string, CheckStatus>,
  measuredAt = '2026-11-26T12:00:00.000Z',
): PlatformReadiness {
  const checks: CheckResult[] = Object.entries(statuses).map(([checkId, status]) => ({
    checkId,
    status,
    evidence: [],
  }));
  return { measuredAt, stale: false, checks, overall: scoreResults(checks).overall };
}
