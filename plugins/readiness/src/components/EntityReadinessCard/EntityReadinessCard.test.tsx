import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityReadinessCard } from './EntityReadinessCard';
import {
  annotatedEntity,
  bareEntity,
  dorisReadiness,
  mockReadinessApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';

describe('EntityReadinessCard', () => {
  it('shows the overall score, one bar per layer, the phase gates and when it was measured', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<EntityReadinessCard />, {
      api,
      entity: annotatedEntity,
    });

    expect(
      await screen.findByRole('img', { name: 'Overall readiness 41.2%' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Infrastructure' }),
    ).toHaveAttribute('aria-valuenow', '55');
    expect(
      screen.getByRole('progressbar', { name: 'Security' }),
    ).toHaveAttribute('aria-valuetext', '23.1%');
    expect(
      screen.getByRole('progressbar', { name: 'Operations' }),
    ).toHaveAttribute('aria-valuenow', '100');
    expect(screen.getByText('measured 4 minutes ago')).toBeInTheDocument();

    const phases = within(screen.getByRole('list', { name: 'Phase progress' }))
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(phases).toContain('P1 Infrastructure stabilisation: incomplete');
    expect(phases).toContain('P4 Monitoring and observability: complete');
    expect(api.getEntityReadiness).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'doris',
    });
  });

  it('lists the three most important problems, severity first, skipping exempted and blocked checks', async () => {
    await renderWithApis(<EntityReadinessCard />, {
      api: mockReadinessApi(),
      entity: annotatedEntity,
    });

    const list = await screen.findByRole('list', {
      name: 'Most important failing checks',
    });
    const links = within(list).getAllByRole('link');
    // Critical fails, then the critical unknown; the high-severity HA-REPLICAS failure is 4th.
    expect(links.map(l => l.textContent)).toEqual([
      'No pod errors',
      'Default-deny NetworkPolicy',
      'Vault Kubernetes role',
    ]);
    expect(links[0]).toHaveAttribute(
      'href',
      '/catalog/default/component/doris/readiness#check-INF-POD-ERRORS',
    );
    expect(
      within(list).getByText(/kubectl logs --previous/),
    ).toBeInTheDocument();
    expect(
      within(list).getByText(
        'Could not read vault: connect ECONNREFUSED 10.0.0.5:8200',
      ),
    ).toBeInTheDocument();
    expect(within(list).queryByText(/SEC-RBAC/)).not.toBeInTheDocument();
    expect(
      within(list).queryByText(/SEC-SECRETS-IN-VAULT/),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /All checks and evidence/ }),
    ).toHaveAttribute('href', '/catalog/default/component/doris/readiness');
  });

  it('shows the gauge with the same one-decimal figure as the tab, the table and the CSV', async () => {
    const api = mockReadinessApi();
    const readiness = dorisReadiness();
    api.getEntityReadiness.mockResolvedValue({
      ...readiness,
      overall: { ...readiness.overall, percent: 38.46 },
    });
    await renderWithApis(<EntityReadinessCard />, {
      api,
      entity: annotatedEntity,
    });
    const gauge = await screen.findByRole('img', {
      name: 'Overall readiness 38.5%',
    });
    // Backstage's Gauge rounds to a whole number by default ("38%"/"39%").
    expect(gauge).toHaveTextContent('38.5%');
  });

  it('does not make the phase chips Tab stops', async () => {
    await renderWithApis(<EntityReadinessCard />, {
      api: mockReadinessApi(),
      entity: annotatedEntity,
    });
    const list = await screen.findByRole('list', { name: 'Phase progress' });
    for (const item of within(list).getAllByRole('listitem')) {
      expect(item.querySelectorAll('[tabindex="0"], a, button')).toHaveLength(
        0,
      );
    }
    // Walking the whole card with Tab never lands inside the phase list.
    const card = screen.getByTestId('readiness-entity-card');
    const stops: Element[] = [];
    for (let i = 0; i < 20; i++) {
      await userEvent.tab();
      if (!card.contains(document.activeElement)) break;
      stops.push(document.activeElement!);
    }
    expect(stops.length).toBeGreaterThan(0);
    expect(stops.some(el => list.contains(el))).toBe(false);
  });

  it('ends a long problem title in an ellipsis and shows the whole title in a tooltip', async () => {
    await renderWithApis(<EntityReadinessCard />, {
      api: mockReadinessApi(),
      entity: annotatedEntity,
    });
    const list = await screen.findByRole('list', {
      name: 'Most important failing checks',
    });
    const link = within(list).getByRole('link', { name: 'No pod errors' });
    expect(link).toHaveStyle({
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    });
    await userEvent.hover(link);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'No pod errors',
    );
    // The fix is clamped to two lines but kept whole in the DOM and in its title.
    const fix = within(list).getByText(/kubectl logs --previous/);
    expect(fix).toHaveAttribute('title', fix.textContent!);
  });

  it('gives the card a heading below the entity page title', async () => {
    await renderWithApis(<EntityReadinessCard />, {
      api: mockReadinessApi(),
      entity: annotatedEntity,
    });
    expect(
      await screen.findByRole('heading', {
        level: 2,
        name: 'Production readiness',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 3, name: 'Most important to fix' }),
    ).toBeInTheDocument();
  });

  it('warns when the result is stale', async () => {
    const api = mockReadinessApi();
    api.getEntityReadiness.mockResolvedValue(
      dorisReadiness({
        stale: true,
        staleReason: 'kubernetes: 403 listing pods in doris',
      }),
    );
    await renderWithApis(<EntityReadinessCard />, {
      api,
      entity: annotatedEntity,
    });
    expect(
      await screen.findByText(/These results are out of date/),
    ).toHaveTextContent('kubernetes: 403 listing pods in doris');
  });

  it('hides "Measure now" without readiness.refresh', async () => {
    await renderWithApis(<EntityReadinessCard />, {
      api: mockReadinessApi(),
      entity: annotatedEntity,
    });
    await screen.findByText('measured 4 minutes ago');
    expect(
      screen.queryByRole('button', { name: 'Measure now' }),
    ).not.toBeInTheDocument();
  });

  it('explains the missing annotation instead of calling the backend', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<EntityReadinessCard />, { api, entity: bareEntity });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-id/).length,
    ).toBeGreaterThan(0);
    expect(api.getEntityReadiness).not.toHaveBeenCalled();
  });

  it('shows a backend error in a ResponseErrorPanel', async () => {
    const api = mockReadinessApi();
    api.getEntityReadiness.mockRejectedValue(
      await responseError(500, 'Error', 'database is locked'),
    );
    await renderWithApis(<EntityReadinessCard />, {
      api,
      entity: annotatedEntity,
    });
    expect(
      await screen.findByText(/Request failed with 500 Internal Server Error/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/database is locked/)).not.toHaveLength(0);
    expect(screen.queryByText('Not measured yet')).not.toBeInTheDocument();
  });

  it('says the user is not allowed on a 403', async () => {
    const api = mockReadinessApi();
    api.getEntityReadiness.mockRejectedValue(
      await responseError(
        403,
        'NotAllowedError',
        'Unauthorized: readiness.read',
      ),
    );
    await renderWithApis(<EntityReadinessCard />, {
      api,
      entity: annotatedEntity,
    });
    expect(
      await screen.findByText(/You are not allowed to view readiness results/),
    ).toBeInTheDocument();
  });
});
