import {
  CheckResult,
  CheckStatus,
  getCheck,
  Severity,
} from '@254carbon/plugin-readiness-common';

// One rounding rule for every view and the CSV: it lives in -common beside the scoring.
export {
  formatPercent,
  roundPercent,
} from '@254carbon/plugin-readiness-common';

export type ScoreLevel = 'ok' | 'warning' | 'error';

/** The band in words, for the text cue beside a coloured score: colour is never the only signal. */
export const SCORE_LEVEL_LABELS: Record<ScoreLevel, string> = {
  ok: 'ready',
  warning: 'needs work',
  error: 'not ready',
};

/** One place for the colour bands, so the card, the tab and the tables agree. */
export function scoreLevel(
  percent: number | null | undefined,
): ScoreLevel | undefined {
  if (percent === null || percent === undefined) return undefined;
  if (percent >= 90) return 'ok';
  if (percent >= 60) return 'warning';
  return 'error';
}

export const STATUS_LABELS: Record<CheckStatus, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  'n/a': 'Not applicable',
  unknown: 'Unknown',
};

const SEVERITY_RANK: Record<Severity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
};

// An unreadable source ranks between a failure and a warning: it may hide a failure.
const STATUS_RANK: Record<CheckStatus, number> = {
  fail: 0,
  unknown: 1,
  warn: 2,
  pass: 3,
  'n/a': 4,
};

export function severityOf(checkId: string): Severity {
  return getCheck(checkId)?.severity ?? 'medium';
}

export function checkTitle(checkId: string): string {
  return getCheck(checkId)?.title ?? checkId;
}

/** Worst status first, then the most severe check, then the id for a stable order. */
export function compareByStatus(a: CheckResult, b: CheckResult): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    SEVERITY_RANK[severityOf(a.checkId)] -
      SEVERITY_RANK[severityOf(b.checkId)] ||
    a.checkId.localeCompare(b.checkId)
  );
}

/** Most severe check first, then the worst status. */
export function compareBySeverity(a: CheckResult, b: CheckResult): number {
  return (
    SEVERITY_RANK[severityOf(a.checkId)] -
      SEVERITY_RANK[severityOf(b.checkId)] ||
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    a.checkId.localeCompare(b.checkId)
  );
}

/**
 * The checks that need work: failing, unknown or warning, and neither exempted nor blocked by a
 * platform failure (those are fixed elsewhere), most important first.
 */
export function topProblems(
  checks: readonly CheckResult[],
  count: number,
): CheckResult[] {
  return checks
    .filter(
      c =>
        (c.status === 'fail' ||
          c.status === 'unknown' ||
          c.status === 'warn') &&
        !c.exemption &&
        !c.blockedBy,
    )
    .sort(compareBySeverity)
    .slice(0, count);
}

export function remediationOf(result: CheckResult): string | undefined {
  return result.remediation ?? getCheck(result.checkId)?.remediation;
}
