import { AuditReport } from '../audit';
import { FailOn, Finding } from '../findings';
import { shownPath } from './paths';

const STATUS_COLOUR: Record<string, string> = { fail: '31', warn: '33', unknown: '35' };

/** A plain-text table, padded per column; colour is ANSI and only when asked for. */
export function formatTable(
  report: AuditReport,
  findings: Finding[],
  failing: Finding[],
  options: { failOn: FailOn; colour: boolean; cwd: string },
): string {
  const paint = (code: string, text: string) => (options.colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const rows = findings.map(f => [
    f.exemption ? `${f.status} (exempt)` : f.status,
    f.severity,
    f.checkId,
    f.entityRef ?? 'platform',
    f.location ? `${shownPath(f.location.file, options.cwd)}:${f.location.line}` : '',
    f.evidence[0] ?? f.blockedBy ?? '',
  ]);
  const header = ['STATUS', 'SEVERITY', 'CHECK', 'ENTITY', 'LOCATION', 'EVIDENCE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[], colourOf?: string) =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : c.padEnd(widths[i]);
        return i === 0 && colourOf ? paint(colourOf, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  const out = [paint('1', line(header))];
  findings.forEach((f, i) => out.push(line(rows[i], f.exemption ? '2' : STATUS_COLOUR[f.status])));
  const count = (s: string) => findings.filter(f => f.status === s).length;
  out.push(
    '',
    `${report.services.length} services, ${report.platform.checks.length} platform checks: ${count('fail')} fail, ${count('warn')} warn, ${count('unknown')} unknown (${findings.filter(f => f.exemption).length} exempt)`,
  );
  out.push(
    failing.length
      ? paint('31', `${failing.length} failing check(s) at --fail-on ${options.failOn}: exit 1`)
      : paint('32', `no failing check at --fail-on ${options.failOn}: exit 0`),
  );
  return `${out.join('\n')}\n`;
}
