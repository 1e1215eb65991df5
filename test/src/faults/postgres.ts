import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

/** The PostgreSQL server scripts/test.sh started for the run, if any. */
export function sharedPostgresUrl(): string | undefined {
  return process.env.READINESS_TEST_POSTGRES_URL ?? process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
}

/**
 * Real-PostgreSQL suites run whenever PostgreSQL is available; in CI a missing server is a
 * failure, never a silent skip (the same rule as describeWithKube).
 */
export function describeWithPostgres(name: string, fn: (url: () => string) => void, options: { private?: boolean } = {}) {
  const available = options.private ? canStartPrivatePostgres() : Boolean(sharedPostgresUrl());
  if (!available) {
    const why = options.private
      ? `PostgreSQL 15 binaries (${BIN}) and root (to run them as the postgres user) are needed to start a private server`
      : 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is unset: run through scripts/test.sh, which starts PostgreSQL';
    if (process.env.CI) {
      describe(name, () => {
        it('needs a real PostgreSQL', () => {
          throw new Error(why);
        });
      });
    } else {
      // eslint-disable-next-line no-console
      console.warn(`skipping "${name}": ${why}`);
      describe.skip(name, () => fn(() => ''));
    }
    return;
  }
  describe(name, () => fn(() => sharedPostgresUrl() ?? ''));
}

function canStartPrivatePostgres() {
  return existsSync(join(BIN, 'initdb')) && process.getuid?.() === 0;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>(done => s.listen(0, '127.0.0.1', done));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise(done => s.close(done));
  return port;
}

export interface PrivatePostgres {
  url: string;
  /** `pg_ctl restart -m fast`: every open connection is terminated, as in a failover or upgrade. */
  restart(): void;
  /** Stops the server, keeping its data, until start(). */
  pause(): void;
  start(): void;
  stop(): void;
}

/** A PostgreSQL 15 of the test's own, for faults that would break a shared server. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-pg-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const asPostgres = (cmd: string) => execFileSync('su', ['postgres', '-c', cmd], { stdio: ['ignore', 'pipe', 'pipe'] });
  asPostgres(`${BIN}/initdb -D ${dir}/data -A trust -U postgres`);
  const ctl = (action: string) =>
    asPostgres(`${BIN}/pg_ctl -D ${dir}/data -l ${dir}/log -w -m fast -o '-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}' ${action}`);
  ctl('start');
  return {
    url: `postgresql://postgres@127.0.0.1:${port}`,
    restart: () => ctl('restart'),
    pause: () => ctl('stop'),
    start: () => ctl('start'),
    stop: () => {
      try {
        ctl('stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
