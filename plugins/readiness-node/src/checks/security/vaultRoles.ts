import type { VaultKubernetesRole, VaultSnapshot } from '../../facts';
import type { CheckOutcome, ServiceContext } from '../../engine/types';

export function vaultUnknown(what: string, message: string): CheckOutcome {
  return {
    status: 'unknown',
    evidence: [`could not read Vault ${what}: ${message}`],
    error: { source: 'vault', message: `${what}: ${message}` },
  };
}

export const VAULT_NOT_CONFIGURED: CheckOutcome = {
  status: 'n/a',
  evidence: ['Vault not configured (readiness.vault is not set)'],
};

export interface ResolvedRole {
  vault: VaultSnapshot;
  /** Role name: the role annotation, else the kubernetes id. */
  name?: string;
  role?: VaultKubernetesRole;
  /** Why the role could not be found, when it could not. */
  missing?: string;
}

/** The service's Kubernetes auth role, or the n/a / unknown outcome when Vault cannot say. */
export function resolveRole(
  ctx: ServiceContext,
): { outcome: CheckOutcome } | ResolvedRole {
  const vault = ctx.vault;
  if (!vault) return { outcome: VAULT_NOT_CONFIGURED };
  const name = ctx.target.vaultRole ?? ctx.target.kubernetesId;
  if (vault.roles.state === 'error') {
    return {
      outcome: vaultUnknown(
        `auth/${vault.authMount} roles`,
        vault.roles.message,
      ),
    };
  }
  if (!name) {
    return {
      vault,
      missing:
        'no role name: set the readiness.254carbon.io/vault-role annotation (or backstage.io/kubernetes-id)',
    };
  }
  if (vault.roles.state === 'absent') {
    return {
      vault,
      name,
      missing: `auth/${vault.authMount} is not available: ${vault.roles.reason}`,
    };
  }
  const roleError = vault.roleErrors?.[name];
  if (roleError) {
    return {
      outcome: vaultUnknown(`auth/${vault.authMount}/role/${name}`, roleError),
    };
  }
  const role = vault.roles.value[name];
  if (!role)
    return {
      vault,
      name,
      missing: `role auth/${vault.authMount}/role/${name} does not exist`,
    };
  return { vault, name, role };
}
