import type { SummaryResponse } from '../api';
import { CHECK_STATUSES, CheckStatus, Layer, LAYERS, PHASES, PlatformReadiness } from '../model';
import { meanPercent, scoreResults } from '../scoring';
import type { ReportEntry } from './entry';

/** The platform checks' overall and per-layer percentages, each one more member of the means. */
export interface PlatformScores {
  overall: number | null;
  layers: Record<Layer, number | null>;
}

export function platformScores(platform: PlatformReadiness): PlatformScores {
  const scores = scoreResults(platform.checks);
  return {
    overall: scores.overall.percent,
    layers: Object.fromEntries(LAYERS.map(l => [l, scores.layers[l].percent])) as Record<Layer, number | null>,
  };
}

/** Nulls last whatever the direction: a service with nothing scored is not "best" or "worst". */
function compareNullable(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/**
 * GET /summary's aggregate over some services (and the platform, when measured): the figures the
 * status report quotes, computed once here for the backend and the CI audit alike.
 */
export function summaryAggregate(
  entries: readonly ReportEntry[],
  platform: PlatformScores | undefined,
): SummaryResponse['aggregate'] {
  // The platform checks count as one more member of each mean, as in the status report.
  const withPlatform = (values: (number | null)[], value: number | null | undefined) =>
    meanPercent(platform ? [...values, value ?? null] : values);

  const layers = Object.fromEntries(
    LAYERS.map(l => [l, withPlatform(entries.map(e => e.row.layers[l]), platform?.layers[l])]),
  ) as Record<Layer, number | null>;

  const phases: Record<string, number | null> = {};
  for (const phase of PHASES) {
    phases[phase] = entries.length
      ? Math.round((entries.filter(e => e.row.phasesComplete.includes(phase)).length / entries.length) * 1000) / 10
      : null;
  }

  const byCheck: Record<string, Record<CheckStatus, number>> = {};
  const owners = new Map<string, (number | null)[]>();
  for (const entry of entries) {
    for (const [checkId, status] of Object.entries(entry.statuses)) {
      (byCheck[checkId] ??= Object.fromEntries(CHECK_STATUSES.map(s => [s, 0])) as Record<CheckStatus, number>)[
        status
      ] += 1;
    }
    const owner = entry.row.owner ?? 'unowned';
    const list = owners.get(owner);
    if (list) list.push(entry.row.overall);
    else owners.set(owner, [entry.row.overall]);
  }

  return {
    overall: withPlatform(entries.map(e => e.row.overall), platform?.overall),
    layers,
    phases,
    byCheck,
    byOwner: [...owners]
      .map(([owner, values]) => ({ owner, services: values.length, overall: meanPercent(values) }))
      .sort((a, b) => compareNullable(a.overall, b.overall) || a.owner.localeCompare(b.owner)),
  };
}
