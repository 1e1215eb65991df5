import { failed, ok } from '../../facts';
import type { VaultPolicyRule } from '../../facts';
import { deployment, factsFrom, serviceContext } from '../../testing/builders';
import {
  HARDENED_POD_SPEC,
  READ_ONLY_POLICY,
  vaultRole,
  vaultSnapshot,
} from './testing';
import { pathScope, vaultPolicy } from './vaultPolicy';

const ctx = (
  rules: VaultPolicyRule[] | undefined,
  target: any = { vaultSecretsPath: 'doris' },
  vault = vaultSnapshot({
    policies: ok<Record<string, VaultPolicyRule[]>>(
      rules ? { doris: rules } : {},
    ),
  }),
) =>
  serviceContext(
    factsFrom([deployment('doris', { podSpec: HARDENED_POD_SPEC })], { vault }),
    { target },
  );

describe('SEC-VAULT-POLICY', () => {
  it("passes for read/list on the service's own KV path only", () => {
    const out = vaultPolicy(ctx(READ_ONLY_POLICY));
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'policy doris path "secret/data/doris/*" [read]',
      'policy doris path "secret/metadata/doris/*" [list]',
    ]);
  });

  it("warns on write capabilities on the service's own path", () => {
    const out = vaultPolicy(
      ctx([
        {
          path: 'secret/data/doris/*',
          capabilities: ['read', 'create', 'update'],
        },
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toBe(
      'policy doris path "secret/data/doris/*" [read, create, update]: create/update on its own path',
    );
  });

  it.each([
    [{ path: '*', capabilities: ['read'] }, 'matches every path in Vault'],
    [
      { path: '+/data/doris', capabilities: ['read'] },
      'matches every path in Vault',
    ],
    [{ path: 'sys/*', capabilities: ['read'] }, 'system backend access'],
    [
      { path: 'auth/kubernetes/role/*', capabilities: ['read'] },
      'auth methods access',
    ],
    [
      { path: 'secret/data/doris/*', capabilities: ['read', 'sudo'] },
      'sudo grants root-protected operations',
    ],
    [
      { path: 'secret/data/superset/*', capabilities: ['read'] },
      'reaches a path outside its own path secret/data/doris',
    ],
    [
      { path: 'secret/data/doris*', capabilities: ['read'] },
      'reaches a path outside its own path secret/data/doris',
    ],
    [
      { path: 'secret/data/+/db', capabilities: ['read'] },
      'reaches a path outside its own path secret/data/doris',
    ],
  ])('fails for %j', (rule, why) => {
    const out = vaultPolicy(ctx([...READ_ONLY_POLICY, rule]));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toContain(why);
  });

  it("ignores Vault's default policy and the self-service token endpoints", () => {
    const vault = vaultSnapshot({
      roles: ok({ doris: vaultRole({ token_policies: ['default', 'doris'] }) }),
      policies: ok({
        default: [{ path: 'sys/*', capabilities: ['sudo'] }],
        doris: [
          ...READ_ONLY_POLICY,
          { path: 'auth/token/renew-self', capabilities: ['update'] },
        ],
      }),
    });
    const out = vaultPolicy(
      ctx(undefined, { vaultSecretsPath: 'doris' }, vault),
    );
    expect(out.evidence.join('\n')).not.toContain('sys/*');
    expect(out.status).toBe('pass');
    expect(out.evidence).toHaveLength(2);
  });

  it('fails when the role does not exist', () => {
    const out = vaultPolicy(
      ctx(
        READ_ONLY_POLICY,
        { vaultSecretsPath: 'doris' },
        vaultSnapshot({ roles: ok({}) }),
      ),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toBe(
      'role auth/kubernetes/role/doris does not exist: no policy to evaluate (SEC-VAULT-ROLE)',
    );
  });

  it('fails on any KV path when the entity declares no own path', () => {
    const out = vaultPolicy(ctx(READ_ONLY_POLICY, {}));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toContain('no vault.io/secrets-path annotation');
  });

  it('is n/a without Vault, unknown when policies cannot be read', () => {
    expect(vaultPolicy(serviceContext([deployment('doris')])).status).toBe(
      'n/a',
    );
    const out = vaultPolicy(
      ctx(
        undefined,
        { vaultSecretsPath: 'doris' },
        vaultSnapshot({ policies: failed('connect ETIMEDOUT') }),
      ),
    );
    expect(out).toMatchObject({
      status: 'unknown',
      error: { source: 'vault', message: 'ACL policies: connect ETIMEDOUT' },
    });
  });

  it('classifies paths against the own KV v2 path family', () => {
    expect(pathScope('secret/metadata/doris', 'secret', 'doris')).toBe('own');
    expect(pathScope('secret/destroy/doris/db', 'secret', 'doris')).toBe('own');
    expect(pathScope('secret/data/doris-admin/db', 'secret', 'doris')).toBe(
      'outside',
    );
    expect(pathScope('kv/data/doris/db', 'kv', 'doris')).toBe('own');
    expect(pathScope('database/creds/doris', 'secret', 'doris')).toBe(
      'outside',
    );
    expect(pathScope('auth/token/lookup-self', 'secret', 'doris')).toBe('self');
  });

  describe("another service's path includes any path outside the service's own KV path unless config allows it", () => {
    const allowing = (vaultAllowedPaths: string[]) => ({
      vaultSecretsPath: 'doris',
      thresholds: { ...serviceContext([]).thresholds, vaultAllowedPaths },
    });

    it.each([
      'database/creds/doris',
      'pki/issue/doris',
      'transit/encrypt/doris',
      'kv/data/shared/*',
    ])('fails on %s without an allow-list entry', path => {
      const out = vaultPolicy(
        ctx([...READ_ONLY_POLICY, { path, capabilities: ['read'] }]),
      );
      expect(out.status).toBe('fail');
      expect(out.evidence[0]).toBe(
        `policy doris path "${path}" [read]: reaches a path outside its own path secret/data/doris (not in thresholds.vaultAllowedPaths)`,
      );
    });

    it('passes a path allowed by a {name} pattern, naming the pattern', () => {
      const out = vaultPolicy(
        ctx(
          [
            ...READ_ONLY_POLICY,
            { path: 'database/creds/doris', capabilities: ['read'] },
          ],
          allowing(['database/creds/{name}']),
        ),
      );
      expect(out.status).toBe('pass');
      expect(out.evidence).toContain(
        'policy doris path "database/creds/doris" [read]: allowed by database/creds/doris',
      );
    });

    it('fills {namespace} with the service namespace and keeps other services out', () => {
      const rules = (path: string) => [
        ...READ_ONLY_POLICY,
        { path, capabilities: ['read'] },
      ];
      const target = allowing(['kv/data/{namespace}/shared/*']);
      expect(
        vaultPolicy(ctx(rules('kv/data/data-platform/shared/*'), target))
          .status,
      ).toBe('pass');
      expect(
        vaultPolicy(ctx(rules('kv/data/other-team/shared/*'), target)).status,
      ).toBe('fail');
      // A policy glob broader than the allowed pattern is not covered by it.
      expect(
        vaultPolicy(
          ctx(rules('database/creds/*'), allowing(['database/creds/{name}'])),
        ).status,
      ).toBe('fail');
    });
  });

  it('parses the legacy policy syntax and lets deny win across the role policies', () => {
    const vault = vaultSnapshot({
      roles: ok({
        doris: vaultRole({ token_policies: ['doris', 'guard'] }),
      }),
      policies: ok({
        doris: [
          ...READ_ONLY_POLICY,
          { path: 'secret/data/superset/*', capabilities: ['read', 'list'] },
        ],
        guard: [{ path: 'secret/data/superset/*', capabilities: ['deny'] }],
      }),
    });
    const out = vaultPolicy(
      ctx(undefined, { vaultSecretsPath: 'doris' }, vault),
    );
    expect(out.status).toBe('pass');
  });

  it('is unknown for this service only when one of its policies could not be read or parsed', () => {
    const vault = vaultSnapshot({
      policyErrors: {
        doris:
          'policy doris cannot be parsed: p.hcl:1,10-11: Unclosed configuration block',
      },
    });
    const out = vaultPolicy(
      ctx(undefined, { vaultSecretsPath: 'doris' }, vault),
    );
    expect(out).toMatchObject({
      status: 'unknown',
      error: {
        source: 'vault',
        message:
          'ACL policy doris: policy doris cannot be parsed: p.hcl:1,10-11: Unclosed configuration block',
      },
    });
    // Another service whose policies are readable is judged as usual.
    const other = vaultSnapshot({
      roles: ok({ doris: vaultRole({ token_policies: ['doris-ro'] }) }),
      policies: ok({ 'doris-ro': READ_ONLY_POLICY }),
      policyErrors: { superset: 'permission denied' },
    });
    expect(
      vaultPolicy(ctx(undefined, { vaultSecretsPath: 'doris' }, other)).status,
    ).toBe('pass');
  });
});
