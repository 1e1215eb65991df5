import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { applyOrder, describeWithTwoKubes, KubeEnv, KubeRest } from '../kube/KubeRest';
import { describeWithPostgres } from '../faults/postgres';
import { clusterConfig, RunningReadiness, startReadiness, userAuthorization } from '../faults/startReadiness';
import { byCheck, getJson, loadServices, serviceEntity, serviceName } from '../faults/fixture';

jest.setTimeout(240_000);

// Services 9500..9501 (namespace team-0950) in the first cluster, 9510..9511 (team-0951) in the second.
const FIRST = [9500, 9501];
const SECOND = [9510, 9511];
const FREQUENCY_S = 4;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const generator = require('../../../bench/generate.mjs');

async function loadOnly(env: KubeEnv, objects: any[]) {
  const rest = new KubeRest(env);
  const all = applyOrder(objects);
  for (const wave of [all.filter(o => !o.metadata.namespace), all.filter(o => o.metadata.namespace)]) {
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < wave.length) await rest.put(wave[next++]);
      }),
    );
  }
}

describeWithTwoKubes('per-cluster collection tasks shared by two replicas on one PostgreSQL', (east, west) => {
  describeWithPostgres('with a real scheduler', postgresUrl => {
    const prefix = `pc_${randomBytes(4).toString('hex')}_`;
    const replicas: RunningReadiness[] = [];
    let db: Knex;
    const collected = (r: RunningReadiness) =>
      r.logger.lines.filter(l => /readiness: collected cluster (east|west):/.test(l)).map(l => /cluster (east|west)/.exec(l)![1]);

    beforeAll(async () => {
      await loadServices(east(), FIRST[0], FIRST[1] + 1);
      // The second API server is shared with twoClusters.test.ts, which judges its platform (one
      // node, no Velero): load only this suite's services there, no platform or Velero objects.
      await loadOnly(
        west(),
        generator.generateRange(SECOND[0], SECOND[1] + 1, 1)[0].objects.filter((o: any) => o.metadata.namespace !== 'velero'),
      );
      for (let k = 0; k < 2; k++) {
        replicas.push(
          await startReadiness({
            entities: [...FIRST, ...SECOND].map(i => serviceEntity(i)),
            clusters: [clusterConfig('east', east()), clusterConfig('west', west())],
            postgres: postgresUrl(),
            databasePrefix: prefix,
            scheduler: 'real',
            readiness: {
              schedule: { frequency: { seconds: FREQUENCY_S }, timeout: { seconds: 30 }, initialDelay: { seconds: 1 } },
              sources: { kubernetes: { perClusterTasks: true, timeoutMs: 10_000 } },
            },
          }),
        );
      }
      db = knexFactory({ client: 'pg', connection: `${postgresUrl()}/${prefix}readiness` });
    });

    afterAll(async () => {
      await Promise.all(replicas.map(r => r.stop().catch(() => {})));
      await db?.destroy();
    });

    it('collects each cluster in its own task and evaluates the stored collections together', async () => {
      // Wait for both clusters' collections, then for a sweep that started after both were stored
      // (generous: the suites share two CPUs with every other suite).
      const deadline = Date.now() + 150_000;
      let rows: { cluster: string; collected_at: Date }[] = [];
      let evaluated = false;
      // When both collections were first seen stored. Collections and sweeps share one interval
      // and start together, so each sweep evaluates the collections stored before it started.
      let bothStoredAt: Date | undefined;
      while (Date.now() < deadline && !evaluated) {
        await sleep(1000);
        rows = await db('readiness_cluster_snapshots').select('cluster', 'collected_at');
        if (rows.length < 2) continue;
        bothStoredAt ??= new Date();
        const after = await db('readiness_sweeps').where('status', 'succeeded').andWhere('started_at', '>', bothStoredAt);
        evaluated = after.length > 0;
      }
      expect(rows.map(r => r.cluster).sort()).toEqual(['east', 'west']);
      expect(evaluated).toBe(true);
      for (const i of [...FIRST, ...SECOND]) {
        const res = await getJson(`${replicas[1].baseUrl}/entities/default/component/${serviceName(i)}`, userAuthorization());
        expect(res.status).toBe(200);
        expect(res.body.clusters).toEqual([FIRST.includes(i) ? 'east' : 'west']);
        expect([i, byCheck(res.body)['INF-WORKLOAD'].status]).toEqual([i, 'pass']);
      }
      // The sweep itself lists nothing: its log line counts no API calls of its own.
      const sweepLines = replicas.flatMap(r => r.logger.lines).filter(l => /readiness sweep: \d+ services/.test(l));
      expect(sweepLines.length).toBeGreaterThan(0);
      expect(sweepLines.some(l => / 0 Kubernetes API calls/.test(l))).toBe(true);
    });

    it('runs each collection task once per interval across the replicas, and the survivor keeps collecting', async () => {
      // The replicas share each cluster's task through the scheduler's table in the shared
      // database: that row's lock is what keeps two replicas from collecting at once.
      const tasks = await db('backstage_backend_tasks__tasks').where('id', 'like', 'readiness-collect:%').select('id');
      expect(tasks.map(t => t.id).sort()).toEqual(['readiness-collect:east', 'readiness-collect:west']);

      // Count per replica: each replica's log only grows, so its new lines are the ones past its
      // own earlier length.
      const before = replicas.map(r => collected(r).length);
      const start = Date.now();
      await sleep(FREQUENCY_S * 1000 * 6);
      const elapsedS = (Date.now() - start) / 1000;
      const during = replicas.flatMap((r, k) => collected(r).slice(before[k]));
      for (const cluster of ['east', 'west']) {
        const runs = during.filter(c => c === cluster).length;
        expect([cluster, runs >= 1]).toEqual([cluster, true]);
        // A shared task's next start is its previous scheduled start plus the interval, or now if
        // that has passed, so the scheduled starts are an interval apart. A run is logged when it
        // ends, up to one poll interval (the task's frequency) plus its run time after its
        // scheduled start; allowing two intervals of such delay, runs ending in the window are at
        // most elapsed/interval + 3. Two uncoordinated replicas would each collect every interval,
        // twice that.
        expect(runs).toBeLessThanOrEqual(Math.floor(elapsedS / FREQUENCY_S) + 3);
      }
      await replicas[0].stop();
      const stoppedAt = new Date();
      const deadline = Date.now() + 60_000;
      let fresh: { cluster: string }[] = [];
      while (Date.now() < deadline && fresh.length < 2) {
        await sleep(1000);
        fresh = await db('readiness_cluster_snapshots').where('collected_at', '>', stoppedAt).select('cluster');
      }
      expect(fresh.map(r => r.cluster).sort()).toEqual(['east', 'west']);
      expect(collected(replicas[1]).length).toBeGreaterThan(0);
    });
  });
});
