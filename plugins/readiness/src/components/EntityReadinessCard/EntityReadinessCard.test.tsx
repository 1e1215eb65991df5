import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityReadinessCard } from './EntityReadinessCard';
import {
  annotatedEntity,
  bareEntity,
  dorisReadiness,
  mockReadinessApi,
  responseError,
} from '../../testing/fixtures';
import { renderWithApis } from '../../testing/render';

describe('EntityReadinessCard', () => {
  it('shows the overall score, one bar per layer, the phase gates and when it was measured', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<EntityReadinessCard />, { api, entity: annotatedEntity });

    expect(await screen.findByRole('img', { name: 'Overall readiness 41.2%' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Infrastructure' })).toHaveAttribute('aria-valuenow', '55');
    expect(screen.getByRole('progressbar', { name: 'Security' })).toHaveAttribute('aria-valuetext', '23.1%');
    expect(screen.getByRole('progressbar', { name: 'Operations' })).toHaveAttribute('aria-valuenow', '100');
    expect(screen.getByText('measured 4 minutes ago')).toBeInTheDocument();

    const phases = within(screen.getByRole('list', { name: 'Phase progress' }));
    expect(phases.getByLabelText('P1 Infrastructure stabilisation: incomplete')).toBeInTheDocument();
    expect(phases.getByLabelText('P4 Monitoring and observability: complete')).toBeInTheDocument();
    expect(api.getEntityReadiness).toHaveBeenCalledWith({ kind: 'Component', namespace: 'default', name: 'doris' });
  });

  it('lists the three most important problems, severity first, skipping exempted and blocked checks', async () => {
    await renderWithApis(<EntityReadinessCard />, { api: mockReadinessApi(), entity: annotatedEntity });

    const list = await screen.findByRole('list', { name: 'Most important failing checks' });
    const links = within(list).getAllByRole('link');
    // Critical fails, then the critical unknown; the high-severity HA-REPLICAS failure is 4th.
    expect(links.map(l => l.textContent)).toEqual(['No pod errors', 'Default-deny NetworkPolicy', 'Vault Kubernetes role']);
    expect(links[0]).toHaveAttribute('href', '/catalog/default/component/doris/readiness#check-INF-POD-ERRORS');
    expect(within(list).getByText(/kubectl logs --previous/)).toBeInTheDocument();
    expect(within(list).getByText('Could not read vault: connect ECONNREFUSED 10.0.0.5:8200')).toBeInTheDocument();
    expect(within(list).queryByText(/SEC-RBAC/)).not.toBeInTheDocument();
    expect(within(list).queryByText(/SEC-SECRETS-IN-VAULT/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /All checks and evidence/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/doris/readiness',
    );
  });

  it('warns when the result is stale', async () => {
    const api = mockReadinessApi();
    api.getEntityReadiness.mockResolvedValue(
      dorisReadiness({ stale: true, staleReason: 'kubernetes: 403 listing pods in doris' }),
    );
    await renderWithApis(<EntityReadinessCard />, { api, entity: annotatedEntity });
    expect(await screen.findByText(/These results are out of date/)).toHaveTextContent(
      'kubernetes: 403 listing pods in doris',
    );
  });

  it('offers "Measure now" only to users with readiness.refresh, and shows the new result', async () => {
    const api = mockReadinessApi();
    api.refreshEntity.mockResolvedValue(
      dorisReadiness({ measuredAt: new Date(Date.now() - 60_000).toISOString() }),
    );
    await renderWithApis(<EntityReadinessCard />, { api, entity: annotatedEntity, refreshAllowed: true });
    await screen.findByText('measured 4 minutes ago');

    await userEvent.click(await screen.findByRole('button', { name: 'Measure now' }));
    expect(api.refreshEntity).toHaveBeenCalledWith({ kind: 'Component', namespace: 'default', name: 'doris' });
    expect(await screen.findByText('measured 1 minute ago')).toBeInTheDocument();
  });

  it('hides "Measure now" without readiness.refresh', async () => {
    await renderWithApis(<EntityReadinessCard />, { api: mockReadinessApi(), entity: annotatedEntity });
    await screen.findByText('measured 4 minutes ago');
    expect(screen.queryByRole('button', { name: 'Measure now' })).not.toBeInTheDocument();
  });

  it('explains the missing annotation instead of calling the backend', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<EntityReadinessCard />, { api, entity: bareEntity });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(screen.getAllByText(/backstage.io\/kubernetes-id/).length).toBeGreaterThan(0);
    expect(api.getEntityReadiness).not.toHaveBeenCalled();
  });

  it('says "not measured yet" for a 404 and lets a permitted user measure now', async () => {
    const api = mockReadinessApi();
    api.getEntityReadiness.mockRejectedValue(
      await responseError(404, 'NotFoundError', 'component:default/doris has not been measured yet'),
    );
    await renderWithApis(<EntityReadinessCard />, { api, entity: annotatedEntity, refreshAllowed: true });

    expect(await screen.findByText('Not measured yet')).toBeInTheDocument();
    expect(screen.getByText(/appear after the next sweep/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Measure now' }));
    expect(await screen.findByRole('img', { name: 'Overall readiness 41.2%' })).toBeInTheDocument();
  });

  it('shows a backend error in a ResponseErrorPanel', async () => {
    const api = mockReadinessApi();
    api.getEntityReadiness.mockRejectedValue(await responseError(500, 'Error', 'database is locked'));
    await renderWithApis(<EntityReadinessCard />, { api, entity: annotatedEntity });
    const mentions = await screen.findAllByText(/database is locked/);
    expect(mentions[0]).toBeVisible();
    expect(screen.queryByText('Not measured yet')).not.toBeInTheDocument();
  });

  it('says the user is not allowed on a 403', async () => {
    const api = mockReadinessApi();
    api.getEntityReadiness.mockRejectedValue(
      await responseError(403, 'NotAllowedError', 'Unauthorized: readiness.read'),
    );
    await renderWithApis(<EntityReadinessCard />, { api, entity: annotatedEntity });
    expect(await screen.findByText(/You are not allowed to view readiness results/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Measure now' })).not.toBeInTheDocument());
  });
});
