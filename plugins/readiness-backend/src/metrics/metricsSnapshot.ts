import {
  CHECK_STATUSES,
  CheckStatus,
  getCheck,
  Layer,
  LAYERS,
  scoreResults,
  Severity,
  SEVERITY_WEIGHTS,
} from '@254carbon/plugin-readiness-common';
import type { ScopedSummary } from '../service/summary';

/** `layer` label values: the three layers plus the overall score. */
export type ScoreLabel = Layer | 'overall';

const SEVERITIES = Object.keys(SEVERITY_WEIGHTS) as Severity[];

/** One sample of a gauge: its value and its labels (entity refs, fixed vocabularies; never evidence). */
export interface Sample {
  value: number;
  labels: Record<string, string>;
}

/** The gauge values derived from the latest stored results, one list per metric. */
export interface MetricsSnapshot {
  entityScores: Sample[];
  entityChecks: Sample[];
  platformClusterScores: Sample[];
  platformScores: Sample[];
  /** Nearest certificate expiry per entity; days are counted at scrape time. */
  certificateExpiries: { entity: string; expiresAt: number }[];
  services: number;
  lastSweep?: ScopedSummary['lastSweep'];
}

function scoreSamples(
  labels: Record<string, string>,
  overall: number | null,
  layers: Record<Layer, number | null>,
): Sample[] {
  // A score of null (nothing counted: all n/a, exempt or blocked) is left out, not reported as 0.
  const values: [ScoreLabel, number | null][] = [
    ['overall', overall],
    ...LAYERS.map(l => [l, layers[l]] as [ScoreLabel, number | null]),
  ];
  return values
    .filter((v): v is [ScoreLabel, number] => v[1] !== null)
    .map(([layer, value]) => ({ value, labels: { ...labels, layer } }));
}

/**
 * Turns the summary's view of the store (the same numbers GET /summary serves) into gauge
 * samples. Every status and severity is reported, zeros included, so `== 0` queries work.
 */
export function metricsSnapshot(summary: ScopedSummary): MetricsSnapshot {
  const entityScores: Sample[] = [];
  const entityChecks: Sample[] = [];
  const certificateExpiries: MetricsSnapshot['certificateExpiries'] = [];
  for (const entry of summary.entries) {
    const entity = entry.row.entityRef;
    entityScores.push(...scoreSamples({ entity }, entry.row.overall, entry.row.layers));
    const counts = new Map<string, number>();
    for (const [checkId, status] of Object.entries(entry.statuses)) {
      const severity = getCheck(checkId)?.severity ?? 'medium';
      const key = `${severity}/${status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const severity of SEVERITIES) {
      for (const status of CHECK_STATUSES) {
        entityChecks.push({
          value: counts.get(`${severity}/${status}`) ?? 0,
          labels: { entity, severity, status: status as CheckStatus },
        });
      }
    }
    const expiresAt = entry.certificateExpiresAt ? Date.parse(entry.certificateExpiresAt) : NaN;
    if (!Number.isNaN(expiresAt)) certificateExpiries.push({ entity, expiresAt });
  }

  const platformClusterScores: Sample[] = [];
  const platform = summary.platform;
  if (platform) {
    // One row per cluster; without clusters (no Kubernetes source) the platform row itself.
    const clusters = platform.clusters?.length
      ? platform.clusters
      : [{ cluster: '', checks: platform.checks }];
    for (const { cluster, checks } of clusters) {
      const scores = scoreResults(checks);
      platformClusterScores.push(
        ...scoreSamples(
          { cluster },
          scores.overall.percent,
          Object.fromEntries(LAYERS.map(l => [l, scores.layers[l].percent])) as Record<
            Layer,
            number | null
          >,
        ),
      );
    }
  }

  return {
    entityScores,
    entityChecks,
    platformClusterScores,
    platformScores: scoreSamples({}, summary.aggregate.overall, summary.aggregate.layers),
    certificateExpiries,
    services: summary.entries.length,
    lastSweep: summary.lastSweep,
  };
}
