import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VaultStandIn } from '@internal/vault-stand-in';
import { getJson, serviceEntity, serviceName, statuses } from './fixture';
import { describeWithPostgres, PrivatePostgres, startPrivatePostgres } from './postgres';
import { startReadiness, userAuthorization } from './startReadiness';

jest.setTimeout(180_000);

// The benchmark's generator lives in bench/, a repository tool outside the workspaces.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const generator = require('../../../bench/generate.mjs');

describeWithPostgres(
  'PostgreSQL restarted or down during a sweep',
  () => {
    let pg: PrivatePostgres;
    const dir = mkdtempSync(join(tmpdir(), 'readiness-pg-restart-'));
    // A slow Vault keeps the sweep busy between its start and its writes, where the restart lands.
    const vault = new VaultStandIn({ token: 't', sealed: false, roles: {}, policies: {}, secrets: {} });

    beforeAll(async () => {
      pg = await startPrivatePostgres();
      await vault.start();
      generator.writePlatform(dir, generator.generatePlatform({ services: 5, clusters: 1 }));
    });
    afterAll(async () => {
      pg?.stop();
      await vault.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const names = [0, 1, 2, 3, 4].map(serviceName);
    const startBackend = () =>
      startReadiness({
        entities: [0, 1, 2, 3, 4].map(i => serviceEntity(i, undefined, { 'vault.io/secrets-path': serviceName(i) })),
        postgres: pg.url,
        readiness: {
          sources: {
            manifests: { directory: join(dir, 'manifests') },
            vault: { baseUrl: vault.url, token: 't', timeoutMs: 10_000 },
          },
        },
      });

    it('restarted while the sweep reads its sources: the pool reconnects and the sweep stores its results', async () => {
      const backend = await startBackend();
      const get = (path: string) => getJson(`${backend.baseUrl}${path}`, userAuthorization());
      try {
        await backend.runSweep();
        const first = await get(`/entities/default/component/${names[0]}`);
        expect([first.status, first.body.stale]).toEqual([200, false]);

        vault.state.delayMs = 2500;
        const sweep = backend.runSweep();
        await new Promise(r => setTimeout(r, 800));
        pg.restart(); // every open connection is terminated; the server is back before the writes
        await sweep;
        vault.state.delayMs = 0;

        const after = await get(`/entities/default/component/${names[0]}`);
        expect(after.status).toBe(200);
        expect(after.body.stale).toBe(false);
        expect(new Date(after.body.measuredAt).getTime()).toBeGreaterThan(new Date(first.body.measuredAt).getTime());
        expect(statuses(after.body)).toEqual(statuses(first.body));
        expect(backend.logger.lines.join('\n')).not.toMatch(/readiness sweep failed/);
        for (const path of ['/summary', '/platform', '/checks']) {
          expect((await get(path)).status).toBe(200);
        }
      } finally {
        await backend.stop();
      }
    });

    it('down when the sweep writes: the sweep fails, the previous results survive and the next sweep recovers', async () => {
      const backend = await startBackend();
      const get = (path: string) => getJson(`${backend.baseUrl}${path}`, userAuthorization());
      try {
        await backend.runSweep();
        const first = await get(`/entities/default/component/${names[0]}`);
        expect(first.status).toBe(200);

        vault.state.delayMs = 2500;
        const sweep = backend.runSweep();
        await new Promise(r => setTimeout(r, 800));
        pg.pause();
        await sweep;
        vault.state.delayMs = 0;
        // While the database is down the API fails loudly rather than inventing results.
        expect((await get(`/entities/default/component/${names[0]}`)).status).toBe(500);
        expect(backend.logger.lines.join('\n')).toMatch(/readiness sweep failed after \d+ ms: /);
        pg.start();

        const kept = await get(`/entities/default/component/${names[0]}`);
        expect(kept.status).toBe(200);
        expect(kept.body.measuredAt).toBe(first.body.measuredAt);
        expect(statuses(kept.body)).toEqual(statuses(first.body));

        await backend.runSweep();
        const after = await get(`/entities/default/component/${names[0]}`);
        expect([after.status, after.body.stale]).toEqual([200, false]);
        expect(new Date(after.body.measuredAt).getTime()).toBeGreaterThan(new Date(first.body.measuredAt).getTime());
      } finally {
        await backend.stop();
      }
    });
  },
  { private: true },
);
