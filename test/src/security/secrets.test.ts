import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { describeWithKube, KubeRest } from '../kube/KubeRest';
import { VaultStandIn } from '@internal/vault-stand-in';
import { byCheck, getJson, loadServices, namespaceOf, serviceEntity, serviceName } from '../faults/fixture';
import { describeWithPostgres } from '../faults/postgres';
import { clusterConfig, startReadiness, userAuthorization } from '../faults/startReadiness';

jest.setTimeout(180_000);

// Services 9130..9131 (namespace team-0913), used by no other suite.
const indexes = [9130, 9131];
const [leaky, clean] = indexes.map(serviceName);
const ns = namespaceOf(indexes[0]);

// Distinct, greppable values: any of them found anywhere outside the sources is a leak.
const tag = randomBytes(6).toString('hex');
const SECRETS = {
  configMapPassword: `cm-password-${tag}`,
  configMapToken: `cm-token-${tag}`,
  pemBody: `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${tag}`,
  envLiteral: `env-aws-secret-${tag}`,
  vaultValue: `vault-kv-value-${tag}`,
  probePassword: `probe-redis-pw-${tag}`,
  hookPassword: `hook-mysql-pw-${tag}`,
  headerToken: `hdrtoken${tag}0123456789`,
  commandToken: `cmd-token-${tag}`,
};

async function dumpDatabase(url: string, database: string): Promise<string> {
  const db: Knex = knexFactory({ client: 'pg', connection: `${url}/${database}` });
  try {
    const tables = await db('information_schema.tables').where({ table_schema: 'public' }).pluck('table_name');
    expect(tables).toEqual(expect.arrayContaining(['readiness_latest', 'readiness_history', 'readiness_sweeps']));
    const dump: Record<string, unknown[]> = {};
    for (const table of tables) dump[table] = await db(table).select();
    return JSON.stringify(dump);
  } finally {
    await db.destroy();
  }
}

describeWithKube('secrets never leave their sources (real kube-apiserver, PostgreSQL, Vault stand-in)', env => {
  // Needs the shared PostgreSQL too: skipped with the reason outside scripts/test.sh, a failure in CI.
  describeWithPostgres('on the shared PostgreSQL', postgresUrl => {
    const postgres = postgresUrl();
    const vault = new VaultStandIn({
      token: 'hvs.security-test',
      sealed: false,
      roles: {},
      policies: {},
      secrets: { [`${leaky}/db`]: { password: SECRETS.vaultValue } },
    });
    beforeAll(() => vault.start());
    afterAll(() => vault.stop());

    it('keeps every seeded secret out of the database, the logs and every API response', async () => {
      expect(postgres).toBeTruthy();
      const rest: KubeRest = await loadServices(env(), indexes[0], indexes[1] + 1);
      const labels = { 'backstage.io/kubernetes-id': leaky };
      await rest.put({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `${leaky}-settings`, namespace: ns, labels },
        data: {
          DB_PASSWORD: SECRETS.configMapPassword,
          API_TOKEN: SECRETS.configMapToken,
          'signing.key': `-----BEGIN PRIVATE KEY-----\n${SECRETS.pemBody}\n-----END PRIVATE KEY-----\n`,
        },
      });
      await rest.put({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `${leaky}-worker`, namespace: ns, labels },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: `${leaky}-worker` } },
          template: {
            metadata: { labels: { ...labels, app: `${leaky}-worker` } },
            spec: {
              containers: [
                {
                  name: 'worker',
                  image: `harbor.254carbon.com/platform/${leaky}-worker:1.0.0`,
                  env: [{ name: 'AWS_SECRET_ACCESS_KEY', value: SECRETS.envLiteral }],
                  args: ['--token', SECRETS.commandToken],
                  livenessProbe: { exec: { command: ['redis-cli', '-a', SECRETS.probePassword, 'ping'] } },
                  readinessProbe: {
                    httpGet: {
                      path: '/ready',
                      port: 8080,
                      httpHeaders: [{ name: 'Authorization', value: `Bearer ${SECRETS.headerToken}` }],
                    },
                  },
                  lifecycle: {
                    preStop: { exec: { command: ['sh', '-c', `mysql -uroot -p${SECRETS.hookPassword} -e 'flush tables'`] } },
                  },
                },
              ],
            },
          },
        },
      });

      const databasePrefix = `rs_${tag}_`;
      const backend = await startReadiness({
        entities: indexes.map(i => serviceEntity(i, 'main', { 'vault.io/secrets-path': serviceName(i) })),
        clusters: [clusterConfig('main', env())],
        readiness: { sources: { vault: { baseUrl: vault.url, token: 'hvs.security-test' } } },
        postgres,
        databasePrefix,
      });
      const responses: string[] = [];
      try {
        await backend.runSweep();
        const auth = userAuthorization();
        for (const path of [
          '/summary',
          '/summary?q=svc',
          '/platform',
          '/checks',
          `/entities/default/component/${leaky}`,
          `/entities/default/component/${leaky}/history`,
          `/entities/default/component/${clean}`,
        ]) {
          const res = await getJson(`${backend.baseUrl}${path}`, auth);
          expect([path, res.status]).toEqual([path, 200]);
          responses.push(JSON.stringify(res.body));
        }
        const refresh = await fetch(`${backend.baseUrl}/entities/default/component/${leaky}/refresh`, {
          method: 'POST',
          headers: { authorization: auth },
        });
        expect(refresh.status).toBe(200);
        responses.push(await refresh.text());

        // The secrets were really seen: the plaintext check fails on them, naming keys only.
        const entity = JSON.parse(responses[4]);
        const plaintext = byCheck(entity)['SEC-NO-PLAINTEXT'];
        expect(plaintext.status).toBe('fail');
        expect(plaintext.evidence.join(' ')).toContain('DB_PASSWORD');
        expect(plaintext.evidence.join(' ')).toContain('AWS_SECRET_ACCESS_KEY');
        // Probe, hook and header credentials are findings too, named by where they are.
        for (const where of ['args[1]', 'livenessProbe.exec.command[2]', 'readinessProbe.httpGet.httpHeaders[0]', 'lifecycle.preStop.exec.command[2]']) {
          expect(plaintext.evidence.join(' ')).toContain(where);
        }
        expect(vault.requestLines.some(r => r.includes(`/secret/metadata/${leaky}`))).toBe(true);
      } finally {
        await backend.stop();
      }

      const dump = await dumpDatabase(postgres!, `${databasePrefix}readiness`);
      expect(dump).toContain(leaky); // the dump is real: it holds the results
      const logs = backend.logger.lines.join('\n');
      expect(logs).toContain('readiness sweep:');
      for (const [name, value] of Object.entries(SECRETS)) {
        expect([name, dump.includes(value)]).toEqual([name, false]);
        expect([name, logs.includes(value)]).toEqual([name, false]);
        for (const body of responses) expect([name, body.includes(value)]).toEqual([name, false]);
      }
      // KV values are never even requested.
      expect(vault.requestLines.filter(r => r.includes('/secret/data/'))).toEqual([]);
    });
  });
});

describe('authentication and authorization', () => {
  it('answers 401 without credentials on every route but /health', async () => {
    const backend = await startReadiness({ entities: [] });
    try {
      expect((await getJson(`${backend.baseUrl}/health`)).status).toBe(200);
      for (const path of ['/summary', '/platform', '/checks', '/entities/default/component/a', '/entities/default/component/a/history']) {
        expect([path, (await getJson(`${backend.baseUrl}${path}`)).status]).toEqual([path, 401]);
      }
      const refresh = await fetch(`${backend.baseUrl}/entities/default/component/a/refresh`, { method: 'POST' });
      expect(refresh.status).toBe(401);
    } finally {
      await backend.stop();
    }
  });

  it('answers 403 naming the permission when the policy denies', async () => {
    const backend = await startReadiness({ entities: [], permission: AuthorizeResult.DENY });
    try {
      for (const path of ['/summary', '/entities/default/component/a', '/entities/default/component/a/history']) {
        const res = await getJson(`${backend.baseUrl}${path}`, userAuthorization());
        expect([path, res.status]).toEqual([path, 403]);
        expect(res.body.error.message).toContain('readiness.read');
      }
      const platform = await getJson(`${backend.baseUrl}/platform`, userAuthorization());
      expect([platform.status, platform.body.error.message]).toEqual([403, 'Not allowed: readiness.platform.read is required']);
      // The check catalog is documentation, readable by any signed-in caller.
      expect((await getJson(`${backend.baseUrl}/checks`, userAuthorization())).status).toBe(200);
      const refresh = await fetch(`${backend.baseUrl}/entities/default/component/a/refresh`, {
        method: 'POST',
        headers: { authorization: userAuthorization() },
      });
      expect(refresh.status).toBe(403);
      expect(await refresh.text()).toContain('readiness.refresh');
    } finally {
      await backend.stop();
    }
  });
});
