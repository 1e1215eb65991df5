import type { VaultPolicyRule } from '../../facts';
import type { ServiceCheck } from '../../engine/types';
import { Findings } from './findings';
import { resolveRole, vaultUnknown } from './vaultRoles';

const READ_ONLY = new Set(['read', 'list', 'deny']);
const WRITE = ['create', 'update', 'delete', 'patch'];
/** KV v2 sub-paths: `<mount>/<kind>/<secret path>`. */
const KV_V2_KINDS = [
  'data',
  'metadata',
  'subkeys',
  'delete',
  'undelete',
  'destroy',
];
/**
 * Self-service token and lease endpoints every token needs (they are in Vault's own `default`
 * policy); granting them again is not access to `sys/` or `auth/`.
 */
const SELF_ENDPOINTS = new Set([
  'auth/token/lookup-self',
  'auth/token/renew-self',
  'auth/token/revoke-self',
  'sys/capabilities-self',
  'sys/leases/renew',
  'sys/leases/lookup',
  'sys/renew',
]);

type Scope =
  | 'wildcard-root'
  | 'system'
  | 'self'
  | 'own'
  | 'other-service'
  | 'elsewhere';

/**
 * Where a policy path points, relative to the service's own KV path. A glob (`*` suffix, `+`
 * segment) is judged by everything it can match, so `secret/data/doris*` reaches `doris-admin`.
 */
export function pathScope(
  path: string,
  kvMount: string,
  ownPath: string | undefined,
): Scope {
  const p = path.replace(/^\/+/, '');
  if (/^[*+]/.test(p)) return 'wildcard-root';
  if (SELF_ENDPOINTS.has(p)) return 'self';
  if (
    p === 'sys' ||
    p.startsWith('sys/') ||
    p === 'auth' ||
    p.startsWith('auth/')
  )
    return 'system';
  const mount = kvMount.replace(/^\/+|\/+$/g, '');
  if (p !== mount && !p.startsWith(`${mount}/`) && !p.startsWith(`${mount}*`))
    return 'elsewhere';
  if (!ownPath) return 'other-service';
  const own = ownPath.replace(/^\/+|\/+$/g, '');
  const glob = p.endsWith('*');
  const body = glob ? p.slice(0, -1) : p;
  if (body.includes('+') || body.includes('*')) return 'other-service';
  for (const kind of KV_V2_KINDS) {
    const root = `${mount}/${kind}/${own}`;
    if (
      glob
        ? body.startsWith(`${root}/`)
        : body === root || body.startsWith(`${root}/`)
    )
      return 'own';
  }
  return 'other-service';
}

/**
 * SEC-VAULT-POLICY: the role's token policies (Vault's `default` policy aside) grant read/list on
 * the service's own KV path and nothing else: no root wildcard, no `sys/` or `auth/`, no `sudo`,
 * no other service's secrets. Write on its own path is tolerated (warn).
 */
export const vaultPolicy: ServiceCheck = ctx => {
  const resolved = resolveRole(ctx);
  if ('outcome' in resolved) return resolved.outcome;
  const { vault } = resolved;
  if (vault.policies.state === 'error')
    return vaultUnknown('ACL policies', vault.policies.message);
  if (!resolved.role) {
    return {
      status: 'fail',
      evidence: [`${resolved.missing}: no policy to evaluate (SEC-VAULT-ROLE)`],
      remediation:
        'Create the Vault role with a policy granting read and list on the service path only.',
    };
  }
  const policies = vault.policies.state === 'ok' ? vault.policies.value : {};
  const names = (resolved.role.token_policies ?? []).filter(
    n => n !== 'default',
  );
  const own = ctx.target.vaultSecretsPath;
  const ownText = own
    ? `${vault.kvMount}/data/${own}`
    : 'its own path (unknown: no vault.io/secrets-path annotation)';
  const findings = new Findings();
  if (names.length === 0) {
    findings.add(
      'warn',
      `role ${resolved.name} has no token policy besides "default": its token reads no secret`,
    );
  }

  for (const policy of names) {
    const rules: VaultPolicyRule[] | undefined = policies[policy];
    if (!rules) {
      findings.add(
        'warn',
        `policy ${policy} named by role ${resolved.name} does not exist`,
      );
      continue;
    }
    for (const rule of rules) {
      const caps = rule.capabilities.map(c => c.toLowerCase());
      if (caps.length === 1 && caps[0] === 'deny') continue;
      const where = `policy ${policy} path "${rule.path}" [${caps.join(', ')}]`;
      const scope = pathScope(rule.path, vault.kvMount, own);
      if (caps.includes('sudo'))
        findings.add('fail', `${where}: sudo grants root-protected operations`);
      if (scope === 'self') continue;
      if (scope === 'wildcard-root')
        findings.add('fail', `${where}: matches every path in Vault`);
      else if (scope === 'system')
        findings.add(
          'fail',
          `${where}: ${
            rule.path.startsWith('auth') ? 'auth methods' : 'system backend'
          } access`,
        );
      else if (scope === 'other-service')
        findings.add('fail', `${where}: reaches secrets outside ${ownText}`);
      else {
        const writes = caps.filter(c => WRITE.includes(c));
        if (writes.length)
          findings.add(
            'warn',
            `${where}: ${writes.join('/')} on ${
              scope === 'own' ? 'its own path' : 'a non-KV path'
            }`,
          );
        else if (caps.every(c => READ_ONLY.has(c))) findings.add('pass', where);
        else findings.add('warn', `${where}: capabilities beyond read/list`);
      }
    }
  }
  return findings.outcome(
    {
      fail: `Reduce the policy to: path "${vault.kvMount}/data/${
        own ?? '<service>'
      }/*" { capabilities = ["read"] } and path "${vault.kvMount}/metadata/${
        own ?? '<service>'
      }/*" { capabilities = ["list"] }.`,
      warn: 'Drop create/update/delete/patch: the service only needs to read its secrets; write them from CI or an operator instead.',
    },
    'warn',
  );
};
