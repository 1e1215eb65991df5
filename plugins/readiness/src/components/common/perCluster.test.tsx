import { fireEvent, screen, within } from '@testing-library/react';
import type { PlatformResponse } from '@254carbon/plugin-readiness-common';
import { EntityReadinessContent } from '../EntityReadinessContent';
import { PlatformComponentsTable } from '../ReadinessPage/PlatformComponentsTable';
import {
  annotatedEntity,
  dorisChecks,
  dorisReadiness,
  mockReadinessApi,
  platform,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';

describe('results judged in several clusters', () => {
  it("shows each check's outcome per cluster and how the service was measured", async () => {
    const api = mockReadinessApi();
    api.getEntityReadiness.mockResolvedValue(
      dorisReadiness({
        clusters: ['prod', 'staging'],
        notes: [
          'cluster edge could not be read (pods: timed out after 10000 ms); judged from prod, staging',
        ],
        checks: dorisChecks.map(c =>
          c.checkId === 'INF-WORKLOAD'
            ? {
                ...c,
                status: 'fail',
                evidence: [
                  'cluster prod: Deployment doris 2/2 ready',
                  'cluster staging: Deployment doris 0/2 ready',
                ],
                clusters: [
                  {
                    cluster: 'prod',
                    status: 'pass',
                    evidence: ['Deployment doris 2/2 ready'],
                  },
                  {
                    cluster: 'staging',
                    status: 'fail',
                    evidence: ['Deployment doris 0/2 ready'],
                  },
                ],
              }
            : c,
        ),
      }),
    );
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: annotatedEntity,
    });

    const perCluster = await screen.findByRole('group', {
      name: 'INF-WORKLOAD per cluster',
    });
    expect(within(perCluster).getByText('prod: pass')).toBeInTheDocument();
    expect(within(perCluster).getByText('staging: fail')).toBeInTheDocument();
    const notes = screen.getByTestId('readiness-measurement-notes');
    expect(notes).toHaveTextContent('Judged in 2 clusters (prod, staging)');
    expect(notes).toHaveTextContent('cluster edge could not be read');
    // A check judged in one cluster shows no per-cluster group.
    expect(
      screen.queryByRole('group', { name: 'INF-IMAGES per cluster' }),
    ).not.toBeInTheDocument();
  });

  it('lets the platform team look at one cluster, the worst of all by default', async () => {
    const perCluster: PlatformResponse = {
      ...platform,
      clusters: [
        {
          cluster: 'prod',
          overall: { ...platform.overall, percent: 90 },
          checks: [
            {
              checkId: 'PLAT-NODES',
              status: 'pass',
              evidence: ['3/3 nodes Ready'],
            },
          ],
        },
        {
          cluster: 'staging',
          overall: { ...platform.overall, percent: 50 },
          checks: [
            {
              checkId: 'PLAT-NODES',
              status: 'warn',
              evidence: ['1/1 nodes Ready (single node)'],
            },
          ],
        },
      ],
    };
    await renderWithApis(<PlatformComponentsTable platform={perCluster} />, {
      api: mockReadinessApi(),
    });
    expect(
      await screen.findByText('1 of 1 nodes Ready: single point of failure'),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByTestId('platform-cluster-select'), {
      target: { value: 'prod' },
    });
    expect(await screen.findByText('3/3 nodes Ready')).toBeInTheDocument();
    expect(
      screen.queryByText('1 of 1 nodes Ready: single point of failure'),
    ).not.toBeInTheDocument();
    expect(screen.getByText(/Platform components in prod/)).toBeInTheDocument();
  });

  it('shows no cluster selector with a single cluster', async () => {
    await renderWithApis(<PlatformComponentsTable platform={platform} />, {
      api: mockReadinessApi(),
    });
    await screen.findByText(/Platform components/);
    expect(
      screen.queryByTestId('platform-cluster-select'),
    ).not.toBeInTheDocument();
  });
});
