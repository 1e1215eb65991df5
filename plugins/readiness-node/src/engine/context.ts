import type { CheckResult } from '@254carbon/plugin-readiness-common';
import {
  ClusterSnapshot,
  KINDS,
  KindId,
  KubeObject,
  Read,
  absent,
  failed,
  ok,
} from '../facts';
import { matches, parseSelector, Selector } from './selectors';
import type { PlatformSettings, ServiceTarget } from './settings';
import type { PlatformContext, ServiceContext, SweepFacts } from './types';

const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

interface KindIndex {
  read: Read<KubeObject[]>;
  byNamespace: Map<string, KubeObject[]>;
  byKubernetesId: Map<string, KubeObject[]>;
}

/**
 * Indexes a sweep's snapshots once (by cluster, kind, namespace and kubernetes-id label) so that
 * narrowing to each of thousands of services is a few map lookups, not a scan of every object.
 */
export class SweepIndex {
  readonly clusters: Map<string, Map<KindId, KindIndex>> = new Map();

  constructor(readonly facts: SweepFacts) {
    for (const snapshot of facts.clusters) {
      this.clusters.set(snapshot.cluster, indexCluster(snapshot));
    }
  }

  kind(cluster: string, kind: KindId): KindIndex | undefined {
    return this.clusters.get(cluster)?.get(kind);
  }

  /** Names of the clusters a target may live in. */
  clustersFor(target: ServiceTarget): string[] {
    const names = [...this.clusters.keys()];
    return target.cluster ? names.filter(n => n === target.cluster) : names;
  }
}

function indexCluster(snapshot: ClusterSnapshot): Map<KindId, KindIndex> {
  const result = new Map<KindId, KindIndex>();
  for (const spec of KINDS) {
    const collected: Read<KubeObject[]> =
      snapshot.kinds[spec.id] ?? absent(`${spec.plural} not collected`);
    // One order whatever the source (API servers list by name, files by position), so evidence
    // reads the same for the same cluster. A copy: the snapshot stays as collected.
    const read: Read<KubeObject[]> =
      collected.state === 'ok' ? ok([...collected.value].sort(byNamespaceAndName)) : collected;
    const byNamespace = new Map<string, KubeObject[]>();
    const byKubernetesId = new Map<string, KubeObject[]>();
    if (read.state === 'ok') {
      for (const obj of read.value) {
        const ns = obj.metadata.namespace ?? '';
        push(byNamespace, ns, obj);
        const id = obj.metadata.labels?.[KUBERNETES_ID_LABEL];
        if (id) push(byKubernetesId, id, obj);
      }
    }
    result.set(spec.id, { read, byNamespace, byKubernetesId });
  }
  return result;
}

function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const ns = (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '');
  return ns !== 0 ? ns : a.metadata.name.localeCompare(b.metadata.name);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Merges one kind's reads from several clusters: any error wins, then ok, then absent. */
function mergeReads(
  parts: { cluster: string; read: Read<KubeObject[]>; items: KubeObject[] }[],
  kind: KindId,
): Read<KubeObject[]> {
  const errors = parts.filter(p => p.read.state === 'error');
  if (errors.length) {
    return failed(
      errors
        .map(p => `cluster ${p.cluster}: ${(p.read as { message: string }).message}`)
        .join('; '),
    );
  }
  const oks = parts.filter(p => p.read.state === 'ok');
  if (oks.length === 0) {
    const reason = parts.map(p => (p.read as { reason?: string }).reason).find(Boolean);
    return absent(reason ?? `${kind} not available in any cluster`);
  }
  return ok(oks.flatMap(p => p.items));
}

/** The service's selector: its label-selector annotation, else `backstage.io/kubernetes-id=<id>`. */
export function targetSelector(target: ServiceTarget): Selector | undefined {
  if (target.labelSelector) return parseSelector(target.labelSelector);
  if (target.kubernetesId) {
    return [{ key: KUBERNETES_ID_LABEL, op: 'in', values: [target.kubernetesId] }];
  }
  return undefined;
}

export function createServiceContext(options: {
  index: SweepIndex;
  target: ServiceTarget;
  platform: PlatformSettings;
  platformResults: ReadonlyMap<string, CheckResult>;
  now: Date;
}): ServiceContext {
  const { index, target } = options;
  const clusters = index.clustersFor(target);
  const selector = targetSelector(target) ?? [];
  const byIdOnly = !target.labelSelector && Boolean(target.kubernetesId);

  const selectedIn = (cluster: string, kind: KindId): KubeObject[] => {
    const k = index.kind(cluster, kind);
    if (!k || k.read.state !== 'ok' || !targetSelector(target)) return [];
    let candidates: KubeObject[];
    if (byIdOnly) candidates = k.byKubernetesId.get(target.kubernetesId!) ?? [];
    else if (target.namespace) candidates = k.byNamespace.get(target.namespace) ?? [];
    else candidates = k.read.value;
    return candidates.filter(
      o =>
        (!target.namespace || o.metadata.namespace === target.namespace) &&
        matches(selector, o.metadata.labels),
    );
  };

  // Namespaces: where the workloads are, else the annotation.
  const namespaceSet = new Set<string>();
  for (const c of clusters) {
    for (const kind of ['deployments', 'statefulsets', 'pods'] as KindId[]) {
      for (const o of selectedIn(c, kind)) {
        if (o.metadata.namespace) namespaceSet.add(o.metadata.namespace);
      }
    }
  }
  if (namespaceSet.size === 0 && target.namespace) namespaceSet.add(target.namespace);
  const namespaces = [...namespaceSet].sort();

  const gather = (kind: KindId, pick: (cluster: string, k: KindIndex) => KubeObject[]) =>
    mergeReads(
      clusters.map(cluster => {
        const k = index.kind(cluster, kind);
        const read = k?.read ?? absent<KubeObject[]>(`${kind} not collected`);
        return { cluster, read, items: k && read.state === 'ok' ? pick(cluster, k) : [] };
      }),
      kind,
    );

  const prom = index.facts.prometheus;
  return {
    target,
    thresholds: target.thresholds,
    platform: options.platform,
    now: options.now,
    namespaces,
    selected: kind => gather(kind, cluster => selectedIn(cluster, kind)),
    inNamespaces: kind =>
      gather(kind, (_c, k) => namespaces.flatMap(ns => k.byNamespace.get(ns) ?? [])),
    all: kind => gather(kind, (_c, k) => (k.read.state === 'ok' ? k.read.value : [])),
    vault: index.facts.vault,
    tls: index.facts.tls,
    prometheus: prom ? prom.services[target.entityRef] ?? emptyProm() : undefined,
    prometheusReady: prom?.ready,
    platformResults: options.platformResults,
  };
}

function emptyProm() {
  const none = ok(null);
  return { targets: ok({ total: 0, up: 0 }), availability: none, latencyP95Ms: none };
}

export function createPlatformContext(options: {
  index: SweepIndex;
  platform: PlatformSettings;
  thresholds: ServiceTarget['thresholds'];
  now: Date;
}): PlatformContext {
  const { index } = options;
  return {
    facts: index.facts,
    thresholds: options.thresholds,
    platform: options.platform,
    now: options.now,
    all: kind =>
      mergeReads(
        [...index.clusters.keys()].map(cluster => {
          const k = index.kind(cluster, kind)!;
          return { cluster, read: k.read, items: k.read.state === 'ok' ? k.read.value : [] };
        }),
        kind,
      ),
  };
}
