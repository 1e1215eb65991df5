import type { JSX } from 'react';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { readinessApiRef, ReadinessClient } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

/**
 * The readiness plugin for the legacy frontend system (the new one is the `./alpha` export).
 *
 * @public
 */
export const readinessPlugin = createPlugin({
  id: 'readiness',
  apis: [
    createApiFactory({
      api: readinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReadinessClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
});

/**
 * Overview card: overall and per-layer readiness, phase gates and the three most important fixes.
 *
 * @public
 */
export const EntityReadinessCard: () => JSX.Element = readinessPlugin.provide(
  createComponentExtension({
    name: 'EntityReadinessCard',
    component: {
      lazy: () =>
        import('./components/EntityReadinessCard').then(
          m => m.EntityReadinessCard,
        ),
    },
  }),
);

/**
 * The entity's "Readiness" tab: every check with evidence and remediation, and the score history.
 *
 * @public
 */
export const EntityReadinessContent: () => JSX.Element =
  readinessPlugin.provide(
    createRoutableExtension({
      name: 'EntityReadinessContent',
      component: () =>
        import('./components/EntityReadinessContent').then(
          m => m.EntityReadinessContent,
        ),
      mountPoint: entityContentRouteRef,
    }),
  );

/**
 * Catalog-wide readiness: platform components, every service, and roll-ups by check and owner.
 *
 * @public
 */
export const ReadinessPage: () => JSX.Element = readinessPlugin.provide(
  createRoutableExtension({
    name: 'ReadinessPage',
    component: () =>
      import('./components/ReadinessPage').then(m => m.ReadinessPage),
    mountPoint: rootRouteRef,
  }),
);
