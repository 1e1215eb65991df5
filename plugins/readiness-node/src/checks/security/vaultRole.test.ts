import { failed } from '../../facts';
import {
  deployment,
  factsFrom,
  NS,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { HARDENED_POD_SPEC, vaultRole as role, vaultSnapshot } from './testing';
import { vaultRole } from './vaultRole';
import { ok } from '../../facts';

const doris = () => deployment('doris', { podSpec: HARDENED_POD_SPEC });
const ctx = (
  vault = vaultSnapshot(),
  objects: any[] = [doris()],
  target = {},
) => serviceContext(factsFrom(objects, { vault }), { target });

describe('SEC-VAULT-ROLE', () => {
  it("passes when the role binds exactly the service's account and namespace with a short ttl and an audience", () => {
    const out = vaultRole(ctx());
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      `auth/kubernetes/role/doris bound to ServiceAccount(s) doris in namespace(s) ${NS}, ttl 1 h, audience vault`,
    ]);
  });

  it('uses the vault-role annotation over the kubernetes id', () => {
    const vault = vaultSnapshot({ roles: ok({ 'doris-reader': role() }) });
    expect(
      vaultRole(ctx(vault, [doris()], { vaultRole: 'doris-reader' })).status,
    ).toBe('pass');
  });

  it('warns when the audience is unset or the ttl is long or left to the 768 h default', () => {
    const noAudience = vaultRole(
      ctx(
        vaultSnapshot({ roles: ok({ doris: role({ audience: undefined }) }) }),
      ),
    );
    expect(noAudience.status).toBe('warn');
    expect(noAudience.evidence[0]).toContain('has no audience');
    const longTtl = vaultRole(
      ctx(vaultSnapshot({ roles: ok({ doris: role({ token_ttl: 86400 }) }) })),
    );
    expect(longTtl.status).toBe('warn');
    expect(longTtl.evidence[0]).toBe(
      'auth/kubernetes/role/doris token_ttl 24 h is over the 1 h limit',
    );
    const defaultTtl = vaultRole(
      ctx(vaultSnapshot({ roles: ok({ doris: role({ token_ttl: 0 }) }) })),
    );
    expect(defaultTtl.status).toBe('warn');
    expect(defaultTtl.evidence[0]).toContain(
      "token_ttl unset: Vault's system default (32 d) applies",
    );
  });

  it('warns when the role also admits other accounts', () => {
    const out = vaultRole(
      ctx(
        vaultSnapshot({
          roles: ok({
            doris: role({ bound_service_account_names: ['doris', 'superset'] }),
          }),
        }),
      ),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toBe(
      'auth/kubernetes/role/doris is also bound to ServiceAccount superset',
    );
  });

  it('fails when the role is missing, with the command to create it', () => {
    const out = vaultRole(ctx(vaultSnapshot({ roles: ok({}) })));
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      'role auth/kubernetes/role/doris does not exist',
    ]);
    expect(out.remediation).toContain(
      `vault write auth/kubernetes/role/doris bound_service_account_names=doris bound_service_account_namespaces=${NS}`,
    );
  });

  it('fails on wildcard bindings and on the default account', () => {
    const wild = vaultRole(
      ctx(
        vaultSnapshot({
          roles: ok({
            doris: role({ bound_service_account_namespaces: ['*'] }),
          }),
        }),
      ),
    );
    expect(wild.status).toBe('fail');
    expect(wild.evidence[0]).toBe(
      'auth/kubernetes/role/doris bound_service_account_namespaces contains "*": any match can log in',
    );
    const dflt = vaultRole(
      ctx(
        vaultSnapshot({
          roles: ok({
            doris: role({ bound_service_account_names: ['default'] }),
          }),
        }),
        [deployment('doris')],
      ),
    );
    expect(dflt.status).toBe('fail');
    expect(dflt.evidence[0]).toContain('bound to the "default" ServiceAccount');
  });

  it("fails when the role does not admit the service's account (its pods cannot log in)", () => {
    const out = vaultRole(
      ctx(
        vaultSnapshot({
          roles: ok({
            doris: role({ bound_service_account_names: ['doris-old'] }),
          }),
        }),
      ),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toBe(
      `auth/kubernetes/role/doris does not bind ServiceAccount ${NS}/doris (no bound_service_account_names entry matches doris): the service's pods cannot log in`,
    );
  });

  it('reports a role bound to "*" as a wildcard, never as "not bound": its pods can log in', () => {
    const out = vaultRole(
      ctx(
        vaultSnapshot({
          roles: ok({
            doris: role({
              bound_service_account_names: ['*'],
              bound_service_account_namespaces: ['data-*'],
            }),
          }),
        }),
      ),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence.join('\n')).not.toMatch(/cannot log in|does not bind/);
    expect(out.evidence).toContain(
      'auth/kubernetes/role/doris bound_service_account_names contains "*": any match can log in',
    );
  });

  it('is n/a without Vault configured', () => {
    expect(vaultRole(serviceContext([doris()]))).toEqual({
      status: 'n/a',
      evidence: ['Vault not configured (readiness.vault is not set)'],
    });
  });

  it('is unknown when the roles cannot be read from Vault, or the workloads from Kubernetes', () => {
    const out = vaultRole(
      ctx(vaultSnapshot({ roles: failed('permission denied (403)') })),
    );
    expect(out).toMatchObject({
      status: 'unknown',
      error: {
        source: 'vault',
        message: 'auth/kubernetes roles: permission denied (403)',
      },
    });
    const facts = withKindError(
      factsFrom([doris()], { vault: vaultSnapshot() }),
      'deployments',
    );
    expect(vaultRole(serviceContext(facts))).toMatchObject({
      status: 'unknown',
      error: { source: 'kubernetes' },
    });
  });

  it('is unknown for this service only when its own role could not be read (one 403)', () => {
    const vault = vaultSnapshot({
      roles: ok({ superset: role() }),
      roleErrors: {
        doris: 'GET auth/kubernetes/role/doris: 403 permission denied',
      },
    });
    expect(vaultRole(ctx(vault))).toMatchObject({
      status: 'unknown',
      error: {
        source: 'vault',
        message:
          'auth/kubernetes/role/doris: GET auth/kubernetes/role/doris: 403 permission denied',
      },
    });
    const readable = vaultSnapshot({
      roleErrors: {
        superset: 'GET auth/kubernetes/role/superset: 403 permission denied',
      },
    });
    expect(vaultRole(ctx(readable)).status).toBe('pass');
  });
});
