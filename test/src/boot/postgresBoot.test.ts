import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ROOT } from '../demo/demoFixtures';

jest.setTimeout(420_000);

const pgUrl = process.env.READINESS_TEST_POSTGRES_URL;

const freePort = () =>
  new Promise<number>(resolve => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s\n${log()}`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

/**
 * The real backend (packages/backend, every plugin the product runs) booted with the production
 * database client against a real PostgreSQL 15: the plugins create their databases, the readiness
 * migrations run, the demo is swept and served. Started exactly like `yarn workspace backend start`.
 */
(pgUrl || process.env.CI ? describe : describe.skip)('the backend on PostgreSQL', () => {
  let child: ChildProcess | undefined;
  let output = '';
  const prefix = `boot${process.pid}_`;

  afterAll(async () => {
    if (child?.pid) process.kill(-child.pid, 'SIGTERM');
    if (!pgUrl) return;
    const client = new Client({ connectionString: pgUrl });
    await client.connect();
    const dbs = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    for (const row of dbs.rows) {
      await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
    await client.end();
  });

  it('boots, migrates and serves the demo readiness from PostgreSQL', async () => {
    if (!pgUrl) {
      throw new Error('READINESS_TEST_POSTGRES_URL is unset: run through scripts/test.sh, which starts PostgreSQL');
    }
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-pg-boot-'));
    const config = path.join(dir, 'app-config.pg.yaml');
    fs.writeFileSync(
      config,
      [
        'backend:',
        `  baseUrl: http://127.0.0.1:${port}`,
        `  listen: { port: ${port}, host: 127.0.0.1 }`,
        '  database:',
        '    client: pg',
        `    connection: '${pgUrl}'`,
        `    prefix: ${prefix}`,
        'readiness:',
        '  schedule:',
        '    initialDelay: { seconds: 1 }',
      ].join('\n'),
    );
    child = spawn(
      'yarn',
      ['workspace', 'backend', 'start', '--config', '../../app-config.yaml', '--config', config],
      // jest runs with NODE_ENV=test; the guest sign-in (used to read the API) exists only in development.
      { cwd: ROOT, detached: true, env: { ...process.env, NODE_ENV: 'development', FORCE_COLOR: '0' } },
    );
    child.stdout!.on('data', d => (output += d));
    child.stderr!.on('data', d => (output += d));
    const tail = () => output.split('\n').slice(-40).join('\n');
    const base = `http://127.0.0.1:${port}`;

    await waitFor('backend health', async () => ((await fetch(`${base}/api/readiness/health`)).ok ? true : undefined), 300_000, tail);

    const token = await waitFor(
      'a guest token',
      async () => {
        const res = await fetch(`${base}/api/auth/guest/refresh`, { headers: { 'x-requested-with': 'XMLHttpRequest' } });
        return res.ok ? ((await res.json()) as any).backstageIdentity.token as string : undefined;
      },
      60_000,
      tail,
    );
    const summary: any = await waitFor(
      'the nine demo services measured',
      async () => {
        const res = await fetch(`${base}/api/readiness/summary?limit=50`, { headers: { authorization: `Bearer ${token}` } });
        const body: any = await res.json();
        return body.totalCount === 9 ? body : undefined;
      },
      120_000,
      tail,
    );
    expect(summary.items.map((i: any) => i.entityRef)).toContain('component:default/doris');

    // The results live in PostgreSQL, in the readiness plugin's own database.
    const client = new Client({ connectionString: pgUrl });
    await client.connect();
    const dbs = await client.query('SELECT datname FROM pg_database WHERE datname = $1', [`${prefix}readiness`]);
    expect(dbs.rowCount).toBe(1);
    await client.end();
    const db = new Client({ connectionString: pgUrl.replace(/\/?$/, `/${prefix}readiness`) });
    await db.connect();
    const tables = await db.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    const names = tables.rows.map(r => r.table_name);
    expect(names.length).toBeGreaterThan(2);
    const counts = await Promise.all(
      names
        .filter(n => !n.startsWith('knex_'))
        .map(async n => Number((await db.query(`SELECT count(*) AS c FROM "${n}"`)).rows[0].c)),
    );
    expect(counts.some(c => c >= 9)).toBe(true);
    await db.end();
  });
});
