import { screen, within } from '@testing-library/react';
import { ServicesTable } from './ServicesTable';
import { mockReadinessApi, summaryRow } from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';

async function renderTable(
  rows = [
    summaryRow('doris', {
      overall: 41.2,
      layers: { infrastructure: 72.5, security: 23.1, operations: 100 },
    }),
  ],
) {
  await renderWithApis(
    <ServicesTable
      rows={rows}
      totalCount={1}
      page={0}
      pageSize={20}
      loading={false}
      onPageChange={() => {}}
      onSortChange={() => {}}
    />,
    { api: mockReadinessApi() },
  );
  const name = rows[0].title ?? 'doris';
  return (await screen.findByRole('link', { name })).closest('tr')!;
}

describe('ServicesTable', () => {
  it('puts the scores right after the service, so a narrow screen shows them first', async () => {
    await renderTable();
    const headers = screen
      .getAllByRole('columnheader')
      .map(h => h.textContent?.trim());
    expect(headers).toEqual([
      'Service',
      'Overall',
      'Infra',
      'Security',
      'Ops',
      'Worst checks',
      'Owner · system',
    ]);
  });

  it('gives each column header one focusable control (no drag handle around the sort button)', async () => {
    await renderTable();
    for (const header of screen.getAllByRole('columnheader')) {
      expect(
        header.querySelectorAll('[tabindex="0"], button, a').length,
      ).toBeLessThanOrEqual(1);
      expect(header.querySelector('[data-rbd-draggable-id]')).toBeNull();
    }
  });

  it('gives every score band a shape and a word, not only a colour', async () => {
    const row = await renderTable();
    const cells = within(row).getAllByRole('cell');
    const infra = cells[2];
    const security = cells[3];
    const ops = cells[4];
    expect(infra).toHaveTextContent('72.5%, needs work');
    expect(infra.querySelector('[data-score-icon="warning"]')).not.toBeNull();
    expect(ops).toHaveTextContent('100%, ready');
    expect(ops.querySelector('[data-score-icon="ok"]')).not.toBeNull();
    expect(security.querySelector('[data-score-icon="error"]')).not.toBeNull();
  });

  it('underlines a not-ready score link and names it with its visible number', async () => {
    const row = await renderTable();
    const link = within(row).getByRole('link', {
      name: 'Security of component:default/doris 23.1%, not ready: open the readiness tab',
    });
    expect(link).toHaveTextContent(/^23.1%$/);
    expect(link).toHaveClass('MuiLink-underlineAlways');
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/doris/readiness',
    );
  });

  it('keeps table cells from splitting words to squeeze a column', async () => {
    const row = await renderTable();
    for (const cell of within(row).getAllByRole('cell')) {
      expect(cell).toHaveStyle({ wordBreak: 'normal' });
    }
  });

  it('names each worst-check link starting with the words it shows', async () => {
    const row = await renderTable();
    const link = within(row).getByRole('link', {
      name: /^INF-POD-ERRORS Fail for component:default\/doris$/,
    });
    expect(link).toHaveTextContent('INF-POD-ERRORS');
  });

  it('names a service by the title the summary carries, linking to its catalog page', async () => {
    const row = await renderTable([
      summaryRow('doris', { title: 'Apache Doris' }),
    ]);
    const link = within(row).getByRole('link', { name: 'Apache Doris' });
    expect(link).toHaveAttribute('href', '/catalog/default/component/doris');
  });
});
