import type { OnboardingSpec } from '../input';
import type { VaultPiece, VaultPolicyRule } from './types';

/** Audience of the projected token the Vault agent presents; the role only accepts this one. */
export const VAULT_AUDIENCE = 'vault';
/** One hour: SEC-VAULT-ROLE's ceiling; the agent renews within it. */
export const VAULT_TOKEN_TTL_SECONDS = 3600;

export interface VaultMounts {
  authMount: string;
  kvMount: string;
}

/** Read-only rules on the service's own KV v2 subtree (data for values, metadata for listing). */
export function policyRules(
  spec: OnboardingSpec,
  mounts: VaultMounts,
): VaultPolicyRule[] {
  return [
    {
      path: `${mounts.kvMount}/data/${spec.secretsPath}/*`,
      capabilities: ['read', 'list'],
    },
    {
      path: `${mounts.kvMount}/metadata/${spec.secretsPath}/*`,
      capabilities: ['read', 'list'],
    },
  ];
}

/** HCL as Vault stores it. Paths are validated (no quotes, no `*`), so plain interpolation is safe. */
export function renderPolicyHcl(
  spec: OnboardingSpec,
  rules: VaultPolicyRule[],
): string {
  const blocks = rules.map(
    r =>
      `path "${r.path}" {\n  capabilities = [${r.capabilities
        .map(c => `"${c}"`)
        .join(', ')}]\n}\n`,
  );
  return [
    `# Managed by 254carbon-readiness for ${spec.namespace}/${spec.name}:`,
    `# read-only access to its own secrets under ${spec.secretsPath}.`,
    '',
    blocks.join('\n'),
  ].join('\n');
}

export function vaultPiece(
  spec: OnboardingSpec,
  mounts: VaultMounts,
): VaultPiece {
  const rules = policyRules(spec, mounts);
  return {
    authMount: mounts.authMount,
    roleName: spec.name,
    role: {
      bound_service_account_names: [spec.name],
      bound_service_account_namespaces: [spec.namespace],
      audience: VAULT_AUDIENCE,
      token_ttl: VAULT_TOKEN_TTL_SECONDS,
      token_max_ttl: VAULT_TOKEN_TTL_SECONDS,
      token_policies: [spec.name],
    },
    policyName: spec.name,
    policyRules: rules,
    policyHcl: renderPolicyHcl(spec, rules),
  };
}
