// Scale benchmark of the readiness backend against real kube-apiservers. Run with bench/run.sh
// (see bench/README.md). For each N it grows the synthetic platform to N services, starts the real
// readiness plugin, runs full sweeps and measures them, measures the HTTP API under 20 concurrent
// clients, and runs the per-service fetch the Backstage Kubernetes plugin does, for comparison.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseArgs } from 'node:util';
import { KINDS } from '@254carbon/plugin-readiness-node';
import { clusterConfig } from '../test/src/faults/startReadiness';
import { BenchCluster, CountingGetter, loadObjects, startClusters, stopClusters } from './lib/kube';
import { BenchServer } from './lib/server';
// eslint-disable-next-line import/no-relative-packages
const gen = require('./generate.mjs');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000,5000' },
    clusters: { type: 'string', default: '3' },
    'state-dir': { type: 'string', default: '/tmp/readiness-bench' },
    'base-port': { type: 'string', default: '38441' },
    requests: { type: 'string', default: '1000' },
    'per-service-sample': { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
    // live: real kube-apiservers; manifests: the same platform as a manifests directory (engine,
    // store and API at scale without the time it takes to load objects into an API server).
    source: { type: 'string', default: 'live' },
    // file: SQLite in a directory, the embedded default's setup (app-config.yaml); memory: SQLite in
    // memory, whose whole database then counts in the server's RSS. READINESS_BENCH_POSTGRES wins.
    database: { type: 'string', default: 'file' },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const C = Number(values.clusters);
const REQUESTS = Number(values.requests);
const SAMPLE = Number(values['per-service-sample']);
const CLIENTS = 20;
/** Requests sent before the measured ones (the first ones compile the server's HTTP stack). */
const WARM_UP = 100;
if (!['file', 'memory'].includes(values.database!)) {
  throw new Error(`--database must be file or memory, not ${values.database}`);
}
const DATABASE = process.env.READINESS_BENCH_POSTGRES
  ? 'PostgreSQL'
  : `SQLite (${values.database === 'file' ? 'files in a temporary directory, as the embedded default' : 'in memory'})`;

/**
 * The store's database options for one server: PostgreSQL when READINESS_BENCH_POSTGRES is set,
 * otherwise SQLite in a fresh directory (or in memory with --database memory).
 */
function databaseOptions(prefix: string) {
  if (process.env.READINESS_BENCH_POSTGRES) {
    return { postgres: process.env.READINESS_BENCH_POSTGRES, databasePrefix: prefix, sqliteDirectory: undefined };
  }
  if (values.database === 'memory') return { sqliteDirectory: undefined };
  const directory = mkdtempSync(join(tmpdir(), 'readiness-bench-sqlite-'));
  return {
    config: { backend: { database: { client: 'better-sqlite3', connection: { directory } } } },
    sqliteDirectory: directory,
  };
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const s = (n: number) => `${(n / 1000).toFixed(2)} s`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/**
 * Each URL once from `clients` concurrent keep-alive clients, sent by bench/lib/load.mjs in a
 * process of its own; returns the latency percentiles in ms and the count of failed requests.
 */
function loadTest(urls: string[], clients: number, authorization: string) {
  const child = fork(join(__dirname, 'lib/load.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<{ p50: number; p99: number; errors: number }>((done, fail) => {
    child.once('message', (msg: any) => (msg.error ? fail(new Error(msg.error)) : done(msg.result)));
    child.once('exit', code => fail(new Error(`the load generator exited with ${code}`)));
    child.send({ urls, clients, authorization });
  });
}

/** The collection path of each namespaced kind, at the version this server serves. */
async function servedNamespacedKinds(getter: CountingGetter) {
  const served: { id: string; path: (ns: string) => string }[] = [];
  for (const spec of KINDS.filter(k => k.namespaced)) {
    for (const version of spec.versions) {
      const prefix = spec.group ? `/apis/${spec.group}/${version}` : `/api/${version}`;
      const probe = await getter.get(`${prefix}/${spec.plural}?limit=1`);
      if (probe.status === 200) {
        served.push({ id: spec.id, path: ns => `${prefix}/namespaces/${ns}/${spec.plural}` });
        break;
      }
    }
  }
  return served;
}

/**
 * The per-service way (how the Backstage Kubernetes plugin fetches an entity's objects): for each
 * service, each cluster and each kind, one list call with the service's label selector, in the
 * service's namespace. Run on `sample` services and extrapolated to N (calls are exact: N×C×K).
 */
async function perServiceFetch(clusters: BenchCluster[], n: number, sample: number) {
  const getters = clusters.map(c => new CountingGetter(c.env, CLIENTS));
  const kinds = await servedNamespacedKinds(getters[0]);
  getters.forEach(g => (g.calls = 0));
  const step = Math.max(1, Math.floor(n / sample));
  const services = Array.from({ length: Math.min(sample, n) }, (_, k) => k * step);
  const calls: (() => Promise<unknown>)[] = [];
  for (const i of services) {
    const selector = encodeURIComponent(`${gen.ID_LABEL}=${gen.serviceName(i)}`);
    for (const g of getters) {
      for (const kind of kinds) calls.push(() => g.get(`${kind.path(gen.namespaceOf(i))}?labelSelector=${selector}`));
    }
  }
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < calls.length) await calls[next++]();
    }),
  );
  const elapsed = performance.now() - start;
  getters.forEach(g => g.close());
  return {
    kinds: kinds.length,
    sampled: services.length,
    sampleMs: elapsed,
    callsPerSweep: n * clusters.length * kinds.length,
    msPerSweep: (elapsed / services.length) * n,
  };
}

/** Warm-sweep CPU per service at the largest N against the smallest: ≤ 1.5× means linear. */
function printLinearity() {
  if (cpuPerService.length < 2) return;
  const first = cpuPerService[0];
  const last = cpuPerService[cpuPerService.length - 1];
  process.stdout.write(
    `linearity: warm-sweep CPU per service ${(first.ms * 1000).toFixed(0)} µs at N=${first.n}, ` +
      `${(last.ms * 1000).toFixed(0)} µs at N=${last.n}: ${(last.ms / first.ms).toFixed(2)}× (target ≤ 1.5×)\n`,
  );
}

function printTable(rows: Record<string, string>[], title: string) {
  const cols = Object.keys(rows[0]);
  const width = cols.map(c => Math.max(c.length, ...rows.map(row => row[c].length)));
  const line = (cells: string[]) => `| ${cells.map((v, i) => v.padEnd(width[i])).join(' | ')} |`;
  const out = [
    `readiness benchmark: ${title}; services spread over the clusters (${gen.SERVICES_PER_NAMESPACE} per namespace); ` +
      `HTTP: ${CLIENTS} concurrent clients × ${REQUESTS} requests per route; database ` +
      `${DATABASE}; node ${process.version}; ` +
      `${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} at the end`,
    line(cols),
    line(width.map(w => '-'.repeat(w))),
    ...rows.map(row => line(cols.map(c => row[c]))),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

/** CPU per service of each size's warm sweep, to show that evaluation stays linear in N. */
const cpuPerService: { n: number; ms: number }[] = [];

/**
 * Three full sweeps (cold, warm, steady), then the HTTP API under concurrent clients. The backend
 * runs in its own process (bench/server.ts): CPU and peak RSS are the server's alone. The warm
 * (second) sweep also pays for collecting the cold sweep's garbage, which V8 leaves until the
 * next allocations need the space; the third is what each later sweep of a running backend costs.
 */
async function measureBackend(backend: BenchServer, n: number) {
  const sweeps: { wall: number; cpu: number; calls: number }[] = [];
  for (let k = 0; k < 3; k++) {
    const { wall, cpu, calls, services } = await backend.sweep();
    if (services !== n) throw new Error(`the sweep measured ${services} services, expected ${n}`);
    sweeps.push({ wall, cpu, calls });
    log(`N=${n}: sweep ${k + 1}: ${s(wall)} wall, ${s(cpu)} CPU (server process), ${calls} API calls`);
  }
  const peakRss = await backend.peakRssKb();
  const auth = 'Bearer mock-user-token';
  const summaryUrls = Array(REQUESTS).fill(`${backend.baseUrl}/summary`);
  const entityUrls = Array.from(
    { length: REQUESTS },
    (_, r) => `${backend.baseUrl}/entities/default/component/${gen.serviceName((r * 7919) % n)}`,
  );
  // Warm-up, not measured: the server has served no request yet, and the first calls through
  // Backstage's HTTP stack compile it (about 5 ms each, once per process, not per sweep).
  await loadTest([...summaryUrls, ...entityUrls].slice(0, WARM_UP), CLIENTS, auth);
  const summary = await loadTest(summaryUrls, CLIENTS, auth);
  const entity = await loadTest(entityUrls, CLIENTS, auth);
  log(`N=${n}: /summary p50 ${ms(summary.p50)} p99 ${ms(summary.p99)}; entity p50 ${ms(entity.p50)} p99 ${ms(entity.p99)}`);
  if (summary.errors || entity.errors) log(`N=${n}: HTTP errors (non-200 or transport): summary ${summary.errors}, entity ${entity.errors}`);
  const [cold, warm, steady] = sweeps;
  cpuPerService.push({ n, ms: warm.cpu / n });
  return {
    'sweep cold': s(cold.wall),
    'CPU (cold)': s(cold.cpu),
    'sweep warm': s(warm.wall),
    'CPU (warm)': s(warm.cpu),
    'CPU/service (warm)': `${((warm.cpu / n) * 1000).toFixed(0)} µs`,
    'sweep/CPU (steady)': `${s(steady.wall)} / ${s(steady.cpu)}`,
    'peak RSS (server)': mb(peakRss),
    'API calls/sweep': String(warm.calls),
    '/summary p50/p99': `${ms(summary.p50)} / ${ms(summary.p99)}`,
    'entity p50/p99': `${ms(entity.p50)} / ${ms(entity.p99)}`,
    'HTTP errors': String(summary.errors + entity.errors),
    warmMs: warm.wall,
    warmCalls: warm.calls,
  };
}

async function mainLive() {
  const clusterNames = Array.from({ length: C }, (_, c) => gen.clusterName(c));
  log(`starting ${C} kube-apiservers (one etcd each) under ${values['state-dir']}`);
  const clusters = await startClusters(clusterNames, values['state-dir']!, Number(values['base-port']));
  const rows: Record<string, string>[] = [];
  const now = Date.now();
  let loaded = 0;
  let objectsLoaded = 0;
  try {
    for (const n of sizes) {
      // Grow the platform to n services (service i is the same for every n).
      const started = performance.now();
      const perCluster = gen.generateRange(loaded, n, C, now) as { cluster: string; objects: any[] }[];
      if (loaded === 0) perCluster.forEach((p, c) => p.objects.unshift(...gen.platformObjects(c, now)));
      const objects = perCluster.reduce((k, p) => k + p.objects.length, 0);
      log(`N=${n}: loading ${objects} objects (services ${loaded}..${n - 1}) into ${C} API servers`);
      await Promise.all(perCluster.map((p, c) => loadObjects(clusters[c].env, p.objects)));
      const loadMs = performance.now() - started;
      objectsLoaded += objects;
      log(`N=${n}: loaded in ${s(loadMs)} (${(objects / (loadMs / 1000)).toFixed(0)} objects/s)`);
      loaded = n;

      const { sqliteDirectory, ...database } = databaseOptions(`bench_live_${n}_`);
      const backend = await BenchServer.start({
        entities: Array.from({ length: n }, (_, i) => gen.serviceEntity(i)),
        clusters: clusters.map(c => clusterConfig(c.name, c.env)),
        readiness: { sources: { kubernetes: { timeoutMs: 60_000 } } },
        ...database,
      });
      try {
        const { warmMs, warmCalls, ...m } = await measureBackend(backend, n);
        const per = await perServiceFetch(clusters, n, SAMPLE);
        log(`N=${n}: per-service fetch: ${per.sampled} services sampled in ${s(per.sampleMs)}`);
        rows.push({
          N: String(n),
          objects: String(objectsLoaded),
          'load (added)': s(loadMs),
          ...m,
          'per-service calls': String(per.callsPerSweep),
          'per-service time': `${s(per.msPerSweep)}${per.sampled < n ? ` (${per.sampled} sampled)` : ''}`,
          'calls ratio': `${(per.callsPerSweep / warmCalls).toFixed(0)}×`,
          'time ratio': `${(per.msPerSweep / warmMs).toFixed(1)}×`,
        });
      } finally {
        await backend.stop();
        if (sqliteDirectory) rmSync(sqliteDirectory, { recursive: true, force: true });
      }
    }
  } finally {
    if (!values.keep) stopClusters(clusters);
  }
  printTable(rows, `live: C=${C} real kube-apiservers (v1.20, one etcd each)`);
  printLinearity();
}

async function mainManifests() {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-bench-manifests-'));
  const rows: Record<string, string>[] = [];
  try {
    for (const n of sizes) {
      const t0 = performance.now();
      const platform = gen.generatePlatform({ services: n, clusters: C });
      rmSync(join(dir, 'manifests'), { recursive: true, force: true });
      gen.writePlatform(dir, platform);
      const objects = platform.clusters.reduce((k: number, c: { objects: unknown[] }) => k + c.objects.length, 0);
      log(`N=${n}: wrote ${objects} objects to ${dir}/manifests in ${s(performance.now() - t0)}`);
      const { sqliteDirectory, ...database } = databaseOptions(`bench_manifests_${n}_`);
      const backend = await BenchServer.start({
        entities: platform.entities,
        readiness: { sources: { manifests: { directory: join(dir, 'manifests') } } },
        ...database,
      });
      try {
        const { warmMs: _w, warmCalls: _c, ...m } = await measureBackend(backend, n);
        rows.push({ N: String(n), objects: String(objects), ...m, 'API calls/sweep': '0 (files)' });
      } finally {
        await backend.stop();
        if (sqliteDirectory) rmSync(sqliteDirectory, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(rows, `manifests: C=${C} cluster folders read by readiness.sources.manifests (cold: every file parsed; warm: unchanged files reused by size+mtime; no API server)`);
  printLinearity();
}

async function main() {
  if (values.source === 'manifests') return mainManifests();
  if (values.source === 'live') return mainLive();
  throw new Error(`--source must be live or manifests, not ${values.source}`);
}

// Exit explicitly: the test backend's services (scheduler, database pools) keep the event loop alive
// after stop(), and --cpu-prof writes its profile only on exit.
main().then(
  () => process.exit(0),
  e => {
    process.stderr.write(`[bench] failed: ${e.stack ?? e}\n`);
    process.exit(1);
  },
);

export {};
