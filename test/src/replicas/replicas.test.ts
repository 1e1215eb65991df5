import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VaultStandIn } from '@internal/vault-stand-in';
import { getJson, serviceEntity, serviceName } from '../faults/fixture';
import { describeWithPostgres } from '../faults/postgres';
import { RunningReadiness, startReadiness, userAuthorization } from '../faults/startReadiness';

jest.setTimeout(240_000);

// The benchmark's generator lives in bench/, a repository tool outside the workspaces.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const generator = require('../../../bench/generate.mjs');

const FREQUENCY_S = 4;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

interface SweepRow {
  id: number;
  started_at: Date;
  finished_at: Date | null;
  status: string;
}

describeWithPostgres('two backend replicas on one PostgreSQL', postgresUrl => {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-replicas-'));
  const prefix = `rr_${randomBytes(4).toString('hex')}_`;
  // One Vault stand-in per replica: the one receiving requests tells which replica is sweeping.
  const vaults = [0, 1].map(
    () => new VaultStandIn({ token: 't', sealed: false, roles: {}, policies: {}, secrets: {} }),
  );
  const replicas: RunningReadiness[] = [];
  let db: Knex;
  const names = [0, 1, 2, 3].map(serviceName);

  const sweeps = async (): Promise<SweepRow[]> => db('readiness_sweeps').orderBy('id').select();

  beforeAll(async () => {
    generator.writePlatform(dir, generator.generatePlatform({ services: 4, clusters: 1 }));
    await Promise.all(vaults.map(v => v.start()));
    // Started one after the other: the first creates the database and runs the migrations.
    for (const vault of vaults) {
      replicas.push(
        await startReadiness({
          entities: [0, 1, 2, 3].map(i => serviceEntity(i, undefined, { 'vault.io/secrets-path': serviceName(i) })),
          postgres: postgresUrl(),
          databasePrefix: prefix,
          scheduler: 'real',
          readiness: {
            schedule: { frequency: { seconds: FREQUENCY_S }, timeout: { seconds: 20 }, initialDelay: { seconds: 0 } },
            sources: {
              manifests: { directory: join(dir, 'manifests') },
              vault: { baseUrl: vault.url, token: 't', timeoutMs: 15_000 },
            },
          },
        }),
      );
    }
    db = knexFactory({ client: 'pg', connection: `${postgresUrl()}/${prefix}readiness` });
  });

  afterAll(async () => {
    await Promise.all(replicas.map(r => r.stop().catch(() => {})));
    await db?.destroy();
    await Promise.all(vaults.map(v => v.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the sweep once per interval across both replicas', async () => {
    // Both replicas run the one sweep task kept in the scheduler's table in the shared database.
    const tasks = await db('backstage_backend_tasks__tasks').where('id', 'readiness-sweep').select('id');
    expect(tasks).toHaveLength(1);
    // The first sweep of a fresh database asks for one more soon (the warm-up); count after it.
    await sleep(12_000);
    const start = new Date();
    await sleep(FREQUENCY_S * 1000 * 6);
    const end = new Date();
    const elapsedS = (end.getTime() - start.getTime()) / 1000;
    const all = await sweeps();
    const rows = all.filter(r => r.finished_at && r.finished_at > start && r.finished_at <= end);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    // The scheduled starts are an interval apart (next = previous scheduled start + interval, or
    // now if that has passed); a sweep ends up to a poll interval plus its run time after its
    // scheduled start. Allowing two intervals of such delay, at most elapsed/interval + 3 end in
    // the window. Two uncoordinated replicas would each sweep every interval, twice that.
    expect(rows.length).toBeLessThanOrEqual(Math.floor(elapsedS / FREQUENCY_S) + 3);
    const finished = all.filter(r => r.status !== 'running');
    for (let k = 1; k < finished.length; k++) {
      // Never two sweeps at once: each starts after the previous one finished.
      expect(finished[k].started_at.getTime()).toBeGreaterThanOrEqual(finished[k - 1].finished_at!.getTime());
    }
    expect(finished.every(r => r.status === 'succeeded')).toBe(true);
  });

  it('serves the same results from both replicas', async () => {
    // Sweeps run every few seconds: compare answers given between the same two sweeps (a sweep
    // finishing between the two requests is not a disagreement).
    const sameSweep = async <T>(read: (r: RunningReadiness) => Promise<T>, sweepOf: (x: T) => unknown) => {
      for (let k = 0; k < 20; k++) {
        const before = (await sweeps()).length;
        const answers = await Promise.all(replicas.map(read));
        if ((await sweeps()).length === before && sweepOf(answers[0]) === sweepOf(answers[1])) return answers;
        await sleep(300);
      }
      throw new Error('no two answers between the same sweeps in 20 tries');
    };
    for (const name of names) {
      const [a, b] = await sameSweep(
        r => getJson(`${r.baseUrl}/entities/default/component/${name}`, userAuthorization()),
        x => x.body.measuredAt,
      );
      expect(a.status).toBe(200);
      expect(b.body).toEqual(a.body);
    }
    const [sa, sb] = await sameSweep(
      r => getJson(`${r.baseUrl}/summary`, userAuthorization()),
      x => x.body.lastSweep?.startedAt,
    );
    expect(sa.status).toBe(200);
    expect(sb.body).toEqual(sa.body);
  });

  it('loses nothing when the sweeping replica stops mid-sweep: the other keeps serving and takes over', async () => {
    const before = await getJson(`${replicas[0].baseUrl}/entities/default/component/${names[0]}`, userAuthorization());
    vaults.forEach(v => {
      v.state.delayMs = 6000;
      v.requests.length = 0;
    });
    // Wait until one replica is inside a sweep (its Vault stand-in is being asked).
    let sweeping = -1;
    for (let k = 0; k < 100 && sweeping < 0; k++) {
      await sleep(200);
      sweeping = vaults.findIndex(v => v.requests.length > 0);
    }
    expect(sweeping).toBeGreaterThanOrEqual(0);
    const survivor = replicas[1 - sweeping];
    const stopped = replicas[sweeping];
    const stopping = stopped.stop();
    vaults.forEach(v => {
      v.state.delayMs = 0;
    });

    // The survivor answers throughout, with the last good results.
    const during = await getJson(`${survivor.baseUrl}/entities/default/component/${names[0]}`, userAuthorization());
    expect(during.status).toBe(200);
    expect(during.body.checks).toEqual(before.body.checks);
    await stopping;

    // Within the task's timeout the survivor runs the sweep itself.
    const finishedBefore = (await sweeps()).filter(r => r.status === 'succeeded').length;
    const deadline = Date.now() + 60_000;
    let finished = finishedBefore;
    while (Date.now() < deadline && finished <= finishedBefore) {
      await sleep(1000);
      finished = (await sweeps()).filter(r => r.status === 'succeeded').length;
    }
    expect(finished).toBeGreaterThan(finishedBefore);
    expect(vaults[1 - sweeping].requests.length).toBeGreaterThan(0);
    const after = await getJson(`${survivor.baseUrl}/entities/default/component/${names[0]}`, userAuthorization());
    expect(after.status).toBe(200);
    expect(after.body.stale).toBe(false);
    for (const name of names) {
      expect((await getJson(`${survivor.baseUrl}/entities/default/component/${name}`, userAuthorization())).status).toBe(200);
    }
  });
});
