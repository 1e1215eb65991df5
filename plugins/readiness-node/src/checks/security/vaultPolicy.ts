import type { VaultPolicyRule } from '../../facts';
import type { ServiceCheck } from '../../engine/types';
import { mergePolicyRules } from '../../vault/parsePolicy';
import { Findings } from './findings';
import { allowedBy, pathScope } from './vaultPolicyPaths';
import { resolveRole, vaultUnknown } from './vaultRoles';

const READ_ONLY = new Set(['read', 'list']);
const WRITE = ['create', 'update', 'delete', 'patch'];

export { pathScope } from './vaultPolicyPaths';

/**
 * SEC-VAULT-POLICY: the role's token policies (Vault's `default` policy aside), merged as Vault
 * merges them (capabilities unioned per path, `deny` winning), grant read/list on the service's
 * own KV path and nothing else: no root wildcard, no `sys/` or `auth/`, no `sudo`, no path outside
 * its own KV path unless `thresholds.vaultAllowedPaths` allows it for the service. Write on its
 * own (or an allowed) path is tolerated (warn). A policy that could not be read or parsed makes
 * only this service's check `unknown`.
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
  const unreadable = names.filter(n => vault.policyErrors?.[n]);
  if (unreadable.length) {
    return vaultUnknown(
      `ACL ${unreadable.length === 1 ? 'policy' : 'policies'} ${unreadable.join(
        ', ',
      )}`,
      unreadable.map(n => vault.policyErrors![n]).join('; '),
    );
  }
  const own = ctx.target.vaultSecretsPath;
  const ownText = own
    ? `its own path ${vault.kvMount}/data/${own}`
    : 'its own path (unknown: no vault.io/secrets-path annotation)';
  const allowValues = {
    namespaces: ctx.namespaces,
    name: ctx.target.kubernetesId ?? ctx.target.entityRef.split('/').pop(),
  };
  const findings = new Findings();
  if (names.length === 0) {
    findings.add(
      'warn',
      `role ${resolved.name} has no token policy besides "default": its token reads no secret`,
    );
  }

  // Which policy grants what on each path, then Vault's merge across them.
  const sources = new Map<string, string[]>();
  const all: VaultPolicyRule[] = [];
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
      sources.set(rule.path, [...(sources.get(rule.path) ?? []), policy]);
      all.push(rule);
    }
  }
  for (const rule of mergePolicyRules(all)) {
    const caps = rule.capabilities;
    const from = [...new Set(sources.get(rule.path))].join(' + ');
    const where = `policy ${from} path "${rule.path}" [${caps.join(', ')}]`;
    if (caps.length === 1 && caps[0] === 'deny') continue;
    const scope = pathScope(rule.path, vault.kvMount, own);
    if (caps.includes('sudo'))
      findings.add('fail', `${where}: sudo grants root-protected operations`);
    if (scope === 'self') continue;
    if (scope === 'wildcard-root') {
      findings.add('fail', `${where}: matches every path in Vault`);
      continue;
    }
    if (scope === 'system') {
      findings.add(
        'fail',
        `${where}: ${
          rule.path.replace(/^\/+/, '').startsWith('auth')
            ? 'auth methods'
            : 'system backend'
        } access`,
      );
      continue;
    }
    let allowed: string | undefined;
    if (scope === 'outside') {
      allowed = allowedBy(
        rule.path,
        ctx.thresholds.vaultAllowedPaths,
        allowValues,
      );
      if (!allowed) {
        findings.add(
          'fail',
          `${where}: reaches a path outside ${ownText} (not in thresholds.vaultAllowedPaths)`,
        );
        continue;
      }
    }
    const place = allowed ? `an allowed path (${allowed})` : 'its own path';
    const writes = caps.filter(c => WRITE.includes(c));
    if (writes.length)
      findings.add('warn', `${where}: ${writes.join('/')} on ${place}`);
    else if (caps.every(c => READ_ONLY.has(c)))
      findings.add('pass', allowed ? `${where}: allowed by ${allowed}` : where);
    else findings.add('warn', `${where}: capabilities beyond read/list`);
  }
  return findings.outcome(
    {
      fail: `Reduce the policy to: path "${vault.kvMount}/data/${
        own ?? '<service>'
      }/*" { capabilities = ["read"] } and path "${vault.kvMount}/metadata/${
        own ?? '<service>'
      }/*" { capabilities = ["list"] }; list any other path the service really needs in readiness.thresholds.vaultAllowedPaths (e.g. database/creds/{name}).`,
      warn: 'Drop create/update/delete/patch: the service only needs to read its secrets; write them from CI or an operator instead.',
    },
    'warn',
  );
};
