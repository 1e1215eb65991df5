import { useCallback } from 'react';
import type { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { rootRouteRef } from '../../routes';

// useRouteRef throws when the route is not mounted in the app; it calls its hooks before
// throwing, so catching keeps the hook order stable.
function useEntityRoute() {
  try {
    return useRouteRef(entityRouteRef);
  } catch {
    return undefined;
  }
}

function usePageRoute() {
  try {
    return useRouteRef(rootRouteRef);
  } catch {
    return undefined;
  }
}

/** Path of an entity's readiness tab, optionally scrolled to one check. */
export function useEntityReadinessPath(): (
  entityRef: string | CompoundEntityRef | Entity,
  checkId?: string,
) => string {
  const entityRoute = useEntityRoute();
  return useCallback(
    (entityRef, checkId) => {
      const params = entityRouteParams(entityRef);
      const base = entityRoute
        ? entityRoute(params)
        : `/catalog/${params.namespace}/${params.kind}/${params.name}`;
      return `${base}/readiness${checkId ? `#${checkAnchor(checkId)}` : ''}`;
    },
    [entityRoute],
  );
}

/** Link to the catalog-wide page filtered to one check (its default path when not mounted). */
export function useCheckFilterPath(): (checkId: string) => string {
  const pageRoute = usePageRoute();
  return useCallback(
    (checkId: string) =>
      `${pageRoute?.() ?? '/readiness'}?${new URLSearchParams({
        check: checkId,
      })}`,
    [pageRoute],
  );
}

/** Element id of a check's row on the readiness tab. */
export function checkAnchor(checkId: string): string {
  return `check-${checkId}`;
}
