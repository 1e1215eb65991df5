import { VaultStandIn } from './VaultStandIn';

/**
 * The contract the stand-in keeps with Vault's documented HTTP API: these are the paths, status
 * codes and bodies the readiness backend and the scaffolder module rely on. If Vault's API said
 * otherwise, these tests (not the clients' tests) are where it would be pinned wrongly.
 */
describe('VaultStandIn keeps Vault HTTP API contract', () => {
  const TOKEN = 'hvs.contract';
  let vault: VaultStandIn;
  const call = async (
    method: string,
    path: string,
    options: { token?: string | null; body?: unknown } = {},
  ) => {
    const token = options.token === undefined ? TOKEN : options.token;
    const res = await fetch(`${vault.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { 'X-Vault-Token': token } : {}),
        ...(options.body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };

  beforeEach(async () => {
    vault = await new VaultStandIn({
      token: TOKEN,
      roles: {
        doris: {
          bound_service_account_names: ['doris'],
          bound_service_account_namespaces: ['data-platform'],
          token_policies: ['doris'],
        },
      },
      policies: {
        doris: 'path "secret/data/doris/*" {\n  capabilities = ["read"]\n}\n',
      },
      secrets: { 'doris/db': { password: 'not-a-real-secret' } },
      logins: { readiness: { jwt: 'sa-jwt', clientToken: 'hvs.login' } },
    }).start();
  });
  afterEach(() => vault.stop());

  describe('GET /v1/sys/health (unauthenticated)', () => {
    it.each([
      [{}, 200],
      [{ standby: true }, 429],
      [{ sealed: true }, 503],
      [{ initialized: false }, 501],
    ])('answers %j with %i and the health body', async (state, code) => {
      Object.assign(vault.state, state);
      const r = await call('GET', '/v1/sys/health', { token: null });
      expect(r.status).toBe(code);
      expect(r.json).toMatchObject({
        initialized: vault.state.initialized,
        sealed: vault.state.sealed,
        standby: vault.state.standby,
        version: expect.any(String),
      });
    });

    it('honours the query codes (sealedcode, standbyok)', async () => {
      vault.state.sealed = true;
      expect(
        (await call('GET', '/v1/sys/health?sealedcode=200', { token: null }))
          .status,
      ).toBe(200);
      vault.state.sealed = false;
      vault.state.standby = true;
      expect(
        (await call('GET', '/v1/sys/health?standbyok=true', { token: null }))
          .status,
      ).toBe(200);
    });
  });

  it('refuses a missing or wrong token with 403 {"errors":["permission denied"]}', async () => {
    for (const token of [null, 'hvs.wrong']) {
      const r = await call('GET', '/v1/auth/kubernetes/role/doris', { token });
      expect(r).toEqual({
        status: 403,
        json: { errors: ['permission denied'] },
      });
    }
  });

  it('answers 503 {"errors":["Vault is sealed"]} on authenticated paths while sealed', async () => {
    vault.state.sealed = true;
    expect(await call('GET', '/v1/sys/policies/acl/doris')).toEqual({
      status: 503,
      json: { errors: ['Vault is sealed'] },
    });
  });

  it('lists with GET ?list=true as {"data":{"keys":[...]}}, and an empty listing is 404 {"errors":[]}', async () => {
    expect(await call('GET', '/v1/auth/kubernetes/role?list=true')).toEqual({
      status: 200,
      json: { data: { keys: ['doris'] } },
    });
    expect(await call('GET', '/v1/secret/metadata/nobody?list=true')).toEqual({
      status: 404,
      json: { errors: [] },
    });
  });

  it('reads a role under data, and a missing one is 404 {"errors":[]}', async () => {
    const r = await call('GET', '/v1/auth/kubernetes/role/doris');
    expect(r.status).toBe(200);
    expect(r.json.data.bound_service_account_names).toEqual(['doris']);
    expect(await call('GET', '/v1/auth/kubernetes/role/ghost')).toEqual({
      status: 404,
      json: { errors: [] },
    });
  });

  it('writes a role with 204, validating bound names and adding Vault defaults and legacy field names', async () => {
    expect(
      await call('POST', '/v1/auth/kubernetes/role/lakefs', {
        body: {
          bound_service_account_names: [],
          bound_service_account_namespaces: ['x'],
        },
      }),
    ).toEqual({
      status: 400,
      json: { errors: ['"bound_service_account_names" can not be empty'] },
    });
    const w = await call('POST', '/v1/auth/kubernetes/role/lakefs', {
      body: {
        bound_service_account_names: ['lakefs'],
        bound_service_account_namespaces: ['data-platform'],
        token_policies: ['lakefs'],
        token_ttl: 3600,
      },
    });
    expect(w.status).toBe(204);
    const r = await call('GET', '/v1/auth/kubernetes/role/lakefs');
    expect(r.json.data).toMatchObject({
      alias_name_source: 'serviceaccount_uid',
      token_type: 'default',
      token_policies: ['lakefs'],
      policies: ['lakefs'],
      token_ttl: 3600,
      ttl: 3600,
    });
  });

  it('lists ACL policies with default and root, reads one as data.policy, writes with 204 and rejects an empty policy', async () => {
    expect(
      (await call('GET', '/v1/sys/policies/acl?list=true')).json.data.keys,
    ).toEqual(['default', 'doris', 'root']);
    const r = await call('GET', '/v1/sys/policies/acl/doris');
    expect(r.json.data).toEqual({
      name: 'doris',
      policy: expect.stringContaining('secret/data/doris/*'),
    });
    expect(await call('PUT', '/v1/sys/policies/acl/x', { body: {} })).toEqual({
      status: 400,
      json: { errors: ["'policy' parameter not supplied or empty"] },
    });
    expect(
      (
        await call('PUT', '/v1/sys/policies/acl/x', {
          body: { policy: 'path "a" {}' },
        })
      ).status,
    ).toBe(204);
  });

  it('lists KV v2 metadata as key names (folders end in /) and serves data only under data/', async () => {
    expect(
      (await call('GET', '/v1/secret/metadata/doris?list=true')).json.data.keys,
    ).toEqual(['db']);
    expect(
      (await call('GET', '/v1/secret/metadata/?list=true')).json.data.keys,
    ).toEqual(['doris/']);
    const data = await call('GET', '/v1/secret/data/doris/db');
    expect(data.json.data.data).toEqual({ password: 'not-a-real-secret' });
  });

  it('logs in with Kubernetes auth: 200 with auth.client_token, 400 for an unknown role, 403 for a wrong JWT', async () => {
    const ok = await call('POST', '/v1/auth/kubernetes/login', {
      token: null,
      body: { role: 'readiness', jwt: 'sa-jwt' },
    });
    expect(ok.json.auth.client_token).toBe('hvs.login');
    expect(
      await call('POST', '/v1/auth/kubernetes/login', {
        token: null,
        body: { role: 'nope', jwt: 'x' },
      }),
    ).toEqual({ status: 400, json: { errors: ['invalid role name "nope"'] } });
    expect(
      (
        await call('POST', '/v1/auth/kubernetes/login', {
          token: null,
          body: { role: 'readiness', jwt: 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('answers an unknown route as Vault does', async () => {
    expect(await call('GET', '/v1/nope/thing')).toEqual({
      status: 404,
      json: {
        errors: ['no handler for route "nope/thing". route entry not found.'],
      },
    });
  });

  it('injects failures with Vault bodies, once or always, and records every request', async () => {
    vault.fail('GET', '/v1/sys/policies/acl', 403, [
      '1 error occurred:\n\t* permission denied\n\n',
    ]);
    expect((await call('GET', '/v1/sys/policies/acl?list=true')).status).toBe(
      403,
    );
    expect((await call('GET', '/v1/sys/policies/acl?list=true')).status).toBe(
      200,
    );
    vault.fail(
      'GET',
      '/v1/auth/kubernetes/role/doris',
      500,
      ['internal error'],
      { always: true },
    );
    expect((await call('GET', '/v1/auth/kubernetes/role/doris')).status).toBe(
      500,
    );
    expect((await call('GET', '/v1/auth/kubernetes/role/doris')).status).toBe(
      500,
    );
    expect(vault.requestLines).toContain('GET /v1/sys/policies/acl?list=true');
    expect(vault.requests[0].token).toBe(TOKEN);
  });
});
