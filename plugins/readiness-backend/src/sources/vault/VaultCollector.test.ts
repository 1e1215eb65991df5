import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as http from 'http';
import * as https from 'https';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { VaultStandIn } from '@internal/vault-stand-in';
import { createTestPki, TestPki } from '../../__testUtils__/pki';
import { VaultCollector } from './VaultCollector';
import { VaultHttpClient } from './VaultHttpClient';
import { VaultSnapshotFile } from './VaultSnapshotFile';

jest.setTimeout(60_000);

const TOKEN = 's.readiness-test-token-do-not-log';

/** The Vault this suite reads: two roles (one pre-1.2 style), a policy, KV metadata for doris. */
function standIn(): VaultStandIn {
  return new VaultStandIn({
    token: TOKEN,
    roles: {
      doris: {
        bound_service_account_names: ['doris'],
        bound_service_account_namespaces: ['data'],
        audience: 'vault',
        token_ttl: 3600,
        token_max_ttl: 7200,
        token_policies: ['doris-read'],
      },
      // Pre-1.2 servers answer with `policies` and `ttl`.
      legacy: {
        bound_service_account_names: ['*'],
        bound_service_account_namespaces: ['*'],
        ttl: 86400,
        policies: ['admin'],
      },
    },
    policies: {
      default:
        'path "auth/token/lookup-self" {\n  capabilities = ["read"]\n}\n',
      'doris-read':
        'path "secret/data/doris/*" {\n  capabilities = ["read", "list"]\n}\npath "secret/metadata/doris/*" {\n  capabilities = ["list"]\n}\n',
    },
    secrets: {
      'doris/db-password': { password: 'not-a-real-secret' },
      'doris/tls/cert': { pem: 'not-a-real-key' },
    },
    logins: { readiness: { jwt: 'sa-jwt', clientToken: 'hvs.from-login' } },
  });
}

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const options = { authMount: 'kubernetes', kvMount: 'secret', concurrency: 4 };

describe('VaultCollector', () => {
  let vault: VaultStandIn;
  let baseUrl: string;

  beforeEach(async () => {
    vault = await standIn().start();
    baseUrl = vault.baseUrl;
  });
  afterEach(() => vault.stop());

  const collector = () =>
    new VaultCollector(
      new VaultHttpClient({ baseUrl, timeoutMs: 15000, token: TOKEN }),
      options,
    );

  it('counts the requests it sends to Vault, for the per-sweep metric', async () => {
    const vaultCollector = collector();
    expect(vaultCollector.requests).toBe(0);
    await vaultCollector.collect(['doris']);
    const first = vault.requests.length;
    expect(first).toBeGreaterThan(0);
    expect(vaultCollector.requests).toBe(first);
    await vaultCollector.collect(['doris', 'ghost/app']);
    expect(vaultCollector.requests).toBe(vault.requests.length);
    expect(vault.requests.length).toBeGreaterThan(first);
  });

  it('reads health, roles, policies and KV metadata with the exact Vault paths', async () => {
    const snapshot = await collector().collect(['doris', 'doris', 'ghost/app']);

    expect(snapshot.health).toEqual({
      state: 'ok',
      value: {
        code: 200,
        initialized: true,
        sealed: false,
        standby: false,
        version: '1.15.6',
      },
    });
    expect(snapshot.roles).toEqual({
      state: 'ok',
      value: {
        doris: {
          bound_service_account_names: ['doris'],
          bound_service_account_namespaces: ['data'],
          audience: 'vault',
          token_ttl: 3600,
          token_max_ttl: 7200,
          token_policies: ['doris-read'],
        },
        legacy: {
          bound_service_account_names: ['*'],
          bound_service_account_namespaces: ['*'],
          audience: undefined,
          token_ttl: 86400,
          token_max_ttl: undefined,
          token_policies: ['admin'],
        },
      },
    });
    expect(snapshot.policies).toEqual({
      state: 'ok',
      value: {
        default: [{ path: 'auth/token/lookup-self', capabilities: ['read'] }],
        'doris-read': [
          { path: 'secret/data/doris/*', capabilities: ['read', 'list'] },
          { path: 'secret/metadata/doris/*', capabilities: ['list'] },
        ],
      },
    });
    expect(snapshot.kv).toEqual({
      state: 'ok',
      value: { doris: ['db-password', 'tls/'], 'ghost/app': [] },
    });

    const urls = [...vault.requestLines].sort();
    expect(urls).toEqual(
      [
        'GET /v1/sys/health?standbyok=false&perfstandbyok=false&activecode=200&standbycode=429&drsecondarycode=472&performancestandbycode=473&sealedcode=503&uninitcode=501',
        'GET /v1/auth/kubernetes/role?list=true',
        'GET /v1/auth/kubernetes/role/doris',
        'GET /v1/auth/kubernetes/role/legacy',
        'GET /v1/sys/policies/acl?list=true',
        'GET /v1/sys/policies/acl/default',
        'GET /v1/sys/policies/acl/doris-read',
        'GET /v1/secret/metadata/doris?list=true',
        'GET /v1/secret/metadata/ghost/app?list=true',
      ].sort(),
    );
    // Never a secret value: KV is only listed through metadata, and root has no HCL to read.
    expect(vault.requests.some(r => r.url.includes('/data/'))).toBe(false);
    // The token goes in the header on every authenticated call, and nowhere for sys/health.
    for (const r of vault.requests) {
      expect(r.token).toBe(
        r.url.startsWith('/v1/sys/health') ? undefined : TOKEN,
      );
    }
  });

  it.each([429, 472, 473, 501, 503])(
    'keeps sys/health status %s as a reading, not an error',
    async code => {
      vault.fail('GET', '/v1/sys/health', code, [], { always: true });
      const snapshot = await collector().collect([]);
      expect(snapshot.health.state).toBe('ok');
      expect(snapshot.health.state === 'ok' && snapshot.health.value.code).toBe(
        code,
      );
    },
  );

  it('treats an unexpected health status (a proxy error) as unreadable', async () => {
    vault.fail('GET', '/v1/sys/health', 502, ['Bad Gateway'], { always: true });
    const snapshot = await collector().collect([]);
    expect(snapshot.health).toEqual({
      state: 'error',
      message: expect.stringMatching(/^Vault GET sys\/health: 502/),
    });
  });

  it("turns one forbidden endpoint into that part's error with Vault's message, keeping the rest", async () => {
    vault.fail('GET', '/v1/sys/policies/acl', 403, [
      '1 error occurred:\n\t* permission denied\n\n',
    ]);
    const snapshot = await collector().collect(['doris']);
    expect(snapshot.policies.state).toBe('error');
    const message = (snapshot.policies as { message: string }).message;
    expect(message).toContain('Vault GET sys/policies/acl: 403');
    expect(message).toContain('permission denied');
    expect(message).not.toContain(TOKEN);
    expect(snapshot.roles.state).toBe('ok');
    expect(snapshot.kv.state).toBe('ok');
    expect(snapshot.health.state).toBe('ok');
  });

  it('records one forbidden role, one unparsable policy and one forbidden KV path by name, keeping every other entry', async () => {
    const denied = ['1 error occurred:\n\t* permission denied\n\n'];
    vault.fail('GET', '/v1/auth/kubernetes/role/legacy', 403, denied);
    vault.fail('GET', '/v1/secret/metadata/ghost/app', 403, denied);
    vault.policies.set(
      'doris-read',
      'path "secret/data/doris/*" {\n  capabilities = ["read"]\n',
    );
    const snapshot = await collector().collect(['doris', 'ghost/app']);
    expect(
      snapshot.roles.state === 'ok' && Object.keys(snapshot.roles.value),
    ).toEqual(['doris']);
    expect(snapshot.roleErrors).toEqual({
      legacy: expect.stringContaining('403'),
    });
    expect(
      snapshot.policies.state === 'ok' && Object.keys(snapshot.policies.value),
    ).toEqual(['default']);
    expect(snapshot.policyErrors).toEqual({
      'doris-read': expect.stringMatching(
        /^policy doris-read cannot be parsed: /,
      ),
    });
    expect(snapshot.kv).toEqual({
      state: 'ok',
      value: { doris: ['db-password', 'tls/'] },
    });
    expect(snapshot.kvErrors).toEqual({
      'ghost/app': expect.stringContaining('403'),
    });
  });

  it('reports a wrong token as 403 on every authenticated part', async () => {
    const bad = new VaultCollector(
      new VaultHttpClient({ baseUrl, timeoutMs: 15000, token: 'wrong' }),
      options,
    );
    const snapshot = await bad.collect(['doris']);
    expect(snapshot.health.state).toBe('ok');
    for (const part of [snapshot.roles, snapshot.policies, snapshot.kv]) {
      expect(part).toEqual({
        state: 'error',
        message: expect.stringContaining('403 permission denied'),
      });
    }
  });

  it('logs in with Kubernetes auth once and uses the client token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-jwt-'));
    const jwtPath = join(dir, 'token');
    writeFileSync(jwtPath, 'sa-jwt\n');
    try {
      const snapshot = await new VaultCollector(
        new VaultHttpClient({
          baseUrl,
          timeoutMs: 15000,
          kubernetesAuth: { role: 'readiness', mount: 'kubernetes', jwtPath },
        }),
        options,
      ).collect(['doris']);
      expect(snapshot.roles.state).toBe('ok');
      const logins = vault.requests.filter(
        r => r.url === '/v1/auth/kubernetes/login',
      );
      expect(logins).toEqual([
        {
          method: 'POST',
          path: '/v1/auth/kubernetes/login',
          url: '/v1/auth/kubernetes/login',
          token: undefined,
          body: { role: 'readiness', jwt: 'sa-jwt' },
        },
      ]);
      const authenticated = vault.requests.filter(
        r => !r.url.startsWith('/v1/sys/health') && r.method === 'GET',
      );
      expect(authenticated.length).toBeGreaterThan(3);
      expect(authenticated.every(r => r.token === 'hvs.from-login')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes every part an error naming the address when Vault is unreachable', async () => {
    const closed = http.createServer();
    const port = await listen(closed);
    await new Promise(resolve => closed.close(resolve));
    const snapshot = await new VaultCollector(
      new VaultHttpClient({
        baseUrl: `http://127.0.0.1:${port}`,
        timeoutMs: 15000,
        token: TOKEN,
      }),
      options,
    ).collect(['doris']);
    expect(snapshot.health).toEqual({
      state: 'error',
      message: expect.stringMatching(/unreachable: ECONNREFUSED/),
    });
    expect(snapshot.roles.state).toBe('error');
    expect(snapshot.policies.state).toBe('error');
    expect(snapshot.kv.state).toBe('error');
  });
});

describe('VaultHttpClient over TLS', () => {
  let pki: TestPki;
  let vault: VaultStandIn;
  let baseUrl: string;

  beforeAll(async () => {
    pki = createTestPki();
    const leaf = pki.issue('vault', { dns: ['localhost'], ips: ['127.0.0.1'] });
    vault = await standIn().start({ tls: { cert: leaf.cert, key: leaf.key } });
    baseUrl = vault.baseUrl;
  });
  afterAll(async () => {
    await vault.stop();
    pki.cleanup();
  });

  it('trusts a private CA from caFile', async () => {
    const snapshot = await new VaultCollector(
      new VaultHttpClient({
        baseUrl,
        timeoutMs: 15000,
        token: TOKEN,
        caFile: pki.caFile,
      }),
      options,
    ).collect([]);
    expect(snapshot.health).toEqual({
      state: 'ok',
      value: expect.objectContaining({ code: 200 }),
    });
    expect(snapshot.roles.state).toBe('ok');
  });

  it('fails verification without the CA, saying why', async () => {
    const snapshot = await new VaultCollector(
      new VaultHttpClient({ baseUrl, timeoutMs: 15000, token: TOKEN }),
      options,
    ).collect([]);
    expect(snapshot.health).toEqual({
      state: 'error',
      message: expect.stringMatching(
        /UNABLE_TO_VERIFY_LEAF_SIGNATURE|self-signed|unable to verify/i,
      ),
    });
  });
});

describe('VaultSnapshotFile', () => {
  it('reads a VaultSnapshot file and marks a missing part as an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-snap-'));
    const file = join(dir, 'vault.json');
    writeFileSync(
      file,
      JSON.stringify({
        address: 'https://vault:8200',
        health: { state: 'ok', value: { code: 503, sealed: true } },
        roles: { state: 'ok', value: {} },
        policies: { state: 'error', message: 'permission denied' },
      }),
    );
    try {
      const snapshot = await new VaultSnapshotFile(file).collect();
      expect(snapshot.address).toBe('https://vault:8200');
      expect(snapshot.health).toEqual({
        state: 'ok',
        value: { code: 503, sealed: true },
      });
      expect(snapshot.policies).toEqual({
        state: 'error',
        message: 'permission denied',
      });
      expect(snapshot.kv).toEqual({
        state: 'error',
        message: expect.stringContaining('kv missing or malformed'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with the file name when the file is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-snap-'));
    const file = join(dir, 'vault.json');
    writeFileSync(file, 'not json');
    try {
      await expect(new VaultSnapshotFile(file).collect()).rejects.toThrow(
        `cannot read Vault snapshot file ${file}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
