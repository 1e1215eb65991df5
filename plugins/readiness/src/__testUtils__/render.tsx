import { ReactNode } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { readinessApiRef, ReadinessApi } from '../api';
import { rootRouteRef } from '../routes';

export const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
  '/readiness': rootRouteRef,
};

/** Renders `element` in a test app with the readiness API, a permission decision and an entity. */
export function renderWithApis(
  element: ReactNode,
  options: {
    api: ReadinessApi;
    entity?: Entity;
    refreshAllowed?: boolean;
    routeEntries?: string[];
  },
) {
  const permissionApi = mockApis.permission({
    authorize: options.refreshAllowed
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [readinessApiRef, options.api],
        [permissionApiRef, permissionApi],
      ]}
    >
      {options.entity ? (
        <EntityProvider entity={options.entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    { mountedRoutes, routeEntries: options.routeEntries },
  );
}
