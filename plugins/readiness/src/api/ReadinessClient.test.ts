import { rest } from 'msw';
import { setupServer } from 'msw/node';
import { ResponseError } from '@backstage/errors';
import {
  mockApis,
  MockFetchApi,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { getCheck } from '@254carbon/plugin-readiness-common';
import { ReadinessClient } from './ReadinessClient';
import {
  dorisHistory,
  dorisReadiness,
  summaryResponse,
} from '../__testUtils__/fixtures';

const server = setupServer();
const base = 'http://backstage.test/api/readiness';
const doris = { kind: 'Component', namespace: 'default', name: 'doris' };

describe('ReadinessClient', () => {
  registerMswTestHooks(server);

  const client = new ReadinessClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi({ injectIdentityAuth: { token: 'user-token' } }),
  });

  it('reads an entity with the user token, kind and namespace in lower case', async () => {
    const seen: { path?: string; auth?: string | null } = {};
    server.use(
      rest.get(`${base}/entities/:namespace/:kind/:name`, (req, res, ctx) => {
        seen.path = req.url.pathname;
        seen.auth = req.headers.get('authorization');
        return res(ctx.json(dorisReadiness()));
      }),
    );
    const result = await client.getEntityReadiness(doris);
    expect(result.entityRef).toBe('component:default/doris');
    expect(seen).toEqual({
      path: '/api/readiness/entities/default/component/doris',
      auth: 'Bearer user-token',
    });
  });

  it('learns checks a backend module added from /checks, once, so the tab can place them', async () => {
    const custom = {
      id: 'ORG-COST-CENTER',
      scope: 'service',
      title: 'Cost center label',
      description: 'Every workload names its cost center.',
      layer: 'operations',
      phase: 'P4',
      severity: 'medium',
      sources: ['kubernetes'],
      criteria: { pass: 'labelled', warn: 'some', fail: 'none' },
      remediation: 'Add the label.',
    };
    let checksCalls = 0;
    const withCustom = dorisReadiness();
    withCustom.checks.push({
      checkId: 'ORG-COST-CENTER',
      status: 'fail',
      evidence: ['no label'],
    });
    server.use(
      rest.get(`${base}/entities/:namespace/:kind/:name`, (_req, res, ctx) =>
        res(ctx.json(withCustom)),
      ),
      rest.get(`${base}/checks`, (_req, res, ctx) => {
        checksCalls += 1;
        return res(ctx.json({ checks: [custom] }));
      }),
    );
    expect(getCheck('ORG-COST-CENTER')).toBeUndefined();
    await client.getEntityReadiness(doris);
    await client.getEntityReadiness(doris);
    expect(getCheck('ORG-COST-CENTER')).toMatchObject({
      layer: 'operations',
      phase: 'P4',
      severity: 'medium',
    });
    expect(checksCalls).toBe(1);
  });

  it('passes `since` to the history route as an ISO timestamp', async () => {
    let since: string | null = null;
    server.use(
      rest.get(
        `${base}/entities/default/component/doris/history`,
        (req, res, ctx) => {
          since = req.url.searchParams.get('since');
          return res(ctx.json(dorisHistory));
        },
      ),
    );
    await client.getEntityHistory(doris, {
      since: new Date('2026-10-27T00:00:00Z'),
    });
    expect(since).toBe('2026-10-27T00:00:00.000Z');
  });

  it('refreshes with a POST', async () => {
    const methods: string[] = [];
    server.use(
      rest.post(
        `${base}/entities/default/component/doris/refresh`,
        (req, res, ctx) => {
          methods.push(req.method);
          return res(ctx.json(dorisReadiness()));
        },
      ),
    );
    await client.refreshEntity(doris);
    expect(methods).toEqual(['POST']);
  });

  it('sends only the summary filters that are set', async () => {
    let query = '';
    server.use(
      rest.get(`${base}/summary`, (req, res, ctx) => {
        query = req.url.search;
        return res(ctx.json(summaryResponse([])));
      }),
    );
    await client.getSummary({
      owner: 'group:default/data',
      check: 'SEC-RBAC',
      q: '',
      offset: 40,
      limit: 20,
    });
    expect(new URLSearchParams(query)).toEqual(
      new URLSearchParams({
        owner: 'group:default/data',
        check: 'SEC-RBAC',
        offset: '40',
        limit: '20',
      }),
    );
  });

  it('rejects with a ResponseError carrying the status and the server message', async () => {
    server.use(
      rest.get(`${base}/platform`, (_req, res, ctx) =>
        res(
          ctx.status(403),
          ctx.json({
            error: { name: 'NotAllowedError', message: 'Unauthorized' },
            response: { statusCode: 403 },
          }),
        ),
      ),
    );
    const error = await client.getPlatform().catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
    expect(error.cause.name).toBe('NotAllowedError');
    expect(error.cause.message).toBe('Unauthorized');
  });
});
