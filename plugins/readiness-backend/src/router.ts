import type {
  HttpAuthService,
  PermissionsService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  CHECK_STATUSES,
  allChecks,
  getCheck,
  ChecksResponse,
  EntityHistoryResponse,
  LAYERS,
  PlatformResponse,
  readinessPlatformReadPermission,
  readinessReadPermission,
  readinessRefreshPermission,
  REQUIRED_ANNOTATIONS,
  summarize,
} from '@254carbon/plugin-readiness-common';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { entityRefFromParams } from './service/entityParams';
import { EntityVisibility } from './service/EntityVisibility';
import { RefreshLimiter, TooManyRequestsError } from './service/RefreshLimiter';
import { MAX_LIMIT, SummaryService } from './service/summary';
import { reportQuery, sendReport } from './service/report/route';
import type { ReadinessStore } from './store/ReadinessStore';
import { isMeasurable, SweepRunner } from './sweep/SweepRunner';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ReadinessStore;
  summary: SummaryService;
  runner: Pick<SweepRunner, 'refreshEntity'>;
  /** Limits on-demand refreshes per entity. */
  refreshLimiter: RefreshLimiter;
  /** How often sweeps run, for the "not measured yet" message. */
  sweepEvery: string;
}

const HISTORY_DEFAULT_DAYS = 30;

const historyQuery = z
  .object({
    since: z
      .string()
      .refine(v => !Number.isNaN(new Date(v).getTime()), {
        message: 'must be an ISO date or timestamp, e.g. 2026-11-01T00:00:00Z',
      })
      .optional(),
  })
  .strict();

// Messages without the parameter's name: parse() prefixes each issue with its path.
const intParam = (max?: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: 'must be a non-negative whole number' })
    .transform(Number)
    .refine(v => max === undefined || v <= max, { message: `must be at most ${max}` });

const summaryQuery = z
  .object({
    owner: z.string().optional(),
    system: z.string().optional(),
    namespace: z.string().optional(),
    lifecycle: z.string().optional(),
    layer: z.enum(LAYERS as [string, ...string[]]).optional(),
    status: z.enum(CHECK_STATUSES as [string, ...string[]]).optional(),
    check: z
      .string()
      .refine(id => Boolean(getCheck(id)), { message: 'is not a check id (see GET /checks)' })
      .optional(),
    q: z.string().max(200).optional(),
    sort: z
      .string()
      .regex(new RegExp(`^-?(overall|name|${LAYERS.join('|')})$`), {
        message: `must be overall, name or a layer (${LAYERS.join(', ')}), optionally prefixed with -`,
      })
      .optional(),
    offset: intParam().optional(),
    limit: intParam(MAX_LIMIT)
      .refine(v => v >= 1, { message: 'must be at least 1' })
      .optional(),
  })
  .strict();

function parse<T>(schema: z.ZodType<T, any, any>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues
      .map(i =>
        i.code === 'unrecognized_keys'
          ? `unknown parameter(s) ${i.keys.join(', ')}`
          : `${i.path.join('.') || what} ${i.message}`,
      )
      .join('; ');
    throw new InputError(`Invalid ${what}: ${detail}`);
  }
  return result.data;
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, permissions, store, summary, runner, catalog } = options;
  const router = Router();
  router.use(express.json());

  const visibility = new EntityVisibility(permissions);
  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const authorize = async (req: express.Request, permission: BasicPermission) => {
    const credentials = await credentialsOf(req);
    const [decision] = await permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name} is required`);
    }
    return credentials;
  };

  /**
   * Validates the entity route's parameters (400 before anything else looks at them), then
   * authorizes the permission against that entity, so the policy's catalog rules decide.
   */
  const authorizeEntity = async (
    req: express.Request,
    permission: ResourcePermission<'catalog-entity'>,
  ) => {
    const credentials = await credentialsOf(req);
    const entityRef = entityRefFromParams(req.params);
    const [decision] = await permissions.authorize([{ permission, resourceRef: entityRef }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name} is required for ${entityRef}`);
    }
    return { credentials, entityRef };
  };

  const notMeasured = async (entityRef: string, credentials: BackstageCredentials) => {
    const entity = await catalog.getEntityByRef(entityRef, { credentials }).catch(() => undefined);
    if (!entity) {
      return new NotFoundError(`${entityRef} has not been measured: it is not in the catalog`);
    }
    if (!isMeasurable(entity)) {
      return new NotFoundError(
        `${entityRef} has not been measured: it has neither the ${REQUIRED_ANNOTATIONS.join(' nor the ')} annotation, so readiness cannot find its Kubernetes objects`,
      );
    }
    return new NotFoundError(
      `${entityRef} has not been measured yet: it has the annotations and will be measured by the next sweep (every ${options.sweepEvery}), or refresh it now`,
    );
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    const { credentials, entityRef } = await authorizeEntity(req, readinessReadPermission);
    const json = await store.getLatestJson(entityRef);
    if (!json) throw await notMeasured(entityRef, credentials);
    res.type('application/json').send(json);
  });

  router.get('/entities/:namespace/:kind/:name/history', async (req, res) => {
    const { entityRef } = await authorizeEntity(req, readinessReadPermission);
    const { since } = parse(historyQuery, req.query, 'history query');
    const from = since
      ? new Date(since)
      : new Date(Date.now() - HISTORY_DEFAULT_DAYS * 86_400_000);
    const points = await store.getHistory(entityRef, from);
    const body: EntityHistoryResponse = { entityRef, points };
    res.json(body);
  });

  router.post('/entities/:namespace/:kind/:name/refresh', async (req, res) => {
    const { credentials, entityRef } = await authorizeEntity(req, readinessRefreshPermission);
    try {
      options.refreshLimiter.take(entityRef);
    } catch (e) {
      if (e instanceof TooManyRequestsError) res.set('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
    res.json(await runner.refreshEntity(entityRef, credentials));
  });

  router.get('/summary', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(summaryQuery, req.query, 'summary query');
    // Rows, totals, facets and aggregates over the entities this caller may read, only.
    const body = await summary.summaryJson(query as any, refs => visibility.resolve(credentials, refs));
    res.type('application/json').send(body);
  });

  // The status report: the same selection and figures as /summary, for the same caller.
  router.get('/report', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(reportQuery, req.query, 'report query');
    await sendReport(res, query, {
      summary,
      store,
      visibility: refs => visibility.resolve(credentials, refs),
    });
  });

  router.get('/platform', async (req, res) => {
    await authorize(req, readinessPlatformReadPermission);
    const platform = await store.getPlatform();
    if (!platform) {
      throw new NotFoundError('The platform has not been measured yet: the first sweep has not finished');
    }
    const body: PlatformResponse = { ...platform, platformScore: summarize(platform.checks) };
    res.json(body);
  });

  // The check catalog is the product's documentation, the same for everyone signed in.
  router.get('/checks', async (req, res) => {
    await credentialsOf(req);
    // Built-in and module-added checks alike.
    const body: ChecksResponse = { checks: allChecks() };
    res.json(body);
  });

  return router;
}
