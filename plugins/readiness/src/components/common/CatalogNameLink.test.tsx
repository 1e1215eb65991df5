import { screen } from '@testing-library/react';
import {
  entityPresentationApiRef,
  EntityRefPresentationSnapshot,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { mountedRoutes } from '../../__testUtils__/render';
import { CatalogNameLink } from './CatalogNameLink';

describe('CatalogNameLink', () => {
  it("names the entity as the catalog presents it and links to the entity's page", async () => {
    const forEntity = jest.fn((entityRef: string) => {
      const snapshot: EntityRefPresentationSnapshot = {
        entityRef,
        primaryTitle: 'Platform Team',
        secondaryTitle: entityRef,
      };
      return { snapshot, promise: Promise.resolve(snapshot) };
    });
    await renderInTestApp(
      <TestApiProvider apis={[[entityPresentationApiRef, { forEntity }]]}>
        <CatalogNameLink
          entityRef="group:default/platform-team"
          defaultKind="group"
        />
      </TestApiProvider>,
      { mountedRoutes },
    );
    const link = screen.getByRole('link', { name: 'Platform Team' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/group/platform-team',
    );
    expect(forEntity).toHaveBeenCalledWith('group:default/platform-team', {
      defaultKind: 'group',
    });
  });

  it('falls back to the readable ref without a presentation API', async () => {
    await renderInTestApp(
      <CatalogNameLink
        entityRef="system:default/lakehouse"
        defaultKind="system"
      />,
      { mountedRoutes },
    );
    expect(screen.getByRole('link', { name: 'lakehouse' })).toHaveAttribute(
      'href',
      '/catalog/default/system/lakehouse',
    );
  });
});
