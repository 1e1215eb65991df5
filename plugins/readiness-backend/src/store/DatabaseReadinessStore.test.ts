import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { platformResult, serviceResult } from '../__testUtils__/results';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { prepareService } from './prepareService';

jest.setTimeout(60_000);

const meta = { owner: 'group:data', system: 'analytics', lifecycle: 'production', namespaces: ['data'] };

describe('DatabaseReadinessStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(id: TestDatabaseId) {
    const knex = await databases.init(id);
    const store = await DatabaseReadinessStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())('stores and reads the latest results, on %p', async id => {
    const { store } = await createStore(id);
    const doris = serviceResult('component:default/Doris', { 'INF-WORKLOAD': 'pass', 'SEC-RBAC': 'fail' });
    await store.saveResults({
      platform: platformResult({ 'PLAT-NODES': 'pass' }),
      services: [{ result: doris, meta }],
      replaceAll: true,
    });

    // Entity refs are matched case-insensitively, as the catalog does.
    expect(await store.getLatest('component:default/doris')).toEqual(doris);
    expect(await store.getLatest('Component:Default/DORIS')).toEqual(doris);
    expect(await store.getLatest('component:default/other')).toBeUndefined();
    expect(await store.getPlatform()).toEqual(platformResult({ 'PLAT-NODES': 'pass' }));

    const { entries, revision } = await store.getSummaryEntries();
    expect(revision).toBe(await store.getRevision());
    expect(entries).toEqual([
      expect.objectContaining({
        stale: false,
        namespaces: ['data'],
        statuses: { 'INF-WORKLOAD': 'pass', 'SEC-RBAC': 'fail' },
        row: expect.objectContaining({
          entityRef: 'component:default/Doris',
          owner: 'group:data',
          overall: doris.overall.percent,
          problems: [{ checkId: 'SEC-RBAC', status: 'fail' }],
        }),
      }),
    ]);
  });

  it.each(databases.eachSupportedId())(
    'updates only the time of a result measured exactly as before, and rewrites a changed one, on %p',
    async id => {
      const { knex, store } = await createStore(id);
      const first = { ...serviceResult('component:default/doris', { 'INF-WORKLOAD': 'pass' }), measuredAt: '2026-11-28T10:00:00.000Z' };
      const gone = { ...serviceResult('component:default/gone', { 'INF-WORKLOAD': 'pass' }), measuredAt: '2026-11-28T10:00:00.000Z' };
      await store.saveResults({ services: [{ result: first, meta }, { result: gone, meta }], replaceAll: true });
      // Mark the stored payload: an unchanged result must leave the row's payload as it is.
      const row = await knex('readiness_latest').where({ entity_ref: 'component:default/doris' }).first('payload');
      const marked = row.payload.replace('"stale":false', '"stale":false,"marker":1');
      await knex('readiness_latest').where({ entity_ref: 'component:default/doris' }).update({ payload: marked });
      await store.markStale('the sweep failed');

      const again = { ...first, measuredAt: '2026-11-28T10:05:00.000Z' };
      await store.saveResults({ services: [{ result: again, meta }], replaceAll: true });
      expect((await knex('readiness_latest').where({ entity_ref: 'component:default/doris' }).first('payload')).payload).toBe(marked);
      // The time, the stale flag and the summary's time follow the new measurement all the same.
      expect(await store.getLatest('component:default/doris')).toMatchObject({ measuredAt: again.measuredAt, stale: false, marker: 1 });
      expect(JSON.parse((await store.getLatestJson('component:default/doris'))!)).toMatchObject({ measuredAt: again.measuredAt, stale: false });
      const { entries } = await store.getSummaryEntries();
      expect(entries.map(e => [e.row.entityRef, e.row.measuredAt, e.stale])).toEqual([
        ['component:default/doris', again.measuredAt, false],
      ]);

      const changed = { ...serviceResult('component:default/doris', { 'INF-WORKLOAD': 'fail' }), measuredAt: '2026-11-28T10:10:00.000Z' };
      await store.saveResults({ services: [{ result: changed, meta }], replaceAll: true });
      expect(await store.getLatest('component:default/doris')).toEqual(changed);
    },
  );

  it.each(databases.eachSupportedId())(
    'rewrites a result measured as before when its catalog metadata changed (a new owner), on %p',
    async id => {
      const { knex, store } = await createStore(id);
      const doris = { ...serviceResult('component:default/doris', { 'INF-WORKLOAD': 'pass' }), measuredAt: '2026-11-28T10:00:00.000Z' };
      await store.saveResults({ services: [{ result: doris, meta }], replaceAll: true });
      const moved = { ...meta, owner: 'group:platform', namespaces: ['data', 'data-jobs'] };
      await store.saveResults({ services: [{ result: { ...doris, measuredAt: '2026-11-28T10:05:00.000Z' }, meta: moved }], replaceAll: true });
      const { entries } = await store.getSummaryEntries();
      expect(entries.map(e => [e.row.owner, e.namespaces])).toEqual([['group:platform', ['data', 'data-jobs']]]);
      expect(await knex('readiness_latest').where({ entity_ref: 'component:default/doris' }).first('owner')).toEqual({
        owner: 'group:platform',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a refresh stored since a sweep read the fingerprints, when the sweep left out an unchanged payload, on %p',
    async id => {
      const { store } = await createStore(id);
      const at = (t: string, statuses: Record<string, 'pass' | 'fail'>) => ({
        ...serviceResult('component:default/doris', statuses),
        measuredAt: `2026-11-28T10:${t}:00.000Z`,
      });
      await store.saveResults({ services: [{ result: at('00', { 'INF-WORKLOAD': 'pass' }), meta }], replaceAll: true });
      // The sweep reads the stored fingerprints, measures doris as before (10:05) and leaves out
      // its payload...
      const fingerprints = await store.storedFingerprints();
      const swept = prepareService(at('05', { 'INF-WORKLOAD': 'pass' }), meta, fingerprints('component:default/doris'));
      expect(swept.payload).toBeUndefined();
      // ...while a refresh that read its sources at 10:04 stores a changed result.
      const refreshed = at('04', { 'INF-WORKLOAD': 'fail' });
      await store.saveResults({ services: [{ result: refreshed, meta }], replaceAll: false });
      const other = prepareService(serviceResult('component:default/trino', { 'INF-WORKLOAD': 'pass' }), meta);
      await store.savePrepared({ services: [swept, other], replaceAll: true });
      // The refresh's result stays whole (the next sweep brings doris up to date), the rest is stored.
      expect(await store.getLatest('component:default/doris')).toEqual(refreshed);
      expect(await store.getLatest('component:default/trino')).toBeDefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'marks results stale with the reason and clears it on the next save, on %p',
    async id => {
      const { store } = await createStore(id);
      const doris = serviceResult('component:default/doris', { 'INF-WORKLOAD': 'pass' });
      await store.saveResults({
        platform: platformResult({ 'PLAT-NODES': 'pass' }),
        services: [{ result: doris, meta }],
        replaceAll: true,
      });
      // The JSON the API sends is the stored result as getLatest reads it, fresh or stale.
      expect(JSON.parse((await store.getLatestJson('component:default/doris'))!)).toEqual(
        await store.getLatest('component:default/doris'),
      );
      const before = await store.getRevision();
      await store.markStale('the sweep failed: catalog unreachable');
      expect(await store.getRevision()).toBeGreaterThan(before);
      expect(await store.getLatest('component:default/doris')).toEqual({
        ...doris,
        stale: true,
        staleReason: 'the sweep failed: catalog unreachable',
      });
      expect(JSON.parse((await store.getLatestJson('component:default/doris'))!)).toEqual({
        ...doris,
        stale: true,
        staleReason: 'the sweep failed: catalog unreachable',
      });
      expect(await store.getLatestJson('component:default/nobody')).toBeUndefined();
      expect(await store.getPlatform()).toMatchObject({
        stale: true,
        staleReason: 'the sweep failed: catalog unreachable',
      });
      expect((await store.getSummaryEntries()).entries[0].stale).toBe(true);

      await store.saveResults({ services: [{ result: doris, meta }], replaceAll: false });
      expect(await store.getLatest('component:default/doris')).toEqual(doris);
    },
  );

  it.each(databases.eachSupportedId())(
    'drops entities gone from the catalog on a full sweep but not on a refresh, on %p',
    async id => {
      const { store } = await createStore(id);
      const a = serviceResult('component:default/a', { 'INF-WORKLOAD': 'pass' });
      const b = serviceResult('component:default/b', { 'INF-WORKLOAD': 'fail' });
      await store.saveResults({ services: [{ result: a, meta }, { result: b, meta }], replaceAll: true });
      await store.saveResults({ services: [{ result: a, meta }], replaceAll: false });
      expect(await store.getLatest('component:default/b')).toBeDefined();
      await store.saveResults({ services: [{ result: a, meta }], replaceAll: true });
      expect(await store.getLatest('component:default/b')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'writes history on change or hourly, reads it since a date and prunes it, on %p',
    async id => {
      const { store } = await createStore(id);
      const at = (iso: string, status: 'pass' | 'fail') =>
        serviceResult('component:default/doris', { 'INF-WORKLOAD': status }, iso);
      const save = (r: ReturnType<typeof at>) =>
        store.saveResults({ services: [{ result: r, meta }], replaceAll: true });

      await save(at('2026-11-26T10:00:00.000Z', 'pass'));
      await save(at('2026-11-26T10:05:00.000Z', 'pass')); // unchanged, 5 min later: no point
      await save(at('2026-11-26T10:10:00.000Z', 'fail')); // changed: a point
      await save(at('2026-11-26T11:10:00.000Z', 'fail')); // unchanged but an hour later: a point

      const points = await store.getHistory('component:default/doris', new Date('2026-11-01T00:00:00Z'));
      expect(points.map(p => [p.measuredAt, p.overall])).toEqual([
        ['2026-11-26T10:00:00.000Z', 100],
        ['2026-11-26T10:10:00.000Z', 0],
        ['2026-11-26T11:10:00.000Z', 0],
      ]);
      expect(points[0].layers).toEqual({ infrastructure: 100, security: null, operations: null });
      expect(points[1].counts).toMatchObject({ fail: 1, pass: 0 });

      const since = await store.getHistory('component:default/doris', new Date('2026-11-26T10:10:00.000Z'));
      expect(since).toHaveLength(2);

      // Two history points and the pass → fail change at 10:10 are older than 10:30.
      expect(await store.pruneHistory(new Date('2026-11-26T10:30:00.000Z'))).toBe(3);
      expect(await store.getHistory('component:default/doris', new Date(0))).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores only the checks whose status changed, for services and the platform, and prunes them, on %p',
    async id => {
      const { knex, store } = await createStore(id);
      const doris = (iso: string, statuses: Record<string, 'pass' | 'warn' | 'fail'>) =>
        serviceResult('component:default/Doris', statuses, iso);
      const sweep = (iso: string, statuses: Record<string, 'pass' | 'warn' | 'fail'>, plat: Record<string, 'pass' | 'fail'>) =>
        store.saveResults({
          platform: platformResult(plat, iso),
          services: [
            { result: doris(iso, statuses), meta },
            // Never changes: never costs a change row.
            { result: serviceResult('component:default/steady', { 'INF-WORKLOAD': 'pass' }, iso), meta },
          ],
          replaceAll: true,
        });

      await sweep('2026-11-26T10:00:00.000Z', { 'INF-WORKLOAD': 'pass', 'SEC-RBAC': 'fail', 'SEC-CERT-EXPIRY': 'pass' }, { 'PLAT-BACKUP': 'fail' });
      await sweep('2026-11-26T10:05:00.000Z', { 'INF-WORKLOAD': 'pass', 'SEC-RBAC': 'fail', 'SEC-CERT-EXPIRY': 'pass' }, { 'PLAT-BACKUP': 'fail' });
      await sweep('2026-11-26T10:10:00.000Z', { 'INF-WORKLOAD': 'pass', 'SEC-RBAC': 'pass', 'SEC-CERT-EXPIRY': 'warn' }, { 'PLAT-BACKUP': 'pass' });
      await sweep('2026-11-26T10:15:00.000Z', { 'INF-WORKLOAD': 'fail', 'SEC-RBAC': 'pass' }, { 'PLAT-BACKUP': 'pass' });

      // First stores record nothing, unchanged sweeps nothing: one row per service per change.
      const rows = await knex('readiness_check_changes').orderBy('id').select('entity_ref', 'changes');
      expect(rows.map(r => [r.entity_ref, JSON.parse(r.changes)])).toEqual([
        ['component:default/doris', { 'SEC-RBAC': ['fail', 'pass'], 'SEC-CERT-EXPIRY': ['pass', 'warn'] }],
        ['platform', { 'PLAT-BACKUP': ['fail', 'pass'] }],
        ['component:default/doris', { 'INF-WORKLOAD': ['pass', 'fail'], 'SEC-CERT-EXPIRY': ['warn', null] }],
      ]);

      const changes = await store.getChangesSince(new Date('2026-11-26T10:07:00.000Z'));
      // The score at 10:07 is the 10:00 point (10:05 changed nothing, so wrote no point).
      expect(changes.baselines.get('component:default/doris')).toMatchObject({
        measuredAt: '2026-11-26T10:00:00.000Z',
      });
      expect(changes.baselines.get('component:default/steady')?.measuredAt).toBe('2026-11-26T10:00:00.000Z');
      expect(changes.services.get('component:default/doris')).toEqual([
        { measuredAt: '2026-11-26T10:10:00.000Z', changes: { 'SEC-RBAC': ['fail', 'pass'], 'SEC-CERT-EXPIRY': ['pass', 'warn'] } },
        { measuredAt: '2026-11-26T10:15:00.000Z', changes: { 'INF-WORKLOAD': ['pass', 'fail'], 'SEC-CERT-EXPIRY': ['warn', null] } },
      ]);
      expect(changes.services.has('component:default/steady')).toBe(false);
      expect(changes.platform).toEqual([
        { measuredAt: '2026-11-26T10:10:00.000Z', changes: { 'PLAT-BACKUP': ['fail', 'pass'] } },
      ]);

      // Before any point: the first point after the date is the baseline.
      const early = await store.getChangesSince(new Date('2026-11-25T00:00:00.000Z'));
      expect(early.baselines.get('component:default/doris')?.measuredAt).toBe('2026-11-26T10:00:00.000Z');
      expect(early.services.get('component:default/doris')).toHaveLength(2);

      await store.pruneHistory(new Date('2026-11-26T10:12:00.000Z'));
      const pruned = await store.getChangesSince(new Date(0));
      expect(pruned.platform).toEqual([]);
      expect(pruned.services.get('component:default/doris')?.map(c => c.measuredAt)).toEqual([
        '2026-11-26T10:15:00.000Z',
      ]);
    },
  );

  it.each(databases.eachSupportedId())('records sweeps, on %p', async id => {
    const { store } = await createStore(id);
    expect(await store.lastSweep()).toBeUndefined();
    const sweepId = await store.startSweep(new Date('2026-11-26T12:00:00.000Z'));
    expect(await store.lastSweep()).toEqual({
      startedAt: '2026-11-26T12:00:00.000Z',
      finishedAt: undefined,
      status: 'running',
      services: 0,
      error: undefined,
      sourceErrors: [],
    });
    await store.finishSweep(sweepId, {
      status: 'succeeded',
      finishedAt: new Date('2026-11-26T12:00:05.000Z'),
      services: 12,
      sourceErrors: [{ source: 'vault:policies', message: '403 permission denied' }],
    });
    expect(await store.lastSweep()).toEqual({
      startedAt: '2026-11-26T12:00:00.000Z',
      finishedAt: '2026-11-26T12:00:05.000Z',
      status: 'succeeded',
      services: 12,
      error: undefined,
      sourceErrors: [{ source: 'vault:policies', message: '403 permission denied' }],
    });
  });

  it.each(databases.eachSupportedId())('stores 2,000 services in one sweep, on %p', async id => {
    const { store } = await createStore(id);
    const services = Array.from({ length: 2000 }, (_, i) => ({
      result: serviceResult(`component:default/svc-${i}`, { 'INF-WORKLOAD': i % 2 ? 'pass' : 'fail' }),
      meta,
    }));
    await store.saveResults({ services, replaceAll: true });
    const { entries } = await store.getSummaryEntries();
    expect(entries).toHaveLength(2000);
  });
});
