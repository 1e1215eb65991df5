import { AuditReport } from '../audit';
import { FailOn, Finding } from '../findings';
import { shownPath } from './paths';

/**
 * The engine's results as the backend stores them (platform + services), plus the findings with
 * their locations and the verdict at `--fail-on`.
 */
export function formatJson(
  report: AuditReport,
  findings: Finding[],
  failing: Finding[],
  options: { failOn: FailOn; cwd: string },
): string {
  return `${JSON.stringify(
    {
      measuredAt: report.now.toISOString(),
      failOn: options.failOn,
      failing: failing.length,
      platform: report.platform,
      services: report.services,
      findings: findings.map(f => ({
        ...f,
        location: f.location && { ...f.location, file: shownPath(f.location.file, options.cwd) },
      })),
    },
    null,
    2,
  )}\n`;
}
