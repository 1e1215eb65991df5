import type { CheckStatus } from '../model';
import { formatPercent } from '../percent';
import type { Changes, CheckChange, CheckTally, RemainingCheck, ServiceChange, StatusReport } from './model';

/**
 * The report's wording, once, as plain blocks of plain text. The Markdown and HTML renderers only
 * lay these out and escape every string, so both formats say exactly the same thing.
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] };

const STATUS_WORDS: Record<CheckStatus, string> = {
  pass: 'pass',
  warn: 'warn',
  fail: 'fail',
  unknown: 'unknown',
  'n/a': 'n/a',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function counts(t: CheckTally): string {
  const parts = (['pass', 'warn', 'fail', 'unknown'] as CheckStatus[])
    .filter(s => t.counts[s] > 0)
    .map(s => `${t.counts[s]} ${STATUS_WORDS[s]}`);
  if (t.exempt) parts.push(`${t.exempt} exempt`);
  return parts.join(', ');
}

function serviceList(check: RemainingCheck): string {
  return check.services
    .map(s => `${s.entityRef} (${s.status}${s.blockedBy ? `, blocked by ${s.blockedBy}` : ''})`)
    .join(', ');
}

function scopeText(report: StatusReport): string {
  const { system, owner, namespace, cluster } = report.scope;
  const parts = [
    system && `system ${system}`,
    owner && `owner ${owner}`,
    namespace && `namespace ${namespace}`,
    cluster && `cluster ${cluster}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : report.scope.label ?? 'all services you may read';
}

function measurement(report: StatusReport): Block[] {
  const m = report.measurement;
  const lines: string[] = [
    `Generated ${report.generatedAt} for ${scopeText(report)}: ${plural(m.services, 'service')}.`,
  ];
  if (m.oldestServiceMeasuredAt) {
    lines.push(
      m.oldestServiceMeasuredAt === m.newestServiceMeasuredAt
        ? `Services measured at ${m.oldestServiceMeasuredAt}.`
        : `Services measured between ${m.oldestServiceMeasuredAt} and ${m.newestServiceMeasuredAt}.`,
    );
  }
  lines.push(
    m.platformMeasuredAt
      ? `Platform checks measured at ${m.platformMeasuredAt}${m.platformStale ? ' (stale: the latest sweep failed, these are the previous results)' : ''}.`
      : 'The platform checks have not been measured yet.',
  );
  if (m.lastSweep) {
    lines.push(
      `Last sweep: ${m.lastSweep.status}, started ${m.lastSweep.startedAt}${m.lastSweep.finishedAt ? `, finished ${m.lastSweep.finishedAt}` : ''}${m.lastSweep.error ? ` (${m.lastSweep.error})` : ''}.`,
    );
  }
  if (m.staleServices.length) {
    lines.push(
      `Stale (previous result kept because the latest measurement failed): ${m.staleServices.join(', ')}.`,
    );
  }
  lines.push(
    m.unreadableSources.length
      ? `Unreadable sources (checks needing them are unknown, not passing): ${m.unreadableSources.map(s => `${s.source}: ${s.message}`).join('; ')}.`
      : `Every source was readable${m.lastSweep ? ' in the last sweep' : ''}.`,
  );
  return [{ kind: 'list', items: lines }];
}

const statusOrNone = (s: CheckStatus | null) => (s ? STATUS_WORDS[s] : 'not measured');
const transition = (c: CheckChange) => `${statusOrNone(c.from)} → ${statusOrNone(c.to)}`;

/** "What changed since": the platform's and each service's check changes, then score moves. */
function changesBlocks(c: Changes): Block[] {
  const services = [...c.improved, ...c.regressed, ...c.changed].sort((a, b) =>
    a.entityRef.localeCompare(b.entityRef),
  );
  const checkTable = (pick: (s: ServiceChange) => CheckChange[]): Block => ({
    kind: 'table',
    head: ['Service', 'Check', 'Change', 'Last changed'],
    rows: services.flatMap(s =>
      pick(s).map(x => [s.entityRef, `${x.checkId} ${x.title}`, transition(x), x.changedAt]),
    ),
  });
  const count = (pick: (s: ServiceChange) => CheckChange[]) =>
    services.reduce((n, s) => n + pick(s).length, 0);
  const fixed = count(s => s.fixed);
  const regressions = count(s => s.regressed);
  const other = count(s => s.other);
  const platform = [
    ...c.platform.fixed.map(x => ({ x, kind: 'fixed' })),
    ...c.platform.regressed.map(x => ({ x, kind: 'regression' })),
    ...c.platform.other.map(x => ({ x, kind: 'other' })),
  ];
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: `What changed since ${c.since}` },
    {
      kind: 'paragraph',
      text: `Each service's state at that date (its last stored point at or before it, else its first after it) compared with its latest result, from the stored score history and check status changes. ${plural(fixed, 'check')} fixed and ${plural(regressions, 'regression')} on services; platform: ${c.platform.fixed.length} fixed, ${c.platform.regressed.length} regressed. ${plural(c.improved.length, 'service')} improved, ${c.regressed.length} regressed, ${c.changed.length} changed without moving either way, ${c.unchanged} unchanged, ${c.withoutHistory.length} without a point since then.`,
    },
  ];
  if (platform.length) {
    blocks.push(
      { kind: 'heading', level: 3, text: 'Platform check changes' },
      {
        kind: 'table',
        head: ['Check', 'Change', 'Kind', 'Last changed'],
        rows: platform.map(({ x, kind }) => [`${x.checkId} ${x.title}`, transition(x), kind, x.changedAt]),
      },
    );
  }
  if (fixed) blocks.push({ kind: 'heading', level: 3, text: 'Checks fixed' }, checkTable(s => s.fixed));
  if (regressions) blocks.push({ kind: 'heading', level: 3, text: 'Regressions' }, checkTable(s => s.regressed));
  if (other) blocks.push({ kind: 'heading', level: 3, text: 'Other status changes' }, checkTable(s => s.other));
  const line = (s: ServiceChange) =>
    `${s.entityRef}: ${formatPercent(s.from)} → ${formatPercent(s.to)}, failing or unknown checks ${s.failingFrom} → ${s.failingTo} (baseline ${s.fromMeasuredAt}; ${plural(s.fixed.length, 'check')} fixed, ${plural(s.regressed.length, 'regression')})`;
  if (c.improved.length) blocks.push({ kind: 'heading', level: 3, text: 'Improved' }, { kind: 'list', items: c.improved.map(line) });
  if (c.regressed.length) blocks.push({ kind: 'heading', level: 3, text: 'Regressed' }, { kind: 'list', items: c.regressed.map(line) });
  if (c.changed.length) blocks.push({ kind: 'heading', level: 3, text: 'Changed, no net move' }, { kind: 'list', items: c.changed.map(line) });
  if (c.withoutHistory.length) {
    blocks.push({ kind: 'paragraph', text: `Without a stored point since then: ${c.withoutHistory.join(', ')}.` });
  }
  return blocks;
}

/** The report as blocks, in the hand-written document's order of sections. */
export function reportDocument(report: StatusReport): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'Production readiness status' },
    ...measurement(report),
    { kind: 'heading', level: 2, text: 'Quick status' },
    {
      kind: 'table',
      head: ['Measure', 'Readiness', 'Services complete'],
      rows: [
        ...report.quickStatus.phases.map(p => [
          `${p.phase}: ${p.title}`,
          formatPercent(p.percent),
          `${p.complete}/${p.of}`,
        ]),
        ...report.quickStatus.layers.map(l => [`${l.title} layer`, formatPercent(l.percent), '']),
        ['Overall (services and platform)', formatPercent(report.quickStatus.overall), ''],
      ],
    },
    { kind: 'heading', level: 3, text: 'Platform components' },
  ];
  const componentRows = (list: StatusReport['quickStatus']['platform']) =>
    list.map(c => [c.checkId, c.title, STATUS_WORDS[c.status], c.evidence.join('; ')]);
  blocks.push(
    report.quickStatus.platform.length
      ? {
          kind: 'table',
          head: ['Check', 'Component', 'Status', 'Evidence'],
          rows: componentRows(report.quickStatus.platform),
        }
      : { kind: 'paragraph', text: 'No platform results stored yet.' },
  );
  for (const cluster of report.quickStatus.platformByCluster) {
    blocks.push(
      { kind: 'heading', level: 3, text: `Platform components in cluster ${cluster.cluster}` },
      { kind: 'table', head: ['Check', 'Component', 'Status', 'Evidence'], rows: componentRows(cluster.components) },
    );
  }

  for (const phase of report.phases) {
    blocks.push({
      kind: 'heading',
      level: 2,
      text: `${phase.phase}: ${phase.title} (${formatPercent(phase.percent)}, ${phase.servicesComplete}/${phase.services} services complete)`,
    });
    if (phase.platform.length) {
      blocks.push({
        kind: 'list',
        items: phase.platform.map(c => `Platform ${c.checkId} ${c.title}: ${STATUS_WORDS[c.status]}${c.evidence.length ? ` (${c.evidence.join('; ')})` : ''}`),
      });
    }
    blocks.push({ kind: 'heading', level: 3, text: 'Complete' });
    blocks.push(
      phase.complete.length
        ? {
            kind: 'list',
            items: phase.complete.map(
              t => `${t.checkId} ${t.title}: ${t.passing}/${t.applicable} services passing${t.exempt ? ` (${t.exempt} by exemption)` : ''}`,
            ),
          }
        : { kind: 'paragraph', text: 'No check of this phase passes on every service it applies to.' },
    );
    blocks.push({ kind: 'heading', level: 3, text: 'Remaining' });
    blocks.push(
      phase.remaining.length
        ? {
            kind: 'list',
            items: phase.remaining.map(
              r => `${r.checkId} ${r.title} (${r.severity}), ${plural(r.services.length, 'service')}: ${serviceList(r)}. Fix: ${r.fix}`,
            ),
          }
        : { kind: 'paragraph', text: 'Nothing holds this phase open.' },
    );
    if (phase.warnings.length) {
      blocks.push({
        kind: 'list',
        items: phase.warnings.map(
          r => `Warning ${r.checkId} ${r.title}, ${plural(r.services.length, 'service')}: ${serviceList(r)}. Fix: ${r.fix}`,
        ),
      });
    }
    if (phase.metrics.length) {
      blocks.push({ kind: 'heading', level: 3, text: 'Metrics' });
      blocks.push({
        kind: 'table',
        head: ['Check', 'Passing', 'Breakdown'],
        rows: phase.metrics.map(t => [`${t.checkId} ${t.title}`, `${t.passing}/${t.applicable}`, counts(t)]),
      });
    }
  }

  blocks.push({ kind: 'heading', level: 2, text: 'Readiness matrix' });
  for (const layer of report.matrix) {
    blocks.push(
      { kind: 'heading', level: 3, text: `${layer.title} layer: ${formatPercent(layer.percent)}` },
      {
        kind: 'table',
        head: ['Check', 'Severity', 'Passing', 'Breakdown'],
        rows: layer.checks.map(t => [`${t.checkId} ${t.title}`, t.severity, `${t.passing}/${t.applicable}`, counts(t)]),
      },
    );
  }

  blocks.push({ kind: 'heading', level: 2, text: 'Risks and mitigations' });
  blocks.push(
    report.risks.length
      ? {
          kind: 'table',
          head: ['Risk', 'Severity', 'Finding', 'Mitigation'],
          rows: report.risks.map(r => [
            `${r.checkId} ${r.title}`,
            r.severity,
            r.kind === 'platform'
              ? `platform ${STATUS_WORDS[r.status]}${r.evidence.length ? `: ${r.evidence.join('; ')}` : ''}`
              : `${STATUS_WORDS[r.status]} on ${plural(r.services.length, 'service')}: ${r.services.join(', ')}`,
            r.mitigation,
          ]),
        }
      : { kind: 'paragraph', text: 'No platform finding and no critical check failing or unknown.' },
  );

  if (report.changes) blocks.push(...changesBlocks(report.changes));

  blocks.push({ kind: 'heading', level: 2, text: "What's next" });
  if (report.next) {
    const n = report.next;
    blocks.push({
      kind: 'paragraph',
      text: `${n.phase}: ${n.title} is open for ${plural(n.open, 'service')}. Fixes in order, each step completing the most services per fix:`,
    });
    let done = 0;
    blocks.push({
      kind: 'list',
      items: n.steps.map((step, i) => {
        done += step.completes.length;
        return `Step ${i + 1}: ${step.fixes.map(f => `${f.checkId} ${f.title} (${f.fix})`).join('; ')} completes ${n.phase} for ${step.completes.join(', ')} (${done}/${n.open} open services).`;
      }),
    });
  } else {
    blocks.push({ kind: 'paragraph', text: 'Every phase is complete for every service in scope.' });
  }
  return blocks;
}
