import type { KindId } from '../facts';

/** The `kind` field of each collected KindId, to sort manifests into the snapshot's lists. */
export const KIND_NAMES: Record<KindId, string> = {
  nodes: 'Node',
  namespaces: 'Namespace',
  pods: 'Pod',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  replicasets: 'ReplicaSet',
  services: 'Service',
  endpoints: 'Endpoints',
  ingresses: 'Ingress',
  configmaps: 'ConfigMap',
  serviceaccounts: 'ServiceAccount',
  networkpolicies: 'NetworkPolicy',
  roles: 'Role',
  rolebindings: 'RoleBinding',
  clusterroles: 'ClusterRole',
  clusterrolebindings: 'ClusterRoleBinding',
  poddisruptionbudgets: 'PodDisruptionBudget',
  horizontalpodautoscalers: 'HorizontalPodAutoscaler',
  certificates: 'Certificate',
  issuers: 'Issuer',
  clusterissuers: 'ClusterIssuer',
  schedules: 'Schedule',
  backups: 'Backup',
  restores: 'Restore',
  servicemonitors: 'ServiceMonitor',
  podmonitors: 'PodMonitor',
  prometheusrules: 'PrometheusRule',
  externalsecrets: 'ExternalSecret',
  secretstores: 'SecretStore',
  clustersecretstores: 'ClusterSecretStore',
};

/** API groups served by every Kubernetes API server; any other group comes from a CRD. */
export const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'policy',
  'autoscaling',
]);
