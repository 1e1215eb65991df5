import type {
  Exemption,
  ThresholdOverride,
} from '@254carbon/plugin-readiness-common';

export type { ThresholdOverride };

/**
 * Thresholds of the check catalog. Defaults below; app-config `readiness.thresholds` overrides
 * them for everyone, the `readiness.254carbon.io/thresholds` annotation per entity.
 */
export interface Thresholds {
  /** SEC-CERT-EXPIRY / SEC-TLS-LIVE: pass above this many days left. */
  certWarnDays: number;
  /** Fail under this many days left. */
  certFailDays: number;
  /** SEC-CERT-READY: warn when a Certificate has been issuing longer than this. */
  certIssuingWarnMinutes: number;
  /** HA-REPLICAS: required minimum replicas. */
  minReplicas: number;
  /** DR-*: recovery point objective in hours. */
  rpoHours: number;
  /** DR-RESTORE-DRILL: recovery time objective in hours. */
  rtoHours: number;
  /** DR-RESTORE-DRILL: a drill must be newer than this. */
  restoreDrillMaxAgeDays: number;
  /** INF-IMAGES: registries (host or host/project prefix) images may come from. */
  allowedRegistries: string[];
  /** SEC-CERT-ISSUER / PLAT-ISSUER: names of production issuers (ClusterIssuer or Issuer). */
  productionIssuers: string[];
  /**
   * SEC-VAULT-POLICY: Vault paths a service's policy may reach besides its own KV path, with
   * `{namespace}` and `{name}` placeholders, e.g. `database/creds/{name}`; `*` at the end and `+`
   * for one segment as in Vault policies.
   */
  vaultAllowedPaths: string[];
  /** SEC-VAULT-ROLE: longest acceptable token ttl, seconds. */
  vaultMaxTtlSeconds: number;
  /** OPS-SLO-AVAILABILITY: percent. */
  sloAvailabilityPass: number;
  sloAvailabilityWarn: number;
  /** OPS-SLO-LATENCY: p95 milliseconds. */
  sloLatencyPassMs: number;
  sloLatencyWarnMs: number;
  /** PLAT-PODS: percent of healthy pods. */
  podHealthyPass: number;
  podHealthyWarn: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  certWarnDays: 20,
  certFailDays: 7,
  certIssuingWarnMinutes: 60,
  minReplicas: 2,
  rpoHours: 1,
  rtoHours: 1,
  restoreDrillMaxAgeDays: 90,
  // No organisation's registry is built in: set readiness.thresholds.allowedRegistries.
  allowedRegistries: [],
  productionIssuers: ['letsencrypt-prod'],
  vaultAllowedPaths: [],
  vaultMaxTtlSeconds: 3600,
  sloAvailabilityPass: 99.9,
  sloAvailabilityWarn: 99.5,
  sloLatencyPassMs: 100,
  sloLatencyWarnMs: 250,
  podHealthyPass: 99,
  podHealthyWarn: 95,
};

/** How the platform components are found in the cluster (app-config `readiness.platform`). */
export interface PlatformSettings {
  /** Namespaces whose crash loops fail PLAT-PODS outright. */
  platformNamespaces: string[];
  /** Each component: the namespace and a label selector (or workload names) of its workloads. */
  ingress: ComponentLocator;
  registry: ComponentLocator;
  monitoring: {
    prometheus: ComponentLocator;
    alertmanager: ComponentLocator;
    grafana: ComponentLocator;
    loki: ComponentLocator;
  };
  velero: ComponentLocator;
  /** Namespaces allowed as ingress sources in SEC-NETPOL-SERVICE ("named namespaces"). */
  ingressNamespaces: string[];
  monitoringNamespaces: string[];
}

export interface ComponentLocator {
  namespace: string;
  /** Label selector in the kubectl syntax, e.g. `app.kubernetes.io/name=ingress-nginx`. */
  labelSelector?: string;
  /** Or explicit workload names (Deployments/StatefulSets/DaemonSets). */
  names?: string[];
}

export const DEFAULT_PLATFORM: PlatformSettings = {
  platformNamespaces: [
    'kube-system',
    'ingress-nginx',
    'cert-manager',
    'harbor',
    'monitoring',
    'velero',
    'vault',
  ],
  ingress: { namespace: 'ingress-nginx', labelSelector: 'app.kubernetes.io/name=ingress-nginx' },
  registry: { namespace: 'harbor', labelSelector: 'app=harbor' },
  monitoring: {
    prometheus: { namespace: 'monitoring', labelSelector: 'app.kubernetes.io/name=prometheus' },
    alertmanager: { namespace: 'monitoring', labelSelector: 'app.kubernetes.io/name=alertmanager' },
    grafana: { namespace: 'monitoring', labelSelector: 'app.kubernetes.io/name=grafana' },
    loki: { namespace: 'monitoring', labelSelector: 'app.kubernetes.io/name=loki' },
  },
  velero: { namespace: 'velero', labelSelector: 'app.kubernetes.io/name=velero' },
  ingressNamespaces: ['ingress-nginx'],
  monitoringNamespaces: ['monitoring'],
};

/**
 * One catalog entity resolved to what the engine needs: how to find its objects, its thresholds
 * (defaults < config < annotation) and exemptions. Built by `targetFromEntity`.
 */
export interface ServiceTarget {
  entityRef: string;
  /** `backstage.io/kubernetes-id`: matches objects labelled `backstage.io/kubernetes-id=<id>`. */
  kubernetesId?: string;
  /** `backstage.io/kubernetes-label-selector`, parsed. Takes precedence over the id. */
  labelSelector?: string;
  /** `backstage.io/kubernetes-namespace`; without it, every namespace is searched. */
  namespace?: string;
  /** Limit to one cluster by name. */
  cluster?: string;
  /** `vault.io/secrets-path`: the service's KV path (relative to the KV mount). */
  vaultSecretsPath?: string;
  /** Vault Kubernetes auth role; defaults to the kubernetes id. */
  vaultRole?: string;
  /** Hosts to probe for SEC-TLS-LIVE; default: the matched Ingresses' hosts. */
  publicHosts?: string[];
  /** `spec.lifecycle`: `production` makes staging issuers fail rather than warn. */
  lifecycle?: string;
  thresholds: Thresholds;
  /** Thresholds the entity's annotation changed from config, so every result can show them. */
  thresholdOverrides?: ThresholdOverride[];
  exemptions: Exemption[];
  /** Problems with the entity's annotations; the entity is still evaluated as far as possible. */
  errors: string[];
}
