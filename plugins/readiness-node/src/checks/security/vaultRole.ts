import { formatDuration } from '../../engine/objects';
import type { ServiceCheck } from '../../engine/types';
import { Findings } from './findings';
import { podSources, serviceAccountsOf } from './podSources';
import { resolveRole } from './vaultRoles';

/**
 * Whether a bound name or namespace admits a value the way Vault's Kubernetes auth does: an exact
 * match, or a glob where `*` matches any run of characters (`*`, `team-*`).
 */
function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map(p => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(value);
}

/** Vault's `max_lease_ttl` default: what a role with `token_ttl` 0 or unset really gets. */
export const VAULT_DEFAULT_TTL_SECONDS = 768 * 3600;

/**
 * SEC-VAULT-ROLE: the service's Kubernetes auth role lets exactly its own ServiceAccount(s) in
 * its own namespace(s) log in, for short-lived tokens with an audience.
 */
export const vaultRole: ServiceCheck = ctx => {
  const resolved = resolveRole(ctx);
  if ('outcome' in resolved) return resolved.outcome;
  const pods = podSources(ctx);
  if ('outcome' in pods) return pods.outcome;
  const expected = serviceAccountsOf(pods.sources);
  const mount = resolved.vault.authMount;
  const suggestion = (role: string) => {
    const sa = expected.find(e => e.name !== 'default') ?? {
      name: '<service-account>',
      namespace: ctx.namespaces[0] ?? '<namespace>',
    };
    return `vault write auth/${mount}/role/${role} bound_service_account_names=${sa.name} bound_service_account_namespaces=${sa.namespace} audience=vault token_ttl=1h token_policies=${role}`;
  };

  if (!resolved.role) {
    return {
      status: 'fail',
      evidence: [resolved.missing ?? 'role not found'],
      remediation: resolved.name
        ? `Create the role: ${suggestion(resolved.name)}`
        : 'Add the readiness.254carbon.io/vault-role annotation naming the Vault Kubernetes auth role.',
    };
  }

  const { role, name } = resolved;
  const roleRef = `auth/${mount}/role/${name}`;
  const names = role.bound_service_account_names ?? [];
  const namespaces = role.bound_service_account_namespaces ?? [];
  const findings = new Findings();

  for (const [field, values] of [
    ['bound_service_account_names', names],
    ['bound_service_account_namespaces', namespaces],
  ] as const) {
    const wild = values.filter(v => v.includes('*'));
    if (wild.length)
      findings.add(
        'fail',
        `${roleRef} ${field} contains ${wild
          .map(w => `"${w}"`)
          .join(', ')}: any match can log in`,
      );
  }
  if (names.includes('default')) {
    findings.add(
      'fail',
      `${roleRef} is bound to the "default" ServiceAccount, which every pod without its own account uses`,
    );
  }
  if (expected.length === 0) {
    findings.add(
      'warn',
      `no workload of the service found: cannot compare ${roleRef}'s bindings with its ServiceAccount`,
    );
  }
  for (const sa of expected) {
    const nameBy = names.find(n => globMatches(n, sa.name));
    const namespaceBy = namespaces.find(n => globMatches(n, sa.namespace));
    if (!nameBy || !namespaceBy) {
      findings.add(
        'fail',
        `${roleRef} does not bind ServiceAccount ${sa.namespace}/${sa.name} (${
          nameBy
            ? ''
            : `no bound_service_account_names entry matches ${sa.name}`
        }${!nameBy && !namespaceBy ? '; ' : ''}${
          namespaceBy
            ? ''
            : `no bound_service_account_namespaces entry matches ${sa.namespace}`
        }): the service's pods cannot log in`,
      );
    }
  }
  const extraNames = names.filter(
    n =>
      !n.includes('*') && n !== 'default' && !expected.some(e => e.name === n),
  );
  const extraNamespaces = namespaces.filter(
    n => !n.includes('*') && !expected.some(e => e.namespace === n),
  );
  if (expected.length && (extraNames.length || extraNamespaces.length)) {
    findings.add(
      'warn',
      `${roleRef} is also bound to ${[
        ...extraNames.map(n => `ServiceAccount ${n}`),
        ...extraNamespaces.map(n => `namespace ${n}`),
      ].join(', ')}`,
    );
  }
  if (!role.audience) {
    findings.add(
      'warn',
      `${roleRef} has no audience: any service account token of the cluster is accepted, whoever it was minted for`,
    );
  }
  const ttl = role.token_ttl ?? 0;
  const max = ctx.thresholds.vaultMaxTtlSeconds;
  if (ttl <= 0) {
    findings.add(
      'warn',
      `${roleRef} token_ttl unset: Vault's system default (${formatDuration(
        VAULT_DEFAULT_TTL_SECONDS * 1000,
      )}) applies, over the ${formatDuration(max * 1000)} limit`,
    );
  } else if (ttl > max) {
    findings.add(
      'warn',
      `${roleRef} token_ttl ${formatDuration(
        ttl * 1000,
      )} is over the ${formatDuration(max * 1000)} limit`,
    );
  }
  findings.add(
    'pass',
    `${roleRef} bound to ServiceAccount(s) ${
      names.join(', ') || '(none)'
    } in namespace(s) ${namespaces.join(', ') || '(none)'}, ttl ${
      ttl > 0 ? formatDuration(ttl * 1000) : 'default'
    }, audience ${role.audience || 'unset'}`,
  );
  return findings.outcome({
    fail: `Bind the role to the service's own account only: ${suggestion(
      name!,
    )}`,
    warn: `Set an audience and a short ttl: ${suggestion(name!)}`,
  });
};
