import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReadinessPage } from './ReadinessPage';
import {
  mockReadinessApi,
  responseError,
  summaryResponse,
  summaryRow,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';

const lastQuery = (api: ReturnType<typeof mockReadinessApi>) =>
  api.getSummary.mock.calls[api.getSummary.mock.calls.length - 1][0];

/** Opens a filter's menu with the mouse and picks one option. */
async function chooseFilter(label: string, option: string) {
  await userEvent.click(
    screen.getByLabelText(label, { selector: '[role="button"]' }),
  );
  const menu = await screen.findByRole('listbox', { name: label });
  await userEvent.click(within(menu).getByRole('option', { name: option }));
}

describe('ReadinessPage', () => {
  it('shows platform readiness per layer and phase, and the platform components', async () => {
    await renderWithApis(<ReadinessPage />, { api: mockReadinessApi() });

    expect(
      await screen.findByRole('progressbar', { name: 'Security' }),
    ).toHaveAttribute('aria-valuetext', '31.7%');
    expect(
      screen.getByRole('progressbar', {
        name: 'P1 Infrastructure stabilisation',
      }),
    ).toHaveAttribute('aria-valuenow', '90');
    expect(screen.getByText('58.4%')).toBeInTheDocument();

    const vault = (await screen.findByText('PLAT-VAULT')).closest('tr')!;
    expect(vault).toHaveTextContent('Fail');
    expect(vault).toHaveTextContent('sys/health answered 503: sealed');
    expect(vault).toHaveTextContent('vault operator unseal');
    const monitoring = screen.getByText('PLAT-MONITORING').closest('tr')!;
    expect(monitoring).toHaveTextContent(
      'Could not read prometheus: GET /-/ready timed out after 5000 ms',
    );
  });

  it('lists services with links to the entity and red scores linking to its readiness tab', async () => {
    await renderWithApis(<ReadinessPage />, { api: mockReadinessApi() });
    const row = (await screen.findByRole('link', { name: 'doris' })).closest(
      'tr',
    )!;
    expect(within(row).getByRole('link', { name: 'doris' })).toHaveAttribute(
      'href',
      '/catalog/default/component/doris',
    );
    // 23.1% security is red: one click to the evidence.
    expect(
      within(row).getByRole('link', {
        name: /Security of component:default\/doris 23.1%/,
      }),
    ).toHaveAttribute('href', '/catalog/default/component/doris/readiness');
    expect(
      within(row).getByRole('link', { name: /INF-POD-ERRORS Fail/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/doris/readiness#check-INF-POD-ERRORS',
    );
    // 100% operations is not a problem and not a link.
    expect(
      within(row).queryByRole('link', { name: /Ops of/ }),
    ).not.toBeInTheDocument();
  });

  it('reads filters from the URL and sends filter changes to the API', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<ReadinessPage />, {
      api,
      routeEntries: ['/?check=SEC-RBAC'],
    });

    await screen.findByRole('link', { name: 'doris' });
    expect(api.getSummary).toHaveBeenCalledWith({
      check: 'SEC-RBAC',
      offset: 0,
      limit: 20,
    });

    await chooseFilter('Owner', 'analytics');
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        check: 'SEC-RBAC',
        owner: 'group:default/analytics',
        offset: 0,
        limit: 20,
      }),
    );
    await chooseFilter('Status', 'Unknown');
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ status: 'unknown' }),
    );

    await userEvent.type(screen.getByLabelText('Search services'), 'dor');
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        q: 'dor',
        owner: 'group:default/analytics',
      }),
    );
  });

  it('reports filter values from the URL that it cannot use', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<ReadinessPage />, {
      api,
      routeEntries: ['/?layer=network&check=SEC-NOPE'],
    });
    expect(
      await screen.findByText(
        /Ignored filter values from the address: layer "network" .*; check "SEC-NOPE" \(not a check id\)/,
      ),
    ).toBeInTheDocument();
    expect(lastQuery(api)).toEqual({ offset: 0, limit: 20 });
  });

  it('pages on the server with offset and limit', async () => {
    const api = mockReadinessApi();
    const rows = [summaryRow('svc-0'), summaryRow('svc-1')];
    api.getSummary.mockImplementation(async query =>
      summaryResponse(rows, {
        totalCount: 45,
        offset: query?.offset ?? 0,
        limit: 20,
      }),
    );
    await renderWithApis(<ReadinessPage />, { api });
    await screen.findByRole('link', { name: 'svc-0' });
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({ offset: 20, limit: 20 }),
    );
  });

  it('sorts on the server when a column header is clicked', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<ReadinessPage />, { api });
    await screen.findByRole('link', { name: 'doris' });
    // Overall ascending (worst first) is the default; one click turns it round.
    await userEvent.click(
      screen.getAllByRole('button', { name: 'Overall' })[0],
    );
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        sort: '-overall',
        offset: 0,
        limit: 20,
      }),
    );
  });

  it('counts results per check and filters the services table from a count', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<ReadinessPage />, { api });
    await userEvent.click(await screen.findByRole('tab', { name: 'By check' }));

    const rbac = (await screen.findByText('SEC-RBAC')).closest('tr')!;
    expect(
      within(rbac).getByRole('link', { name: /3 services with SEC-RBAC Fail/ }),
    ).toHaveTextContent('3');
    const podErrors = screen.getByText('INF-POD-ERRORS').closest('tr')!;
    await userEvent.click(
      within(podErrors).getByRole('link', {
        name: /2 services with INF-POD-ERRORS Unknown/,
      }),
    );

    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        check: 'INF-POD-ERRORS',
        status: 'unknown',
        offset: 0,
        limit: 20,
      }),
    );
    expect(screen.getByRole('tab', { name: 'Services' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('rolls up by owner', async () => {
    await renderWithApis(<ReadinessPage />, { api: mockReadinessApi() });
    await userEvent.click(await screen.findByRole('tab', { name: 'By owner' }));
    expect(
      await screen.findByRole('link', {
        name: 'Show the 3 services of group:default/data-platform',
      }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('owner=group%3Adefault%2Fdata-platform'),
    );
  });

  it('exports every page matching the filters as CSV', async () => {
    const api = mockReadinessApi();
    const page1 = Array.from({ length: 500 }, (_, i) => summaryRow(`svc-${i}`));
    const page2 = [summaryRow('=cmd', { owner: undefined, problems: [] })];
    api.getSummary.mockImplementation(async query => {
      if (query?.limit === 500) {
        return summaryResponse(query.offset === 0 ? page1 : page2, {
          totalCount: 501,
        });
      }
      return summaryResponse([summaryRow('doris')], { totalCount: 501 });
    });
    let blob: Blob | undefined;
    const createObjectURL = jest.fn((b: Blob) => {
      blob = b;
      return 'blob:readiness';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});

    await renderWithApis(<ReadinessPage />, {
      api,
      routeEntries: ['/?owner=group:default/data-platform'],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );

    await waitFor(() => expect(click).toHaveBeenCalled());
    const exportCalls = api.getSummary.mock.calls
      .map(c => c[0])
      .filter(q => q?.limit === 500);
    expect(exportCalls).toEqual([
      { owner: 'group:default/data-platform', offset: 0, limit: 500 },
      { owner: 'group:default/data-platform', offset: 500, limit: 500 },
    ]);
    const lines = (await blob!.text()).trim().split('\r\n');
    expect(lines).toHaveLength(502);
    expect(lines[0]).toBe(
      'entityRef,title,owner,system,namespace,lifecycle,overall,infrastructure,security,operations,phasesComplete,failingChecks,unknownChecks,warningChecks,measuredAt,stale',
    );
    expect(lines[1]).toMatch(
      /^component:default\/svc-0,,group:default\/data-platform,system:default\/lakehouse,data-platform,production,41.2,55,23.1,100,P4,INF-POD-ERRORS SEC-NETPOL-DEFAULT-DENY,,,.+,false$/,
    );
    expect(lines[501]).toMatch(/^component:default\/=cmd,/);
    click.mockRestore();
  });

  it('shows its help text even in an app without app.support (where SupportButton renders nothing)', async () => {
    await renderWithApis(<ReadinessPage />, { api: mockReadinessApi() });
    expect(
      await screen.findByText(
        /Every service with Kubernetes annotations is measured against the readiness checks/,
      ),
    ).toBeVisible();
  });

  it('shows backend errors in a ResponseErrorPanel', async () => {
    const api = mockReadinessApi();
    api.getSummary.mockRejectedValue(
      await responseError(500, 'Error', 'knex: connection refused'),
    );
    await renderWithApis(<ReadinessPage />, { api });
    expect(
      await screen.findByText(/Request failed with 500 Internal Server Error/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/knex: connection refused/)).not.toHaveLength(0);
  });

  it('says the user is not allowed on a 403', async () => {
    const api = mockReadinessApi();
    api.getSummary.mockRejectedValue(
      await responseError(403, 'NotAllowedError', 'Unauthorized'),
    );
    await renderWithApis(<ReadinessPage />, { api });
    expect(
      await screen.findByText(/You are not allowed to view readiness results/),
    ).toBeInTheDocument();
  });
});
