import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ChecksResponse,
  EntityHistoryResponse,
  EntityReadinessResponse,
  PlatformResponse,
  RefreshResponse,
  SummaryQuery,
  SummaryResponse,
} from '@254carbon/plugin-readiness-common';

/**
 * Reads measured readiness from the readiness backend. Every method rejects with a
 * `ResponseError` (from `@backstage/errors`) when the backend answers with an error status, so
 * callers can tell "not measured yet" (404) and "not allowed" (403) apart from real failures.
 *
 * @public
 */
export interface ReadinessApi {
  /** The latest measurement of one entity; 404 when it has not been measured yet. */
  getEntityReadiness(
    entity: CompoundEntityRef,
  ): Promise<EntityReadinessResponse>;
  /** Stored score history of one entity, oldest first. */
  getEntityHistory(
    entity: CompoundEntityRef,
    options?: { since?: Date },
  ): Promise<EntityHistoryResponse>;
  /** Measures one entity now (needs `readiness.refresh`) and returns the new result. */
  refreshEntity(entity: CompoundEntityRef): Promise<RefreshResponse>;
  /** One page of the catalog-wide summary, with aggregates over every matching service. */
  getSummary(query?: SummaryQuery): Promise<SummaryResponse>;
  /** The platform checks of the latest sweep. */
  getPlatform(): Promise<PlatformResponse>;
  /** The check catalog the backend runs. */
  getChecks(): Promise<ChecksResponse>;
}

/**
 * The readiness API; the app provides it through `ReadinessClient`.
 *
 * @public
 */
export const readinessApiRef = createApiRef<ReadinessApi>({
  id: 'plugin.readiness.service',
});
