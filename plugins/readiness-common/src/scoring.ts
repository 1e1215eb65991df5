import { getCheck } from './catalog';
import {
  CHECK_STATUSES,
  CheckResult,
  CheckStatus,
  Exemption,
  Layer,
  LAYERS,
  Phase,
  PhaseSummary,
  PHASES,
  ScoreSummary,
  SEVERITY_WEIGHTS,
} from './model';

const VALUE: Record<CheckStatus, number | undefined> = {
  pass: 1,
  warn: 0.5,
  fail: 0,
  // unknown counts as 0 so an unreadable source never inflates a score.
  unknown: 0,
  // n/a leaves the denominator.
  'n/a': undefined,
};

/** True when an exemption is still in force at `now`. Dates without a time end at midnight UTC. */
export function isExemptionActive(exemption: Exemption, now: Date): boolean {
  const expiry = /^\d{4}-\d{2}-\d{2}$/.test(exemption.expires)
    ? new Date(`${exemption.expires}T23:59:59.999Z`)
    : new Date(exemption.expires);
  return !Number.isNaN(expiry.getTime()) && expiry.getTime() >= now.getTime();
}

/** Whether a result is left out of the denominator although it stays visible: exempted or blocked. */
export function isExcluded(result: CheckResult): boolean {
  return Boolean(result.exemption || result.blockedBy);
}

// Plain loops rather than Object.fromEntries(array.map(...)): these run several times per service
// per sweep, and the iterator protocol made them a tenth of a 5,000-service sweep's engine time.
function emptyCounts(): Record<CheckStatus, number> {
  const counts = {} as Record<CheckStatus, number>;
  for (const status of CHECK_STATUSES) counts[status] = 0;
  return counts;
}

/** Weighted score of a set of results: critical 3, high 2, medium 1; pass 1, warn 0.5, fail 0. */
export function summarize(results: readonly CheckResult[]): ScoreSummary {
  const counts = emptyCounts();
  let weighted = 0;
  let total = 0;
  let scored = 0;
  let excluded = 0;
  for (const result of results) {
    counts[result.status] += 1;
    if (isExcluded(result)) {
      excluded += 1;
      continue;
    }
    const value = VALUE[result.status];
    if (value === undefined) continue;
    const weight =
      SEVERITY_WEIGHTS[getCheck(result.checkId)?.severity ?? 'medium'];
    weighted += weight * value;
    total += weight;
    scored += 1;
  }
  return {
    percent: total === 0 ? null : Math.round((weighted / total) * 1000) / 10,
    counts,
    scored,
    excluded,
  };
}

/**
 * The phase gate, as the catalog's Scoring section states it and the one place it is decided: a
 * phase is complete when every check of it passes or warns; `n/a` and exempted checks do not hold
 * it open; `fail`, `unknown` and `blockedBy` do. Returns why this result holds its phase open,
 * or undefined when it does not. An exemption lets a check through even when it is blocked.
 */
export function holdsPhaseOpen(result: CheckResult): string | undefined {
  if (result.exemption) return undefined;
  if (result.blockedBy) return `blocked by ${result.blockedBy}`;
  if (result.status === 'fail' || result.status === 'unknown')
    return result.status;
  return undefined;
}

/** Scores a phase and applies the gate (`holdsPhaseOpen`). */
export function summarizePhase(results: readonly CheckResult[]): PhaseSummary {
  const summary = summarize(results);
  const complete = results.every(r => holdsPhaseOpen(r) === undefined);
  return { ...summary, complete };
}

function groupBy<K extends string>(
  results: readonly CheckResult[],
  keys: readonly K[],
  keyOf: (r: CheckResult) => K | undefined,
): Record<K, CheckResult[]> {
  const groups = {} as Record<K, CheckResult[]>;
  for (const k of keys) groups[k] = [];
  for (const r of results) {
    const key = keyOf(r);
    if (key) groups[key].push(r);
  }
  return groups;
}

/** Overall, per-layer and per-phase scores of one service's (or the platform's) results. */
export function scoreResults(results: readonly CheckResult[]): {
  overall: ScoreSummary;
  layers: Record<Layer, ScoreSummary>;
  phases: Record<Phase, PhaseSummary>;
} {
  const byLayer = groupBy(results, LAYERS, r => getCheck(r.checkId)?.layer);
  const byPhase = groupBy(results, PHASES, r => getCheck(r.checkId)?.phase);
  const layers = {} as Record<Layer, ScoreSummary>;
  for (const l of LAYERS) layers[l] = summarize(byLayer[l]);
  const phases = {} as Record<Phase, PhaseSummary>;
  for (const p of PHASES) phases[p] = summarizePhase(byPhase[p]);
  return { overall: summarize(results), layers, phases };
}

/**
 * Platform % for one group, as in the report's dashboard: the mean over services' percentages
 * plus the platform checks' percentage counted as one more member. Nulls (nothing scored) are skipped.
 */
export function meanPercent(
  percents: readonly (number | null)[],
): number | null {
  const values = percents.filter((p): p is number => p !== null);
  if (values.length === 0) return null;
  return (
    Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10
  );
}
