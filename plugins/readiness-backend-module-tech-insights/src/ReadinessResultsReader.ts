import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import type {
  EntityReadinessResponse,
  SummaryResponse,
} from '@254carbon/plugin-readiness-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';

/** The largest page GET /summary serves. */
const PAGE = 500;

/**
 * Reads stored readiness results through the readiness backend's REST API, as the
 * tech-insights plugin (a service principal, so it sees every measured entity). The API is the
 * contract; the readiness tables are not.
 */
export class ReadinessResultsReader {
  constructor(
    private readonly options: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  /** Every measured entity's ref, in name order (stable across pages while a sweep writes). */
  async listMeasuredEntities(): Promise<string[]> {
    const refs: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.get<SummaryResponse>(
        `/summary?sort=name&limit=${PAGE}&offset=${offset}`,
      );
      refs.push(...page.items.map(item => item.entityRef));
      if (page.items.length < PAGE || offset + PAGE >= page.totalCount) return refs;
    }
  }

  /** One entity's latest result; undefined when it is not (or no longer) measured. */
  async getResult(entityRef: string): Promise<EntityReadinessResponse | undefined> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const path = [namespace, kind, name].map(encodeURIComponent).join('/');
    return this.get<EntityReadinessResponse>(`/entities/${path}`, { notFound: 'undefined' });
  }

  private async get<T>(path: string): Promise<T>;
  private async get<T>(path: string, opts: { notFound: 'undefined' }): Promise<T | undefined>;
  private async get<T>(path: string, opts?: { notFound: 'undefined' }): Promise<T | undefined> {
    const { discovery, auth } = this.options;
    const [baseUrl, { token }] = await Promise.all([
      discovery.getBaseUrl('readiness'),
      auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'readiness',
      }),
    ]);
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (response.status === 404 && opts?.notFound === 'undefined') return undefined;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
