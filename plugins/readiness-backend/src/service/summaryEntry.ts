import {
  CheckResult,
  CheckStatus,
  getCheck,
  Layer,
  LAYERS,
  PHASES,
  ServiceReadiness,
  ServiceSummaryRow,
  SEVERITY_WEIGHTS,
} from '@254carbon/plugin-readiness-common';

/** Catalog facts about an entity that the summary filters on. */
export interface EntityMeta {
  title?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  /** Kubernetes namespaces the service lives in. */
  namespaces: string[];
}

/**
 * What GET /summary needs of one service, computed once when a result is stored: the row as
 * served plus each check's status, so filtering thousands of services never re-reads evidence.
 */
export interface SummaryEntry {
  row: Omit<ServiceSummaryRow, 'stale'>;
  namespaces: string[];
  /** The clusters the service was judged in (placement for the next sweep, cluster filter). */
  clusters?: string[];
  /** Status by check id; exempted checks are recorded as their raw status with `exempt`. */
  statuses: Record<string, CheckStatus>;
  exempt: string[];
  /** The nearest certificate expiry any check read (CheckResult.expiresAt), for the metrics. */
  certificateExpiresAt?: string;
}

const STATUS_RANK: Record<CheckStatus, number> = {
  fail: 0,
  unknown: 1,
  warn: 2,
  pass: 3,
  'n/a': 4,
};

function isProblem(result: CheckResult): boolean {
  return (
    !result.exemption &&
    (result.status === 'fail' || result.status === 'warn' || result.status === 'unknown')
  );
}

/** Worst first: severity (critical before medium), then fail, unknown, warn. */
export function worstFirst(a: CheckResult, b: CheckResult): number {
  const weight = (r: CheckResult) => SEVERITY_WEIGHTS[getCheck(r.checkId)?.severity ?? 'medium'];
  return (
    weight(b) - weight(a) ||
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    a.checkId.localeCompare(b.checkId)
  );
}

/**
 * The shape of what summaryEntryFrom returns. Stored rows are rewritten only when their
 * fingerprint changes, and the fingerprint hashes the result, not the entry: bump this when the
 * entry changes so every stored entry is rewritten once.
 */
export const SUMMARY_ENTRY_VERSION = 1;

export function summaryEntryFrom(result: ServiceReadiness, meta: EntityMeta): SummaryEntry {
  const statuses: Record<string, CheckStatus> = {};
  const exempt: string[] = [];
  let certificateExpiresAt: string | undefined;
  for (const check of result.checks) {
    statuses[check.checkId] = check.status;
    if (check.exemption) exempt.push(check.checkId);
    if (
      check.expiresAt &&
      (!certificateExpiresAt || Date.parse(check.expiresAt) < Date.parse(certificateExpiresAt))
    ) {
      certificateExpiresAt = check.expiresAt;
    }
  }
  return {
    row: {
      entityRef: result.entityRef,
      title: meta.title,
      owner: meta.owner,
      system: meta.system,
      lifecycle: meta.lifecycle,
      namespace: meta.namespaces.join(',') || undefined,
      measuredAt: result.measuredAt,
      overall: result.overall.percent,
      layers: Object.fromEntries(
        LAYERS.map(l => [l, result.layers[l]?.percent ?? null]),
      ) as Record<Layer, number | null>,
      phasesComplete: PHASES.filter(p => result.phases[p]?.complete),
      counts: result.overall.counts,
      problems: result.checks
        .filter(isProblem)
        .sort(worstFirst)
        .map(({ checkId, status, blockedBy }) =>
          blockedBy ? { checkId, status, blockedBy } : { checkId, status },
        ),
      entityErrors: result.entityErrors,
    },
    namespaces: meta.namespaces,
    clusters: result.clusters ?? [],
    statuses,
    exempt,
    ...(certificateExpiresAt ? { certificateExpiresAt } : {}),
  };
}
