import {
  allChecks,
  CHECK_STATUSES,
  CheckStatus,
  PlatformReadiness,
  SummaryResponse,
} from '..';
import type { ReportEntry } from './entry';
import { buildReport, ReportInput, StatusChangeRow } from './buildReport';
import { renderHtml } from './renderHtml';
import { renderMarkdown } from './renderMarkdown';

const getTitle = (id: string) => allChecks().find(d => d.id === id)!.title;

const counts = (statuses: Record<string, CheckStatus>) => {
  const c = Object.fromEntries(CHECK_STATUSES.map(s => [s, 0])) as Record<CheckStatus, number>;
  Object.values(statuses).forEach(s => (c[s] += 1));
  return c;
};

/** A summary entry with these statuses; P1 complete, P2 complete only when nothing in it fails. */
function entry(
  name: string,
  statuses: Record<string, CheckStatus>,
  options: { blockedBy?: Record<string, string>; overall?: number; exempt?: string[] } = {},
): ReportEntry {
  const p2Open = Object.entries(statuses).some(
    ([id, s]) => id.startsWith('SEC-') && (s === 'fail' || s === 'unknown') && !options.exempt?.includes(id),
  );
  return {
    row: {
      entityRef: `component:default/${name}`,
      measuredAt: '2026-11-26T10:00:00.000Z',
      overall: options.overall ?? 50,
      layers: { infrastructure: 50, security: 50, operations: 50 },
      phasesComplete: p2Open ? ['P1'] : ['P1', 'P2'],
      counts: counts(statuses),
      problems: Object.entries(statuses)
        .filter(([, s]) => s === 'fail' || s === 'unknown' || s === 'warn')
        .map(([checkId, status]) => ({ checkId, status, blockedBy: options.blockedBy?.[checkId] })),
    },
    statuses,
    exempt: options.exempt ?? [],
    stale: false,
  };
}

const aggregate = (overall: number): SummaryResponse['aggregate'] => ({
  overall,
  layers: { infrastructure: 1, security: 2, operations: 3 },
  phases: { P1: 100, P2: 33.3, P3: null, P4: null, P5: null },
  byCheck: {},
  byOwner: [],
});

const platform: PlatformReadiness = {
  measuredAt: '2026-11-26T10:00:00.000Z',
  stale: false,
  overall: { percent: 50, counts: counts({}), scored: 2, excluded: 0 },
  checks: [
    { checkId: 'PLAT-NODES', status: 'warn', evidence: ['one Node (k8s-prod-01), Ready: single point of failure'], remediation: 'Add worker nodes.' },
    { checkId: 'PLAT-BACKUP', status: 'fail', evidence: ['<img src=x onerror=alert(1)> | **velero** [x](y)'] },
    { checkId: 'PLAT-VAULT', status: 'pass', evidence: ['unsealed'] },
  ],
};

function input(entries: ReportInput['entries'], extra: Partial<ReportInput> = {}): ReportInput {
  return {
    generatedAt: new Date('2026-11-26T12:00:00Z'),
    scope: {},
    entries,
    aggregate: aggregate(42),
    platform,
    checks: allChecks(),
    lastSweep: {
      startedAt: '2026-11-26T10:00:00.000Z',
      finishedAt: '2026-11-26T10:01:00.000Z',
      status: 'succeeded',
      services: entries.length,
      sourceErrors: [{ source: 'prometheus', message: 'connect ECONNREFUSED' }],
    },
    ...extra,
  };
}

describe('buildReport', () => {
  const a = entry('a', { 'SEC-NETPOL-DEFAULT-DENY': 'fail', 'SEC-CERT-READY': 'pass', 'SEC-CERT-EXPIRY': 'pass' });
  const b = entry('b', { 'SEC-NETPOL-DEFAULT-DENY': 'fail', 'SEC-CERT-READY': 'pass', 'SEC-CERT-EXPIRY': 'warn' });
  const c = entry('c', {
    'SEC-NETPOL-DEFAULT-DENY': 'fail',
    'SEC-RBAC': 'fail',
    'SEC-SECRETS-IN-VAULT': 'unknown',
    'SEC-CERT-READY': 'pass',
    'SEC-CERT-EXPIRY': 'pass',
  });

  it('groups what remains by check with the services and the fix, and what is complete', () => {
    const report = buildReport(input([a, b, c]));
    const p2 = report.phases.find(p => p.phase === 'P2')!;
    expect(p2.complete.map(t => [t.checkId, `${t.passing}/${t.applicable}`])).toEqual([['SEC-CERT-READY', '3/3']]);
    const netpol = p2.remaining.find(r => r.checkId === 'SEC-NETPOL-DEFAULT-DENY')!;
    expect(netpol.services.map(s => s.entityRef)).toEqual([a, b, c].map(e => e.row.entityRef));
    expect(netpol.fix).toBe(allChecks().find(d => d.id === 'SEC-NETPOL-DEFAULT-DENY')!.remediation);
    // A warning does not hold the phase open: it is listed apart.
    expect(p2.remaining.map(r => r.checkId)).not.toContain('SEC-CERT-EXPIRY');
    expect(p2.warnings.map(r => [r.checkId, r.services.map(s => s.entityRef)])).toEqual([
      ['SEC-CERT-EXPIRY', ['component:default/b']],
    ]);
    expect(p2.percent).toBe(33.3);
  });

  it('plans the next phase cheapest first: the one fix completing most services, then the rest', () => {
    const next = buildReport(input([a, b, c])).next!;
    expect(next.phase).toBe('P2');
    expect(next.open).toBe(3);
    expect(next.steps.map(s => [s.fixes.map(f => f.checkId), s.completes])).toEqual([
      [['SEC-NETPOL-DEFAULT-DENY'], ['component:default/a', 'component:default/b']],
      [['SEC-RBAC', 'SEC-SECRETS-IN-VAULT'], ['component:default/c']],
    ]);
  });

  it('puts the blocking platform check before the blocked check, and exemptions count as done', () => {
    const blocked = entry('d', { 'SEC-VAULT-ROLE': 'fail', 'SEC-RBAC': 'fail' }, {
      blockedBy: { 'SEC-VAULT-ROLE': 'PLAT-VAULT' },
      exempt: ['SEC-RBAC'],
    });
    const next = buildReport(input([blocked])).next!;
    expect(next.steps.map(s => s.fixes.map(f => f.checkId))).toEqual([['PLAT-VAULT', 'SEC-VAULT-ROLE']]);
  });

  it('derives risks from platform findings and failing critical checks, mitigated by the remediation', () => {
    const risks = buildReport(input([a, b, c])).risks;
    // Critical before high, then fail, unknown, warn.
    expect(risks.map(r => [r.checkId, r.kind, r.status, r.services.length])).toEqual([
      ['SEC-NETPOL-DEFAULT-DENY', 'services', 'fail', 3],
      ['SEC-RBAC', 'services', 'fail', 1],
      ['SEC-SECRETS-IN-VAULT', 'services', 'unknown', 1],
      ['PLAT-NODES', 'platform', 'warn', 0],
      ['PLAT-BACKUP', 'platform', 'fail', 0],
    ]);
    const nodes = risks.find(r => r.checkId === 'PLAT-NODES')!;
    expect(nodes.mitigation).toBe('Add worker nodes.');
    expect(nodes.evidence).toEqual(['one Node (k8s-prod-01), Ready: single point of failure']);
    // A failing high-severity service check is a remaining task, not a risk.
    const high = entry('e', { 'SEC-SERVICE-ACCOUNT': 'fail' });
    expect(allChecks().find(d => d.id === 'SEC-SERVICE-ACCOUNT')!.severity).toBe('high');
    expect(buildReport(input([high])).risks.map(r => r.checkId)).toEqual(['PLAT-NODES', 'PLAT-BACKUP']);
  });

  it('reports changes since a date: scores from the baseline point, checks fixed and regressed from the stored changes', () => {
    const point = (measuredAt: string, overall: number, statuses: Record<string, CheckStatus>) => ({
      measuredAt,
      overall,
      layers: { infrastructure: overall, security: overall, operations: overall },
      counts: counts(statuses),
    });
    const report = buildReport(
      input(
        [
          a,
          entry('up', {}, { overall: 80 }),
          entry('Down', {}, { overall: 20 }),
          entry('flip', {}, { overall: 50 }),
          entry('steady', {}, { overall: 50 }),
        ],
        {
          history: {
            since: new Date('2026-11-01T00:00:00Z'),
            baselines: new Map([
              ['component:default/up', point('2026-10-31T23:30:00.000Z', 60, { X: 'fail' })],
              ['component:default/down', point('2026-11-02T00:00:00.000Z', 40, {})],
              ['component:default/flip', point('2026-10-31T23:30:00.000Z', 50, {})],
              ['component:default/steady', point('2026-10-31T23:30:00.000Z', 50, {})],
            ]),
            services: new Map<string, StatusChangeRow[]>([
              [
                'component:default/up',
                [
                  { measuredAt: '2026-11-03T00:00:00.000Z', changes: { 'SEC-RBAC': ['fail', 'pass'], 'SEC-CERT-EXPIRY': ['warn', 'fail'] } },
                  { measuredAt: '2026-11-04T00:00:00.000Z', changes: { 'SEC-CERT-EXPIRY': ['fail', 'pass'], 'INF-PROBES': ['unknown', 'pass'] } },
                ],
              ],
              [
                'component:default/down',
                [
                  // Stored with the baseline point itself: already part of the state at the date.
                  { measuredAt: '2026-11-02T00:00:00.000Z', changes: { 'SEC-RBAC': ['pass', 'fail'] } },
                  { measuredAt: '2026-11-05T00:00:00.000Z', changes: { 'SEC-NETPOL-DEFAULT-DENY': ['pass', 'warn'], 'INF-PROBES': [null, 'fail'] } },
                ],
              ],
              [
                'component:default/flip',
                [
                  { measuredAt: '2026-11-03T00:00:00.000Z', changes: { 'SEC-RBAC': ['pass', 'fail'], 'INF-WORKLOAD': ['fail', 'pass'] } },
                  // Changed and changed back: no net change.
                  { measuredAt: '2026-11-04T00:00:00.000Z', changes: { 'INF-WORKLOAD': ['pass', 'fail'], 'SEC-CERT-EXPIRY': ['fail', 'pass'] } },
                ],
              ],
            ]),
            platform: [
              { measuredAt: '2026-11-03T00:00:00.000Z', changes: { 'PLAT-BACKUP': ['fail', 'pass'], 'PLAT-NODES': ['pass', 'warn'] } },
            ],
          },
        },
      ),
    );
    const changes = report.changes!;
    const ids = (list: { checkId: string; from: unknown; to: unknown }[]) => list.map(x => [x.checkId, x.from, x.to]);
    expect(changes.improved.map(s => [s.entityRef, s.from, s.to, s.failingFrom, s.failingTo])).toEqual([
      ['component:default/up', 60, 80, 1, 0],
    ]);
    const up = changes.improved[0];
    expect(ids(up.fixed)).toEqual([['SEC-CERT-EXPIRY', 'warn', 'pass'], ['SEC-RBAC', 'fail', 'pass']]);
    expect(up.fixed[1]).toMatchObject({ title: getTitle('SEC-RBAC'), changedAt: '2026-11-03T00:00:00.000Z' });
    expect(ids(up.other)).toEqual([['INF-PROBES', 'unknown', 'pass']]);

    expect(changes.regressed.map(s => [s.entityRef, s.from, s.to, s.fromMeasuredAt])).toEqual([
      ['component:default/Down', 40, 20, '2026-11-02T00:00:00.000Z'],
    ]);
    expect(ids(changes.regressed[0].regressed)).toEqual([
      ['INF-PROBES', null, 'fail'],
      ['SEC-NETPOL-DEFAULT-DENY', 'pass', 'warn'],
    ]);
    // Same score and counts, one fixed and one regressed: changed, neither way.
    expect(changes.changed.map(s => [s.entityRef, ids(s.fixed), ids(s.regressed)])).toEqual([
      ['component:default/flip', [['SEC-CERT-EXPIRY', 'fail', 'pass']], [['SEC-RBAC', 'pass', 'fail']]],
    ]);
    expect(changes.unchanged).toBe(1);
    expect(changes.withoutHistory).toEqual(['component:default/a']);
    expect(ids(changes.platform.fixed)).toEqual([['PLAT-BACKUP', 'fail', 'pass']]);
    expect(ids(changes.platform.regressed)).toEqual([['PLAT-NODES', 'pass', 'warn']]);

    const md = renderMarkdown(report);
    expect(md).toContain('## What changed since 2026-11-01T00:00:00.000Z');
    expect(md).toContain('3 checks fixed and 3 regressions on services; platform: 1 fixed, 1 regressed.');
    expect(md).toContain(`| component:default/up | SEC-RBAC ${getTitle('SEC-RBAC')} | fail → pass | 2026-11-03T00:00:00.000Z |`);
    expect(md).toContain(`| component:default/Down | INF-PROBES ${getTitle('INF-PROBES')} | not measured → fail | 2026-11-05T00:00:00.000Z |`);
    expect(md).toContain(`| PLAT-BACKUP ${getTitle('PLAT-BACKUP')} | fail → pass | fixed | 2026-11-03T00:00:00.000Z |`);
  });

  it('shows the platform components per cluster when there are several, and only the scoped one', () => {
    const cluster = (name: string, status: CheckStatus) => ({
      cluster: name,
      overall: platform.overall,
      checks: [{ checkId: 'PLAT-NODES', status, evidence: [`cluster ${name}: nodes`] }],
    });
    const twoClusters = { ...platform, clusters: [cluster('prod', 'pass'), cluster('staging', 'warn')] };
    const report = buildReport(input([a], { platform: twoClusters }));
    expect(report.quickStatus.platformByCluster.map(p => [p.cluster, p.components.map(x => x.status)])).toEqual([
      ['prod', ['pass']],
      ['staging', ['warn']],
    ]);
    const md = renderMarkdown(report);
    expect(md).toContain('### Platform components in cluster staging');
    const scoped = buildReport(input([a], { platform: twoClusters, scope: { cluster: 'prod' } }));
    expect(scoped.quickStatus.platformByCluster.map(p => p.cluster)).toEqual(['prod']);
    // One cluster: the combined table says it all.
    const one = buildReport(input([a], { platform: { ...platform, clusters: [cluster('prod', 'pass')] } }));
    expect(one.quickStatus.platformByCluster).toEqual([]);
  });

  it('states when it was measured and which sources were unreadable', () => {
    const md = renderMarkdown(buildReport(input([a])));
    expect(md).toContain('Services measured at 2026-11-26T10:00:00.000Z.');
    expect(md).toContain('Unreadable sources (checks needing them are unknown, not passing): prometheus: connect ECONNREFUSED.');
  });
});

describe('renderers', () => {
  const report = buildReport(input([entry('a', { 'SEC-NETPOL-DEFAULT-DENY': 'fail' })]));

  it('escape every value in HTML', () => {
    const html = renderHtml(report);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; | **velero** [x](y)');
    expect(html).toContain('@media print');
  });

  it('escape every value in Markdown', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> \\| \\*\\*velero\\*\\* \\[x\\](y)');
    expect(md).not.toMatch(/[^\\]<img/);
  });
});
