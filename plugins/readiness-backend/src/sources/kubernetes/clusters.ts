import type { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubernetesSourceConfig } from '../../config';

/** A cluster to collect from: a KubeConfig whose current context points at it. */
export interface KubeCluster {
  name: string;
  kubeConfig: KubeConfig;
}

const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

function configCluster(cluster: any, key: string): KubeCluster {
  const name = cluster.getOptionalString('name');
  const url = cluster.getOptionalString('url');
  if (!name) throw new Error(`${key}.name is required`);
  if (!url || !/^https?:\/\/[^/]/.test(url)) {
    throw new Error(`${key}.url must be a URL (https://host:port of the API server)`);
  }
  const authProvider = cluster.getOptionalString('authProvider') ?? 'serviceAccount';
  if (authProvider !== 'serviceAccount') {
    throw new Error(
      `${key}.authProvider "${authProvider}" is not supported by readiness; use serviceAccount with a read-only serviceAccountToken`,
    );
  }
  const token =
    cluster.getOptionalString('serviceAccountToken') ??
    cluster.getOptionalString('authMetadata.serviceAccountToken');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name,
        server: url,
        caData: cluster.getOptionalString('caData'),
        caFile: cluster.getOptionalString('caFile'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      },
    ],
    users: [
      token
        ? { name, token }
        : // As the Kubernetes plugin does: no token means the pod's own service account.
          { name, authProvider: { name: 'tokenFile', config: { tokenFile: IN_CLUSTER_TOKEN } } },
    ],
    contexts: [{ name, cluster: name, user: name }],
    currentContext: name,
  });
  return { name, kubeConfig };
}

/**
 * The clusters to collect from: `kubernetes.clusterLocatorMethods` entries of type `config` (the
 * same config the Backstage Kubernetes plugin reads), plus the backend's own cluster when
 * `inCluster` is set and a kubeconfig file when `kubeconfig` is set. Other locator types need the
 * Kubernetes plugin's auth machinery and are skipped with a warning.
 */
export function discoverClusters(
  config: RootConfigService,
  source: KubernetesSourceConfig,
  logger: LoggerService,
): KubeCluster[] {
  const clusters: KubeCluster[] = [];
  const methods = config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  methods.forEach((method, i) => {
    const type = method.getOptionalString('type');
    const key = `kubernetes.clusterLocatorMethods[${i}]`;
    if (type !== 'config') {
      logger.warn(
        `readiness: ${key} has type ${type}; only type "config" clusters are collected (set readiness.sources.kubernetes.inCluster or kubeconfig for others)`,
      );
      return;
    }
    (method.getOptionalConfigArray('clusters') ?? []).forEach((cluster, j) => {
      clusters.push(configCluster(cluster, `${key}.clusters[${j}]`));
    });
  });

  if (source.inCluster) {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromCluster();
    if (!process.env.KUBERNETES_SERVICE_HOST) {
      throw new Error(
        'readiness.sources.kubernetes.inCluster is true but KUBERNETES_SERVICE_HOST is not set: the backend is not running in a pod',
      );
    }
    clusters.push({ name: 'in-cluster', kubeConfig });
  }

  if (source.kubeconfig) {
    const kubeConfig = new KubeConfig();
    try {
      kubeConfig.loadFromFile(source.kubeconfig);
    } catch (e) {
      throw new Error(
        `readiness.sources.kubernetes.kubeconfig: cannot load ${source.kubeconfig}: ${(e as Error).message}`,
      );
    }
    const context = kubeConfig.getCurrentContext();
    if (!context || !kubeConfig.getCurrentCluster()) {
      throw new Error(
        `readiness.sources.kubernetes.kubeconfig: ${source.kubeconfig} has no current context (kubectl config use-context <name>)`,
      );
    }
    clusters.push({ name: context, kubeConfig });
  }

  const seen = new Set<string>();
  for (const c of clusters) {
    if (seen.has(c.name)) {
      throw new Error(`readiness: two clusters are named "${c.name}"; cluster names must be unique`);
    }
    seen.add(c.name);
  }
  return clusters;
}
