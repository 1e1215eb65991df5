import type { ServiceSummaryRow } from '../api';
import { CheckStatus, PHASES, ServiceReadiness } from '../model';

/**
 * What the report and the summary's aggregate read of one service: the backend's stored summary
 * entry is one (it has more), and `reportEntryFrom` makes one from an evaluated result.
 */
export interface ReportEntry {
  row: Pick<
    ServiceSummaryRow,
    'entityRef' | 'owner' | 'measuredAt' | 'overall' | 'layers' | 'counts' | 'phasesComplete' | 'problems'
  >;
  /** Status by check id; exempted checks keep their raw status and are listed in `exempt`. */
  statuses: Record<string, CheckStatus>;
  exempt: string[];
  /** The result is the previous one because the latest measurement failed. */
  stale: boolean;
}

/** A report entry straight from an evaluated result (the CI audit has no stored summary). */
export function reportEntryFrom(result: ServiceReadiness, owner?: string): ReportEntry {
  const statuses: Record<string, CheckStatus> = {};
  const exempt: string[] = [];
  for (const check of result.checks) {
    statuses[check.checkId] = check.status;
    if (check.exemption) exempt.push(check.checkId);
  }
  return {
    row: {
      entityRef: result.entityRef,
      owner,
      measuredAt: result.measuredAt,
      overall: result.overall.percent,
      layers: {
        infrastructure: result.layers.infrastructure?.percent ?? null,
        security: result.layers.security?.percent ?? null,
        operations: result.layers.operations?.percent ?? null,
      },
      counts: result.overall.counts,
      phasesComplete: PHASES.filter(p => result.phases[p]?.complete),
      // The report reads which check blocks which; problem order does not matter to it.
      problems: result.checks
        .filter(c => c.blockedBy)
        .map(({ checkId, status, blockedBy }) => ({ checkId, status, blockedBy })),
    },
    statuses,
    exempt,
    stale: result.stale,
  };
}
