import type {
  CheckResult,
  CheckStatus,
  SourceId,
} from '@254carbon/plugin-readiness-common';
import type {
  ClusterSnapshot,
  KindId,
  KubeObject,
  PrometheusFacts,
  PrometheusServiceFacts,
  Read,
  TlsFacts,
  VaultSnapshot,
} from '../facts';
import type { PlatformSettings, ServiceTarget, Thresholds } from './settings';

/**
 * Everything one sweep read. A source that is not configured is `undefined` (its checks are
 * `n/a`); a configured source that failed carries `error` Reads (its checks are `unknown`).
 */
export interface SweepFacts {
  clusters: ClusterSnapshot[];
  vault?: VaultSnapshot;
  tls?: TlsFacts;
  prometheus?: PrometheusFacts;
  /**
   * Facts from sources added by modules (readinessChecksExtensionPoint.addFactsSource), by source
   * id, each holding the facts of every entity by entity ref.
   */
  extra?: Record<string, Read<Record<string, unknown>>>;
}

/** What a single check function returns; the engine adds id, exemption and blockedBy. */
export interface CheckOutcome {
  status: CheckStatus;
  evidence: string[];
  /** Overrides the catalog's default remediation with a specific one. */
  remediation?: string;
  /** Required for `unknown`: the source that failed and its message. */
  error?: { source: SourceId; message: string };
  /** The earliest certificate expiry the check read (ISO), carried to CheckResult.expiresAt. */
  expiresAt?: string;
}

/**
 * A cache that lives for one cluster for one sweep. Checks use it to index a cluster-wide list
 * once (RoleBindings by subject, monitors by namespace, …) instead of scanning it per service.
 * The key names what is built; the same key must always build the same thing.
 */
export type SweepMemo = <T>(key: string, build: () => T) => T;

/**
 * The view of the facts that a service check gets: narrowed to the service and to ONE cluster.
 * Clusters are separate worlds: the engine evaluates a service once per cluster it runs in and
 * combines the outcomes (worst wins, evidence names the cluster).
 */
export interface ServiceContext {
  /** The cluster this context reads; undefined only when the sweep has no cluster at all. */
  cluster?: string;
  memo: SweepMemo;
  target: ServiceTarget;
  thresholds: Thresholds;
  platform: PlatformSettings;
  now: Date;
  /**
   * Objects of a namespaced kind selected by the service's label selector (or kubernetes-id
   * label) in its namespace(s), in this cluster. Use for workloads, pods, services, ingresses,
   * configmaps, PDBs, HPAs, ServiceMonitors, PrometheusRules, certificates labelled for it.
   */
  selected(kind: KindId): Read<KubeObject[]>;
  /**
   * Every object of a namespaced kind in the namespaces where the service's workloads live (or its
   * `kubernetes-namespace`). Use for NetworkPolicies, RoleBindings, Roles, ServiceAccounts,
   * Certificates (matched by secret name), Schedules, Backups, Restores.
   */
  inNamespaces(kind: KindId): Read<KubeObject[]>;
  /** Every object of a kind in this cluster (cluster-scoped kinds, Velero in its own namespace). */
  all(kind: KindId): Read<KubeObject[]>;
  /** The namespaces the service lives in (from its workloads, else the annotation). */
  namespaces: string[];
  vault?: VaultSnapshot;
  tls?: TlsFacts;
  /** Undefined when Prometheus is not configured. */
  prometheus?: PrometheusServiceFacts;
  prometheusReady?: PrometheusFacts['ready'];
  /** This sweep's platform results of this cluster, by check id. */
  platformResults: ReadonlyMap<string, CheckResult>;
  /**
   * This entity's facts from a source a module added: undefined when no such source is
   * installed, an `error` Read when it failed (the check is then `unknown`).
   */
  extra(source: string): Read<unknown> | undefined;
}

export type ServiceCheck = (ctx: ServiceContext) => CheckOutcome;

/**
 * The view of the facts a platform check gets: ONE cluster (`facts.clusters` holds only it) plus
 * the sweep's cluster-independent sources (Vault, TLS, Prometheus).
 */
export interface PlatformContext {
  cluster?: string;
  memo: SweepMemo;
  facts: SweepFacts;
  thresholds: Thresholds;
  platform: PlatformSettings;
  now: Date;
  /** Objects of a kind in this cluster. */
  all(kind: KindId): Read<KubeObject[]>;
}

export type PlatformCheck = (ctx: PlatformContext) => CheckOutcome;
