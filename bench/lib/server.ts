import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { StartReadinessOptions } from '../../test/src/faults/startReadiness';

export interface SweepFigures {
  wall: number;
  cpu: number;
  calls: number;
  services: number;
}

/**
 * The readiness backend in a child process (bench/server.ts, run from its build). Extra node flags for the server
 * (e.g. --cpu-prof) come from READINESS_BENCH_NODE_OPTIONS.
 */
export class BenchServer {
  private next = 0;
  private readonly pending = new Map<number, { done: (v: any) => void; fail: (e: Error) => void }>();

  /** http://127.0.0.1:<port>/api/readiness of the server. */
  baseUrl = '';

  private constructor(private readonly child: ChildProcess) {}

  static async start(options: StartReadinessOptions): Promise<BenchServer> {
    const extra = (process.env.READINESS_BENCH_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
    // bench/run.sh builds it first (bench/lib/buildServer.mjs): the readiness packages' dist and
    // the harness as plain JavaScript, with no TypeScript compiler in the measured process.
    const child = fork(resolve(__dirname, '../.build/bench/server.js'), [], {
      execArgv: ['--max-old-space-size=4096', '--require', resolve(__dirname, 'useDist.cjs'), ...extra],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((done, fail) => {
      child.once('message', () => done());
      child.once('exit', code => fail(new Error(`bench server exited with ${code} before it was ready`)));
    });
    const server = new BenchServer(child);
    child.on('message', (msg: any) => {
      const waiter = server.pending.get(msg.id);
      if (!waiter) return;
      server.pending.delete(msg.id);
      if (msg.error) waiter.fail(new Error(msg.error));
      else waiter.done(msg.result);
    });
    server.baseUrl = (await server.call<{ baseUrl: string }>('start', { options })).baseUrl;
    return server;
  }

  private call<T>(cmd: string, extra: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((done, fail) => {
      this.pending.set(id, { done, fail });
      this.child.send({ id, cmd, ...extra });
    });
  }

  sweep(): Promise<SweepFigures> {
    return this.call('sweep');
  }

  async peakRssKb(): Promise<number> {
    return (await this.call<{ maxRssKb: number }>('usage')).maxRssKb;
  }

  async stop(): Promise<void> {
    const exited = new Promise(done => this.child.once('exit', done));
    await this.call('stop');
    await exited;
  }
}
