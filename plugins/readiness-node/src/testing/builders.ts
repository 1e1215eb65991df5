/**
 * Builders of real-shaped Kubernetes objects for the engine's tests. Each returns a plain object
 * as the API server would (apiVersion, kind, metadata, spec, status) with sensible healthy
 * defaults; pass overrides, or mutate the result, to build the case under test.
 */
import type { CheckResult } from '@254carbon/plugin-readiness-common';
import type {
  KubeObject,
  PrometheusFacts,
  TlsFacts,
  VaultSnapshot,
} from '../facts';
import {
  createPlatformContext,
  createServiceContext,
  SweepIndex,
} from '../engine/context';
import {
  DEFAULT_PLATFORM,
  DEFAULT_THRESHOLDS,
  PlatformSettings,
  ServiceTarget,
} from '../engine/settings';
import type {
  PlatformContext,
  ServiceContext,
  SweepFacts,
} from '../engine/types';
import { snapshotFromObjects } from '../loader/snapshotFromObjects';

/** The fixed "now" of the tests. */
export const NOW = new Date('2026-11-26T12:00:00Z');
export const NS = 'data-platform';
export const ID_LABEL = 'backstage.io/kubernetes-id';

export const hoursAgo = (h: number, from: Date = NOW) =>
  new Date(from.getTime() - h * 3600_000).toISOString();
export const daysAgo = (d: number, from: Date = NOW) => hoursAgo(d * 24, from);

function meta(name: string, ns: string | undefined, extra: any = {}) {
  return {
    name,
    ...(ns ? { namespace: ns } : {}),
    uid: `uid-${ns ?? 'cluster'}-${name}`,
    creationTimestamp: daysAgo(30),
    ...extra,
  };
}

/** A container that passes every Infrastructure check. */
export function container(name = 'app', overrides: any = {}): any {
  return {
    name,
    image: `harbor.254carbon.com/data-platform/${name}:1.4.2`,
    ports: [{ name: 'http', containerPort: 8080 }],
    resources: {
      requests: { cpu: '250m', memory: '512Mi', 'ephemeral-storage': '1Gi' },
      limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '2Gi' },
    },
    readinessProbe: {
      httpGet: { path: '/ready', port: 'http' },
      periodSeconds: 5,
    },
    livenessProbe: {
      httpGet: { path: '/healthz', port: 'http' },
      periodSeconds: 10,
      failureThreshold: 6,
    },
    ...overrides,
  };
}

export interface WorkloadOptions {
  namespace?: string;
  /** The backstage.io/kubernetes-id label value; default the name. `null` for none. */
  id?: string | null;
  replicas?: number;
  readyReplicas?: number;
  labels?: Record<string, string>;
  podLabels?: Record<string, string>;
  podAnnotations?: Record<string, string>;
  containers?: any[];
  /** Merged into the pod template's spec. */
  podSpec?: any;
  /** Replaces the computed status. */
  status?: any;
}

function workloadLabels(name: string, opts: WorkloadOptions) {
  const id = opts.id === undefined ? name : opts.id;
  return {
    labels: { ...(id ? { [ID_LABEL]: id } : {}), ...opts.labels },
    podLabels: {
      app: name,
      ...(id ? { [ID_LABEL]: id } : {}),
      ...opts.podLabels,
    },
  };
}

function workload(
  kind: string,
  name: string,
  opts: WorkloadOptions,
): KubeObject {
  const ns = opts.namespace ?? NS;
  const replicas = opts.replicas ?? 2;
  const ready = opts.readyReplicas ?? replicas;
  const { labels, podLabels } = workloadLabels(name, opts);
  const status =
    opts.status ??
    (kind === 'Deployment'
      ? {
          observedGeneration: 1,
          replicas,
          readyReplicas: ready,
          availableReplicas: ready,
          updatedReplicas: replicas,
          conditions: [
            {
              type: 'Available',
              status: ready > 0 ? 'True' : 'False',
              reason: 'MinimumReplicasAvailable',
            },
            {
              type: 'Progressing',
              status: 'True',
              reason: 'NewReplicaSetAvailable',
            },
          ],
        }
      : {
          observedGeneration: 1,
          replicas,
          readyReplicas: ready,
          currentReplicas: replicas,
          updatedReplicas: replicas,
        });
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: meta(name, ns, { labels, generation: 1 }),
    spec: {
      replicas,
      selector: { matchLabels: { app: podLabels.app } },
      ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
      template: {
        metadata: {
          labels: podLabels,
          ...(opts.podAnnotations ? { annotations: opts.podAnnotations } : {}),
        },
        spec: {
          containers: opts.containers ?? [container(name)],
          ...opts.podSpec,
        },
      },
    },
    status,
  };
}

export const deployment = (name: string, opts: WorkloadOptions = {}) =>
  workload('Deployment', name, opts);
export const statefulSet = (name: string, opts: WorkloadOptions = {}) =>
  workload('StatefulSet', name, opts);

export function daemonSet(
  name: string,
  opts: WorkloadOptions & { desired?: number; ready?: number } = {},
): KubeObject {
  const obj = workload('DaemonSet', name, opts);
  delete obj.spec.replicas;
  const desired = opts.desired ?? 3;
  obj.status = opts.status ?? {
    desiredNumberScheduled: desired,
    currentNumberScheduled: desired,
    numberReady: opts.ready ?? desired,
    numberAvailable: opts.ready ?? desired,
  };
  return obj;
}

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  nodeName?: string;
  phase?: string;
  ready?: boolean;
  containers?: any[];
  /** Replaces the default containerStatuses. */
  containerStatuses?: any[];
  initContainerStatuses?: any[];
  spec?: any;
}

/** A Running, Ready pod with one container. */
export function pod(name: string, opts: PodOptions = {}): KubeObject {
  const containers = opts.containers ?? [container('app')];
  const ready = opts.ready ?? true;
  const phase = opts.phase ?? 'Running';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, opts.namespace ?? NS, {
      labels: opts.labels ?? {},
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
    }),
    spec: {
      containers,
      ...(opts.nodeName !== undefined || phase !== 'Pending'
        ? { nodeName: opts.nodeName ?? 'node-1' }
        : {}),
      ...opts.spec,
    },
    status: {
      phase,
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses:
        opts.containerStatuses ??
        containers.map((c: any) => ({
          name: c.name,
          image: c.image,
          ready,
          restartCount: 0,
          started: true,
          state: ready
            ? { running: { startedAt: daysAgo(3) } }
            : { waiting: { reason: 'ContainerCreating' } },
        })),
      ...(opts.initContainerStatuses
        ? { initContainerStatuses: opts.initContainerStatuses }
        : {}),
    },
  };
}

/** Pods of a workload, labelled from its template, placed on the given nodes in turn. */
export function podsFor(
  owner: KubeObject,
  nodes: string[] = ['node-1', 'node-2'],
  count?: number,
  opts: PodOptions = {},
): KubeObject[] {
  const n = count ?? owner.spec?.replicas ?? 1;
  const labels = owner.spec.template.metadata.labels;
  return Array.from({ length: n }, (_, i) =>
    pod(`${owner.metadata.name}-${i}`, {
      namespace: owner.metadata.namespace,
      labels,
      annotations: owner.spec.template.metadata.annotations,
      containers: owner.spec.template.spec.containers,
      nodeName: nodes[i % nodes.length],
      ...opts,
    }),
  );
}

/** A container status in a waiting state, e.g. waiting('CrashLoopBackOff', 12). */
export function waiting(reason: string, restartCount = 0, name = 'app'): any {
  return {
    name,
    ready: false,
    restartCount,
    state: { waiting: { reason, message: `${reason} for test` } },
  };
}

/** A running container status that restarted, last terminated `finishedAt` with `reason`. */
export function restarted(
  reason: string,
  finishedAt: string,
  restartCount = 1,
  name = 'app',
): any {
  return {
    name,
    ready: true,
    restartCount,
    state: { running: { startedAt: finishedAt } },
    lastState: {
      terminated: {
        reason,
        exitCode: reason === 'OOMKilled' ? 137 : 1,
        finishedAt,
      },
    },
  };
}

export function node(
  name: string,
  ready = true,
  extra: { unschedulable?: boolean } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(name, undefined, {
      labels: { 'kubernetes.io/hostname': name },
    }),
    spec: extra.unschedulable ? { unschedulable: true } : {},
    status: {
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          reason: ready ? 'KubeletReady' : 'KubeletNotReady',
        },
      ],
    },
  };
}

export function namespace(
  name: string,
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(name, undefined, { labels }),
  };
}

export function service(
  name: string,
  opts: {
    namespace?: string;
    id?: string | null;
    selector?: Record<string, string>;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  } = {},
): KubeObject {
  const id = opts.id === undefined ? name : opts.id;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, opts.namespace ?? NS, {
      labels: { ...(id ? { [ID_LABEL]: id } : {}), app: name, ...opts.labels },
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
    }),
    spec: {
      type: 'ClusterIP',
      selector: opts.selector ?? { app: name },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  };
}

export function endpoints(
  name: string,
  opts: {
    namespace?: string;
    ready?: number;
    notReady?: number;
    labels?: Record<string, string>;
  } = {},
): KubeObject {
  const addr = (i: number) => ({ ip: `10.42.0.${i + 10}` });
  const ready = opts.ready ?? 2;
  const notReady = opts.notReady ?? 0;
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta(name, opts.namespace ?? NS, { labels: opts.labels ?? {} }),
    subsets:
      ready + notReady === 0
        ? []
        : [
            {
              ...(ready
                ? {
                    addresses: Array.from({ length: ready }, (_, i) => addr(i)),
                  }
                : {}),
              ...(notReady
                ? {
                    notReadyAddresses: Array.from(
                      { length: notReady },
                      (_, i) => addr(i + 50),
                    ),
                  }
                : {}),
              ports: [{ name: 'http', port: 8080 }],
            },
          ],
  };
}

export function ingress(
  name: string,
  opts: {
    namespace?: string;
    id?: string | null;
    hosts?: string[];
    tlsSecret?: string | null;
    className?: string;
  } = {},
): KubeObject {
  const id = opts.id === undefined ? name : opts.id;
  const hosts = opts.hosts ?? [`${name}.254carbon.com`];
  const tlsSecret =
    opts.tlsSecret === undefined ? `${name}-tls` : opts.tlsSecret;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(name, opts.namespace ?? NS, {
      labels: id ? { [ID_LABEL]: id } : {},
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
    }),
    spec: {
      ingressClassName: opts.className ?? 'nginx',
      ...(tlsSecret ? { tls: [{ hosts, secretName: tlsSecret }] } : {}),
      rules: hosts.map(host => ({
        host,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name, port: { name: 'http' } } },
            },
          ],
        },
      })),
    },
  };
}

export function certificate(
  name: string,
  opts: {
    namespace?: string;
    id?: string | null;
    secretName?: string;
    dnsNames?: string[];
    ready?: boolean;
    notAfter?: string;
    renewalTime?: string;
    /** Defaults to the ClusterIssuer letsencrypt-prod; `group` for external issuers. */
    issuer?: { name: string; kind?: string; group?: string };
    status?: any;
  } = {},
): KubeObject {
  const id = opts.id === undefined ? name.replace(/-tls$/, '') : opts.id;
  const ready = opts.ready ?? true;
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: meta(name, opts.namespace ?? NS, {
      labels: id ? { [ID_LABEL]: id } : {},
    }),
    spec: {
      secretName: opts.secretName ?? name,
      dnsNames: opts.dnsNames ?? [`${id ?? name}.254carbon.com`],
      issuerRef: {
        name: opts.issuer?.name ?? 'letsencrypt-prod',
        kind: opts.issuer?.kind ?? 'ClusterIssuer',
        group: opts.issuer?.group ?? 'cert-manager.io',
      },
    },
    status: opts.status ?? {
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          reason: ready ? 'Ready' : 'DoesNotExist',
          message: ready
            ? 'Certificate is up to date and has not expired'
            : 'Issuing certificate as Secret does not exist',
        },
      ],
      notBefore: daysAgo(30),
      notAfter: opts.notAfter ?? daysAgo(-60),
      renewalTime: opts.renewalTime ?? daysAgo(-30),
    },
  };
}

export function clusterIssuer(
  name: string,
  opts: {
    ready?: boolean;
    acmeServer?: string;
    selfSigned?: boolean;
    ca?: boolean;
  } = {},
): KubeObject {
  const ready = opts.ready ?? true;
  let spec: any;
  if (opts.selfSigned) spec = { selfSigned: {} };
  else if (opts.ca) spec = { ca: { secretName: `${name}-ca` } };
  else {
    spec = {
      acme: {
        server:
          opts.acmeServer ?? 'https://acme-v02.api.letsencrypt.org/directory',
        email: 'ops@254carbon.com',
        privateKeySecretRef: { name: `${name}-account-key` },
        solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
      },
    };
  }
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: meta(name, undefined),
    spec,
    status: {
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          reason: ready ? 'ACMEAccountRegistered' : 'ErrRegisterACMEAccount',
          message: ready
            ? 'The ACME account was registered'
            : 'Failed to register ACME account',
        },
      ],
      ...(spec.acme
        ? { acme: { uri: 'https://acme-v02.api.letsencrypt.org/acme/acct/1' } }
        : {}),
    },
  };
}

export function pdb(
  name: string,
  opts: {
    namespace?: string;
    matchLabels?: Record<string, string>;
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    disruptionsAllowed?: number;
    apiVersion?: 'policy/v1' | 'policy/v1beta1';
    selector?: any;
  } = {},
): KubeObject {
  const spec: any = {
    selector: opts.selector ?? {
      matchLabels: opts.matchLabels ?? { app: name },
    },
  };
  if (opts.minAvailable !== undefined) spec.minAvailable = opts.minAvailable;
  if (opts.maxUnavailable !== undefined)
    spec.maxUnavailable = opts.maxUnavailable;
  if (spec.minAvailable === undefined && spec.maxUnavailable === undefined)
    spec.maxUnavailable = 1;
  return {
    apiVersion: opts.apiVersion ?? 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(name, opts.namespace ?? NS),
    spec,
    ...(opts.disruptionsAllowed !== undefined
      ? {
          status: {
            disruptionsAllowed: opts.disruptionsAllowed,
            currentHealthy: 2,
            desiredHealthy: 1,
            expectedPods: 2,
          },
        }
      : {}),
  };
}

export function hpa(
  name: string,
  opts: {
    namespace?: string;
    target?: { kind: string; name: string };
    min?: number;
    max?: number;
    current?: number;
    apiVersion?: string;
  } = {},
): KubeObject {
  return {
    apiVersion: opts.apiVersion ?? 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta(name, opts.namespace ?? NS),
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: opts.target?.kind ?? 'Deployment',
        name: opts.target?.name ?? name,
      },
      minReplicas: opts.min ?? 2,
      maxReplicas: opts.max ?? 5,
    },
    status: {
      currentReplicas: opts.current ?? opts.min ?? 2,
      desiredReplicas: opts.current ?? opts.min ?? 2,
    },
  };
}

export function schedule(
  name: string,
  opts: {
    cron?: string;
    includedNamespaces?: string[];
    excludedNamespaces?: string[];
    paused?: boolean;
    phase?: string;
    namespace?: string;
    labelSelector?: any;
    validationErrors?: string[];
  } = {},
): KubeObject {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: meta(name, opts.namespace ?? 'velero'),
    spec: {
      schedule: opts.cron ?? '0 * * * *',
      ...(opts.paused !== undefined ? { paused: opts.paused } : {}),
      template: {
        includedNamespaces: opts.includedNamespaces ?? [NS],
        ...(opts.excludedNamespaces
          ? { excludedNamespaces: opts.excludedNamespaces }
          : {}),
        ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}),
        ttl: '720h0m0s',
        storageLocation: 'default',
      },
    },
    status: {
      phase: opts.phase ?? 'Enabled',
      lastBackup: hoursAgo(0.5),
      ...(opts.validationErrors
        ? { validationErrors: opts.validationErrors }
        : {}),
    },
  };
}

export function backup(
  name: string,
  opts: {
    schedule?: string;
    phase?: string;
    /** Hours before NOW when the backup completed. */
    completedHoursAgo?: number;
    durationMinutes?: number;
    errors?: number;
    includedNamespaces?: string[];
    namespace?: string;
  } = {},
): KubeObject {
  const completedAgo = opts.completedHoursAgo ?? 0.5;
  const duration = (opts.durationMinutes ?? 5) / 60;
  const phase = opts.phase ?? 'Completed';
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: meta(name, opts.namespace ?? 'velero', {
      labels: opts.schedule ? { 'velero.io/schedule-name': opts.schedule } : {},
      creationTimestamp: hoursAgo(completedAgo + duration),
    }),
    spec: {
      includedNamespaces: opts.includedNamespaces ?? [NS],
      ttl: '720h0m0s',
      storageLocation: 'default',
    },
    status: {
      phase,
      startTimestamp: hoursAgo(completedAgo + duration),
      ...(phase === 'InProgress'
        ? {}
        : { completionTimestamp: hoursAgo(completedAgo) }),
      ...(opts.errors ? { errors: opts.errors } : {}),
      expiration: daysAgo(-29),
    },
  };
}

export function restore(
  name: string,
  opts: {
    backupName?: string;
    scheduleName?: string;
    phase?: string;
    completedDaysAgo?: number;
    durationMinutes?: number;
    includedNamespaces?: string[];
    namespaceMapping?: Record<string, string>;
    namespace?: string;
  } = {},
): KubeObject {
  const completedAgoH = (opts.completedDaysAgo ?? 10) * 24;
  const duration = (opts.durationMinutes ?? 20) / 60;
  const phase = opts.phase ?? 'Completed';
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    metadata: meta(name, opts.namespace ?? 'velero', {
      creationTimestamp: hoursAgo(completedAgoH + duration),
    }),
    spec: {
      ...(opts.backupName ? { backupName: opts.backupName } : {}),
      ...(opts.scheduleName ? { scheduleName: opts.scheduleName } : {}),
      ...(opts.includedNamespaces
        ? { includedNamespaces: opts.includedNamespaces }
        : {}),
      ...(opts.namespaceMapping
        ? { namespaceMapping: opts.namespaceMapping }
        : {}),
    },
    status: {
      phase,
      startTimestamp: hoursAgo(completedAgoH + duration),
      ...(phase === 'InProgress'
        ? {}
        : { completionTimestamp: hoursAgo(completedAgoH) }),
    },
  };
}

function namespaceSelector(namespaces: string[] | 'any' | undefined) {
  if (namespaces === 'any') return { namespaceSelector: { any: true } };
  return namespaces ? { namespaceSelector: { matchNames: namespaces } } : {};
}

export function serviceMonitor(
  name: string,
  opts: {
    namespace?: string;
    matchLabels?: Record<string, string>;
    namespaces?: string[] | 'any';
    labels?: Record<string, string>;
  } = {},
): KubeObject {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: meta(name, opts.namespace ?? NS, { labels: opts.labels ?? {} }),
    spec: {
      selector: { matchLabels: opts.matchLabels ?? { app: name } },
      ...namespaceSelector(opts.namespaces),
      endpoints: [{ port: 'http', path: '/metrics', interval: '30s' }],
    },
  };
}

export function podMonitor(
  name: string,
  opts: {
    namespace?: string;
    matchLabels?: Record<string, string>;
    namespaces?: string[];
  } = {},
): KubeObject {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: meta(name, opts.namespace ?? NS),
    spec: {
      selector: { matchLabels: opts.matchLabels ?? { app: name } },
      ...(opts.namespaces
        ? { namespaceSelector: { matchNames: opts.namespaces } }
        : {}),
      podMetricsEndpoints: [{ port: 'http', path: '/metrics' }],
    },
  };
}

export function prometheusRule(
  name: string,
  opts: {
    namespace?: string;
    labels?: Record<string, string>;
    alerts?: { alert: string; expr: string; labels?: Record<string, string> }[];
    records?: { record: string; expr: string }[];
  } = {},
): KubeObject {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: meta(name, opts.namespace ?? NS, { labels: opts.labels ?? {} }),
    spec: {
      groups: [
        {
          name: `${name}.rules`,
          rules: [
            ...(opts.records ?? []),
            ...(opts.alerts ?? []).map(a => ({
              for: '5m',
              labels: { severity: 'critical' },
              ...a,
            })),
          ],
        },
      ],
    },
  };
}

export function configMap(
  name: string,
  data: Record<string, string>,
  opts: { namespace?: string; id?: string | null } = {},
): KubeObject {
  const id = opts.id === undefined ? name : opts.id;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(name, opts.namespace ?? NS, {
      labels: id ? { [ID_LABEL]: id } : {},
    }),
    data,
  };
}

export function serviceAccount(
  name: string,
  opts: { namespace?: string; automount?: boolean } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta(name, opts.namespace ?? NS),
    ...(opts.automount !== undefined
      ? { automountServiceAccountToken: opts.automount }
      : {}),
  };
}

export function networkPolicy(
  name: string,
  spec: any,
  opts: { namespace?: string } = {},
): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(name, opts.namespace ?? NS),
    spec,
  };
}

/** A CustomResourceDefinition object, e.g. crd('velero.io', 'schedules', 'Schedule'). */
export function crd(group: string, plural: string, kind: string): any {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: {
        kind,
        plural,
        listKind: `${kind}List`,
        singular: kind.toLowerCase(),
      },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true }],
    },
  };
}

/** Every CRD the engine reads (cert-manager, Velero, Prometheus operator, External Secrets). */
export const ALL_CRDS = [
  'certificates.cert-manager.io',
  'issuers.cert-manager.io',
  'clusterissuers.cert-manager.io',
  'schedules.velero.io',
  'backups.velero.io',
  'restores.velero.io',
  'servicemonitors.monitoring.coreos.com',
  'podmonitors.monitoring.coreos.com',
  'prometheusrules.monitoring.coreos.com',
  'externalsecrets.external-secrets.io',
  'secretstores.external-secrets.io',
  'clustersecretstores.external-secrets.io',
];

export interface FactsOptions {
  cluster?: string;
  /** CRDs installed; default all of them. Pass [] for a bare cluster. */
  installedCrds?: string[];
  vault?: VaultSnapshot;
  tls?: TlsFacts;
  prometheus?: PrometheusFacts;
}

/** One-cluster SweepFacts built from objects through the real loader. */
export function factsFrom(
  objects: unknown[],
  opts: FactsOptions = {},
): SweepFacts {
  return {
    clusters: [
      snapshotFromObjects(opts.cluster ?? 'prod', objects, {
        fetchedAt: NOW.toISOString(),
        installedCrds: opts.installedCrds ?? ALL_CRDS,
      }),
    ],
    vault: opts.vault,
    tls: opts.tls,
    prometheus: opts.prometheus,
  };
}

/** The defaults plus the fixtures' private registry (the engine itself knows no registry). */
export const TEST_THRESHOLDS = {
  ...DEFAULT_THRESHOLDS,
  allowedRegistries: ['harbor.254carbon.com'],
};

/** The target of a service labelled backstage.io/kubernetes-id=<id> in data-platform. */
export function serviceTarget(
  overrides: Partial<ServiceTarget> = {},
): ServiceTarget {
  const id = overrides.kubernetesId ?? 'doris';
  return {
    entityRef: `component:default/${id}`,
    kubernetesId: id,
    namespace: NS,
    thresholds: TEST_THRESHOLDS,
    exemptions: [],
    errors: [],
    ...overrides,
  };
}

/** A ServiceContext over the given facts (or objects), as the orchestrator builds it. */
export function serviceContext(
  factsOrObjects: SweepFacts | unknown[],
  opts: {
    target?: Partial<ServiceTarget>;
    now?: Date;
    platform?: PlatformSettings;
    platformResults?: ReadonlyMap<string, CheckResult>;
  } = {},
): ServiceContext {
  const facts = Array.isArray(factsOrObjects)
    ? factsFrom(factsOrObjects)
    : factsOrObjects;
  return createServiceContext({
    index: new SweepIndex(facts),
    target: serviceTarget(opts.target),
    platform: opts.platform ?? DEFAULT_PLATFORM,
    platformResults: opts.platformResults ?? new Map(),
    now: opts.now ?? NOW,
  });
}

/** A PlatformContext over the given facts (or objects). */
export function platformContext(
  factsOrObjects: SweepFacts | unknown[],
  opts: { now?: Date; platform?: PlatformSettings } = {},
): PlatformContext {
  const facts = Array.isArray(factsOrObjects)
    ? factsFrom(factsOrObjects)
    : factsOrObjects;
  return createPlatformContext({
    index: new SweepIndex(facts),
    platform: opts.platform ?? DEFAULT_PLATFORM,
    thresholds: DEFAULT_THRESHOLDS,
    now: opts.now ?? NOW,
  });
}

/** Replaces one kind of the first cluster by a failed read, e.g. a 403 on pods. */
export function withKindError(
  facts: SweepFacts,
  kind: keyof SweepFacts['clusters'][0]['kinds'],
  message = 'pods is forbidden: User "system:serviceaccount:backstage:readiness" cannot list resource (403)',
): SweepFacts {
  const [first, ...rest] = facts.clusters;
  return {
    ...facts,
    clusters: [
      {
        ...first,
        kinds: { ...first.kinds, [kind]: { state: 'error', message } },
      },
      ...rest,
    ],
  };
}
