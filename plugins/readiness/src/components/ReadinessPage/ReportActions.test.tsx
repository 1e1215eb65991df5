import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReportActions } from './ReportActions';

const BASE = 'http://backend.test/api/readiness';

function setup(response: Response) {
  const fetch = jest.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response);
  const render = (scope = {}) =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [discoveryApiRef, { getBaseUrl: async () => BASE }],
          [fetchApiRef, { fetch }],
        ]}
      >
        <ReportActions scope={scope} />
      </TestApiProvider>,
    );
  return { fetch, render };
}

describe('ReportActions', () => {
  const createObjectURL = jest.fn(() => 'blob:report');
  beforeEach(() => {
    (URL as any).createObjectURL = createObjectURL;
    (URL as any).revokeObjectURL = jest.fn();
    createObjectURL.mockClear();
  });

  it('downloads the Markdown report for the view\'s owner, system and namespace', async () => {
    const { fetch, render } = setup(new Response('# Production readiness status', { status: 200 }));
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await render({ owner: 'group:default/data', system: 'system:default/analytics' });
    await userEvent.click(screen.getByRole('button', { name: 'Report (.md)' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(fetch).toHaveBeenCalledWith(
      `${BASE}/report?format=md&owner=group%3Adefault%2Fdata&system=system%3Adefault%2Fanalytics`,
    );
    expect(await screen.findByText('Report downloaded as Markdown.')).toBeInTheDocument();
    click.mockRestore();
  });

  it('adds the chosen "changes since" span to the report request', async () => {
    const { fetch, render } = setup(new Response('# Production readiness status', { status: 200 }));
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await render();
    await userEvent.selectOptions(screen.getByLabelText('Changes since'), 'The last 7 days');
    const before = Date.now();
    await userEvent.click(screen.getByRole('button', { name: 'Report (.md)' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const url = new URL(String(fetch.mock.calls[0][0]));
    expect(url.searchParams.get('format')).toBe('md');
    const since = Date.parse(url.searchParams.get('since')!);
    expect(before - since).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    expect(before - since).toBeLessThanOrEqual(7 * 86_400_000 + 5000);
    click.mockRestore();
  });

  it('opens the printable page in a new tab', async () => {
    const { fetch, render } = setup(new Response('<!doctype html>', { status: 200 }));
    const tab = { location: { href: '' }, close: jest.fn() };
    const open = jest.spyOn(window, 'open').mockReturnValue(tab as any);
    await render();
    await userEvent.click(screen.getByRole('button', { name: 'Printable report' }));
    await waitFor(() => expect(tab.location.href).toBe('blob:report'));
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(fetch).toHaveBeenCalledWith(`${BASE}/report?format=html`);
    open.mockRestore();
  });

  it('says why when the backend refuses, and closes the empty tab', async () => {
    const { render } = setup(
      new Response(JSON.stringify({ error: { name: 'NotAllowedError', message: 'Not allowed: readiness.read is required' } }), {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const tab = { location: { href: '' }, close: jest.fn() };
    const open = jest.spyOn(window, 'open').mockReturnValue(tab as any);
    await render();
    await userEvent.click(screen.getByRole('button', { name: 'Printable report' }));
    await waitFor(() => expect(tab.close).toHaveBeenCalled());
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(/^Report failed: .*readiness\.read is required/),
    );
    // The panel the rest of the page uses for errors says the same.
    expect(document.body).toHaveTextContent(/readiness\.read is required/);
    open.mockRestore();
  });
});
