import type { CheckResult } from '@254carbon/plugin-readiness-common';
import {
  ClusterSnapshot,
  KINDS,
  KindId,
  KubeObject,
  Read,
  absent,
  ok,
} from '../facts';
import { matches, parseSelector, Selector } from './selectors';
import type { PlatformSettings, ServiceTarget } from './settings';
import type {
  PlatformContext,
  ServiceContext,
  SweepFacts,
  SweepMemo,
} from './types';

const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/** The kinds that tell where a service runs: a cluster holding any of them for it is "its" cluster. */
export const PLACEMENT_KINDS: readonly KindId[] = [
  'deployments',
  'statefulsets',
  'daemonsets',
  'pods',
];

interface KindIndex {
  read: Read<KubeObject[]>;
  byNamespace: Map<string, KubeObject[]>;
  byKubernetesId: Map<string, KubeObject[]>;
}

/** One cluster's objects, indexed once per sweep, and a cache checks share for that cluster. */
export interface ClusterIndex {
  name: string;
  snapshot: ClusterSnapshot;
  kinds: Map<KindId, KindIndex>;
  memo: SweepMemo;
  /** Set when a placement kind could not be read: services may run here unseen. */
  unreadable?: string;
}

function createMemo(): SweepMemo {
  const cache = new Map<string, unknown>();
  return <T>(key: string, build: () => T): T => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = build();
    cache.set(key, value);
    return value;
  };
}

/**
 * Indexes a sweep's snapshots once (per cluster: by kind, namespace and kubernetes-id label) so
 * that narrowing to each of thousands of services is a few map lookups, not a scan of every
 * object. Clusters stay apart: nothing here ever merges two clusters' objects.
 */
export class SweepIndex {
  readonly clusters: Map<string, ClusterIndex> = new Map();

  /**
   * `reuse`: an index of the same snapshots built earlier in this sweep (the collector's, built
   * before Vault/TLS/Prometheus facts were known); its clusters are taken as they are.
   */
  constructor(readonly facts: SweepFacts, reuse?: SweepIndex) {
    const sorted = [...facts.clusters].sort((a, b) =>
      a.cluster.localeCompare(b.cluster),
    );
    for (const snapshot of sorted) {
      const earlier = reuse?.clusters.get(snapshot.cluster);
      this.clusters.set(
        snapshot.cluster,
        earlier && earlier.snapshot === snapshot ? earlier : indexCluster(snapshot),
      );
    }
  }

  kind(cluster: string, kind: KindId): KindIndex | undefined {
    return this.clusters.get(cluster)?.kinds.get(kind);
  }

  /** Names of the clusters a target may live in: its pinned cluster, else every cluster. */
  clustersFor(target: ServiceTarget): string[] {
    const names = [...this.clusters.keys()];
    return target.cluster ? names.filter(n => n === target.cluster) : names;
  }

  /** The objects of a kind selected for the target in one cluster. */
  selectedIn(cluster: string, kind: KindId, target: ServiceTarget): KubeObject[] {
    const k = this.kind(cluster, kind);
    const selector = targetSelector(target);
    if (!k || k.read.state !== 'ok' || !selector) return [];
    let candidates: KubeObject[];
    if (!target.labelSelector && target.kubernetesId) {
      candidates = k.byKubernetesId.get(target.kubernetesId) ?? [];
    } else if (target.namespace) {
      candidates = k.byNamespace.get(target.namespace) ?? [];
    } else candidates = k.read.value;
    return candidates.filter(
      o =>
        (!target.namespace || o.metadata.namespace === target.namespace) &&
        matches(selector, o.metadata.labels),
    );
  }

  /** Whether the target's workloads or pods were found in a cluster. */
  foundIn(cluster: string, target: ServiceTarget): boolean {
    return PLACEMENT_KINDS.some(
      kind => this.selectedIn(cluster, kind, target).length > 0,
    );
  }

  /** The namespaces of the target in one cluster: where its workloads are, else the annotation. */
  namespacesIn(cluster: string | undefined, target: ServiceTarget): string[] {
    const set = new Set<string>();
    if (cluster) {
      for (const kind of PLACEMENT_KINDS) {
        for (const o of this.selectedIn(cluster, kind, target)) {
          if (o.metadata.namespace) set.add(o.metadata.namespace);
        }
      }
    }
    if (set.size === 0 && target.namespace) set.add(target.namespace);
    return [...set].sort();
  }
}

function unreadableReason(kinds: Map<KindId, KindIndex>): string | undefined {
  for (const kind of PLACEMENT_KINDS) {
    const read = kinds.get(kind)?.read;
    if (read?.state === 'error') return `${kind}: ${read.message}`;
  }
  return undefined;
}

/**
 * Kind indexes by the collected read: a manifests source hands out the same snapshot while its
 * files are unchanged, and a watched kind the same read while no event changed it, so the sorting
 * and indexing of an unchanged kind is done once, not every sweep.
 */
const KIND_INDEXES = new WeakMap<Read<KubeObject[]>, KindIndex>();

function indexCluster(snapshot: ClusterSnapshot): ClusterIndex {
  const kinds = indexKinds(snapshot);
  return {
    name: snapshot.cluster,
    snapshot,
    kinds,
    memo: createMemo(),
    unreadable: unreadableReason(kinds),
  };
}

function indexKinds(snapshot: ClusterSnapshot): Map<KindId, KindIndex> {
  const kinds = new Map<KindId, KindIndex>();
  for (const spec of KINDS) {
    const collected: Read<KubeObject[]> =
      snapshot.kinds[spec.id] ?? absent(`${spec.plural} not collected`);
    let index = KIND_INDEXES.get(collected);
    if (!index) {
      index = indexKind(collected);
      if (collected.state === 'ok') KIND_INDEXES.set(collected, index);
    }
    kinds.set(spec.id, index);
  }
  return kinds;
}

function indexKind(collected: Read<KubeObject[]>): KindIndex {
  // One order whatever the source (API servers list by name, files by position), so evidence
  // reads the same for the same cluster. A copy: the snapshot stays as collected.
  const read: Read<KubeObject[]> =
    collected.state === 'ok'
      ? ok([...collected.value].sort(byNamespaceAndName))
      : collected;
  const byNamespace = new Map<string, KubeObject[]>();
  const byKubernetesId = new Map<string, KubeObject[]>();
  if (read.state === 'ok') {
    for (const obj of read.value) {
      push(byNamespace, obj.metadata.namespace ?? '', obj);
      const id = obj.metadata.labels?.[KUBERNETES_ID_LABEL];
      if (id) push(byKubernetesId, id, obj);
    }
  }
  return { read, byNamespace, byKubernetesId };
}

function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const ns = (a.metadata.namespace ?? '').localeCompare(
    b.metadata.namespace ?? '',
  );
  return ns !== 0 ? ns : a.metadata.name.localeCompare(b.metadata.name);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The service's selector: its label-selector annotation, else `backstage.io/kubernetes-id=<id>`. */
export function targetSelector(target: ServiceTarget): Selector | undefined {
  if (target.labelSelector) return parseSelector(target.labelSelector);
  if (target.kubernetesId) {
    return [{ key: KUBERNETES_ID_LABEL, op: 'in', values: [target.kubernetesId] }];
  }
  return undefined;
}

const noCluster = (kind: KindId): Read<KubeObject[]> =>
  absent(`${kind}: no Kubernetes cluster is configured`);

/**
 * The context of one service in ONE cluster. `cluster` defaults to the first cluster the target
 * may live in (tests and the scaffolder's one-cluster loop rely on that).
 */
export function createServiceContext(options: {
  index: SweepIndex;
  target: ServiceTarget;
  cluster?: string;
  platform: PlatformSettings;
  platformResults: ReadonlyMap<string, CheckResult>;
  now: Date;
}): ServiceContext {
  const { index, target } = options;
  const cluster = options.cluster ?? index.clustersFor(target)[0];
  const clusterIndex = cluster ? index.clusters.get(cluster) : undefined;
  const namespaces = index.namespacesIn(clusterIndex?.name, target);

  const readOf = (kind: KindId) =>
    clusterIndex?.kinds.get(kind)?.read ?? noCluster(kind);
  const within = (
    kind: KindId,
    pick: (k: KindIndex) => KubeObject[],
  ): Read<KubeObject[]> => {
    const read = readOf(kind);
    const k = clusterIndex?.kinds.get(kind);
    return read.state === 'ok' && k ? ok(pick(k)) : read;
  };

  const prom = index.facts.prometheus;
  return {
    cluster: clusterIndex?.name,
    memo: clusterIndex?.memo ?? createMemo(),
    target,
    thresholds: target.thresholds,
    platform: options.platform,
    now: options.now,
    namespaces,
    selected: kind =>
      within(kind, () => index.selectedIn(clusterIndex!.name, kind, target)),
    inNamespaces: kind =>
      within(kind, k => namespaces.flatMap(ns => k.byNamespace.get(ns) ?? [])),
    all: kind => readOf(kind),
    vault: index.facts.vault,
    tls: index.facts.tls,
    prometheus: prom
      ? prom.services[target.entityRef] ?? emptyProm()
      : undefined,
    prometheusReady: prom?.ready,
    platformResults: options.platformResults,
    extra: source => {
      const read = index.facts.extra?.[source];
      if (!read || read.state !== 'ok') return read;
      return ok(read.value[target.entityRef]);
    },
  };
}

function emptyProm() {
  const none = ok(null);
  return {
    targets: ok({ total: 0, up: 0 }),
    availability: none,
    latencyP95Ms: none,
  };
}

/**
 * The context of the platform checks in ONE cluster: `facts.clusters` holds only that cluster,
 * so a check that walks the snapshots sees one world. `cluster` defaults to the first cluster.
 */
export function createPlatformContext(options: {
  index: SweepIndex;
  cluster?: string;
  platform: PlatformSettings;
  thresholds: ServiceTarget['thresholds'];
  now: Date;
}): PlatformContext {
  const { index } = options;
  const name = options.cluster ?? [...index.clusters.keys()][0];
  const clusterIndex = name ? index.clusters.get(name) : undefined;
  return {
    cluster: clusterIndex?.name,
    memo: clusterIndex?.memo ?? createMemo(),
    facts: {
      ...index.facts,
      clusters: clusterIndex ? [clusterIndex.snapshot] : [],
    },
    thresholds: options.thresholds,
    platform: options.platform,
    now: options.now,
    all: kind => clusterIndex?.kinds.get(kind)?.read ?? noCluster(kind),
  };
}
