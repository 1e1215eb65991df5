import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useNavigationType } from 'react-router-dom';
import { ReadinessPage } from './ReadinessPage';
import { SEARCH_DELAY_MS } from './ServiceFilters';
import {
  mockReadinessApi,
  summaryResponse,
  summaryRow,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';

type Api = ReturnType<typeof mockReadinessApi>;

/** How the router got to the current address: PUSH adds a history entry, REPLACE does not. */
function LastNavigation() {
  return <output data-testid="navigation">{useNavigationType()}</output>;
}

/** The /summary requests the page made for the table (not the CSV export's pages of 500). */
const tableQueries = (api: Api) =>
  api.getSummary.mock.calls.map(c => c[0]).filter(q => q?.limit !== 500);

describe('ReadinessPage from the keyboard', () => {
  it('applies a filter only when an option is chosen, not while the arrow keys move through the menu', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<ReadinessPage />, { api });
    await screen.findByRole('link', { name: 'doris' });
    const before = tableQueries(api).length;

    const owner = screen.getByLabelText('Owner', {
      selector: '[role="button"]',
    });
    owner.focus();
    await userEvent.keyboard('{ArrowDown}');
    const menu = await screen.findByRole('listbox', { name: 'Owner' });
    // "All" is focused first; walk down past one owner to the next.
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(
      within(menu).getByRole('option', { name: 'data-platform' }),
    ).toHaveFocus();
    expect(tableQueries(api)).toHaveLength(before);

    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(tableQueries(api)).toHaveLength(before + 1));
    expect(tableQueries(api)[before]).toEqual({
      owner: 'group:default/data-platform',
      offset: 0,
      limit: 20,
    });
    // The menu closes and the focus returns to the filter that opened it.
    await waitFor(() =>
      expect(screen.queryByRole('listbox')).not.toBeInTheDocument(),
    );
    await waitFor(() =>
      expect(
        screen.getByLabelText('Owner', { selector: '[role="button"]' }),
      ).toHaveFocus(),
    );
  });

  it('sends one search per pause in typing, not one per key', async () => {
    jest.useFakeTimers();
    try {
      const user = userEvent.setup({
        advanceTimers: ms => jest.advanceTimersByTime(ms),
      });
      const api = mockReadinessApi();
      await renderWithApis(
        <>
          <ReadinessPage />
          <LastNavigation />
        </>,
        { api },
      );
      await screen.findByRole('link', { name: 'doris' });
      const before = tableQueries(api).length;

      await user.type(screen.getByLabelText('Search services'), 'doris');
      expect(tableQueries(api)).toHaveLength(before);
      act(() => {
        jest.advanceTimersByTime(SEARCH_DELAY_MS);
      });
      await waitFor(() => expect(tableQueries(api)).toHaveLength(before + 1));
      expect(tableQueries(api)[before]).toEqual({
        q: 'doris',
        offset: 0,
        limit: 20,
      });
      // The search replaces the history entry: Back undoes a filter, not a pause in typing.
      expect(screen.getByTestId('navigation')).toHaveTextContent('REPLACE');
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps the focus on "Clear filters" after clearing', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<ReadinessPage />, {
      api,
      routeEntries: ['/?owner=group:default/analytics&check=SEC-RBAC'],
    });
    await screen.findByRole('link', { name: 'doris' });
    const clear = screen.getByRole('button', { name: 'Clear filters' });
    expect(clear).toHaveAttribute('aria-disabled', 'false');
    clear.focus();
    await userEvent.keyboard('{Enter}');

    await waitFor(() =>
      expect(api.getSummary).toHaveBeenLastCalledWith({ offset: 0, limit: 20 }),
    );
    expect(clear).toBeInTheDocument();
    expect(clear).toHaveFocus();
    // Nothing left to clear: it says so instead of disappearing under the focus.
    expect(clear).toHaveAttribute('aria-disabled', 'true');
  });

  it('keeps the focus on "Export CSV" and announces the export', async () => {
    const api = mockReadinessApi();
    api.getSummary.mockImplementation(async () =>
      summaryResponse([summaryRow('doris'), summaryRow('trino')]),
    );
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:readiness'),
      revokeObjectURL: jest.fn(),
    });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    try {
      await renderWithApis(<ReadinessPage />, { api });
      const button = await screen.findByRole('button', { name: 'Export CSV' });
      button.focus();
      await userEvent.keyboard('{Enter}');

      await waitFor(() => expect(click).toHaveBeenCalled());
      expect(
        await screen.findByText('Exported 2 services as CSV.'),
      ).toBeInTheDocument();
      expect(
        screen
          .getByText('Exported 2 services as CSV.')
          .closest('[role="status"]'),
      ).not.toBeNull();
      expect(screen.getByRole('button', { name: 'Export CSV' })).toBe(button);
      expect(button).toHaveFocus();
    } finally {
      click.mockRestore();
    }
  });

  it('switches views with the keyboard and keeps the focus on the tab', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<ReadinessPage />, { api });
    const services = await screen.findByRole('tab', { name: 'Services' });
    services.focus();
    await userEvent.keyboard('{ArrowRight}');
    const byCheck = screen.getByRole('tab', { name: 'By check' });
    expect(byCheck).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(byCheck).toHaveAttribute('aria-selected', 'true');
    expect(byCheck).toHaveFocus();
    expect(await screen.findByText('SEC-RBAC')).toBeInTheDocument();
  });
});
