import {
  allChecks,
  buildReport,
  platformScores,
  renderMarkdown,
  ReportEntry,
  reportEntryFrom,
  ReportInput,
  summaryAggregate,
} from '@254carbon/plugin-readiness-common';
import { platformResult, serviceResult } from '../../__testUtils__/results';
import { summaryEntryFrom } from '../summaryEntry';

/**
 * The CI audit builds its report from evaluated results (reportEntryFrom); the backend from the
 * summary entries it stored (summaryEntryFrom). Same results in, the same report out.
 */
describe('the status report from stored summary entries and from evaluated results', () => {
  const results = [
    serviceResult('component:default/doris', {
      'INF-WORKLOAD': 'pass',
      'SEC-CERT-EXPIRY': 'warn',
      'SEC-NETPOL-DEFAULT-DENY': 'fail',
      'SEC-VAULT-ROLE': { status: 'fail', blockedBy: 'PLAT-VAULT' },
      'SEC-RBAC': { status: 'fail', exemption: { checkId: 'SEC-RBAC', reason: 'migration', expires: '2026-12-31', origin: 'config' } },
    }),
    serviceResult('component:default/portal', { 'INF-WORKLOAD': 'warn', 'INF-PROBES': 'unknown', 'HA-PDB': 'n/a' }),
  ];
  const platform = platformResult({ 'PLAT-NODES': 'warn', 'PLAT-BACKUP': 'fail', 'PLAT-VAULT': 'fail' });
  const input = (entries: ReportEntry[]): ReportInput => ({
    generatedAt: new Date('2026-11-26T12:00:00Z'),
    scope: {},
    entries,
    aggregate: summaryAggregate(entries, platformScores(platform)),
    platform,
    checks: allChecks(),
  });

  it('is identical, section by section and rendered', () => {
    const stored = results.map(r => ({
      ...summaryEntryFrom(r, { owner: 'group:data', namespaces: ['data'] }),
      stale: false,
    }));
    const evaluated = results.map(r => reportEntryFrom(r, 'group:data'));
    const fromStore = buildReport(input(stored));
    const fromAudit = buildReport(input(evaluated));
    expect(fromAudit).toEqual(fromStore);
    expect(renderMarkdown(fromAudit)).toBe(renderMarkdown(fromStore));
    // Not vacuous: the blocked, exempted, unknown and warning cases are all in it.
    const p2 = fromStore.phases.find(p => p.phase === 'P2')!;
    expect(p2.remaining.find(r => r.checkId === 'SEC-VAULT-ROLE')?.services[0].blockedBy).toBe('PLAT-VAULT');
    expect(p2.metrics.find(t => t.checkId === 'SEC-RBAC')?.exempt).toBe(1);
    expect(fromStore.quickStatus.overall).not.toBeNull();
  });
});
