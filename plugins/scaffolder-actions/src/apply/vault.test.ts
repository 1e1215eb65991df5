import { buildBundle } from '../bundle';
import { parseOnboardingInput } from '../input';
import { LAKEFS, SETTINGS } from '../__testUtils__/fixtures';
import { VaultStandIn } from '@internal/vault-stand-in';
import { VaultHttpWriter } from './vault';

// The WebAssembly HCL parser and the engine are slow to load on a busy 2-core machine.
jest.setTimeout(60_000);

const v = buildBundle(parseOnboardingInput(LAKEFS, SETTINGS, 't'), SETTINGS)
  .vault!;

describe('VaultHttpWriter', () => {
  let vault: VaultStandIn;
  let writer: VaultHttpWriter;
  beforeEach(async () => {
    vault = await new VaultStandIn().start();
    writer = new VaultHttpWriter({
      baseUrl: vault.baseUrl,
      token: vault.token,
    });
  });
  afterEach(() => vault.stop());

  it('creates the policy and the role with exact paths and bodies, then leaves them alone', async () => {
    expect(
      await writer.writePolicy('lakefs', v.policyHcl, { dryRun: false }),
    ).toBe('created');
    expect(
      await writer.writeRole('kubernetes', 'lakefs', v.role, { dryRun: false }),
    ).toBe('created');
    expect(vault.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/sys/policies/acl/lakefs',
      'PUT /v1/sys/policies/acl/lakefs',
      'GET /v1/auth/kubernetes/role/lakefs',
      'POST /v1/auth/kubernetes/role/lakefs',
    ]);
    expect(vault.requests.every(r => r.token === vault.token)).toBe(true);
    expect(vault.writes[0].body).toEqual({ policy: v.policyHcl });
    expect(vault.writes[1].body).toEqual({
      bound_service_account_names: ['lakefs'],
      bound_service_account_namespaces: ['data-platform'],
      audience: 'vault',
      token_ttl: 3600,
      token_max_ttl: 3600,
      token_policies: ['lakefs'],
    });

    vault.requests.length = 0;
    expect(
      await writer.writePolicy('lakefs', v.policyHcl, { dryRun: false }),
    ).toBe('unchanged');
    expect(
      await writer.writeRole('kubernetes', 'lakefs', v.role, { dryRun: false }),
    ).toBe('unchanged');
    expect(vault.writes).toEqual([]);
  });

  it('updates what drifted', async () => {
    vault.policies.set(
      'lakefs',
      'path "secret/*" { capabilities = ["create"] }',
    );
    await writer.writeRole(
      'kubernetes',
      'lakefs',
      { ...v.role, token_ttl: 86400 },
      { dryRun: false },
    );
    expect(
      await writer.writePolicy('lakefs', v.policyHcl, { dryRun: false }),
    ).toBe('updated');
    expect(
      await writer.writeRole('kubernetes', 'lakefs', v.role, { dryRun: false }),
    ).toBe('updated');
    expect(vault.policies.get('lakefs')).toBe(v.policyHcl);
    expect(vault.roles.get('kubernetes/lakefs')!.token_ttl).toBe(3600);
  });

  it('only reads on a dry run', async () => {
    expect(
      await writer.writePolicy('lakefs', v.policyHcl, { dryRun: true }),
    ).toBe('created');
    expect(
      await writer.writeRole('kubernetes', 'lakefs', v.role, { dryRun: true }),
    ).toBe('created');
    expect(vault.writes).toEqual([]);
    expect(vault.policies.size + vault.roles.size).toBe(0);
  });

  it("reports Vault's errors with status and message, never the token", async () => {
    vault.failures.push({
      method: 'POST',
      path: '/v1/auth/kubernetes/role/lakefs',
      status: 400,
      errors: ['invalid audience'],
    });
    await expect(
      writer.writeRole('kubernetes', 'lakefs', v.role, { dryRun: false }),
    ).rejects.toThrow(
      'Vault POST /v1/auth/kubernetes/role/lakefs answered 400: invalid audience',
    );
    const denied = new VaultHttpWriter({
      baseUrl: vault.baseUrl,
      token: 's.wrong-secret',
    });
    const error = await denied
      .writePolicy('lakefs', v.policyHcl, { dryRun: false })
      .catch(e => e);
    expect(error.message).toBe(
      'Vault GET /v1/sys/policies/acl/lakefs answered 403: permission denied',
    );
    expect(error.message).not.toContain('s.wrong-secret');
  });

  it('reports an unreachable Vault', async () => {
    await vault.stop();
    await expect(
      writer.writePolicy('lakefs', v.policyHcl, { dryRun: false }),
    ).rejects.toThrow(/^Vault GET \/v1\/sys\/policies\/acl\/lakefs failed: /);
  });
});
