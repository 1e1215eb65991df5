import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  OverridableFrontendPlugin,
  PageBlueprint,
  RouteRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import VerifiedUser from '@material-ui/icons/VerifiedUser';
import { readinessApiRef, ReadinessClient } from './api';
import { isReadinessAvailable } from './isReadinessAvailable';
import { entityContentRouteRef, rootRouteRef } from './routes';

const readinessApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: readinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReadinessClient({ discoveryApi, fetchApi }),
    }),
});

const readinessPage = PageBlueprint.make({
  params: {
    path: '/readiness',
    title: 'Readiness',
    icon: <VerifiedUser />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/ReadinessPage').then(m => <m.ReadinessPage />),
  },
});

const entityReadinessCard = EntityCardBlueprint.make({
  name: 'readiness',
  params: {
    filter: isReadinessAvailable,
    loader: () =>
      import('./components/EntityReadinessCard').then(m => (
        <m.EntityReadinessCard />
      )),
  },
});

const entityReadinessContent = EntityContentBlueprint.make({
  name: 'readiness',
  params: {
    path: '/readiness',
    title: 'Readiness',
    group: 'operation',
    routeRef: entityContentRouteRef,
    filter: isReadinessAvailable,
    loader: () =>
      import('./components/EntityReadinessContent').then(m => (
        <m.EntityReadinessContent />
      )),
  },
});

/**
 * The readiness plugin for the new frontend system: the API, the catalog-wide page, the entity
 * overview card and the entity tab.
 *
 * @alpha
 */
// Annotated because the catalog blueprints come from another copy of frontend-plugin-api, whose
// types the inferred declaration could not name.
const readinessPlugin: OverridableFrontendPlugin<{
  root: RouteRef;
  entityContent: RouteRef;
}> = createFrontendPlugin({
  pluginId: 'readiness',
  title: 'Readiness',
  icon: <VerifiedUser />,
  info: { packageJson: () => import('../package.json') },
  extensions: [
    readinessApi,
    readinessPage,
    entityReadinessCard,
    entityReadinessContent,
  ],
  routes: { root: rootRouteRef, entityContent: entityContentRouteRef },
});

export default readinessPlugin;
