import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory, SchedulerServiceTaskFunction } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CHECKS, PLATFORM_CHECK_IDS, SERVICE_CHECK_IDS } from '@254carbon/plugin-readiness-common';
import { resolve } from 'path';
import request from 'supertest';
import { readinessPlugin } from './plugin';

jest.setTimeout(60_000);

const fixtures = resolve(__dirname, '__fixtures__');

const component = (name: string, annotations: Record<string, string> = {}, spec: object = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/data', ...spec },
});

const entities: Entity[] = [
  component(
    'doris',
    {
      'backstage.io/kubernetes-id': 'doris',
      'backstage.io/kubernetes-namespace': 'data',
      'vault.io/secrets-path': 'doris',
    },
    { system: 'analytics' },
  ),
  component('portal', { 'backstage.io/kubernetes-id': 'portal' }, { owner: 'group:default/web' }),
  component('legacy'),
];

const IN_30_DAYS = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

const readinessConfig = {
  readiness: {
    sources: {
      manifests: { directory: resolve(fixtures, 'manifests') },
      vault: { snapshotFile: resolve(fixtures, 'vault-snapshot.json') },
    },
    exemptions: [
      // Exemptions run at most readiness.exemptionMaxDays (90) from now.
      { entity: 'component:default/doris', check: 'HA-PDB', reason: 'single-writer FE', expires: IN_30_DAYS },
    ],
  },
};

async function start(
  options: { permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY; entities?: Entity[] } = {},
) {
  let sweep: SchedulerServiceTaskFunction | undefined;
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: jest.fn(async task => {
      sweep = task.fn as SchedulerServiceTaskFunction;
    }),
  });
  const catalog = catalogServiceMock({ entities: options.entities ?? entities });
  const { server } = await startTestBackend({
    features: [
      readinessPlugin,
      mockServices.rootConfig.factory({ data: readinessConfig }),
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      mockServices.permissions.factory({ result: options.permission ?? AuthorizeResult.ALLOW }),
      scheduler.factory,
      createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => catalog }),
    ],
  });
  const runSweep = async () => {
    if (!sweep) throw new Error('the plugin scheduled no sweep');
    await sweep(new AbortController().signal);
  };
  return { server, runSweep, catalog, scheduler };
}

const user = mockCredentials.user.header();

describe('readiness backend plugin', () => {
  it('schedules the sweep as readiness-sweep with the configured timing', async () => {
    const { scheduler } = await start();
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'readiness-sweep',
        frequency: { minutes: 5 },
        timeout: { minutes: 4 },
        initialDelay: { seconds: 3 },
      }),
    );
  });

  it('sweeps again shortly while the catalog has not yet delivered any service (first start)', async () => {
    const { runSweep, scheduler } = await start({ entities: [component('legacy')] });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      await runSweep();
      jest.advanceTimersByTime(10_000);
      expect(scheduler.triggerTask).toHaveBeenCalledWith('readiness-sweep');
    } finally {
      jest.useRealTimers();
    }
  });

  it('waits for the next interval once two sweeps in a row measured the same services', async () => {
    const { runSweep, scheduler } = await start();
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      await runSweep();
      jest.advanceTimersByTime(10_000);
      // The first count may be partial (catalog still ingesting): one more sweep soon.
      expect(scheduler.triggerTask).toHaveBeenCalledTimes(1);
      await runSweep();
      jest.advanceTimersByTime(10_000);
      expect(scheduler.triggerTask).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('serves /health without credentials and everything else only with them', async () => {
    const { server } = await start();
    const health = await request(server).get('/api/readiness/health');
    expect([health.status, health.body]).toEqual([200, { status: 'ok' }]);
    for (const path of ['/summary', '/platform', '/checks', '/entities/default/component/doris']) {
      expect((await request(server).get(`/api/readiness${path}`)).status).toBe(401);
    }
    const refresh = await request(server).post('/api/readiness/entities/default/component/doris/refresh');
    expect(refresh.status).toBe(401);
  });

  it('answers 403 when the permission policy denies', async () => {
    const { server, runSweep } = await start({ permission: AuthorizeResult.DENY });
    await runSweep();
    for (const path of ['/summary', '/entities/default/component/doris', '/entities/default/component/doris/history']) {
      const res = await request(server).get(`/api/readiness${path}`).set('Authorization', user);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('readiness.read');
    }
    const platform = await request(server).get('/api/readiness/platform').set('Authorization', user);
    expect(platform.status).toBe(403);
    expect(platform.body.error.message).toBe('Not allowed: readiness.platform.read is required');
    // The check catalog is documentation: any signed-in caller may read it.
    await request(server).get('/api/readiness/checks').set('Authorization', user).expect(200);
    const refresh = await request(server)
      .post('/api/readiness/entities/default/component/doris/refresh')
      .set('Authorization', user);
    expect(refresh.status).toBe(403);
    expect(refresh.body.error.message).toContain('readiness.refresh');
  });

  it('sweeps the annotated components and serves their results', async () => {
    const { server, runSweep } = await start();
    await request(server)
      .get('/api/readiness/entities/default/component/doris')
      .set('Authorization', user)
      .expect(404);
    await runSweep();

    const doris = await request(server)
      .get('/api/readiness/entities/default/component/doris')
      .set('Authorization', user)
      .expect(200);
    expect(doris.body).toMatchObject({ entityRef: 'component:default/doris', stale: false });
    expect(doris.body.checks.map((c: { checkId: string }) => c.checkId)).toEqual(SERVICE_CHECK_IDS);
    expect(doris.body.overall.percent).toEqual(expect.any(Number));
    // The workload from the manifests fixture was found.
    const workload = doris.body.checks.find((c: { checkId: string }) => c.checkId === 'INF-WORKLOAD');
    expect(workload.status).toBe('pass');
    // The config exemption reached the engine.
    const pdb = doris.body.checks.find((c: { checkId: string }) => c.checkId === 'HA-PDB');
    console.log(JSON.stringify(pdb)); expect(pdb.exemption).toMatchObject({ reason: "single-writer FE", origin: "config" });
    // Vault facts came from the snapshot file.
    const role = doris.body.checks.find((c: { checkId: string }) => c.checkId === 'SEC-VAULT-ROLE');
    expect(role.status).not.toBe('n/a');
    // A ConfigMap value never reaches the API.
    expect(JSON.stringify(doris.body)).not.toContain('fixture-secret-value-never-stored');

    const platform = await request(server).get('/api/readiness/platform').set('Authorization', user).expect(200);
    expect(platform.body.checks.map((c: { checkId: string }) => c.checkId)).toEqual(PLATFORM_CHECK_IDS);
    expect(platform.body.platformScore).toEqual(
      expect.objectContaining({ percent: expect.any(Number), counts: expect.any(Object) }),
    );
    const nodes = platform.body.checks.find((c: { checkId: string }) => c.checkId === 'PLAT-NODES');
    expect(nodes.status).toBe('pass');

    const checks = await request(server).get('/api/readiness/checks').set('Authorization', user).expect(200);
    expect(checks.body.checks).toHaveLength(CHECKS.length);

    const history = await request(server)
      .get('/api/readiness/entities/default/component/doris/history')
      .set('Authorization', user)
      .expect(200);
    expect(history.body).toEqual({
      entityRef: 'component:default/doris',
      points: [expect.objectContaining({ overall: doris.body.overall.percent })],
    });
    const future = await request(server)
      .get('/api/readiness/entities/default/component/doris/history?since=2999-01-01')
      .set('Authorization', user)
      .expect(200);
    expect(future.body.points).toEqual([]);
  });

  it('explains why an entity has no result', async () => {
    const { server, runSweep } = await start();
    await runSweep();
    const legacy = await request(server)
      .get('/api/readiness/entities/default/component/legacy')
      .set('Authorization', user)
      .expect(404);
    expect(legacy.body.error.message).toMatch(
      /component:default\/legacy has not been measured: it has neither the backstage.io\/kubernetes-id nor the backstage.io\/kubernetes-label-selector annotation/,
    );
    const ghost = await request(server)
      .get('/api/readiness/entities/default/component/ghost')
      .set('Authorization', user)
      .expect(404);
    expect(ghost.body.error.message).toContain('is not in the catalog');
  });

  it('filters and paginates the summary and rejects bad queries', async () => {
    const { server, runSweep } = await start();
    await runSweep();
    const all = await request(server).get('/api/readiness/summary').set('Authorization', user).expect(200);
    expect(all.body.totalCount).toBe(2);
    expect(all.body.facets.owners).toEqual(['group:default/data', 'group:default/web']);
    expect(all.body.lastSweep).toMatchObject({ status: 'succeeded', services: 2 });
    expect(all.body.aggregate.byCheck['INF-WORKLOAD']).toBeDefined();

    const web = await request(server)
      .get('/api/readiness/summary?owner=group:default/web&limit=1&offset=0&sort=-name')
      .set('Authorization', user)
      .expect(200);
    expect(web.body.items.map((i: { entityRef: string }) => i.entityRef)).toEqual(['component:default/portal']);
    expect(web.body).toMatchObject({ totalCount: 1, limit: 1, offset: 0 });

    for (const [query, message] of [
      ['limit=501', 'limit must be at most 500'],
      ['limit=abc', 'limit must be a non-negative whole number'],
      ['status=broken', 'status'],
      ['check=NOPE', 'is not a check id'],
      ['sort=owner', 'must be overall, name or a layer'],
      ['colour=red', 'unknown parameter(s) colour'],
    ]) {
      const res = await request(server).get(`/api/readiness/summary?${query}`).set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
    const badSince = await request(server)
      .get('/api/readiness/entities/default/component/doris/history?since=yesterday')
      .set('Authorization', user);
    expect(badSince.status).toBe(400);
  });

  it('refreshes one entity on demand', async () => {
    const { server } = await start();
    const res = await request(server)
      .post('/api/readiness/entities/default/component/portal/refresh')
      .set('Authorization', user)
      .expect(200);
    expect(res.body).toMatchObject({ entityRef: 'component:default/portal', stale: false });
    // The portal has no workload in the fixture cluster.
    const workload = res.body.checks.find((c: { checkId: string }) => c.checkId === 'INF-WORKLOAD');
    expect(workload.status).toBe('fail');
    await request(server)
      .get('/api/readiness/entities/default/component/portal')
      .set('Authorization', user)
      .expect(200);

    const legacy = await request(server)
      .post('/api/readiness/entities/default/component/legacy/refresh')
      .set('Authorization', user);
    expect(legacy.status).toBe(400);
    await request(server)
      .post('/api/readiness/entities/default/component/ghost/refresh')
      .set('Authorization', user)
      .expect(404);
  });

  it('keeps the previous results, marked stale, when a sweep fails', async () => {
    const { server, runSweep, catalog } = await start();
    await runSweep();
    jest.spyOn(catalog, 'streamEntities').mockImplementation(() => {
      throw new Error('catalog unavailable');
    });
    await runSweep();

    const doris = await request(server)
      .get('/api/readiness/entities/default/component/doris')
      .set('Authorization', user)
      .expect(200);
    expect(doris.body.stale).toBe(true);
    expect(doris.body.staleReason).toMatch(/^the sweep started .* failed: catalog unavailable$/);

    const platform = await request(server).get('/api/readiness/platform').set('Authorization', user).expect(200);
    expect(platform.body.stale).toBe(true);

    const summary = await request(server).get('/api/readiness/summary').set('Authorization', user).expect(200);
    expect(summary.body.items.every((i: { stale: boolean }) => i.stale)).toBe(true);
    expect(summary.body.lastSweep).toMatchObject({ status: 'failed', error: 'catalog unavailable' });
  });
});
