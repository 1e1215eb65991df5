import type { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { DispatchStrategy } from '@backstage/plugin-kubernetes-backend';
import type { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubernetesSourceConfig } from '../../config';
import {
  backgroundProblem,
  backgroundRequestAuth,
  kubeConfigFor,
  newKubeConfig,
  readinessAuthStrategy,
} from './credentials';

/**
 * A cluster to collect from: a KubeConfig whose current context points at it, and for clusters of
 * `kubernetes.clusterLocatorMethods` the credential resolver of the Kubernetes plugin's strategy
 * (called before every sweep, so expiring tokens such as EKS's are renewed).
 */
export interface KubeCluster {
  name: string;
  kubeConfig: KubeConfig;
  resolve?: () => Promise<KubeConfig>;
}

const AUTH_PROVIDER = 'kubernetes.io/auth-provider';
const OIDC_TOKEN_PROVIDER = 'kubernetes.io/oidc-token-provider';

/** The cluster's details exactly as the Kubernetes plugin's config locator builds them. */
function clusterDetails(cluster: Config, key: string): ClusterDetails {
  const name = cluster.getOptionalString('name');
  const url = cluster.getOptionalString('url');
  if (!name) throw new Error(`${key}.name is required`);
  if (!url || !/^https?:\/\/[^/]/.test(url)) {
    throw new Error(`${key}.url must be a URL (https://host:port of the API server)`);
  }
  const block = (cluster.getOptional('authMetadata') ?? {}) as Record<string, string>;
  const authProvider = block[AUTH_PROVIDER] ?? cluster.getOptionalString('authProvider') ?? 'serviceAccount';
  const metadata: Record<string, string> = { [AUTH_PROVIDER]: authProvider };
  const copy = (from: string, to: string) => {
    const value = cluster.getOptionalString(from);
    if (value) metadata[to] = value;
  };
  copy('serviceAccountToken', 'serviceAccountToken');
  copy('assumeRole', 'kubernetes.io/aws-assume-role');
  copy('externalId', 'kubernetes.io/aws-external-id');
  copy('oidcTokenProvider', OIDC_TOKEN_PROVIDER);
  return {
    name,
    url,
    skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
    caData: cluster.getOptionalString('caData'),
    caFile: cluster.getOptionalString('caFile'),
    authMetadata: { ...metadata, ...block },
  };
}

function configCluster(
  cluster: Config,
  key: string,
  strategy: DispatchStrategy,
  source: KubernetesSourceConfig,
): KubeCluster {
  const details = clusterDetails(cluster, key);
  const authProvider = details.authMetadata[AUTH_PROVIDER];
  const invalid = strategy.validateCluster(details.authMetadata);
  if (invalid.length) {
    throw new Error(`${key} (${details.name}): ${invalid.map(e => e.message).join('; ')}`);
  }
  const problem = backgroundProblem(authProvider, details.authMetadata[OIDC_TOKEN_PROVIDER], source.oidcTokens);
  if (problem) throw new Error(`${key} (${details.name}): ${problem}`);
  const requestAuth = backgroundRequestAuth(source.oidcTokens);
  return {
    name: details.name,
    kubeConfig: kubeConfigFor(details, { type: 'anonymous' }),
    resolve: async () => kubeConfigFor(details, await strategy.getCredential(details, requestAuth)),
  };
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
  // Built at the first configured cluster: no cluster, no Kubernetes client libraries loaded.
  let strategy: DispatchStrategy | undefined;
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
      strategy ??= readinessAuthStrategy(config, logger);
      clusters.push(configCluster(cluster, `${key}.clusters[${j}]`, strategy, source));
    });
  });

  if (source.inCluster) {
    const kubeConfig = newKubeConfig();
    kubeConfig.loadFromCluster();
    if (!process.env.KUBERNETES_SERVICE_HOST) {
      throw new Error(
        'readiness.sources.kubernetes.inCluster is true but KUBERNETES_SERVICE_HOST is not set: the backend is not running in a pod',
      );
    }
    clusters.push({ name: 'in-cluster', kubeConfig });
  }

  if (source.kubeconfig) {
    const kubeConfig = newKubeConfig();
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
