import {
  LAYERS,
  PHASES,
  type CheckStatus,
  type ServiceReadiness,
} from '@254carbon/plugin-readiness-common';
import { readinessFactNames, SCHEMA_CHECKS } from './schema';

/** The statuses published as a check's fact; `unknown` is a missing value, not a status. */
const PUBLISHED: ReadonlySet<CheckStatus> = new Set(['pass', 'warn', 'fail', 'n/a']);

/** Fact values of one entity, and why each fact left out is absent. */
export interface EntityFacts {
  facts: Record<string, string | number | boolean>;
  /** One line per absent fact: its name and the reason, for the retriever's log. */
  absent: string[];
}

/**
 * Turns one entity's readiness result (as GET /entities/... returns it) into fact values.
 * Only measured values are published: a score that is null, a check that is unknown or not in
 * the result, leaves its fact out and says why, so a Tech Insights rule never reads a default.
 */
export function toFacts(result: ServiceReadiness): EntityFacts {
  const facts: EntityFacts['facts'] = {
    [readinessFactNames.measuredAt]: result.measuredAt,
    [readinessFactNames.stale]: result.stale,
  };
  const absent: string[] = [];

  if (result.overall.percent === null) {
    absent.push(`${readinessFactNames.overallScore}: no check counts towards the score`);
  } else {
    facts[readinessFactNames.overallScore] = result.overall.percent;
  }
  for (const layer of LAYERS) {
    const name = readinessFactNames.layerScore(layer);
    const percent = result.layers[layer]?.percent;
    if (percent === null || percent === undefined) {
      absent.push(
        `${name}: ${percent === null ? 'no check of the layer counts towards the score' : 'the result has no score for the layer'}`,
      );
    } else {
      facts[name] = percent;
    }
  }
  for (const phase of PHASES) {
    const name = readinessFactNames.phaseComplete(phase);
    const summary = result.phases[phase];
    if (!summary) {
      absent.push(`${name}: the result has no summary for phase ${phase}`);
    } else {
      facts[name] = summary.complete;
    }
  }

  const byId = new Map(result.checks.map(c => [c.checkId, c]));
  for (const check of SCHEMA_CHECKS) {
    const name = readinessFactNames.checkStatus(check.id);
    const found = byId.get(check.id);
    if (!found) {
      absent.push(`${name}: not in the readiness result`);
    } else if (!PUBLISHED.has(found.status)) {
      const why = found.error
        ? `${found.error.source}: ${found.error.message}`
        : (found.evidence[0] ?? 'no reason given');
      absent.push(`${name}: ${found.status} (${why})`);
    } else {
      facts[name] = found.status;
    }
  }
  return { facts, absent };
}
