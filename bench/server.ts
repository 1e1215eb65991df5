// The readiness backend alone in its own process, driven by bench/run.ts over IPC, so the sweep's
// CPU time and the peak RSS are the server's own and the HTTP load generator runs elsewhere.
// Started by bench/lib/server.ts; not meant to be run by hand.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { writeHeapSnapshot } from 'node:v8';
import { startReadiness, StartReadinessOptions } from '../test/src/faults/startReadiness';

type Backend = Awaited<ReturnType<typeof startReadiness>>;
type Message =
  | { id: number; cmd: 'start'; options: StartReadinessOptions }
  | { id: number; cmd: 'sweep' }
  | { id: number; cmd: 'usage' }
  | { id: number; cmd: 'stop' };

let backend: Backend | undefined;
let sweeps = 0;

/**
 * Runs one sweep under the inspector when asked:
 * - READINESS_BENCH_PROFILE_SWEEP=<file>: a CPU profile of the second (warm) sweep alone, without
 *   the cold sweep's parsing and the HTTP load around it (bench/profile-summary.mjs reads it);
 * - READINESS_BENCH_HEAP_PROFILE_SWEEP=<file>: a sampling heap profile of the warm sweep (of sweep
 *   READINESS_BENCH_HEAP_PROFILE_SWEEP_NUMBER, default 2) that keeps the objects a major GC
 *   collected but not those a scavenge did: what the sweep allocates that lives long enough to be
 *   promoted, the garbage that makes the old generation (and the RSS) grow.
 */
async function profiled<T>(fn: () => Promise<T>): Promise<T> {
  const heapFile = process.env.READINESS_BENCH_HEAP_PROFILE_SWEEP;
  if (heapFile && sweeps === Number(process.env.READINESS_BENCH_HEAP_PROFILE_SWEEP_NUMBER ?? 2)) {
    return inspected(heapFile, fn, async session => {
      await session.post('HeapProfiler.enable');
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: 16384,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: false,
      });
      return async () => (await session.post('HeapProfiler.stopSampling')).profile;
    });
  }
  const cpuFile = process.env.READINESS_BENCH_PROFILE_SWEEP;
  if (cpuFile && sweeps === 2) {
    return inspected(cpuFile, fn, async session => {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      return async () => (await session.post('Profiler.stop')).profile;
    });
  }
  return fn();
}

/** `fn` between an inspector profiler's start and stop; the profile is written to `file`. */
async function inspected<T>(
  file: string,
  fn: () => Promise<T>,
  start: (session: Session) => Promise<() => Promise<unknown>>,
): Promise<T> {
  const session = new Session();
  session.connect();
  const stop = await start(session);
  try {
    return await fn();
  } finally {
    writeFileSync(file, JSON.stringify(await stop()));
    session.disconnect();
  }
}

/** READINESS_BENCH_MEMORY=1: the process's memory split (heap, external, RSS) after each sweep. */
function logMemory(when: string) {
  if (!process.env.READINESS_BENCH_MEMORY) return;
  const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
  const m = process.memoryUsage();
  // With READINESS_BENCH_NODE_OPTIONS=--expose-gc, also what stays live after a full collection.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const live = gc ? `, live after GC ${mb(process.memoryUsage().heapUsed)}` : '';
  process.stderr.write(
    `[bench server] ${when}: peak rss ${mb(process.resourceUsage().maxRSS * 1024)}, rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}${live}, ` +
      `external ${mb(m.external)} (array buffers ${mb(m.arrayBuffers)})\n`,
  );
}

/** READINESS_BENCH_HEAP_SNAPSHOT=<file>: a heap snapshot after the warm sweep (what stays live). */
function heapSnapshot() {
  const file = process.env.READINESS_BENCH_HEAP_SNAPSHOT;
  if (file && sweeps === 2) writeHeapSnapshot(file);
}

async function handle(msg: Message): Promise<unknown> {
  switch (msg.cmd) {
    case 'start': {
      // The catalog as the sweep sees it in production: pages of Components, streamed. Backstage's
      // in-memory catalog mock would rebuild every entity's search index on every page request,
      // work the catalog backend does once, in its own process, not in the readiness backend.
      const entities = msg.options.entities ?? [];
      backend = await startReadiness({
        ...msg.options,
        catalog: {
          async *streamEntities() {
            for (let i = 0; i < entities.length; i += 500) yield entities.slice(i, i + 500);
          },
        },
      });
      logMemory('started');
      return { baseUrl: backend.baseUrl };
    }
    case 'sweep': {
      if (!backend) throw new Error('not started');
      const logged = backend.logger.lines.length;
      sweeps += 1;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await profiled(() => backend!.runSweep());
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const lines = backend.logger.lines.slice(logged);
      logMemory(`after sweep ${sweeps}`);
      heapSnapshot();
      const line = lines.find(l => /readiness sweep: \d+ services/.test(l));
      if (!line) throw new Error(`the sweep did not succeed:\n${lines.join('\n')}`);
      return {
        wall,
        cpu: (cpu.user + cpu.system) / 1000,
        calls: Number(/(\d+) Kubernetes API calls/.exec(line)![1]),
        services: Number(/(\d+) services/.exec(line)![1]),
      };
    }
    case 'usage':
      // getrusage's high-water mark: the true peak of this process, load generator excluded.
      return { maxRssKb: process.resourceUsage().maxRSS };
    case 'stop':
      await backend?.stop();
      backend = undefined;
      // Exit normally (not by signal) so --cpu-prof writes its profile.
      setTimeout(() => process.exit(0), 50);
      return {};
    default:
      throw new Error(`unknown command ${(msg as { cmd: string }).cmd}`);
  }
}

process.on('message', (msg: Message) => {
  handle(msg).then(
    result => process.send!({ id: msg.id, result }),
    e => process.send!({ id: msg.id, error: String((e as Error).stack ?? e) }),
  );
});
process.send!({ ready: true });

export {};
