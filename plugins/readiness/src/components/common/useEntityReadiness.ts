import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  formatPercent,
  ServiceReadiness,
} from '@254carbon/plugin-readiness-common';
import { readinessApiRef } from '../../api';
import { isReadinessAvailable } from '../../isReadinessAvailable';

/** The current entity's readiness, and an on-demand re-measurement that replaces it. */
export function useEntityReadiness() {
  const { entity } = useEntity();
  const api = useApi(readinessApiRef);
  const available = isReadinessAvailable(entity);
  const entityRef = stringifyEntityRef(entity);
  const [refreshed, setRefreshed] = useState<{
    entityRef: string;
    value: ServiceReadiness;
  }>();

  const { loading, error, value } = useAsync(async () => {
    if (!available) return undefined;
    return api.getEntityReadiness(getCompoundEntityRef(entity));
    // The entity object changes identity on every catalog refresh; its ref is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, entityRef, available]);

  const [refreshState, refresh] = useAsyncFn(async () => {
    const result = await api.refreshEntity(getCompoundEntityRef(entity));
    setRefreshed({ entityRef, value: result });
    return result;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, entityRef]);

  const latest = refreshed?.entityRef === entityRef ? refreshed.value : value;

  // What a screen reader hears while and after "Measure now" runs: the button's own label
  // change is not announced, and the new figures appear elsewhere on the page.
  let announcement: string | undefined;
  if (refreshState.loading) announcement = 'Measuring readiness…';
  else if (refreshState.error) {
    announcement = `Measuring failed: ${refreshState.error.message}`;
  } else if (refreshState.value && refreshed?.entityRef === entityRef) {
    announcement = `Measured just now: overall readiness ${formatPercent(
      refreshState.value.overall.percent,
    )}.`;
  }

  return {
    entity,
    entityRef,
    available,
    loading,
    // A successful refresh answers the question a failed load could not (e.g. not measured yet).
    error: refreshed?.entityRef === entityRef ? undefined : error,
    readiness: latest,
    refresh,
    refreshing: refreshState.loading,
    refreshError: refreshState.error,
    /** Set once a refresh has completed (with or without error); the button restores focus on it. */
    refreshSettled:
      !refreshState.loading && (!!refreshState.value || !!refreshState.error),
    announcement,
  };
}
