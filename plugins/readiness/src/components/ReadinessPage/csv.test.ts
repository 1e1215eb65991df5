import { buildCsv, fetchAllSummaryRows } from './csv';
import { summaryResponse, summaryRow } from '../../__testUtils__/fixtures';

describe('buildCsv', () => {
  it('quotes commas and quotes, and defuses spreadsheet formulas', () => {
    const csv = buildCsv([
      summaryRow('a', {
        title: 'Doris, "BE"',
        owner: '=HYPERLINK("x")',
        overall: null,
      }),
    ]);
    const [, line] = csv.split('\r\n');
    expect(
      line.startsWith(
        'component:default/a,"Doris, ""BE""","\'=HYPERLINK(""x"")",',
      ),
    ).toBe(true);
    expect(line).toContain(',production,,55,');
  });
});

describe('buildCsv columns', () => {
  const header = () => buildCsv([]).split('\r\n')[0].split(',');

  it('puts failing, unknown and warning checks in separate columns named for them', () => {
    const csv = buildCsv([
      summaryRow('doris', {
        problems: [
          { checkId: 'INF-POD-ERRORS', status: 'fail' },
          { checkId: 'SEC-VAULT-ROLE', status: 'unknown' },
          { checkId: 'OPS-ALERTS', status: 'warn' },
          { checkId: 'SEC-RBAC', status: 'fail' },
        ],
      }),
    ]);
    const [, line] = csv.split('\r\n');
    const cells = line.split(',');
    const column = (name: string) => cells[header().indexOf(name)];
    expect(column('failingChecks')).toBe('INF-POD-ERRORS SEC-RBAC');
    expect(column('unknownChecks')).toBe('SEC-VAULT-ROLE');
    expect(column('warningChecks')).toBe('OPS-ALERTS');
    // No column mixes statuses any more.
    expect(line).not.toMatch(/:fail|:warn/);
  });

  it('rounds scores with the one rule every view uses (38.46 is 38.5, as on the card)', () => {
    const csv = buildCsv([
      summaryRow('doris', {
        overall: 38.46,
        layers: { infrastructure: 55.56, security: 23.14, operations: null },
      }),
    ]);
    const cells = csv.split('\r\n')[1].split(',');
    const column = (name: string) => cells[header().indexOf(name)];
    expect(column('overall')).toBe('38.5');
    expect(column('infrastructure')).toBe('55.6');
    expect(column('security')).toBe('23.1');
    expect(column('operations')).toBe('');
  });
});

describe('fetchAllSummaryRows', () => {
  it('walks the pages with limit 500 until totalCount is reached', async () => {
    const getSummary = jest.fn(async (q: any) =>
      summaryResponse(
        Array.from({ length: q.offset < 1000 ? 500 : 200 }, (_, i) =>
          summaryRow(`s${q.offset + i}`),
        ),
        { totalCount: 1200 },
      ),
    );
    const rows = await fetchAllSummaryRows(
      { getSummary },
      { layer: 'security' },
    );
    expect(rows).toHaveLength(1200);
    expect(getSummary.mock.calls.map(c => c[0].offset)).toEqual([0, 500, 1000]);
    expect(
      getSummary.mock.calls.every(
        c => c[0].limit === 500 && c[0].layer === 'security',
      ),
    ).toBe(true);
  });
});
