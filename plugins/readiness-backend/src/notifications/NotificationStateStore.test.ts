import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DatabaseReadinessStore } from '../store/DatabaseReadinessStore';
import { NotificationStateStore } from './NotificationStateStore';
import type { SettledStatuses } from './transitions';

jest.setTimeout(60_000);

describe('NotificationStateStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(id: TestDatabaseId) {
    const knex = await databases.init(id);
    // The plugin's migrations, this table's among them, as the plugin runs them at startup.
    await DatabaseReadinessStore.create({
      database: mockServices.database({ knex }),
    });
    return new NotificationStateStore(knex);
  }

  it.each(databases.eachSupportedId())(
    'keeps the last statuses per subject across writes, on %p',
    async id => {
      const store = await createStore(id);
      const now = new Date('2026-11-28T06:00:00Z');
      await store.save(
        new Map<string, SettledStatuses>([
          ['component:default/doris', { 'INF-IMAGES': 'pass' }],
          ['platform', { 'PLAT-NODES': 'pass' }],
        ]),
        now,
      );
      await store.save(
        new Map([
          ['component:default/doris', { 'INF-IMAGES': 'fail' as const }],
        ]),
        now,
      );

      const all = await store.load();
      expect(all).toEqual(
        new Map([
          ['component:default/doris', { 'INF-IMAGES': 'fail' }],
          ['platform', { 'PLAT-NODES': 'pass' }],
        ]),
      );
      expect(
        await store.load(['platform', 'component:default/absent']),
      ).toEqual(new Map([['platform', { 'PLAT-NODES': 'pass' }]]));
    },
  );

  it.each(databases.eachSupportedId())(
    'writes and reads more subjects than one statement binds, on %p',
    async id => {
      const store = await createStore(id);
      const subjects = Array.from(
        { length: 1000 },
        (_, i) => `component:default/svc-${i}`,
      );
      await store.save(
        new Map(subjects.map(s => [s, { 'HA-PDB': 'warn' as const }])),
        new Date(),
      );
      expect((await store.load(subjects)).size).toBe(1000);
      expect((await store.load()).size).toBe(1000);
    },
  );

  it.each(databases.eachSupportedId())(
    'forgets the subjects it is told to, more than one statement binds, on %p',
    async id => {
      const store = await createStore(id);
      const subjects = Array.from({ length: 700 }, (_, i) => `component:default/svc-${i}`);
      await store.save(
        new Map(subjects.map(s => [s, { 'HA-PDB': 'warn' as const }])),
        new Date(),
      );
      await store.remove(subjects.slice(0, 650));
      expect([...(await store.load()).keys()].sort()).toEqual(subjects.slice(650).sort());
    },
  );
});
