import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityReadinessCard } from './EntityReadinessCard';
import {
  annotatedEntity,
  dorisReadiness,
  mockReadinessApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';

// usePermission caches decisions per permission for the whole module (SWR), so the tests that
// grant readiness.refresh live apart from the ones that deny it.
describe('EntityReadinessCard with readiness.refresh', () => {
  it('offers "Measure now" and shows the new measurement', async () => {
    const api = mockReadinessApi();
    api.refreshEntity.mockResolvedValue(
      dorisReadiness({
        measuredAt: new Date(Date.now() - 60_000).toISOString(),
      }),
    );
    await renderWithApis(<EntityReadinessCard />, {
      api,
      entity: annotatedEntity,
      refreshAllowed: true,
    });
    await screen.findByText('measured 4 minutes ago');

    await userEvent.click(
      await screen.findByRole('button', { name: 'Measure now' }),
    );
    expect(api.refreshEntity).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'doris',
    });
    expect(
      await screen.findByText('measured 1 minute ago'),
    ).toBeInTheDocument();
  });

  it('says "not measured yet" for a 404 and lets a permitted user measure now', async () => {
    const api = mockReadinessApi();
    api.getEntityReadiness.mockRejectedValue(
      await responseError(
        404,
        'NotFoundError',
        'component:default/doris has not been measured yet',
      ),
    );
    await renderWithApis(<EntityReadinessCard />, {
      api,
      entity: annotatedEntity,
      refreshAllowed: true,
    });

    expect(await screen.findByText('Not measured yet')).toBeInTheDocument();
    expect(
      screen.getByText('component:default/doris has not been measured yet'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Measure now' }));
    expect(
      await screen.findByRole('img', { name: 'Overall readiness 41.2%' }),
    ).toBeInTheDocument();
  });
});
