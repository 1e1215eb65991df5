import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VaultStandIn } from '../vault/VaultStandIn';
import { getJson, serviceEntity, serviceName, statuses } from './fixture';
import { describeWithPostgres, PrivatePostgres, startPrivatePostgres } from './postgres';
import { startReadiness, userAuthorization } from './startReadiness';

jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../../bench/generate.mjs');

describeWithPostgres(
  'PostgreSQL restarted during a sweep',
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

    it('keeps the previous results (stale, with the reason), keeps serving, and recovers on the next sweep', async () => {
      const names = [0, 1, 2, 3, 4].map(serviceName);
      const backend = await startReadiness({
        entities: [0, 1, 2, 3, 4].map(i => serviceEntity(i, undefined, { 'vault.io/secrets-path': serviceName(i) })),
        postgres: pg.url,
        readiness: {
          sources: {
            manifests: { directory: join(dir, 'manifests') },
            vault: { baseUrl: vault.url, token: 't', timeoutMs: 10_000 },
          },
        },
      });
      const get = (path: string) => getJson(`${backend.baseUrl}${path}`, userAuthorization());
      try {
        await backend.runSweep();
        const first = await get(`/entities/default/component/${names[0]}`);
        expect(first.status).toBe(200);
        expect(first.body.stale).toBe(false);

        vault.state.delayMs = 2500;
        const sweep = backend.runSweep();
        await new Promise(r => setTimeout(r, 800));
        pg.restart();
        await sweep;
        vault.state.delayMs = 0;

        // Whatever the sweep managed, the backend still answers from the database.
        const during = await get(`/entities/default/component/${names[0]}`);
        expect(during.status).toBe(200);
        expect(statuses(during.body)).toEqual(statuses(first.body));
        const lines = backend.logger.lines.join('\n');
        if (during.body.stale) {
          expect(during.body.staleReason).toMatch(/the sweep started .* failed: /);
          expect(lines).toMatch(/readiness sweep failed after \d+ ms/);
        } else {
          // The pool reconnected before the writes: the sweep went through and nothing was lost.
          expect(new Date(during.body.measuredAt).getTime()).toBeGreaterThan(new Date(first.body.measuredAt).getTime());
        }
        for (const path of ['/summary', '/platform', '/checks']) {
          expect((await get(path)).status).toBe(200);
        }

        await backend.runSweep();
        const after = await get(`/entities/default/component/${names[0]}`);
        expect(after.status).toBe(200);
        expect(after.body.stale).toBe(false);
        expect(statuses(after.body)).toEqual(statuses(first.body));
      } finally {
        await backend.stop();
      }
    });
  },
  { private: true },
);
