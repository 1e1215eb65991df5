import {
  allChecks,
  buildReport,
  CheckResult,
  platformScores,
  renderMarkdown,
  reportEntryFrom,
  summaryAggregate,
  SweepInfo,
} from '@254carbon/plugin-readiness-common';
import { AuditReport } from '../audit';

/** The sources the engine could not read, from the `unknown` results that name one. */
function unreadableSources(report: AuditReport): SweepInfo['sourceErrors'] {
  const seen = new Map<string, SweepInfo['sourceErrors'][number]>();
  const results: CheckResult[] = [...report.platform.checks, ...report.services.flatMap(s => s.checks)];
  for (const { error } of results) {
    if (error) seen.set(`${error.source}\u0000${error.message}`, { source: error.source, message: error.message });
  }
  return [...seen.values()];
}

/**
 * The platform status report, as GET /api/readiness/report?format=md writes it: the same builder
 * and renderer (from readiness-common) over this audit's results instead of the stored ones.
 * There is no history offline, so the report has no "what changed since" section.
 */
export function formatMarkdown(report: AuditReport): string {
  const entries = report.services.map(service => {
    const owner = report.components.get(service.entityRef)?.entity.spec?.owner;
    return reportEntryFrom(service, typeof owner === 'string' ? owner : undefined);
  });
  return renderMarkdown(
    buildReport({
      generatedAt: report.now,
      scope: { label: 'the services of the catalog files audited' },
      entries,
      aggregate: summaryAggregate(entries, platformScores(report.platform)),
      platform: report.platform,
      checks: allChecks(),
      sourceErrors: unreadableSources(report),
    }),
  );
}
