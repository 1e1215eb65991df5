import type { Config } from '@backstage/config';

/** Namespaces no template may onboard into, whatever the allow-list says. */
export const FORBIDDEN_NAMESPACES: readonly string[] = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

export interface ClusterSettings {
  url: string;
  serviceAccountToken: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify?: boolean;
}

export interface VaultSettings {
  baseUrl: string;
  token: string;
}

/** `readiness.onboarding` with its defaults applied. */
export interface OnboardingSettings {
  /** Undefined: every namespace but the forbidden ones. */
  allowedNamespaces?: string[];
  productionIssuer: string;
  ingressNamespace: string;
  ingressClassName: string;
  monitoringNamespace: string;
  vaultNamespace: string;
  vaultPort: number;
  authMount: string;
  kvMount: string;
  cluster?: ClusterSettings;
  vault?: VaultSettings;
}

export const DEFAULT_SETTINGS: OnboardingSettings = {
  productionIssuer: 'letsencrypt-prod',
  ingressNamespace: 'ingress-nginx',
  ingressClassName: 'nginx',
  monitoringNamespace: 'monitoring',
  vaultNamespace: 'vault',
  vaultPort: 8200,
  authMount: 'kubernetes',
  kvMount: 'secret',
};

export function readOnboardingSettings(config: Config): OnboardingSettings {
  const c = config.getOptionalConfig('readiness.onboarding');
  if (!c) return { ...DEFAULT_SETTINGS };
  const cluster = c.getOptionalConfig('cluster');
  const vault = c.getOptionalConfig('vault');
  return {
    allowedNamespaces: c.getOptionalStringArray('allowedNamespaces'),
    productionIssuer:
      c.getOptionalString('productionIssuer') ??
      DEFAULT_SETTINGS.productionIssuer,
    ingressNamespace:
      c.getOptionalString('ingressNamespace') ??
      DEFAULT_SETTINGS.ingressNamespace,
    ingressClassName:
      c.getOptionalString('ingressClassName') ??
      DEFAULT_SETTINGS.ingressClassName,
    monitoringNamespace:
      c.getOptionalString('monitoringNamespace') ??
      DEFAULT_SETTINGS.monitoringNamespace,
    vaultNamespace:
      c.getOptionalString('vaultNamespace') ?? DEFAULT_SETTINGS.vaultNamespace,
    vaultPort: DEFAULT_SETTINGS.vaultPort,
    authMount:
      vault?.getOptionalString('authMount') ?? DEFAULT_SETTINGS.authMount,
    kvMount: vault?.getOptionalString('kvMount') ?? DEFAULT_SETTINGS.kvMount,
    cluster: cluster
      ? {
          url: cluster.getString('url'),
          serviceAccountToken: cluster.getString('serviceAccountToken'),
          caData: cluster.getOptionalString('caData'),
          caFile: cluster.getOptionalString('caFile'),
          skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify'),
        }
      : undefined,
    vault: vault
      ? { baseUrl: vault.getString('baseUrl'), token: vault.getString('token') }
      : undefined,
  };
}

/** Whether a namespace may be onboarded into, and if not, the sentence that says why. */
export function namespaceRefusal(
  namespace: string,
  settings: Pick<OnboardingSettings, 'allowedNamespaces'>,
): string | undefined {
  const allowed = settings.allowedNamespaces?.filter(
    n => !FORBIDDEN_NAMESPACES.includes(n),
  );
  const hint = allowed
    ? `allowed: ${allowed.length ? allowed.join(', ') : '(none)'}`
    : `system namespaces (${FORBIDDEN_NAMESPACES.join(
        ', ',
      )}) are never allowed`;
  if (
    FORBIDDEN_NAMESPACES.includes(namespace) ||
    (allowed && !allowed.includes(namespace))
  ) {
    return `'${namespace}' is not allowed for onboarding; ${hint} (config readiness.onboarding.allowedNamespaces)`;
  }
  return undefined;
}
