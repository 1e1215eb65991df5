import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  getCheck,
  isBuiltInCheck,
  registerCheckDefinitions,
} from '@254carbon/plugin-readiness-common';
import type {
  ChecksResponse,
  EntityHistoryResponse,
  EntityReadinessResponse,
  PlatformResponse,
  RefreshResponse,
  SummaryQuery,
  SummaryResponse,
} from '@254carbon/plugin-readiness-common';
import type { ReadinessApi } from './ReadinessApi';

/**
 * Talks to the readiness backend through the discovery and fetch APIs, so the user's Backstage
 * token is attached and the backend can apply the readiness permissions.
 *
 * @public
 */
export class ReadinessClient implements ReadinessApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityReadiness(
    entity: CompoundEntityRef,
  ): Promise<EntityReadinessResponse> {
    const result = await this.request<EntityReadinessResponse>(
      entityPath(entity),
    );
    await this.learnChecks(result.checks.map(c => c.checkId));
    return result;
  }

  async getEntityHistory(
    entity: CompoundEntityRef,
    options?: { since?: Date },
  ): Promise<EntityHistoryResponse> {
    const params = new URLSearchParams();
    if (options?.since) params.set('since', options.since.toISOString());
    return this.request(`${entityPath(entity)}/history`, params);
  }

  async refreshEntity(entity: CompoundEntityRef): Promise<RefreshResponse> {
    return this.request(`${entityPath(entity)}/refresh`, undefined, {
      method: 'POST',
    });
  }

  async getSummary(query: SummaryQuery = {}): Promise<SummaryResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      // Empty filters are left out so the backend does not read them as "match the empty string".
      if (value !== undefined && value !== null && value !== '') {
        params.set(key, String(value));
      }
    }
    return this.request('/summary', params);
  }

  async getPlatform(): Promise<PlatformResponse> {
    return this.request('/platform');
  }

  async getChecks(): Promise<ChecksResponse> {
    return this.request('/checks');
  }

  private checksLearned?: Promise<void>;

  /**
   * Checks added by backend modules are not in the bundled catalog: the first time a result names
   * one, the definitions are fetched from /checks and registered, so the tab groups and labels
   * them (layer, phase, severity, fix) like the built-in checks.
   */
  private async learnChecks(ids: string[]): Promise<void> {
    if (ids.every(id => getCheck(id))) return;
    this.checksLearned ??= this.getChecks()
      .then(({ checks }) =>
        registerCheckDefinitions(checks.filter(c => !isBuiltInCheck(c.id))),
      )
      .catch(() => {
        // Without the definitions the checks still show, under "Other checks".
        this.checksLearned = undefined;
      });
    await this.checksLearned;
  }

  private async request<T>(
    path: string,
    params?: URLSearchParams,
    init?: RequestInit,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('readiness');
    const query = params && params.toString() ? `?${params}` : '';
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${query}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

// Kind and namespace are case-insensitive in entity refs; the lower-case form is what the
// catalog uses in its own URLs, so the backend sees one spelling per entity.
function entityPath(entity: CompoundEntityRef): string {
  const namespace = encodeURIComponent(
    (entity.namespace || 'default').toLocaleLowerCase('en-US'),
  );
  const kind = encodeURIComponent(entity.kind.toLocaleLowerCase('en-US'));
  const name = encodeURIComponent(entity.name);
  return `/entities/${namespace}/${kind}/${name}`;
}
