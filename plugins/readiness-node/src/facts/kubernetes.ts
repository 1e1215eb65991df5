import type { Read } from './read';

/** A Kubernetes object as returned by the API (JSON), after sanitising (see sanitize.ts). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    uid?: string;
    ownerReferences?: { kind: string; name: string; uid?: string }[];
  };
  spec?: any;
  status?: any;
  [key: string]: any;
}

/**
 * The kinds collected from every cluster, with the API paths used to list them. One paginated list
 * per (cluster, kind) per sweep; never a call per service. Several versions are tried in order
 * (first that the server serves wins) so old clusters (policy/v1beta1 PDBs) work too.
 * Secrets are deliberately absent: the suite never reads them.
 */
export interface KindSpec {
  id: KindId;
  /** API group ('' for core) and versions in order of preference. */
  group: string;
  versions: string[];
  plural: string;
  namespaced: boolean;
}

export type KindId =
  | 'nodes'
  | 'namespaces'
  | 'pods'
  | 'deployments'
  | 'statefulsets'
  | 'daemonsets'
  | 'replicasets'
  | 'services'
  | 'endpoints'
  | 'ingresses'
  | 'configmaps'
  | 'serviceaccounts'
  | 'networkpolicies'
  | 'roles'
  | 'rolebindings'
  | 'clusterroles'
  | 'clusterrolebindings'
  | 'poddisruptionbudgets'
  | 'horizontalpodautoscalers'
  | 'certificates'
  | 'issuers'
  | 'clusterissuers'
  | 'schedules'
  | 'backups'
  | 'restores'
  | 'servicemonitors'
  | 'podmonitors'
  | 'prometheusrules'
  | 'externalsecrets'
  | 'secretstores'
  | 'clustersecretstores';

export const KINDS: readonly KindSpec[] = [
  { id: 'nodes', group: '', versions: ['v1'], plural: 'nodes', namespaced: false },
  { id: 'namespaces', group: '', versions: ['v1'], plural: 'namespaces', namespaced: false },
  { id: 'pods', group: '', versions: ['v1'], plural: 'pods', namespaced: true },
  { id: 'deployments', group: 'apps', versions: ['v1'], plural: 'deployments', namespaced: true },
  { id: 'statefulsets', group: 'apps', versions: ['v1'], plural: 'statefulsets', namespaced: true },
  { id: 'daemonsets', group: 'apps', versions: ['v1'], plural: 'daemonsets', namespaced: true },
  { id: 'replicasets', group: 'apps', versions: ['v1'], plural: 'replicasets', namespaced: true },
  { id: 'services', group: '', versions: ['v1'], plural: 'services', namespaced: true },
  { id: 'endpoints', group: '', versions: ['v1'], plural: 'endpoints', namespaced: true },
  { id: 'ingresses', group: 'networking.k8s.io', versions: ['v1'], plural: 'ingresses', namespaced: true },
  { id: 'configmaps', group: '', versions: ['v1'], plural: 'configmaps', namespaced: true },
  { id: 'serviceaccounts', group: '', versions: ['v1'], plural: 'serviceaccounts', namespaced: true },
  { id: 'networkpolicies', group: 'networking.k8s.io', versions: ['v1'], plural: 'networkpolicies', namespaced: true },
  { id: 'roles', group: 'rbac.authorization.k8s.io', versions: ['v1'], plural: 'roles', namespaced: true },
  { id: 'rolebindings', group: 'rbac.authorization.k8s.io', versions: ['v1'], plural: 'rolebindings', namespaced: true },
  { id: 'clusterroles', group: 'rbac.authorization.k8s.io', versions: ['v1'], plural: 'clusterroles', namespaced: false },
  { id: 'clusterrolebindings', group: 'rbac.authorization.k8s.io', versions: ['v1'], plural: 'clusterrolebindings', namespaced: false },
  { id: 'poddisruptionbudgets', group: 'policy', versions: ['v1', 'v1beta1'], plural: 'poddisruptionbudgets', namespaced: true },
  { id: 'horizontalpodautoscalers', group: 'autoscaling', versions: ['v2', 'v2beta2', 'v1'], plural: 'horizontalpodautoscalers', namespaced: true },
  { id: 'certificates', group: 'cert-manager.io', versions: ['v1'], plural: 'certificates', namespaced: true },
  { id: 'issuers', group: 'cert-manager.io', versions: ['v1'], plural: 'issuers', namespaced: true },
  { id: 'clusterissuers', group: 'cert-manager.io', versions: ['v1'], plural: 'clusterissuers', namespaced: false },
  { id: 'schedules', group: 'velero.io', versions: ['v1'], plural: 'schedules', namespaced: true },
  { id: 'backups', group: 'velero.io', versions: ['v1'], plural: 'backups', namespaced: true },
  { id: 'restores', group: 'velero.io', versions: ['v1'], plural: 'restores', namespaced: true },
  { id: 'servicemonitors', group: 'monitoring.coreos.com', versions: ['v1'], plural: 'servicemonitors', namespaced: true },
  { id: 'podmonitors', group: 'monitoring.coreos.com', versions: ['v1'], plural: 'podmonitors', namespaced: true },
  { id: 'prometheusrules', group: 'monitoring.coreos.com', versions: ['v1'], plural: 'prometheusrules', namespaced: true },
  { id: 'externalsecrets', group: 'external-secrets.io', versions: ['v1', 'v1beta1'], plural: 'externalsecrets', namespaced: true },
  // The stores tell which provider an ExternalSecret syncs from (SEC-SECRETS-IN-VAULT).
  { id: 'secretstores', group: 'external-secrets.io', versions: ['v1', 'v1beta1'], plural: 'secretstores', namespaced: true },
  { id: 'clustersecretstores', group: 'external-secrets.io', versions: ['v1', 'v1beta1'], plural: 'clustersecretstores', namespaced: false },
];

/** Everything read from one cluster in one sweep. */
export interface ClusterSnapshot {
  /** The cluster's name from `kubernetes.clusterLocatorMethods` (or the manifests directory's). */
  cluster: string;
  fetchedAt: string;
  kinds: Record<KindId, Read<KubeObject[]>>;
  /** API calls made to build this snapshot (for the benchmark's O(clusters × kinds) figure). */
  apiCalls: number;
  /**
   * Set when the whole cluster could not be read (unreachable API server, a manifests folder with
   * an unparsable file): every kind then fails with it, so its checks are `unknown`.
   */
  error?: string;
  /** Problems that did not stop the read, e.g. a document that is not a Kubernetes object. */
  warnings?: string[];
}

/**
 * Why a CRD-backed kind is `absent`. Shared by the live collector and the manifests loader so
 * the same cluster reads the same, evidence included, whichever way it was collected.
 */
export function kindNotInstalled(spec: KindSpec): string {
  const apis = spec.versions.map(v => (spec.group ? `${spec.group}/${v}` : v)).join(' or ');
  return `${spec.plural}.${spec.group || 'core'} is not installed (no ${apis} API)`;
}
