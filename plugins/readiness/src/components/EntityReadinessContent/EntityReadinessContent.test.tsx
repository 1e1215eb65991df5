import { screen, within } from '@testing-library/react';
import { EntityReadinessContent } from './EntityReadinessContent';
import {
  annotatedEntity,
  bareEntity,
  mockReadinessApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';

describe('EntityReadinessContent', () => {
  it('groups every check by layer, then phase, worst first', async () => {
    await renderWithApis(<EntityReadinessContent />, {
      api: mockReadinessApi(),
      entity: annotatedEntity,
    });

    const p1 = await screen.findByRole('region', {
      name: 'Infrastructure, P1 · Infrastructure stabilisation',
    });
    const p1Titles = within(p1)
      .getAllByRole('heading', { level: 4 })
      .map(h => h.textContent);
    expect(p1Titles).toEqual([
      'No pod errors',
      'Trusted, pinned images',
      'Workload available',
    ]);

    const p3 = screen.getByRole('region', {
      name: 'Infrastructure, P3 · High availability',
    });
    expect(within(p3).getByText('Replicas')).toBeInTheDocument();

    const p2 = screen.getByRole('region', {
      name: 'Security, P2 · Security hardening',
    });
    expect(
      within(p2)
        .getAllByRole('heading', { level: 4 })
        .map(h => h.textContent),
    ).toEqual([
      'Default-deny NetworkPolicy',
      'Least-privilege RBAC',
      'Secrets in Vault',
      'Vault Kubernetes role',
      'Certificate expiry',
    ]);
    expect(
      screen.getByRole('region', {
        name: 'Operations, P4 · Monitoring and observability',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', {
        name: 'Operations, P5 · Backup and disaster recovery',
      }),
    ).toBeInTheDocument();
    // Every row carries its evidence and an anchor the card and the catalog view link to.
    expect(document.getElementById('check-INF-POD-ERRORS')).toHaveTextContent(
      'Pod doris-be-0 container be waiting: CrashLoopBackOff (14 restarts)',
    );
    expect(document.getElementById('check-INF-POD-ERRORS')).toHaveTextContent(
      'How to fix: Read the logs',
    );
  });

  it('has a heading outline without gaps: card h2, phase h3, check h4', async () => {
    await renderWithApis(
      <>
        {/* The entity page's title, as EntityLayout renders it. */}
        <h1>doris</h1>
        <EntityReadinessContent />
      </>,
      { api: mockReadinessApi(), entity: annotatedEntity },
    );
    await screen.findByText('Vault Kubernetes role');
    const levels = screen
      .getAllByRole('heading')
      .map(h => Number(h.tagName.slice(1)));
    expect(levels[0]).toBe(1);
    // heading-order: a heading is at most one level deeper than the one before it.
    levels.slice(1).forEach((level, i) => {
      expect(level - levels[i]).toBeLessThanOrEqual(1);
    });
    expect(
      screen.getByRole('heading', { level: 2, name: 'Security' }),
    ).toBeInTheDocument();
  });

  it('shows an unknown result as not measured, naming the source and its error', async () => {
    await renderWithApis(<EntityReadinessContent />, {
      api: mockReadinessApi(),
      entity: annotatedEntity,
    });
    const row = await screen.findByText('Vault Kubernetes role');
    const item = row.closest('li')!;
    expect(item).toHaveAttribute('id', 'check-SEC-VAULT-ROLE');
    expect(
      within(item as HTMLElement).getByTestId('status-unknown'),
    ).toBeInTheDocument();
    expect(item).toHaveTextContent(
      'Not measured: the vault source could not be read: connect ECONNREFUSED 10.0.0.5:8200',
    );
  });

  it('links a blocked check to the platform check that blocks it', async () => {
    await renderWithApis(<EntityReadinessContent />, {
      api: mockReadinessApi(),
      entity: annotatedEntity,
    });
    const link = await screen.findByRole('link', {
      name: 'Blocked by PLAT-VAULT, platform check Vault: see every service it blocks',
    });
    expect(link).toHaveAttribute('href', '/readiness?check=PLAT-VAULT');
    // label-content-name-mismatch: the accessible name starts with the words on screen.
    expect(link.textContent).toMatch(/^Blocked by PLAT-VAULT/);
    expect(link).not.toHaveAttribute('aria-label');
    expect(
      document.getElementById('check-SEC-SECRETS-IN-VAULT'),
    ).toHaveTextContent('fail, not counted');
  });

  it('shows an exemption with its reason and expiry', async () => {
    await renderWithApis(<EntityReadinessContent />, {
      api: mockReadinessApi(),
      entity: annotatedEntity,
    });
    await screen.findByText('Least-privilege RBAC');
    const item = document.getElementById('check-SEC-RBAC')!;
    expect(item).toHaveTextContent('fail, exempted');
    expect(item).toHaveTextContent(
      /Exempted until Jan 31, 2027 \(annotation\): Legacy operator needs cluster read until the Q1 migration/,
    );
  });

  it('charts the last 30 days of history with a text alternative', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: annotatedEntity,
    });

    const chart = await screen.findByRole('img', {
      name: /Readiness over the last 30 days/,
    });
    expect(chart).toHaveAccessibleName(/latest overall 41.2%/);
    const table = screen.getByRole('table', {
      name: 'Readiness over the last 30 days',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('23.1%')).toBeInTheDocument();
    expect(chart.querySelectorAll('polyline[data-series]')).toHaveLength(4);

    const since = api.getEntityHistory.mock.calls[0][1]!.since!;
    const days = (Date.now() - since.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
  });

  it('shows MissingAnnotationEmptyState for an entity without Kubernetes annotations', async () => {
    await renderWithApis(<EntityReadinessContent />, {
      api: mockReadinessApi(),
      entity: bareEntity,
    });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });

  it('says "not measured yet" on a 404', async () => {
    const api = mockReadinessApi();
    api.getEntityReadiness.mockRejectedValue(
      await responseError(404, 'NotFoundError', 'not measured'),
    );
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: annotatedEntity,
    });
    expect(await screen.findByText('Not measured yet')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Measure now' }),
    ).not.toBeInTheDocument();
  });

  it('says the user is not allowed on a 403', async () => {
    const api = mockReadinessApi();
    api.getEntityReadiness.mockRejectedValue(
      await responseError(403, 'NotAllowedError', 'Unauthorized'),
    );
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: annotatedEntity,
    });
    expect(
      await screen.findByText(/You are not allowed to view readiness results/),
    ).toBeInTheDocument();
  });
});
