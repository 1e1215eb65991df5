import { resolve } from 'node:path';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { serviceResult } from '../__testUtils__/results';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';

jest.setTimeout(60_000);

const directory = resolve(__dirname, '../../migrations');

// 20261128140000_latest_times moves what changes every sweep out of readiness_latest: results
// stored before it must read the same after it, and keep being updated in place.
describe('migration 20261128140000_latest_times', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'carries stored times, stale flags and fingerprints over, on %p',
    async id => {
      const knex = await databases.init(id);
      // The schema as it was, with a result stored by the previous version.
      for (;;) {
        const [, pending] = (await knex.migrate.list({ directory })) as [
          unknown,
          { file: string }[],
        ];
        if (pending[0].file.startsWith('20261128140000')) break;
        await knex.migrate.up({ directory });
      }
      const old = serviceResult(
        'component:default/doris',
        { 'INF-WORKLOAD': 'pass', 'SEC-RBAC': 'fail' },
        '2026-11-27T10:00:00.000Z',
      );
      const meta = { owner: 'group:data', namespaces: ['data'] };
      // What 20261128130000 wrote: the times in readiness_latest itself.
      await knex('readiness_latest').insert({
        entity_ref: 'component:default/doris',
        payload: JSON.stringify({ ...old, measuredAt: undefined }),
        summary: JSON.stringify({
          row: {
            entityRef: old.entityRef,
            overall: old.overall.percent,
            layers: {},
            counts: {},
          },
          statuses: {},
          exempt: [],
          namespaces: ['data'],
        }),
        fingerprint: 'f'.repeat(64),
        overall: old.overall.percent,
        measured_at: new Date('2026-11-27T10:00:00.000Z'),
        history_at: new Date('2026-11-27T10:00:00.000Z'),
        stale: true,
        stale_reason: 'cluster prod could not be read',
      });

      await knex.migrate.latest({ directory });
      const store = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex }),
        skipMigrations: true,
      });
      expect(await store.getLatest('component:default/doris')).toEqual({
        ...old,
        stale: true,
        staleReason: 'cluster prod could not be read',
      });

      // A new measurement updates the times table; the stale flag clears.
      const again = serviceResult(
        'component:default/doris',
        { 'INF-WORKLOAD': 'pass', 'SEC-RBAC': 'fail' },
        '2026-11-28T10:00:00.000Z',
      );
      await store.saveResults({
        services: [{ result: again, meta }],
        replaceAll: false,
      });
      expect(await store.getLatest('component:default/doris')).toEqual(again);
      expect(
        await knex('readiness_latest_times').select('entity_ref', 'stale'),
      ).toEqual([
        { entity_ref: 'component:default/doris', stale: expect.anything() },
      ]);
      expect(
        Boolean((await knex('readiness_latest_times').first('stale')).stale),
      ).toBe(false);
    },
  );
});
