import { CheckResult } from '@254carbon/plugin-readiness-common';
import { AuditReport } from '../audit';
import { FailOn, Finding } from '../findings';
import { shownPath } from './paths';

const xml = (s: string) =>
  s
    // XML 1.0 cannot carry these control characters at all, escaped or not.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** Why a result is neither passed nor failed: exempted, blocked, not applicable or unmeasured. */
function skipReason(r: CheckResult): string | undefined {
  if (r.exemption) return `exempt until ${r.exemption.expires}: ${r.exemption.reason}`;
  if (r.blockedBy) return `blocked by ${r.blockedBy}`;
  if (r.status === 'n/a' || r.status === 'unknown') {
    return `${r.status}: ${r.evidence[0] ?? r.error?.message ?? ''}`;
  }
  return undefined;
}

/**
 * JUnit XML: one testsuite for the platform and one per service, one testcase per check. A
 * check failing at `--fail-on` is a <failure>; n/a, exempted, blocked and unknown results are
 * <skipped> with the reason; warnings and failures below the level pass with their evidence.
 */
export function formatJunit(
  report: AuditReport,
  failing: Finding[],
  options: { failOn: FailOn; cwd: string },
): string {
  const failingKeys = new Set(failing.map(f => `${f.entityRef ?? 'platform'}|${f.checkId}`));
  const locationOf = new Map(failing.map(f => [`${f.entityRef ?? 'platform'}|${f.checkId}`, f.location]));
  const testcase = (suite: string, r: CheckResult) => {
    const key = `${suite}|${r.checkId}`;
    const open = `    <testcase classname="${xml(suite)}" name="${xml(r.checkId)}"`;
    const evidence = xml(r.evidence.join('\n'));
    if (failingKeys.has(key)) {
      const at = locationOf.get(key);
      const where = at ? ` at ${shownPath(at.file, options.cwd)}:${at.line}` : '';
      return `${open}>\n      <failure message="${xml(`${r.checkId} ${r.status}${where}`)}" type="${xml(r.status)}">${evidence}${r.remediation ? `\n${xml(r.remediation)}` : ''}</failure>\n    </testcase>`;
    }
    const skip = skipReason(r);
    if (skip !== undefined) return `${open}>\n      <skipped message="${xml(skip)}"/>\n    </testcase>`;
    return `${open}>\n      <system-out>${xml(`${r.status}: ${r.evidence.join('\n')}`)}</system-out>\n    </testcase>`;
  };
  const suite = (name: string, checks: CheckResult[]) => {
    const failures = checks.filter(r => failingKeys.has(`${name}|${r.checkId}`)).length;
    const skipped = checks.filter(r => !failingKeys.has(`${name}|${r.checkId}`) && skipReason(r)).length;
    return [
      `  <testsuite name="${xml(name)}" tests="${checks.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${report.now.toISOString().slice(0, 19)}">`,
      ...checks.map(r => testcase(name, r)),
      '  </testsuite>',
    ].join('\n');
  };
  const suites = [
    suite('platform', report.platform.checks),
    ...report.services.map(s => suite(s.entityRef, s.checks)),
  ];
  const tests = report.platform.checks.length + report.services.reduce((n, s) => n + s.checks.length, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="readiness-audit" tests="${tests}" failures="${failing.length}">\n${suites.join('\n')}\n</testsuites>\n`;
}
