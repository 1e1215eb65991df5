export { KubernetesCollector } from './KubernetesCollector';
export type { ClusterCollector, KubernetesCollectorOptions } from './KubernetesCollector';
export { discoverClusters } from './clusters';
export type { KubeCluster } from './clusters';
