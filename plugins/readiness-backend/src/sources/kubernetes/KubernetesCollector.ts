import * as http from 'http';
import * as https from 'https';
import {
  absent,
  ClusterSnapshot,
  failed,
  KINDS,
  KindId,
  KindSpec,
  kindNotInstalled,
  KubeObject,
  ok,
  Read,
  sanitizeObject,
} from '@254carbon/plugin-readiness-node';
import pLimit from 'p-limit';
import type { KubeCluster } from './clusters';
import { KindWatch, Kept } from './KindWatch';

export interface KubernetesCollectorOptions {
  timeoutMs: number;
  pageSize: number;
  /** Kinds listed at once per cluster. */
  concurrency: number;
  /**
   * Keep each listed kind current with a watch between sweeps, so a sweep lists only what is not
   * watched (default off here; the plugin's config turns it on). `timeoutSeconds` is how long the
   * server holds one watch request before the collector reconnects.
   */
  watch?: { timeoutSeconds: number };
  /** Where lost watches are reported. */
  logger?: { warn(message: string): void };
}

/**
 * Narrows a collection to one service (an on-demand refresh): the kinds a service's checks read
 * from its own namespaces are listed in those namespaces only; kinds that live elsewhere (Velero
 * and monitoring objects, cluster-scoped kinds) are still listed cluster-wide.
 */
export interface CollectScope {
  namespaces: string[];
}

/** Collects one cluster's snapshot. */
export interface ClusterCollector {
  collect(cluster: KubeCluster, scope?: CollectScope): Promise<ClusterSnapshot>;
  /** Releases what it keeps open between collections (watches); called on backend shutdown. */
  stop?(): void;
}

/** Kinds whose objects a service's checks find in the service's own namespaces. */
/** Every object this collector sanitises was just parsed from a response it owns: no copy. */
const OWNED = { owned: true } as const;

const SERVICE_NAMESPACE_KINDS: ReadonlySet<KindId> = new Set<KindId>([
  'pods',
  'deployments',
  'statefulsets',
  'daemonsets',
  'replicasets',
  'services',
  'endpoints',
  'ingresses',
  'configmaps',
  'serviceaccounts',
  'networkpolicies',
  'roles',
  'rolebindings',
  'poddisruptionbudgets',
  'horizontalpodautoscalers',
  'certificates',
  'issuers',
  'externalsecrets',
  'secretstores',
]);

interface Answer {
  status: number;
  json?: any;
  text: string;
}

/** Where a watch continues a complete list. */
interface WatchFrom {
  path: string;
  resourceVersion: string;
  apiVersion: string;
  kind?: string;
}

interface Listed {
  read: Read<KubeObject[]>;
  watchFrom?: WatchFrom;
}

/** A transport failure (timeout, refused, TLS): the cluster, not the kind, is the problem. */
class TransportError extends Error {}

const groupLabel = (spec: KindSpec) => spec.group || 'core';

function listPath(spec: KindSpec, version: string, namespace?: string): string {
  const prefix = spec.group ? `/apis/${spec.group}/${version}` : `/api/${version}`;
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${prefix}${ns}/${spec.plural}`;
}

/** One kind read in several namespaces: any failure wins, then any served list, else absent. */
function combine(reads: Read<KubeObject[]>[]): Read<KubeObject[]> {
  const error = reads.find(r => r.state === 'error');
  if (error) return error;
  const lists = reads.filter(r => r.state === 'ok');
  if (lists.length === 0) return reads[0];
  return ok(lists.flatMap(r => (r.state === 'ok' ? r.value : [])));
}

function statusMessage(answer: Answer): string {
  return (answer.json?.message ?? answer.text.slice(0, 200)) || `HTTP ${answer.status}`;
}

/**
 * Lists every kind in KINDS from one cluster: one paginated list per kind (`limit`/`continue`),
 * never a call per service. Objects are read as raw JSON so CRD fields survive untouched, and
 * each is sanitised before it is kept. A kind's failure is recorded in its own Read; when the
 * cluster itself is unreachable the kinds not yet started fail fast with the same reason.
 */
export class KubernetesCollector implements ClusterCollector {
  /**
   * Sanitised objects of the previous sweep by cluster, kind and uid, with their resourceVersion:
   * an object the API server lists unchanged is not copied and scanned again. Replaced every full
   * sweep, so deleted objects do not linger.
   */
  private readonly previous = new Map<string, Map<string, Kept>>();
  /** Live watches by cluster/kind, started after a complete list of that kind. */
  private readonly watches = new Map<string, KindWatch>();
  /** Cluster/kinds the token may list but not watch: listed every sweep instead. */
  private readonly unwatchable = new Set<string>();

  constructor(private readonly options: KubernetesCollectorOptions) {}

  /** Stops every watch (backend shutdown). */
  stop(): void {
    for (const watch of this.watches.values()) watch.stop();
    this.watches.clear();
  }

  /** How many kinds are served from live watches now (for logs and tests). */
  get watchedKinds(): number {
    return [...this.watches.values()].filter(w => w.healthy).length;
  }

  private async connection(cluster: KubeCluster): Promise<{ server: string; base: https.RequestOptions }> {
    const base: https.RequestOptions = { headers: {} };
    const kubeConfig = cluster.resolve ? await cluster.resolve() : cluster.kubeConfig;
    await kubeConfig.applyToHTTPSOptions(base);
    return { server: cluster.kubeConfig.getCurrentCluster()?.server ?? '', base };
  }

  private startWatch(
    cluster: KubeCluster,
    cache: string,
    listed: Map<string, Kept>,
    from: WatchFrom,
  ): KindWatch {
    this.watches.get(cache)?.stop();
    const watch = new KindWatch(
      {
        ...from,
        sanitize: raw => sanitizeObject(raw, undefined, OWNED) as KubeObject,
        connect: () => this.connection(cluster),
        timeoutSeconds: this.options.watch!.timeoutSeconds,
        onLost: reason => {
          if (/HTTP 403/.test(reason)) {
            this.unwatchable.add(cache);
            this.options.logger?.warn(
              `readiness: may not watch ${from.path} in cluster ${cluster.name}; listing it every sweep instead (grant watch to the readiness service account)`,
            );
          } else {
            this.options.logger?.warn(
              `readiness: cluster ${cluster.name}: ${reason}; listing it again at the next sweep`,
            );
          }
        },
      },
      listed,
      from.resourceVersion,
    );
    this.watches.set(cache, watch);
    watch.start();
    return watch;
  }

  private sanitized(
    cache: string,
    seen: Map<string, Kept>,
    raw: any,
  ): KubeObject {
    const uid: string | undefined = raw.metadata?.uid;
    const rv: string | undefined = raw.metadata?.resourceVersion;
    if (uid && rv) {
      const before = this.previous.get(cache)?.get(uid);
      const obj = before && before.rv === rv ? before.obj : (sanitizeObject(raw, undefined, OWNED) as KubeObject);
      seen.set(uid, { rv, obj });
      return obj;
    }
    return sanitizeObject(raw, undefined, OWNED) as KubeObject;
  }

  async collect(cluster: KubeCluster, scope?: CollectScope): Promise<ClusterSnapshot> {
    const fetchedAt = new Date().toISOString();
    let apiCalls = 0;
    const kinds = {} as Record<KindId, Read<KubeObject[]>>;

    let base: https.RequestOptions;
    let server: string;
    try {
      ({ base, server } = await this.connection(cluster));
    } catch (e) {
      const message = `cannot prepare credentials for cluster ${cluster.name}: ${(e as Error).message}`;
      for (const spec of KINDS) kinds[spec.id] = failed(message);
      return { cluster: cluster.name, fetchedAt, kinds, apiCalls };
    }

    let unreachable: string | undefined;
    const get = async (path: string): Promise<Answer> => {
      apiCalls += 1;
      return this.request(new URL(path, server), base);
    };

    const limit = pLimit(this.options.concurrency);
    await Promise.all(
      KINDS.map(spec =>
        limit(async () => {
          if (unreachable) {
            kinds[spec.id] = failed(unreachable);
            return;
          }
          try {
            if (scope && SERVICE_NAMESPACE_KINDS.has(spec.id)) {
              kinds[spec.id] = combine(
                (await Promise.all(scope.namespaces.map(ns => this.listKind(spec, get, ns)))).map(l => l.read),
              );
            } else {
              const cache = `${cluster.name}/${spec.id}`;
              const watch = this.watches.get(cache);
              if (watch?.healthy) {
                // Kept current by its watch since the last list: no call.
                kinds[spec.id] = watch.current();
                return;
              }
              const seen = new Map<string, Kept>();
              const listed = await this.listKind(
                spec,
                get,
                undefined,
                raw => this.sanitized(cache, seen, raw),
                () => seen.clear(),
              );
              kinds[spec.id] = listed.read;
              // Only a complete list replaces the cache (a failed one keeps the last good objects).
              if (listed.read.state === 'ok') {
                this.previous.set(cache, seen);
                if (this.options.watch && listed.watchFrom && !this.unwatchable.has(cache)) {
                  // The watch's read from now on, this sweep included: the next sweep then gets
                  // the same read object while nothing changed, and reuses its indexes.
                  kinds[spec.id] = this.startWatch(cluster, cache, seen, listed.watchFrom).current();
                }
              }
            }
          } catch (e) {
            const message = `cluster ${cluster.name} (${server}): ${(e as Error).message}`;
            if (e instanceof TransportError) unreachable = message;
            kinds[spec.id] = failed(message);
          }
        }),
      ),
    );
    return { cluster: cluster.name, fetchedAt, kinds, apiCalls };
  }

  private async listKind(
    spec: KindSpec,
    get: (path: string) => Promise<Answer>,
    namespace?: string,
    sanitize: (raw: any) => KubeObject = raw => sanitizeObject(raw, undefined, OWNED) as KubeObject,
    onRestart?: () => void,
  ): Promise<Listed> {
    for (const version of spec.versions) {
      const path = listPath(spec, version, namespace);
      const items: KubeObject[] = [];
      let token: string | undefined;
      let restarted = false;
      let served = true;
      let watchFrom: WatchFrom | undefined;
      for (;;) {
        const query = new URLSearchParams({ limit: String(this.options.pageSize) });
        if (token) query.set('continue', token);
        const answer = await get(`${path}?${query}`);
        if (answer.status === 404 && !token) {
          served = false; // this version is not served: try the next
          break;
        }
        if (answer.status === 410 && token && !restarted) {
          // The continue token expired mid-list (etcd compaction): start over once.
          restarted = true;
          token = undefined;
          items.length = 0;
          watchFrom = undefined;
          onRestart?.();
          continue;
        }
        if (answer.status === 401) {
          return { read: failed(`unauthorized listing ${path}: the token is invalid or expired (${statusMessage(answer)})`) };
        }
        if (answer.status === 403) {
          return {
            read: failed(
              `forbidden: grant list on ${groupLabel(spec)}/${spec.plural} to the readiness service account (${statusMessage(answer)})`,
            ),
          };
        }
        if (answer.status !== 200 || !Array.isArray(answer.json?.items)) {
          return { read: failed(`listing ${path} failed: ${answer.status} ${statusMessage(answer)}`) };
        }
        // List items carry no apiVersion/kind; restore them so objects look as they do in manifests.
        const apiVersion = answer.json.apiVersion ?? (spec.group ? `${spec.group}/${version}` : version);
        const kind = String(answer.json.kind ?? '').replace(/List$/, '') || undefined;
        for (const item of answer.json.items) {
          items.push(sanitize({ apiVersion, kind, ...item }));
        }
        // Every page of one list is served at the first page's resourceVersion: a watch from it
        // misses nothing that changed after the list.
        const resourceVersion: string | undefined = answer.json.metadata?.resourceVersion;
        if (!watchFrom && resourceVersion) watchFrom = { path, resourceVersion, apiVersion, kind };
        token = answer.json.metadata?.continue || undefined;
        if (!token) break;
      }
      if (served) return { read: ok(items), watchFrom };
    }
    return { read: absent(kindNotInstalled(spec)) };
  }

  private request(url: URL, base: https.RequestOptions): Promise<Answer> {
    const timeoutMs = this.options.timeoutMs;
    return new Promise((resolve, reject) => {
      const transport = url.protocol === 'http:' ? http : https;
      const req = transport.request(
        url,
        {
          ...base,
          method: 'GET',
          headers: { ...base.headers, Accept: 'application/json' },
          // One deadline for the whole request (connect + response), not an idle timeout.
          signal: AbortSignal.timeout(timeoutMs),
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('error', e => reject(new TransportError(e.message)));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: any;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, json, text });
          });
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e.name === 'AbortError') {
          reject(new TransportError(`timed out after ${timeoutMs} ms`));
        } else {
          reject(new TransportError(`${e.code ? `${e.code}: ` : ''}${e.message}`));
        }
      });
      req.end();
    });
  }
}
