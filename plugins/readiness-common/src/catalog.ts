import type { Layer, Phase, Severity, SourceId } from './model';

/** Static description of one check: what it means, where it reads and how it is weighted. */
export interface CheckDefinition {
  id: string;
  scope: 'platform' | 'service';
  title: string;
  description: string;
  layer: Layer;
  phase: Phase;
  severity: Severity;
  /** Sources the check needs; if any is unreadable the check is `unknown`. */
  sources: SourceId[];
  /** What pass / warn / fail mean, as shown in the UI's catalog. */
  criteria: { pass: string; warn: string; fail: string };
  /** Default fix, shown when the check is not passing. */
  remediation: string;
  /** Platform checks whose failure makes this check meaningless (it then reports `blockedBy`). */
  dependsOn?: string[];
  /** The `readiness.thresholds` keys the check reads (an annotation changing one is shown on it). */
  thresholds?: string[];
}

// Generic over the id so the catalog's ids are a type (BuiltInCheckId): the engine's table of
// check functions is keyed by it, and a catalog row without a function does not compile.
const platform = <I extends string>(
  d: Omit<CheckDefinition, 'scope' | 'id'> & { id: I },
): CheckDefinition & { id: I; scope: 'platform' } => ({
  ...d,
  scope: 'platform',
});
const service = <I extends string>(
  d: Omit<CheckDefinition, 'scope' | 'id'> & { id: I },
): CheckDefinition & { id: I; scope: 'service' } => ({
  ...d,
  scope: 'service',
});

/**
 * The check catalog. The ids are a public contract: they appear in annotations (exemptions,
 * overrides), URLs and stored history, so never rename one.
 */
export const CHECKS = [
  platform({
    id: 'PLAT-NODES',
    title: 'Cluster nodes',
    description:
      'Ready nodes in each cluster; one node is a single point of failure.',
    layer: 'infrastructure',
    phase: 'P1',
    severity: 'critical',
    sources: ['kubernetes'],
    criteria: {
      pass: 'at least 2 Ready nodes',
      warn: 'a single Ready node',
      fail: 'no Ready node',
    },
    remediation:
      'Add worker nodes so that losing one node does not take services down.',
  }),
  platform({
    id: 'PLAT-PODS',
    title: 'Pod health',
    description:
      'Share of healthy pods across the cluster, and crash loops in platform namespaces.',
    layer: 'infrastructure',
    phase: 'P1',
    severity: 'critical',
    sources: ['kubernetes'],
    criteria: {
      pass: '99% or more of pods healthy',
      warn: '95–99% healthy',
      fail: 'under 95% healthy, or CrashLoopBackOff / ImagePullBackOff in a platform namespace',
    },
    remediation:
      'Fix the failing pods listed in the evidence (kubectl describe pod / logs).',
    thresholds: ['podHealthyPass', 'podHealthyWarn'],
  }),
  platform({
    id: 'PLAT-VAULT',
    title: 'Vault',
    description:
      'Vault health (sys/health): initialised, unsealed, active or standby.',
    layer: 'security',
    phase: 'P1',
    severity: 'critical',
    sources: ['vault'],
    criteria: {
      pass: 'active (200), standby (429) or performance standby (473)',
      warn: 'DR secondary (472) or standby out of sync (474)',
      fail: 'not initialised (501), sealed (503) or unreachable',
    },
    remediation:
      'Initialise and unseal Vault (vault operator unseal), or restore its reachability.',
  }),
  platform({
    id: 'PLAT-ISSUER',
    title: 'Certificate issuers',
    description:
      'cert-manager ClusterIssuers and whether a production ACME issuer is Ready.',
    layer: 'security',
    phase: 'P2',
    severity: 'critical',
    sources: ['kubernetes'],
    criteria: {
      pass: 'an ACME issuer with a production directory URL is Ready (whatever config names it)',
      warn: 'only staging or self-signed issuers are Ready',
      fail: 'no issuer is Ready',
    },
    remediation:
      "Create a ClusterIssuer for Let's Encrypt production and check its ACME account.",
  }),
  platform({
    id: 'PLAT-INGRESS',
    title: 'Ingress controller',
    description: 'Availability of the ingress controller workload.',
    layer: 'infrastructure',
    phase: 'P1',
    severity: 'critical',
    sources: ['kubernetes'],
    criteria: {
      pass: 'available',
      warn: 'degraded',
      fail: 'down or not found',
    },
    remediation:
      'Restore the ingress controller deployment (replicas, pod errors).',
  }),
  platform({
    id: 'PLAT-REGISTRY',
    title: 'Container registry',
    description:
      'Availability of every component of the private registry (Harbor).',
    layer: 'infrastructure',
    phase: 'P1',
    severity: 'high',
    sources: ['kubernetes'],
    criteria: {
      pass: 'all components available',
      warn: 'some components degraded',
      fail: 'down or not found',
    },
    remediation: 'Restore the registry components listed in the evidence.',
  }),
  platform({
    id: 'PLAT-MONITORING',
    title: 'Monitoring stack',
    description:
      'Prometheus, Alertmanager, Grafana and Loki workloads, and Prometheus readiness.',
    layer: 'operations',
    phase: 'P4',
    severity: 'high',
    sources: ['kubernetes'],
    criteria: {
      pass: 'all up',
      warn: 'some components down',
      fail: 'Prometheus down',
    },
    remediation: 'Restore the monitoring components listed in the evidence.',
  }),
  platform({
    id: 'PLAT-BACKUP',
    title: 'Backup system',
    description: 'Velero installed with at least one enabled Schedule.',
    layer: 'operations',
    phase: 'P5',
    severity: 'high',
    sources: ['kubernetes'],
    criteria: {
      pass: 'Velero installed with an enabled Schedule',
      warn: 'Velero installed without an enabled Schedule',
      fail: 'Velero not installed',
    },
    remediation:
      'Install Velero with a backup storage location and create Schedules.',
  }),

  service({
    id: 'INF-WORKLOAD',
    title: 'Workload available',
    description:
      'Deployments and StatefulSets: ready versus desired replicas, Available, endpoints.',
    layer: 'infrastructure',
    phase: 'P1',
    severity: 'critical',
    sources: ['kubernetes'],
    criteria: {
      pass: 'all replicas ready',
      warn: 'degraded or rolling out',
      fail: 'no replica ready, or no workload found',
    },
    remediation:
      'Check the workload events and pod errors; scale it up if it is at 0.',
  }),
  service({
    id: 'INF-POD-ERRORS',
    title: 'No pod errors',
    description:
      'Waiting and last-terminated reasons and restarts of the service pods.',
    layer: 'infrastructure',
    phase: 'P1',
    severity: 'critical',
    sources: ['kubernetes'],
    criteria: {
      pass: 'no errors',
      warn: 'restarts in the last 24 hours',
      fail: 'CrashLoopBackOff, ImagePullBackOff, ErrImagePull, CreateContainerConfigError or OOMKilled',
    },
    remediation:
      'Read the pod logs and events (kubectl logs --previous) and fix the cause.',
  }),
  service({
    id: 'INF-IMAGES',
    title: 'Trusted, pinned images',
    description:
      'Container images come from an allowed registry with a pinned tag or digest.',
    layer: 'infrastructure',
    phase: 'P1',
    severity: 'high',
    sources: ['kubernetes'],
    criteria: {
      pass: 'allowed registry and pinned tag or digest',
      warn: 'another registry',
      fail: ':latest or no tag',
    },
    remediation:
      'Mirror the image into the private registry and pin a version tag or digest.',
    thresholds: ['allowedRegistries'],
  }),
  service({
    id: 'INF-RESOURCES',
    title: 'Resource requests and limits',
    description:
      'CPU and memory requests and the memory limit of every container.',
    layer: 'infrastructure',
    phase: 'P1',
    severity: 'medium',
    sources: ['kubernetes'],
    criteria: {
      pass: 'cpu and memory requests and a memory limit on every container (a cpu limit and ephemeral storage are evidence only)',
      warn: 'one of the cpu or memory requests missing',
      fail: 'no requests at all, or no memory limit',
    },
    remediation:
      'Set resources.requests.cpu, resources.requests.memory and resources.limits.memory.',
  }),
  service({
    id: 'INF-PROBES',
    title: 'Health probes',
    description: 'Readiness and liveness probes, and that they differ.',
    layer: 'infrastructure',
    phase: 'P1',
    severity: 'high',
    sources: ['kubernetes'],
    criteria: {
      pass: 'readiness and liveness probes, not identical',
      warn: 'readiness only, or both identical',
      fail: 'no readiness probe',
    },
    remediation:
      'Add a readinessProbe and a distinct, more tolerant livenessProbe.',
  }),
  service({
    id: 'HA-REPLICAS',
    title: 'Replicas',
    description: 'Replica count (or HPA minimum) against the required minimum.',
    layer: 'infrastructure',
    phase: 'P3',
    severity: 'high',
    sources: ['kubernetes'],
    criteria: {
      pass: 'at least the required minimum (default 2)',
      warn: 'HPA pinned at its maximum',
      fail: 'a single replica',
    },
    remediation: 'Run at least two replicas, or an HPA with minReplicas ≥ 2.',
    thresholds: ['minReplicas'],
  }),
  service({
    id: 'HA-SPREAD',
    title: 'Pods spread over nodes',
    description: 'Pod placement, topology spread constraints or anti-affinity.',
    layer: 'infrastructure',
    phase: 'P3',
    severity: 'medium',
    sources: ['kubernetes'],
    criteria: {
      pass: 'spread over 2 or more nodes with a rule',
      warn: 'a rule, but pods co-located',
      fail: 'all pods on one node and no rule',
    },
    remediation:
      'Add topologySpreadConstraints (or pod anti-affinity) on kubernetes.io/hostname, a zone or another failure-domain label.',
    dependsOn: ['PLAT-NODES'],
  }),
  service({
    id: 'HA-PDB',
    title: 'PodDisruptionBudget',
    description:
      "A PodDisruptionBudget (policy/v1 or v1beta1) whose minAvailable/maxUnavailable, against the workload's desired replicas, allows at least one disruption (live disruptionsAllowed is evidence only).",
    layer: 'infrastructure',
    phase: 'P3',
    severity: 'medium',
    sources: ['kubernetes'],
    criteria: {
      pass: 'exists and by configuration allows at least 1 disruption',
      warn: 'by configuration allows 0 disruptions',
      fail: 'none for a multi-replica workload',
    },
    remediation: 'Add a PodDisruptionBudget with maxUnavailable: 1.',
  }),
  service({
    id: 'SEC-CERT-READY',
    title: 'Certificate ready',
    description:
      'cert-manager Certificates of the service are Ready and cover every Ingress host.',
    layer: 'security',
    phase: 'P2',
    severity: 'critical',
    sources: ['kubernetes'],
    criteria: {
      pass: 'Ready and every host covered',
      warn: 'issuing for over an hour or failed attempts',
      fail: 'not Ready, missing, or an Ingress host without TLS',
    },
    remediation:
      'Create a Certificate for every Ingress host and check its CertificateRequest events.',
    dependsOn: ['PLAT-ISSUER'],
    thresholds: ['certIssuingWarnMinutes'],
  }),
  service({
    id: 'SEC-CERT-EXPIRY',
    title: 'Certificate expiry',
    description: 'Days until notAfter and whether renewal is scheduled.',
    layer: 'security',
    phase: 'P2',
    severity: 'critical',
    sources: ['kubernetes'],
    criteria: {
      pass: 'over 20 days left and renewal scheduled in the future',
      warn: '7–20 days left, or renewal overdue',
      fail: 'under 7 days left, or expired',
    },
    remediation:
      'Check why cert-manager does not renew (issuer, ACME challenge, rate limits).',
    thresholds: ['certWarnDays', 'certFailDays'],
  }),
  service({
    id: 'SEC-CERT-ISSUER',
    title: 'Production issuer',
    description: "The Certificate's issuerRef names a Ready production issuer.",
    layer: 'security',
    phase: 'P2',
    severity: 'high',
    sources: ['kubernetes'],
    criteria: {
      pass: 'production issuer (production ACME directory, or a CA issuer listed in productionIssuers), Ready',
      warn: 'staging or self-signed outside production',
      fail: 'staging or self-signed in production, or issuer not Ready',
    },
    remediation: 'Point spec.issuerRef at the production ClusterIssuer.',
    thresholds: ['productionIssuers'],
  }),
  service({
    id: 'SEC-TLS-LIVE',
    title: 'Live TLS',
    description: 'A real TLS handshake to each public host of the service.',
    layer: 'security',
    phase: 'P2',
    severity: 'high',
    sources: ['tls', 'kubernetes'],
    criteria: {
      pass: 'verifies, over 20 days left, matches the Certificate',
      warn: 'served certificate differs from the Certificate (stale secret)',
      fail: 'handshake or verification fails, or under 7 days left',
    },
    remediation:
      'Check the Ingress TLS secret and that the ingress controller serves the renewed certificate.',
    thresholds: ['certWarnDays', 'certFailDays'],
  }),
  service({
    id: 'SEC-VAULT-ROLE',
    title: 'Vault Kubernetes role',
    description:
      'The Vault Kubernetes auth role is bound to exactly the service account and namespace.',
    layer: 'security',
    phase: 'P2',
    severity: 'critical',
    sources: ['vault', 'kubernetes'],
    criteria: {
      pass: 'bound to exactly the service account and namespace, ttl ≤ 1 h',
      warn: 'audience unset or long ttl',
      fail: 'missing, wildcard bindings, or bound to default',
    },
    remediation:
      'Create auth/kubernetes/role/<service> bound to the service account and namespace.',
    dependsOn: ['PLAT-VAULT'],
    thresholds: ['vaultMaxTtlSeconds'],
  }),
  service({
    id: 'SEC-VAULT-POLICY',
    title: 'Vault policy least privilege',
    description:
      "The role's token policies grant only read/list on the service's own path.",
    layer: 'security',
    phase: 'P2',
    severity: 'high',
    sources: ['vault'],
    criteria: {
      pass: "read/list on the service's own KV path only (plus paths config allows for it)",
      warn: 'write on its own path',
      fail: '*, sys/*, auth/*, sudo, or any path outside its own KV path that readiness.thresholds.vaultAllowedPaths does not allow',
    },
    remediation:
      "Limit the policy to read and list on the service's own KV path.",
    dependsOn: ['PLAT-VAULT'],
    thresholds: ['vaultAllowedPaths'],
  }),
  service({
    id: 'SEC-SECRETS-IN-VAULT',
    title: 'Secrets in Vault',
    description:
      'Secrets live in Vault (KV metadata) and pods consume them from Vault.',
    layer: 'security',
    phase: 'P2',
    severity: 'critical',
    sources: ['vault', 'kubernetes'],
    criteria: {
      pass: 'secrets in Vault and consumed from it',
      warn: 'in Vault but pods still mount plain Secrets',
      fail: 'not in Vault',
    },
    remediation:
      'Move the secrets into Vault KV and inject them (vault.hashicorp.com/agent-inject).',
    dependsOn: ['PLAT-VAULT'],
  }),
  service({
    id: 'SEC-NO-PLAINTEXT',
    title: 'No plaintext secrets',
    description:
      'ConfigMaps and container env literals hold no credentials (keys reported, never values).',
    layer: 'security',
    phase: 'P2',
    severity: 'critical',
    sources: ['kubernetes'],
    criteria: {
      pass: 'nothing secret-like',
      warn: 'secret-like names with harmless values',
      fail: 'credential-named literals or PEM private keys',
    },
    remediation:
      'Move the listed keys into Vault and rotate the exposed credentials.',
  }),
  service({
    id: 'SEC-NETPOL-DEFAULT-DENY',
    title: 'Default-deny NetworkPolicy',
    description:
      'The namespace has a default-deny NetworkPolicy for Ingress and Egress.',
    layer: 'security',
    phase: 'P2',
    severity: 'critical',
    sources: ['kubernetes'],
    criteria: {
      pass: 'podSelector {} denying Ingress and Egress',
      warn: 'Ingress only',
      fail: 'none',
    },
    remediation:
      'Add a NetworkPolicy with podSelector: {} and policyTypes [Ingress, Egress].',
  }),
  service({
    id: 'SEC-NETPOL-SERVICE',
    title: 'Service NetworkPolicy',
    description:
      "NetworkPolicies selecting the service's pods restrict ingress and egress.",
    layer: 'security',
    phase: 'P2',
    severity: 'high',
    sources: ['kubernetes'],
    criteria: {
      pass: 'ingress only from named namespaces/pods, egress restricted',
      warn: 'an allow-all rule or open egress',
      fail: 'no policy selects the pods',
    },
    remediation:
      'Add a NetworkPolicy for the service allowing only its real peers.',
  }),
  service({
    id: 'SEC-SERVICE-ACCOUNT',
    title: 'Dedicated service account',
    description:
      'Pods run as a dedicated service account; the token is mounted only when needed.',
    layer: 'security',
    phase: 'P2',
    severity: 'high',
    sources: ['kubernetes'],
    criteria: {
      pass: 'dedicated account, token mounted only for Vault Kubernetes auth',
      warn: 'dedicated, token mounted without need',
      fail: 'the default account',
    },
    remediation:
      'Create a ServiceAccount for the service and set serviceAccountName.',
  }),
  service({
    id: 'SEC-RBAC',
    title: 'Least-privilege RBAC',
    description: 'Roles bound to the service account, resolved to their rules.',
    layer: 'security',
    phase: 'P2',
    severity: 'critical',
    sources: ['kubernetes'],
    criteria: {
      pass: 'namespaced roles with explicit verbs and resources',
      warn: 'any cluster-wide binding, read (get/list/watch) on secrets, or create on pods or workload kinds',
      fail: 'cluster-admin, wildcards, pods/exec or pods/attach, create/update/patch/delete on secrets, impersonate, escalate, bind, create on serviceaccounts/token',
    },
    remediation:
      'Replace the listed bindings with a namespaced Role naming only the verbs needed.',
  }),
  service({
    id: 'SEC-POD-SECURITY',
    title: 'Pod security',
    description:
      'Pod and container securityContext against the Pod Security Standards.',
    layer: 'security',
    phase: 'P2',
    severity: 'high',
    sources: ['kubernetes'],
    criteria: {
      pass: 'meets restricted',
      warn: 'meets baseline only',
      fail: 'privileged, host namespaces, hostPath, or runs as root (neither pod nor container sets runAsNonRoot: true or a non-zero runAsUser)',
    },
    remediation:
      'Set runAsNonRoot, drop ALL capabilities, seccompProfile RuntimeDefault, no privilege escalation.',
  }),
  service({
    id: 'OPS-METRICS',
    title: 'Metrics scraped',
    description:
      'A ServiceMonitor/PodMonitor or scrape annotations, and Prometheus `up`.',
    layer: 'operations',
    phase: 'P4',
    severity: 'high',
    sources: ['kubernetes', 'prometheus'],
    criteria: {
      pass: 'scraped and all targets up',
      warn: 'some targets down',
      fail: 'not scraped',
    },
    remediation: 'Add a ServiceMonitor for the service metrics port.',
    dependsOn: ['PLAT-MONITORING'],
  }),
  service({
    id: 'OPS-ALERTS',
    title: 'Alerts',
    description:
      'PrometheusRules naming the service; each alert judged by what its expression measures (up, available replicas, probe success, error ratio → availability; latency quantiles or durations → latency), not by its words.',
    layer: 'operations',
    phase: 'P4',
    severity: 'medium',
    sources: ['kubernetes'],
    criteria: {
      pass: 'availability and latency alerts',
      warn: 'alerts, but no availability or no latency alert',
      fail: 'none',
    },
    remediation:
      'Add a PrometheusRule with availability and latency alerts for the service.',
    dependsOn: ['PLAT-MONITORING'],
  }),
  service({
    id: 'OPS-SLO-AVAILABILITY',
    title: 'Availability SLO',
    description: 'Ingress success ratio over 30 days (PromQL from config).',
    layer: 'operations',
    phase: 'P4',
    severity: 'high',
    sources: ['prometheus'],
    criteria: { pass: '≥ 99.9%', warn: '99.5–99.9%', fail: '< 99.5%' },
    remediation:
      'Investigate the error budget burn (5xx by route) and fix the top causes.',
    dependsOn: ['PLAT-MONITORING'],
    thresholds: ['sloAvailabilityPass', 'sloAvailabilityWarn'],
  }),
  service({
    id: 'OPS-SLO-LATENCY',
    title: 'Latency SLO',
    description: 'Ingress p95 latency over 7 days (PromQL from config).',
    layer: 'operations',
    phase: 'P4',
    severity: 'medium',
    sources: ['prometheus'],
    criteria: { pass: '< 100 ms', warn: '100–250 ms', fail: '> 250 ms' },
    remediation: 'Profile the slowest routes and add capacity or caching.',
    dependsOn: ['PLAT-MONITORING'],
    thresholds: ['sloLatencyPassMs', 'sloLatencyWarnMs'],
  }),
  service({
    id: 'DR-BACKUP-SCHEDULE',
    title: 'Backup schedule',
    description:
      "Velero Schedules covering the service's namespace, within the RPO.",
    layer: 'operations',
    phase: 'P5',
    severity: 'high',
    sources: ['kubernetes'],
    criteria: {
      pass: 'enabled and interval ≤ RPO (default 1 h)',
      warn: 'interval longer than the RPO',
      fail: 'none, paused or invalid',
    },
    remediation:
      'Create a Velero Schedule including the namespace, at most every RPO.',
    dependsOn: ['PLAT-BACKUP'],
    thresholds: ['rpoHours'],
  }),
  service({
    id: 'DR-BACKUP-FRESH',
    title: 'Recent backup',
    description:
      'The latest Backup of a Schedule covering the namespace (velero.io/schedule-name; ad-hoc backups do not count): phase, completion time and errors.',
    layer: 'operations',
    phase: 'P5',
    severity: 'high',
    sources: ['kubernetes'],
    criteria: {
      pass: 'Completed within the RPO',
      warn: 'PartiallyFailed, or 1–2× RPO old',
      fail: 'Failed, none, or older than 2× RPO',
    },
    remediation: 'Check the Velero backup logs (velero backup logs <name>).',
    dependsOn: ['PLAT-BACKUP'],
    thresholds: ['rpoHours'],
  }),
  service({
    id: 'DR-RESTORE-DRILL',
    title: 'Restore drill',
    description:
      'A Completed Velero Restore from those backups in the last 90 days, within the RTO (PartiallyFailed or Failed is not a completed drill).',
    layer: 'operations',
    phase: 'P5',
    severity: 'medium',
    sources: ['kubernetes'],
    criteria: {
      pass: 'completed in the last 90 days within the RTO (default 1 h)',
      warn: 'older or slower',
      fail: 'never',
    },
    remediation:
      'Run a restore drill into a scratch namespace and record its duration.',
    dependsOn: ['PLAT-BACKUP'],
    thresholds: ['rtoHours', 'restoreDrillMaxAgeDays'],
  }),
] as const satisfies readonly CheckDefinition[];

/** The ids of the built-in platform and service checks, as types. */
export type BuiltInPlatformCheckId = Extract<
  (typeof CHECKS)[number],
  { scope: 'platform' }
>['id'];
export type BuiltInServiceCheckId = Extract<
  (typeof CHECKS)[number],
  { scope: 'service' }
>['id'];

const byId = new Map<string, CheckDefinition>(CHECKS.map(c => [c.id, c]));

/**
 * Checks added by backend modules (through the readiness checks extension point), and on the
 * frontend the same definitions as GET /checks serves them: scoring, filters and the UI then
 * treat them exactly like the built-in ones.
 */
const added = new Map<string, CheckDefinition>();

const CHECK_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

/** Whether an id belongs to the built-in catalog. */
export function isBuiltInCheck(id: string): boolean {
  return byId.has(id);
}

/**
 * Registers check definitions besides the built-in catalog. Throws on an id that is malformed or
 * a built-in's; registering an id again replaces it (a second fetch of /checks).
 */
export function registerCheckDefinitions(
  definitions: readonly CheckDefinition[],
): void {
  for (const def of definitions) {
    if (!CHECK_ID.test(def.id)) {
      throw new Error(
        `check id "${def.id}" must be upper-case words joined by "-", e.g. ORG-COST-LABELS`,
      );
    }
    if (byId.has(def.id)) {
      throw new Error(
        `check id "${def.id}" is a built-in check; choose another id`,
      );
    }
    added.set(def.id, def);
  }
}

/** The built-in catalog followed by every registered check. */
export function allChecks(): CheckDefinition[] {
  return [...CHECKS, ...added.values()];
}

/** Looks up a check definition (built-in or registered); undefined for an unknown id. */
export function getCheck(id: string): CheckDefinition | undefined {
  return byId.get(id) ?? added.get(id);
}

// Typed by their aliases: an inferred union of literals is printed in the order the compiler
// met the literals, which other code changes, so the API report would flip between checkouts.
export const PLATFORM_CHECK_IDS: BuiltInPlatformCheckId[] = CHECKS.filter(
  (c): c is Extract<(typeof CHECKS)[number], { scope: 'platform' }> => c.scope === 'platform',
).map(c => c.id);
export const SERVICE_CHECK_IDS: BuiltInServiceCheckId[] = CHECKS.filter(
  (c): c is Extract<(typeof CHECKS)[number], { scope: 'service' }> => c.scope === 'service',
).map(c => c.id);

/** The docs page of each check family, by id prefix. */
const DOC_FAMILIES: Record<string, string> = {
  PLAT: 'platform',
  INF: 'infrastructure',
  HA: 'infrastructure',
  SEC: 'security',
  OPS: 'operations',
  DR: 'operations',
};

/**
 * Where a check's rule, evidence and fix are documented, relative to the repository root: its
 * family page with the lower-cased id as anchor (`docs/checks/security.md#sec-rbac`). Checks
 * added by modules have no page here: the catalog overview is returned.
 */
export function checkDocPath(checkId: string): string {
  const family = DOC_FAMILIES[checkId.split('-')[0]];
  return family
    ? `docs/checks/${family}.md#${checkId.toLowerCase()}`
    : 'docs/checks.md';
}
