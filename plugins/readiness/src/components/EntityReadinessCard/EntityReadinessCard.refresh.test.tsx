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

    const button = await screen.findByRole('button', { name: 'Measure now' });
    await userEvent.click(button);
    expect(api.refreshEntity).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'doris',
    });
    expect(
      await screen.findByText('measured 1 minute ago'),
    ).toBeInTheDocument();
    // The button never left the page or lost the focus, and the result is announced.
    expect(button).toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Measured just now: overall readiness 41.2%.',
    );
  });

  it('keeps the focus on "Measure now" while measuring, with Enter from the keyboard', async () => {
    const api = mockReadinessApi();
    let finish: (value: ReturnType<typeof dorisReadiness>) => void = () => {};
    api.refreshEntity.mockReturnValue(
      new Promise(resolve => {
        finish = resolve;
      }),
    );
    await renderWithApis(<EntityReadinessCard />, {
      api,
      entity: annotatedEntity,
      refreshAllowed: true,
    });
    const button = await screen.findByRole('button', { name: 'Measure now' });
    button.focus();
    await userEvent.keyboard('{Enter}');

    // While the request runs: same element, focused, busy, and announced.
    expect(await screen.findByRole('button', { name: 'Measuring…' })).toBe(
      button,
    );
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Measuring readiness…',
    );
    // A second Enter while busy does not start a second measurement.
    await userEvent.keyboard('{Enter}');
    expect(api.refreshEntity).toHaveBeenCalledTimes(1);

    finish(dorisReadiness());
    expect(
      await screen.findByRole('button', { name: 'Measure now' }),
    ).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Measured just now: overall readiness 41.2%.',
    );
  });

  it('announces a failed measurement', async () => {
    const api = mockReadinessApi();
    api.refreshEntity.mockRejectedValue(
      await responseError(429, 'Error', 'refreshed less than 60 seconds ago'),
    );
    await renderWithApis(<EntityReadinessCard />, {
      api,
      entity: annotatedEntity,
      refreshAllowed: true,
    });
    const button = await screen.findByRole('button', { name: 'Measure now' });
    await userEvent.click(button);
    expect(await screen.findByRole('status')).toHaveTextContent(
      /^Measuring failed: /,
    );
    expect(button).toHaveFocus();
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
    await userEvent.click(
      await screen.findByRole('button', { name: 'Measure now' }),
    );
    expect(
      await screen.findByRole('img', { name: 'Overall readiness 41.2%' }),
    ).toBeInTheDocument();
    // The empty state's button is gone; the card's own "Measure now" takes the focus instead of
    // leaving it on <body>.
    expect(
      await screen.findByRole('button', { name: 'Measure now' }),
    ).toHaveFocus();
  });
});
