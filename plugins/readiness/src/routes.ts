import { createRouteRef } from '@backstage/core-plugin-api';

/** The catalog-wide readiness page. */
export const rootRouteRef = createRouteRef({ id: 'readiness' });

/** The readiness tab of an entity page. */
export const entityContentRouteRef = createRouteRef({
  id: 'readiness:entity-content',
});
