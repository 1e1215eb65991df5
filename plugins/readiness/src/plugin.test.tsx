import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  EntityReadinessCard,
  EntityReadinessContent,
  ReadinessPage,
  readinessPlugin,
} from './index';
import { annotatedEntity, mockReadinessApi } from './__testUtils__/fixtures';
import { renderWithApis } from './__testUtils__/render';

// The package's `.` export is what a legacy app wires by hand (README, legacy section): these
// render the exported extensions themselves, not the components behind them, so a broken
// `provide(...)` wrapper or mount point fails here.
describe('legacy frontend system exports', () => {
  it('is the readiness plugin with the same routes as the ./alpha plugin', () => {
    expect(readinessPlugin.getId()).toBe('readiness');
    expect(Object.keys(readinessPlugin.routes)).toEqual([
      'root',
      'entityContent',
    ]);
  });

  it('EntityReadinessCard renders the entity card', async () => {
    const api = mockReadinessApi();
    await renderWithApis(<EntityReadinessCard />, {
      api,
      entity: annotatedEntity,
    });
    expect(
      await screen.findByRole('img', { name: /^Overall readiness/ }),
    ).toBeInTheDocument();
    expect(api.getEntityReadiness).toHaveBeenCalled();
  });

  it('EntityReadinessContent renders the tab with every check', async () => {
    const api = mockReadinessApi();
    // Routable extensions are mounted on a route, as in EntityLayout.Route.
    await renderWithApis(
      <Routes>
        <Route path="/*" element={<EntityReadinessContent />} />
      </Routes>,
      { api, entity: annotatedEntity },
    );
    expect(
      (await screen.findAllByText('Default-deny NetworkPolicy')).length,
    ).toBeGreaterThan(0);
  });

  it('ReadinessPage renders the catalog-wide page', async () => {
    const api = mockReadinessApi();
    await renderWithApis(
      <Routes>
        <Route path="/*" element={<ReadinessPage />} />
      </Routes>,
      { api },
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Production readiness',
        level: 1,
      }),
    ).toBeInTheDocument();
    expect(api.getSummary).toHaveBeenCalled();
  });
});
