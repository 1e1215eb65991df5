import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { platformResult, serviceResult } from '../__testUtils__/results';
import { DatabaseReadinessStore } from '../store/DatabaseReadinessStore';
import { SummaryService } from './summary';

jest.setTimeout(60_000);

describe('SummaryService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let store: DatabaseReadinessStore;
  let service: SummaryService;

  beforeEach(async () => {
    const knex = await databases.init('SQLITE_3');
    store = await DatabaseReadinessStore.create({ database: mockServices.database({ knex }) });
    service = new SummaryService(store);
    await store.saveResults({
      // Platform: infrastructure 100 %, security 0 %.
      platform: platformResult({ 'PLAT-NODES': 'pass', 'PLAT-VAULT': 'fail' }),
      services: [
        {
          // infrastructure 100, security 0 → overall 50 (both critical)
          result: serviceResult('component:default/doris', {
            'INF-WORKLOAD': 'pass',
            'SEC-RBAC': 'fail',
          }),
          meta: { owner: 'group:data', system: 'analytics', lifecycle: 'production', namespaces: ['data'], title: 'Apache Doris' },
        },
        {
          // all pass → 100; phase P1 complete
          result: serviceResult('component:default/portal', {
            'INF-WORKLOAD': 'pass',
            'SEC-RBAC': 'pass',
          }),
          meta: { owner: 'group:web', system: 'portal', lifecycle: 'production', namespaces: ['web'] },
        },
        {
          // warn on a high check + unknown on a critical one
          result: serviceResult('component:default/kafka', {
            'INF-WORKLOAD': 'unknown',
            'INF-PROBES': 'warn',
            'SEC-RBAC': { status: 'fail', exemption: { checkId: 'SEC-RBAC', reason: 'operator', expires: '2027-01-31', origin: 'config' } },
          }),
          meta: { owner: 'group:data', system: 'analytics', lifecycle: 'experimental', namespaces: ['data', 'kafka'] },
        },
      ],
      replaceAll: true,
    });
  });

  it('returns every service, worst first, with aggregates, facets and the last sweep', async () => {
    const id = await store.startSweep(new Date('2026-11-26T12:00:00Z'));
    await store.finishSweep(id, { status: 'succeeded', finishedAt: new Date('2026-11-26T12:00:03Z'), services: 3, sourceErrors: [] });
    const res = await service.summary({});
    expect(res.items.map(i => [i.entityRef, i.overall])).toEqual([
      ['component:default/kafka', 20],
      ['component:default/doris', 50],
      ['component:default/portal', 100],
    ]);
    expect(res.totalCount).toBe(3);
    expect(res.items[0]).toMatchObject({
      stale: false,
      owner: 'group:data',
      namespace: 'data,kafka',
      // Exempted checks are not problems; critical before high.
      problems: [
        { checkId: 'INF-WORKLOAD', status: 'unknown' },
        { checkId: 'INF-PROBES', status: 'warn' },
      ],
    });
    // Services' means plus the platform checks as one more member.
    expect(res.aggregate.overall).toBe(Math.round(((20 + 50 + 100 + 50) / 4) * 10) / 10);
    expect(res.aggregate.layers.security).toBe(Math.round(((0 + 100 + 0) / 3) * 10) / 10);
    // P2 (SEC-RBAC): portal passes, kafka's failure is exempt, doris fails → 2 of 3.
    expect(res.aggregate.phases.P2).toBe(66.7);
    expect(res.aggregate.phases.P1).toBe(66.7);
    expect(res.aggregate.byCheck['SEC-RBAC']).toEqual({ pass: 1, warn: 0, fail: 2, 'n/a': 0, unknown: 0 });
    expect(res.aggregate.byOwner).toEqual([
      { owner: 'group:data', services: 2, overall: 35 },
      { owner: 'group:web', services: 1, overall: 100 },
    ]);
    expect(res.facets).toEqual({
      owners: ['group:data', 'group:web'],
      systems: ['analytics', 'portal'],
      namespaces: ['data', 'kafka', 'web'],
      lifecycles: ['experimental', 'production'],
    });
    expect(res.lastSweep).toMatchObject({ status: 'succeeded', services: 3 });
  });

  it.each([
    [{ owner: 'group:data' }, ['kafka', 'doris']],
    [{ system: 'portal' }, ['portal']],
    [{ namespace: 'kafka' }, ['kafka']],
    [{ lifecycle: 'production' }, ['doris', 'portal']],
    [{ q: 'DORIS' }, ['doris']],
    // Title matches too.
    [{ q: 'apache' }, ['doris']],
    // A check alone keeps services where it fails.
    [{ check: 'SEC-RBAC' }, ['kafka', 'doris']],
    [{ check: 'SEC-RBAC', status: 'pass' as const }, ['portal']],
    // A status counts non-exempt checks only: kafka's exempted SEC-RBAC failure does not count.
    [{ status: 'fail' as const }, ['doris']],
    [{ layer: 'security' as const, status: 'fail' as const }, ['doris']],
    [{ layer: 'infrastructure' as const }, ['kafka']],
  ])('filters by %j', async (query, names) => {
    const res = await service.summary(query);
    expect(res.items.map(i => i.entityRef.split('/')[1])).toEqual(names);
    expect(res.totalCount).toBe(names.length);
  });

  it('sorts by name, layer and descending, with nulls last', async () => {
    expect((await service.summary({ sort: 'name' })).items.map(i => i.entityRef)).toEqual([
      'component:default/doris',
      'component:default/kafka',
      'component:default/portal',
    ]);
    expect((await service.summary({ sort: '-overall' })).items.map(i => i.overall)).toEqual([100, 50, 20]);
    // kafka's only security check is exempt, so its security score is null: last either way.
    expect((await service.summary({ sort: 'security' })).items.map(i => i.entityRef.split('/')[1])).toEqual([
      'doris',
      'portal',
      'kafka',
    ]);
    expect((await service.summary({ sort: '-security' })).items.map(i => i.entityRef.split('/')[1])).toEqual([
      'portal',
      'doris',
      'kafka',
    ]);
  });

  it('paginates while aggregating over every match', async () => {
    const page = await service.summary({ sort: 'name', offset: 1, limit: 1 });
    expect(page.items.map(i => i.entityRef)).toEqual(['component:default/kafka']);
    expect(page).toMatchObject({ totalCount: 3, offset: 1, limit: 1 });
    expect(page.aggregate.byOwner.reduce((n, o) => n + o.services, 0)).toBe(3);
    expect((await service.summary({ limit: 10_000 })).limit).toBe(500);
  });

  it('parses stored rows once per revision', async () => {
    const spy = jest.spyOn(store, 'getSummaryEntries');
    await service.summary({});
    await service.summary({ owner: 'group:web' });
    expect(spy).toHaveBeenCalledTimes(1);
    await store.markStale('sweep failed');
    const res = await service.summary({});
    expect(spy).toHaveBeenCalledTimes(2);
    expect(res.items.every(i => i.stale)).toBe(true);
  });

  it('answers a filtered page over 5,000 services quickly once cached', async () => {
    const services = Array.from({ length: 5000 }, (_, i) =>
      ({
        result: serviceResult(`component:default/svc-${i}`, {
          'INF-WORKLOAD': i % 3 ? 'pass' : 'fail',
          'SEC-RBAC': i % 5 ? 'pass' : 'warn',
          'OPS-METRICS': i % 7 ? 'pass' : 'unknown',
        }),
        meta: { owner: `group:team-${i % 40}`, system: `sys-${i % 12}`, lifecycle: 'production', namespaces: [`ns-${i % 30}`] },
      }),
    );
    await store.saveResults({ services, replaceAll: true });
    await service.summary({}); // warm the cache
    const started = performance.now();
    for (let i = 0; i < 10; i++) {
      const res = await service.summary({ owner: `group:team-${i}`, status: 'fail', sort: '-overall', limit: 50 });
      expect(res.totalCount).toBeGreaterThan(0);
    }
    const perRequest = (performance.now() - started) / 10;
    expect(perRequest).toBeLessThan(300);
  });

  it('serves the next page of a view as a slice of the cached view, until a sweep or refresh writes', async () => {
    const build = jest.spyOn(service as unknown as { buildView: () => unknown }, 'buildView');
    await service.summary({ owner: 'group:data', sort: 'name', limit: 1 });
    const next = await service.summary({ owner: 'group:data', sort: 'name', offset: 1, limit: 1 });
    expect(next.items.map(i => i.entityRef)).toEqual(['component:default/kafka']);
    // Filtered, sorted and aggregated once; the second page was a slice of it.
    expect(build).toHaveBeenCalledTimes(1);
    // A write (here an on-demand refresh of portal moving it to group:data) is seen at once.
    await store.saveResults({
      services: [
        {
          result: serviceResult('component:default/portal', { 'INF-WORKLOAD': 'pass', 'SEC-RBAC': 'pass' }),
          meta: { owner: 'group:data', system: 'portal', lifecycle: 'production', namespaces: ['web'] },
        },
      ],
      replaceAll: false,
    });
    const after = await service.summary({ owner: 'group:data', sort: 'name' });
    expect(build).toHaveBeenCalledTimes(2);
    expect(after.items.map(i => i.entityRef)).toEqual([
      'component:default/doris',
      'component:default/kafka',
      'component:default/portal',
    ]);
  });

  it('computes rows, totals, facets and aggregates over the visible entities only', async () => {
    const visible = new Set(['component:default/doris', 'component:default/portal']);
    const res = await service.summary({}, async () => ({ all: false, key: 'test', refs: visible }));
    expect(res.items.map(i => i.entityRef).sort()).toEqual([...visible].sort());
    expect(res.totalCount).toBe(2);
    expect(res.facets.namespaces).toEqual(['data', 'web']);
    expect(res.facets.lifecycles).toEqual(['production']);
    expect(res.aggregate.byCheck['INF-WORKLOAD']).toEqual({ pass: 2, warn: 0, fail: 0, 'n/a': 0, unknown: 0 });
    expect(res.aggregate.byOwner.map(o => o.owner)).toEqual(['group:data', 'group:web']);
    // The unscoped view of the same revision is unaffected by the scoped one.
    expect((await service.summary({})).totalCount).toBe(3);
  });

  it('primes the view of a new revision so the next request reads nothing from the store', async () => {
    await service.prime();
    const read = jest.spyOn(store, 'getSummaryEntries');
    const res = await service.summary({});
    expect(res.totalCount).toBe(3);
    expect(read).not.toHaveBeenCalled();
    // A new revision (a refresh stored) is primed again, with the refreshed result in it.
    await store.saveResults({
      services: [
        {
          result: serviceResult('component:default/portal', { 'INF-WORKLOAD': 'fail', 'SEC-RBAC': 'pass' }, '2026-11-27T12:00:00.000Z'),
          meta: { owner: 'group:web', system: 'portal', lifecycle: 'production', namespaces: ['web'] },
        },
      ],
      replaceAll: false,
    });
    await service.prime();
    expect(read).toHaveBeenCalledTimes(1);
    const after = await service.summary({});
    expect(read).toHaveBeenCalledTimes(1);
    expect(after.items.find(i => i.entityRef === 'component:default/portal')?.measuredAt).toBe('2026-11-27T12:00:00.000Z');
  });

  it('serves a caller whose probe saw an older revision from the newer snapshot, without rebuilding', async () => {
    const revision = await store.getRevision();
    const read = jest.spyOn(store, 'getSummaryEntries');
    const probe = jest.spyOn(store, 'getRevision');
    // The first request probed after a write; the second one's probe had finished before it.
    probe.mockResolvedValueOnce(revision + 1).mockResolvedValueOnce(revision);
    await service.summary({});
    const late = await service.summary({});
    expect(read).toHaveBeenCalledTimes(1);
    expect(late.totalCount).toBe(3);
  });

  it('builds a snapshot again after a failed build', async () => {
    const read = jest.spyOn(store, 'getSummaryEntries').mockRejectedValueOnce(new Error('database is locked'));
    await expect(service.summary({})).rejects.toThrow('database is locked');
    expect((await service.summary({})).totalCount).toBe(3);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('serialises GET /summary exactly as the summary, with the last sweep as of each request', async () => {
    const queries = [{}, { limit: 1, offset: 1 }, { owner: 'group:data', sort: 'name' }, { status: 'fail' as const }];
    for (const query of queries) {
      expect(await service.summaryJson(query)).toBe(JSON.stringify(await service.summary(query)));
    }
    // A sweep that starts writes no result (no new revision), but the cached page shows it.
    await store.startSweep(new Date('2026-11-28T08:00:00Z'));
    const body = JSON.parse(await service.summaryJson({}));
    expect(body.lastSweep).toMatchObject({ status: 'running', startedAt: '2026-11-28T08:00:00.000Z' });
    expect(await service.summaryJson({})).toBe(JSON.stringify(await service.summary({})));
    // A new result (a new revision) is in the next body.
    await store.saveResults({
      services: [
        {
          result: serviceResult('component:default/portal', { 'INF-WORKLOAD': 'fail', 'SEC-RBAC': 'pass' }),
          meta: { owner: 'group:web', system: 'portal', lifecycle: 'production', namespaces: ['web'] },
        },
      ],
      replaceAll: false,
    });
    const after = JSON.parse(await service.summaryJson({}));
    expect(after.items.find((i: { entityRef: string }) => i.entityRef === 'component:default/portal').overall).toBe(
      (await service.summary({})).items.find(i => i.entityRef === 'component:default/portal')!.overall,
    );
    expect(after.items.find((i: { entityRef: string }) => i.entityRef === 'component:default/portal').overall).not.toBe(100);
  });
});
