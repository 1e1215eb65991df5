import type { KubeObject } from '../../facts';

export interface AccountRef {
  namespace: string;
  name: string;
}

export interface Binding {
  binding: KubeObject;
  kind: 'RoleBinding' | 'ClusterRoleBinding';
}

/** Label of the bindings the API server creates for itself (discovery for every authenticated user). */
const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';

/**
 * Whether a binding subject covers a service account: by name (the namespace defaults to the
 * RoleBinding's, as the RBAC authorizer does), as the user `system:serviceaccount:<ns>:<name>`,
 * or through the groups every service account belongs to.
 */
export function subjectCovers(
  subject: any,
  sa: AccountRef,
  bindingNamespace?: string,
): boolean {
  switch (subject?.kind) {
    case 'ServiceAccount':
      return (
        subject.name === sa.name &&
        (subject.namespace || bindingNamespace) === sa.namespace
      );
    case 'User':
      return (
        subject.name === `system:serviceaccount:${sa.namespace}:${sa.name}`
      );
    case 'Group':
      return (
        subject.name === 'system:serviceaccounts' ||
        subject.name === `system:serviceaccounts:${sa.namespace}` ||
        subject.name === 'system:authenticated'
      );
    default:
      return false;
  }
}

/**
 * RoleBindings (in any namespace) and ClusterRoleBindings that grant something to the account,
 * except the API server's own bootstrap defaults, which every identity has.
 */
export function bindingsOf(
  sa: AccountRef,
  roleBindings: readonly KubeObject[],
  clusterRoleBindings: readonly KubeObject[],
): Binding[] {
  const applies = (b: KubeObject, ns?: string) =>
    b.metadata.labels?.[BOOTSTRAP_LABEL] !== 'rbac-defaults' &&
    (b.subjects ?? []).some((s: any) => subjectCovers(s, sa, ns));
  return [
    ...roleBindings
      .filter(b => applies(b, b.metadata.namespace))
      .map(binding => ({ binding, kind: 'RoleBinding' as const })),
    ...clusterRoleBindings
      .filter(b => applies(b))
      .map(binding => ({ binding, kind: 'ClusterRoleBinding' as const })),
  ];
}
