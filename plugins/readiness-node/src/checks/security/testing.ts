/**
 * Builders for the Security checks' tests: Vault snapshots, RBAC objects and cert-manager
 * status variants, on top of the shared builders in src/testing/builders.ts.
 */
import type {
  KubeObject,
  VaultKubernetesRole,
  VaultPolicyRule,
  VaultSnapshot,
} from '../../facts';
import { ok } from '../../facts';
import { NOW, NS } from '../../testing/builders';

export function vaultRole(
  overrides: Partial<VaultKubernetesRole> = {},
): VaultKubernetesRole {
  return {
    bound_service_account_names: ['doris'],
    bound_service_account_namespaces: [NS],
    audience: 'vault',
    token_ttl: 3600,
    token_max_ttl: 7200,
    token_policies: ['doris'],
    ...overrides,
  };
}

/** The least-privilege policy the SEC-VAULT-POLICY remediation recommends. */
export const READ_ONLY_POLICY: VaultPolicyRule[] = [
  { path: 'secret/data/doris/*', capabilities: ['read'] },
  { path: 'secret/metadata/doris/*', capabilities: ['list'] },
];

/** A healthy Vault with role `doris`, policy `doris` and two KV keys at `doris`. */
export function vaultSnapshot(
  overrides: Partial<VaultSnapshot> = {},
): VaultSnapshot {
  return {
    address: 'https://vault.254carbon.com',
    fetchedAt: NOW.toISOString(),
    authMount: 'kubernetes',
    kvMount: 'secret',
    health: ok({
      code: 200,
      initialized: true,
      sealed: false,
      standby: false,
      version: '1.17.2',
    }),
    roles: ok({ doris: vaultRole() }),
    policies: ok({ doris: READ_ONLY_POLICY }),
    kv: ok({ doris: ['database', 'stripe'] }),
    ...overrides,
  };
}

const rbacMeta = (
  name: string,
  namespace?: string,
  labels?: Record<string, string>,
) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: `uid-${namespace ?? 'cluster'}-${name}`,
  ...(labels ? { labels } : {}),
});

export function role(name: string, rules: any[], namespace = NS): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: rbacMeta(name, namespace),
    rules,
  };
}

export function clusterRole(name: string, rules: any[]): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: rbacMeta(name),
    rules,
  };
}

export const saSubject = (
  name: string,
  namespace: string | undefined = NS,
) => ({
  kind: 'ServiceAccount',
  name,
  ...(namespace ? { namespace } : {}),
});

export function roleBinding(
  name: string,
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string },
  subjects: any[],
  namespace = NS,
): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: rbacMeta(name, namespace),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  };
}

export function clusterRoleBinding(
  name: string,
  roleName: string,
  subjects: any[],
  labels?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: rbacMeta(name, undefined, labels),
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: roleName,
    },
    subjects,
  };
}

/** The pod spec fields of a workload that passes every Security check. */
export const HARDENED_POD_SPEC = {
  serviceAccountName: 'doris',
  automountServiceAccountToken: true,
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 10001,
    seccompProfile: { type: 'RuntimeDefault' },
  },
};

export const HARDENED_CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

export const VAULT_AGENT_ANNOTATIONS = {
  'vault.hashicorp.com/agent-inject': 'true',
  'vault.hashicorp.com/role': 'doris',
  'vault.hashicorp.com/agent-inject-secret-database':
    'secret/data/doris/database',
};
