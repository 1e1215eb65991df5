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
