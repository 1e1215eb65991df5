import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SweepInfo } from '@254carbon/plugin-readiness-common';
import {
  ClusterSnapshot,
  failed,
  KINDS,
  ok,
  placeService,
  ReadinessFactsSource,
  Read,
  ServiceTarget,
  SweepFacts,
  SweepIndex,
  unreadableSnapshot,
  VaultSnapshot,
} from '@254carbon/plugin-readiness-node';
import type { KubeCluster, ClusterCollector } from '../sources/kubernetes';
import type { ManifestsSource } from '../sources/manifests';
import type { PrometheusSource } from '../sources/prometheus';
import { decideTlsHosts, ownTlsHosts, TlsSource } from '../sources/tls';
import type { VaultSource } from '../sources/vault';

/** The sources of one deployment; any may be absent (not configured). */
export interface Sources {
  clusters: KubeCluster[];
  kubernetes?: ClusterCollector;
  manifests?: ManifestsSource;
  vault?: VaultSource;
  tls?: TlsSource;
  prometheus?: PrometheusSource;
  /** Sources added by modules through readinessChecksExtensionPoint. */
  extra?: ReadinessFactsSource[];
  /**
   * With per-cluster collection tasks: the live clusters' latest stored collections, read by the
   * sweep instead of listing the clusters itself. Older than `maxAgeMs` counts as unreadable.
   */
  stored?: {
    load(clusters: string[]): Promise<ClusterSnapshot[]>;
    maxAgeMs: number;
  };
}

/** Where one service was last found: the clusters to re-read and its namespaces in them. */
export interface RefreshScope {
  clusters?: string[];
  namespaces: string[];
}

/** A target plus the name PromQL templates use for it. */
export interface CollectTarget {
  target: ServiceTarget;
  /** `{{name}}` in PromQL: the kubernetes id, else the entity name. */
  name: string;
}

export interface Collected {
  facts: SweepFacts;
  /** The facts indexed once; the evaluation reuses it instead of indexing again. */
  index: SweepIndex;
  sourceErrors: SweepInfo['sourceErrors'];
  apiCalls: number;
  /**
   * Vault requests made while collecting (0 for a snapshot file). Counted on the shared client,
   * so a refresh overlapping a sweep adds its few requests to that sweep's figure.
   */
  vaultCalls: number;
  /** Kubernetes namespaces of each target (by entity ref), found from its workloads. */
  namespaces: Map<string, string[]>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function failedVault(reason: string): VaultSnapshot {
  const error = failed<never>(reason);
  return {
    address: '',
    fetchedAt: new Date().toISOString(),
    authMount: 'kubernetes',
    kvMount: 'secret',
    health: error,
    roles: error,
    policies: error,
    kv: error,
  };
}

/**
 * Reads every source for a set of targets. Kubernetes and Vault are read in parallel, each
 * failing on its own; TLS and Prometheus follow Kubernetes because the hosts to probe (Ingress
 * hosts) and the namespaces PromQL is scoped to come from the cluster objects.
 */
export class FactsCollector {
  /** Snapshots that came from the manifests source, to name it in source errors. */
  private readonly offline = new WeakSet<ClusterSnapshot>();
  /** Snapshots read from the store (collected by per-cluster tasks): their API calls are not this sweep's. */
  private readonly fromStore = new WeakSet<ClusterSnapshot>();

  constructor(
    private readonly sources: Sources,
    private readonly logger: LoggerService,
  ) {}

  /**
   * Reads every source for `items`. With `scope` (an on-demand refresh of one service) only the
   * named clusters are read, and the service's own kinds only in its namespaces.
   */
  async collect(items: CollectTarget[], scope?: RefreshScope): Promise<Collected> {
    const sourceErrors: SweepInfo['sourceErrors'] = [];
    const targets = items.map(i => i.target);
    const vaultRequestsBefore = this.sources.vault?.requests ?? 0;

    const kubernetes = this.collectClusters(scope);
    const extra = this.collectExtra(targets, sourceErrors);
    const vault = this.collectVault(targets, sourceErrors);

    const clusters = await kubernetes;
    const index = new SweepIndex({ clusters });
    const namespaces = new Map<string, string[]>();
    const hosts = new Set<string>();
    for (const target of targets) {
      // Where the service runs decides its namespaces and hosts, cluster by cluster.
      const placed = placeService(index, target).clusters;
      const ns = new Set(placed.flatMap(c => index.namespacesIn(c, target)));
      if (ns.size === 0 && target.namespace) ns.add(target.namespace);
      namespaces.set(target.entityRef, [...ns].sort());
      if (this.sources.tls) {
        // Only the service's own hosts and allowed annotation hosts are probed (no SSRF); the
        // engine judges what was probed and reports each rejected host as an entity error.
        const decision = decideTlsHosts(
          { annotationHosts: target.publicHosts, ownHosts: ownTlsHosts(index, placed, target) },
          this.sources.tls.hostPolicy,
        );
        decision.probe.forEach(h => hosts.add(h));
        target.publicHosts = decision.publicHosts;
        target.errors.push(...decision.errors);
      }
    }

    const [tls, prometheus, vaultSnapshot] = await Promise.all([
      this.sources.tls
        ?.probe([...hosts])
        .catch(e => {
          sourceErrors.push({ source: 'tls', message: message(e) });
          return undefined;
        }),
      this.sources.prometheus
        ?.collect(
          items.map(({ target, name }) => ({
            entityRef: target.entityRef,
            name,
            namespace: target.namespace ?? namespaces.get(target.entityRef)?.[0],
          })),
        )
        .then(facts => {
          if (facts.ready.state === 'error') {
            sourceErrors.push({ source: 'prometheus', message: facts.ready.message });
          }
          return facts;
        })
        .catch(e => {
          sourceErrors.push({ source: 'prometheus', message: message(e) });
          return undefined;
        }),
      vault,
    ]);

    for (const snapshot of clusters) {
      const origin = this.offline.has(snapshot) ? 'manifests' : 'kubernetes';
      for (const warning of snapshot.warnings ?? []) {
        sourceErrors.push({ source: `${origin}:${snapshot.cluster}`, message: `warning: ${warning}` });
      }
      if (snapshot.error) {
        sourceErrors.push({
          source: `${origin}:${snapshot.cluster}`,
          message: `cluster ${snapshot.cluster} could not be read: ${snapshot.error}`,
        });
        continue;
      }
      const errors = Object.entries(snapshot.kinds).filter(([, r]) => r.state === 'error');
      if (errors.length) {
        const [kind, read] = errors[0];
        sourceErrors.push({
          source: `kubernetes:${snapshot.cluster}`,
          message: `${errors.length} of ${KINDS.length} kinds unreadable; ${kind}: ${(read as { message: string }).message}`,
        });
      }
    }

    const facts: SweepFacts = { clusters, vault: vaultSnapshot, tls, prometheus };
    const extraFacts = await extra;
    if (extraFacts) facts.extra = extraFacts;
    return {
      facts,
      index: new SweepIndex(facts, index),
      sourceErrors,
      apiCalls: clusters.reduce((n, c) => n + (this.fromStore.has(c) ? 0 : c.apiCalls), 0),
      vaultCalls: (this.sources.vault?.requests ?? 0) - vaultRequestsBefore,
      namespaces,
    };
  }

  private async collectClusters(scope?: RefreshScope): Promise<ClusterSnapshot[]> {
    const { clusters, kubernetes, manifests } = this.sources;
    const wanted = scope?.clusters?.length
      ? clusters.filter(c => scope.clusters!.includes(c.name))
      : clusters;
    const narrow = scope?.namespaces.length ? { namespaces: scope.namespaces } : undefined;
    // With per-cluster collection tasks a sweep evaluates their stored collections; a refresh
    // (scope) still reads its service live.
    const fromTasks = Boolean(this.sources.stored && kubernetes && !scope);
    const live: Promise<ClusterSnapshot[]> = fromTasks
      ? this.storedClusters(wanted.map(c => c.name))
      : Promise.all(
          (kubernetes ? wanted : []).map(cluster =>
            kubernetes!.collect(cluster, narrow).catch(e => {
              this.logger.warn(`readiness: collecting cluster ${cluster.name} failed: ${message(e)}`);
              return unreadableSnapshot(cluster.name, message(e));
            }),
          ),
        );
    const offline = manifests
      ? manifests.collect().catch(e => [unreadableSnapshot('manifests', message(e))])
      : Promise.resolve([] as ClusterSnapshot[]);
    const [liveSnapshots, offlineSnapshots] = await Promise.all([live, offline]);
    offlineSnapshots.forEach(s => this.offline.add(s));
    return [...liveSnapshots, ...offlineSnapshots];
  }

  /** The stored collections of the live clusters; a missing or too old one is unreadable. */
  private async storedClusters(names: string[]): Promise<ClusterSnapshot[]> {
    const { load, maxAgeMs } = this.sources.stored!;
    let found: ClusterSnapshot[];
    try {
      found = await load(names);
    } catch (e) {
      return names.map(n => unreadableSnapshot(n, `the stored collection could not be read: ${message(e)}`));
    }
    found.forEach(s => this.fromStore.add(s));
    const byName = new Map(found.map(s => [s.cluster, s]));
    return names.map(name => {
      const snapshot = byName.get(name);
      if (!snapshot) {
        return unreadableSnapshot(name, `no collection of cluster ${name} has completed yet (task readiness-collect:${name})`);
      }
      const age = Date.now() - new Date(snapshot.fetchedAt).getTime();
      if (age > maxAgeMs) {
        return unreadableSnapshot(
          name,
          `the last collection of cluster ${name} is from ${snapshot.fetchedAt}, older than ${Math.round(maxAgeMs / 60000)} min (task readiness-collect:${name} is not completing)`,
        );
      }
      return snapshot;
    });
  }

  private async collectExtra(
    targets: ServiceTarget[],
    sourceErrors: SweepInfo['sourceErrors'],
  ): Promise<SweepFacts['extra']> {
    const sources = this.sources.extra ?? [];
    if (!sources.length) return undefined;
    const reads = await Promise.all(
      sources.map(async source => {
        try {
          return [source.id, ok(await source.collect(targets))] as const;
        } catch (e) {
          sourceErrors.push({ source: source.id, message: message(e) });
          return [source.id, failed<Record<string, unknown>>(message(e))] as const;
        }
      }),
    );
    return Object.fromEntries(reads) as Record<string, Read<Record<string, unknown>>>;
  }

  private async collectVault(
    targets: ServiceTarget[],
    sourceErrors: SweepInfo['sourceErrors'],
  ): Promise<VaultSnapshot | undefined> {
    if (!this.sources.vault) return undefined;
    const paths = targets.map(t => t.vaultSecretsPath).filter((p): p is string => Boolean(p));
    let snapshot: VaultSnapshot;
    try {
      snapshot = await this.sources.vault.collect(paths);
    } catch (e) {
      snapshot = failedVault(message(e));
    }
    for (const part of ['health', 'roles', 'policies', 'kv'] as const) {
      const read = snapshot[part];
      if (read.state === 'error') {
        sourceErrors.push({ source: `vault:${part}`, message: read.message });
      }
    }
    return snapshot;
  }
}
