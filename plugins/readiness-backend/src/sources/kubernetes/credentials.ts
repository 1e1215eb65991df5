import type { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import type { DispatchStrategy } from '@backstage/plugin-kubernetes-backend';
import type { KubernetesRequestAuth } from '@backstage/plugin-kubernetes-common';
import type {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import type { KubeConfig } from '@kubernetes/client-node';

type KubernetesBackend = typeof import('@backstage/plugin-kubernetes-backend');
type KubeClient = typeof import('@kubernetes/client-node');

/** A module required at its first use, once. */
function lazy<T>(load: () => T): () => T {
  let module: T | undefined;
  return () => (module ??= load());
}

// The Kubernetes plugin's strategies and @kubernetes/client-node are required when the first
// cluster is configured rather than at import: together about 57 MB of RSS (the cloud providers'
// SDKs come with the strategies) that a backend reading manifests only does not need. `require`,
// not `import()`: jest's module sandboxes are CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kubeClient = lazy(() => require('@kubernetes/client-node') as KubeClient);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kubernetesBackend = lazy(() => require('@backstage/plugin-kubernetes-backend') as KubernetesBackend);

/** An empty KubeConfig (loading @kubernetes/client-node at the first call). */
export function newKubeConfig(): KubeConfig {
  return new (kubeClient().KubeConfig)();
}

/**
 * Providers that authenticate as the signed-in user (the browser sends the user's token with each
 * request). A sweep runs in the background with nobody signed in, so each is refused at startup
 * with the provider that does the same job with the backend's own identity.
 */
const USER_DELEGATED: Record<string, string> = {
  google: 'googleServiceAccount',
  aks: 'azure (the backend\'s managed identity)',
};

/**
 * The Kubernetes plugin's own authentication strategies, dispatched by `authProvider`, so a cluster
 * configured once in `kubernetes.clusterLocatorMethods` (EKS through aws, GKE through
 * googleServiceAccount, AKS through azure, OIDC, service account tokens, a local kubectl proxy)
 * is read by readiness with the same credentials.
 */
export function readinessAuthStrategy(config: RootConfigService, logger: LoggerService): DispatchStrategy {
  const {
    AksStrategy,
    AnonymousStrategy,
    AwsIamStrategy,
    AzureIdentityStrategy,
    DispatchStrategy,
    GoogleServiceAccountStrategy,
    GoogleStrategy,
    OidcStrategy,
  } = kubernetesBackend();
  const strategies: Record<string, AuthenticationStrategy> = {
    aks: new AksStrategy(),
    aws: new AwsIamStrategy({ config }),
    azure: new AzureIdentityStrategy(logger),
    google: new GoogleStrategy(),
    googleServiceAccount: new GoogleServiceAccountStrategy({ config }),
    localKubectlProxy: new AnonymousStrategy(),
    oidc: new OidcStrategy(),
    serviceAccount: serviceAccountStrategy(),
  };
  return new DispatchStrategy({ authStrategyMap: strategies });
}

/**
 * The plugin's ServiceAccountStrategy loads @kubernetes/client-node with a dynamic `import()`,
 * which a CommonJS sandbox such as jest's cannot run. It accepts the module as its (test) client;
 * giving it the same module it would import changes nothing else.
 */
function serviceAccountStrategy(): AuthenticationStrategy {
  const strategy = new (kubernetesBackend().ServiceAccountStrategy)();
  (strategy as unknown as { injectedKubernetesClient: unknown }).injectedKubernetesClient = {
    KubeConfig: kubeClient().KubeConfig,
  };
  return strategy;
}

/** Why a provider cannot serve background sweeps, or undefined when it can. */
export function backgroundProblem(authProvider: string, oidcProvider: string | undefined, oidcTokens: Record<string, string>): string | undefined {
  const instead = USER_DELEGATED[authProvider];
  if (instead) {
    return `authProvider "${authProvider}" authenticates as the signed-in user, and readiness sweeps in the background with nobody signed in; use ${instead} for this cluster`;
  }
  if (authProvider === 'oidc' && (!oidcProvider || !oidcTokens[oidcProvider])) {
    return `authProvider "oidc" needs a token for the backend itself: set readiness.sources.kubernetes.oidcTokens.${oidcProvider ?? '<oidcTokenProvider>'} (e.g. from an environment variable)`;
  }
  return undefined;
}

/** The request-level auth a background sweep presents: the backend's own OIDC tokens, nothing of a user. */
export function backgroundRequestAuth(oidcTokens: Record<string, string>): KubernetesRequestAuth {
  return { oidc: { ...oidcTokens } } as KubernetesRequestAuth;
}

/** A KubeConfig for one cluster and one credential, for @kubernetes/client-node's request options. */
export function kubeConfigFor(details: ClusterDetails, credential: KubernetesCredential): KubeConfig {
  const user: { name: string; token?: string; certData?: string; keyData?: string } = { name: details.name };
  if (credential.type === 'bearer token') user.token = credential.token;
  if (credential.type === 'x509 client certificate') {
    user.certData = Buffer.from(credential.cert).toString('base64');
    user.keyData = Buffer.from(credential.key).toString('base64');
  }
  const kubeConfig = newKubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: details.name,
        server: details.url,
        caData: details.caData,
        caFile: details.caFile,
        skipTLSVerify: details.skipTLSVerify ?? false,
      },
    ],
    users: [user],
    contexts: [{ name: details.name, cluster: details.name, user: details.name }],
    currentContext: details.name,
  });
  return kubeConfig;
}
