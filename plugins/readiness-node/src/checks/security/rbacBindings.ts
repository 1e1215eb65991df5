import type { KubeObject, Read } from '../../facts';

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
 * The keys a subject grants to: one per service account it names (a `ServiceAccount` subject,
 * whose namespace defaults to the RoleBinding's as the RBAC authorizer does, or the user
 * `system:serviceaccount:<ns>:<name>`), and one per group.
 */
function subjectKeys(subject: any, bindingNamespace?: string): string[] {
  switch (subject?.kind) {
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      return ns && subject.name ? [`sa:${ns}/${subject.name}`] : [];
    }
    case 'User': {
      const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(
        String(subject.name),
      );
      return m ? [`sa:${m[1]}/${m[2]}`] : [];
    }
    case 'Group':
      return subject.name ? [`group:${subject.name}`] : [];
    default:
      return [];
  }
}

/** The keys under which bindings for a service account are indexed. */
function accountKeys(sa: AccountRef): string[] {
  return [
    `sa:${sa.namespace}/${sa.name}`,
    'group:system:serviceaccounts',
    `group:system:serviceaccounts:${sa.namespace}`,
    'group:system:authenticated',
  ];
}

export type BindingIndex = Map<string, Binding[]>;

/**
 * Indexes a cluster's RoleBindings and ClusterRoleBindings by the subjects they grant to, once
 * per sweep, so finding one account's bindings is four map lookups, not a scan of every binding.
 * The API server's own bootstrap defaults, which every identity has, are left out.
 */
export function indexBindings(
  roleBindings: readonly KubeObject[],
  clusterRoleBindings: readonly KubeObject[],
): BindingIndex {
  const index: BindingIndex = new Map();
  const add = (binding: KubeObject, kind: Binding['kind'], ns?: string) => {
    if (binding.metadata.labels?.[BOOTSTRAP_LABEL] === 'rbac-defaults') return;
    const keys = new Set<string>(
      (binding.subjects ?? []).flatMap((s: any) => subjectKeys(s, ns)),
    );
    for (const key of keys) {
      const list = index.get(key);
      if (list) list.push({ binding, kind });
      else index.set(key, [{ binding, kind }]);
    }
  };
  for (const b of roleBindings) add(b, 'RoleBinding', b.metadata.namespace);
  for (const b of clusterRoleBindings) add(b, 'ClusterRoleBinding');
  return index;
}

/** The bindings that grant something to the account, RoleBindings first, each once. */
export function bindingsFor(index: BindingIndex, sa: AccountRef): Binding[] {
  const seen = new Set<KubeObject>();
  const out: Binding[] = [];
  for (const key of accountKeys(sa)) {
    for (const b of index.get(key) ?? []) {
      if (!seen.has(b.binding)) {
        seen.add(b.binding);
        out.push(b);
      }
    }
  }
  const order = (b: Binding) => (b.kind === 'RoleBinding' ? 0 : 1);
  return out.sort(
    (a, b) =>
      order(a) - order(b) ||
      (a.binding.metadata.namespace ?? '').localeCompare(
        b.binding.metadata.namespace ?? '',
      ) ||
      a.binding.metadata.name.localeCompare(b.binding.metadata.name),
  );
}

/** RoleBindings and ClusterRoleBindings that grant something to the account (unindexed). */
export function bindingsOf(
  sa: AccountRef,
  roleBindings: readonly KubeObject[],
  clusterRoleBindings: readonly KubeObject[],
): Binding[] {
  return bindingsFor(indexBindings(roleBindings, clusterRoleBindings), sa);
}

/**
 * This cluster's binding index, built once per sweep through the context's memo. `ctx.all` is
 * read inside the builder only, so services after the first pay nothing for the lists.
 */
export function clusterBindings(ctx: {
  memo: <T>(key: string, build: () => T) => T;
  all: (kind: 'rolebindings' | 'clusterrolebindings') => Read<KubeObject[]>;
}):
  | { index: BindingIndex }
  | {
      failed: { kind: 'rolebindings' | 'clusterrolebindings'; message: string };
    } {
  return ctx.memo('rbac:bindings-by-subject', () => {
    const rb = ctx.all('rolebindings');
    const crb = ctx.all('clusterrolebindings');
    for (const [kind, read] of [
      ['rolebindings', rb],
      ['clusterrolebindings', crb],
    ] as const) {
      if (read.state === 'error')
        return { failed: { kind, message: read.message } };
    }
    return {
      index: indexBindings(
        rb.state === 'ok' ? rb.value : [],
        crb.state === 'ok' ? crb.value : [],
      ),
    };
  });
}
