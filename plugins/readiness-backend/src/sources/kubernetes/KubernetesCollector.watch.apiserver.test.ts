import { mockServices } from '@backstage/backend-test-utils';
import { ClusterSnapshot, KINDS, KubeObject } from '@254carbon/plugin-readiness-node';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import type { KubeCluster } from './clusters';
import { describeLive, liveCluster } from '../../__testUtils__/liveCluster';
import { KindWatch } from './KindWatch';
import { KubernetesCollector } from './KubernetesCollector';

/**
 * Watch-based collection against a REAL kube-apiserver (scripts/test-env/kube-up.sh exports
 * KUBE_URL, KUBE_ADMIN_TOKEN, KUBE_CA_FILE, KUBECONFIG_ADMIN). Skipped when absent, failing in CI (describeLive).
 */
const env = process.env;
// KUBE_ETCD_URL too: the 410 case compacts that server's etcd.
const LIVE_VARIABLES = ['KUBE_URL', 'KUBE_ADMIN_TOKEN', 'KUBE_CA_FILE', 'KUBECONFIG_ADMIN', 'KUBE_ETCD_URL'];

jest.setTimeout(60_000);

const NAMESPACE = `readiness-watch-${process.pid}`;

function realCluster(): KubeCluster {
  return liveCluster({ serviceAccountToken: env.KUBE_ADMIN_TOKEN! });
}

const configMap = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: NAMESPACE, labels },
  data: { API_TOKEN: `watched-secret-value-${name}` },
});

/**
 * The calls a watched sweep still makes: a kind whose CRD is not installed has nothing to watch,
 * so each of its API versions is asked again (a 404 each) in case it was installed since.
 */
function notInstalledProbes(snapshot: ClusterSnapshot): number {
  return KINDS.filter(k => snapshot.kinds[k.id].state === 'absent').reduce((n, k) => n + k.versions.length, 0);
}

function ours(objects: KubeObject[]) {
  return objects.filter(o => o.metadata.namespace === NAMESPACE);
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise(r => setTimeout(r, 100));
  }
}

describeLive('KubernetesCollector with watches, against a real kube-apiserver', LIVE_VARIABLES, () => {
  let api: KubernetesObjectApi;
  const collectors: KubernetesCollector[] = [];
  const collector = (timeoutSeconds: number, logger = mockServices.logger.mock()) => {
    const c = new KubernetesCollector({ timeoutMs: 30_000, pageSize: 50, concurrency: 6, watch: { timeoutSeconds }, logger });
    collectors.push(c);
    return c;
  };

  beforeAll(async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(env.KUBECONFIG_ADMIN!);
    api = KubernetesObjectApi.makeApiClient(kc);
    await api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
    for (const name of ['cm-0', 'cm-1']) await api.create(configMap(name) as any);
  });

  afterEach(() => {
    for (const c of collectors.splice(0)) c.stop();
  });

  afterAll(async () => {
    const { items } = (await api.list('v1', 'ConfigMap', NAMESPACE)) as any;
    for (const item of items ?? []) {
      await api.delete({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: item.metadata.name, namespace: NAMESPACE } }).catch(() => undefined);
    }
    await api?.delete({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } }).catch(() => undefined);
  });

  it('lists once, then serves later sweeps from the watch with no list call, created, changed and deleted objects included', async () => {
    const c = collector(300);
    const cluster = realCluster();
    const first = await c.collect(cluster);
    expect(first.apiCalls).toBeGreaterThan(0);
    expect(c.watchedKinds).toBeGreaterThan(10);

    await api.create(configMap('cm-new') as any);
    await api.patch(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-0', namespace: NAMESPACE, labels: { tier: 'changed' } } } as any,
      undefined, undefined, undefined, undefined,
      'application/merge-patch+json' as any,
    );
    await api.delete({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-1', namespace: NAMESPACE } });

    const names = (s: Awaited<ReturnType<KubernetesCollector['collect']>>) => {
      const read = s.kinds.configmaps;
      return read.state === 'ok' ? ours(read.value).map(o => o.metadata.name).sort() : [];
    };
    const later = await eventually(
      () => c.collect(cluster),
      s => names(s).join() === 'cm-0,cm-new',
    );
    expect(names(later)).toEqual(['cm-0', 'cm-new']);
    expect(later.apiCalls).toBe(notInstalledProbes(later));
    const read = later.kinds.configmaps;
    const cm0 = read.state === 'ok' ? ours(read.value).find(o => o.metadata.name === 'cm-0') : undefined;
    expect(cm0?.metadata.labels).toEqual({ tier: 'changed' });
    // Objects arriving through the watch are sanitised like listed ones.
    expect(cm0).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
    expect(JSON.stringify(later)).not.toContain('watched-secret-value');
  });

  it('hands out the same read for a kind nothing changed in, so its index is reused', async () => {
    const c = collector(300);
    const cluster = realCluster();
    // The listing sweep already hands out the watch's read, so the first watched sweep reuses it.
    const listedSweep = await c.collect(cluster);
    const a = await c.collect(cluster);
    const b = await c.collect(cluster);
    expect(a.kinds.schedules).toBe(listedSweep.kinds.schedules);
    expect(b.kinds.schedules).toBe(a.kinds.schedules);
  });

  it('resumes a watch the server ended, from where it stopped', async () => {
    const c = collector(1);
    const cluster = realCluster();
    await c.collect(cluster);
    // Past the server's 1 s (+ jitter) timeout: the watch was ended and resumed.
    await new Promise(r => setTimeout(r, 2_500));
    await api.create(configMap('cm-after-resume') as any);
    const later = await eventually(
      () => c.collect(cluster),
      s => s.kinds.configmaps.state === 'ok' && s.kinds.configmaps.value.some(o => o.metadata.name === 'cm-after-resume'),
    );
    expect(later.apiCalls).toBe(notInstalledProbes(later));
    expect(later.kinds.configmaps.state === 'ok' && later.kinds.configmaps.value.some(o => o.metadata.name === 'cm-after-resume')).toBe(true);
  });

  it('reports the cluster unreadable at the next sweep when its credentials stop working, rather than serving the watched objects', async () => {
    const logger = mockServices.logger.mock();
    const c = collector(1, logger);
    const real = realCluster();
    let broken = false;
    const cluster: KubeCluster = {
      ...real,
      resolve: async () => {
        if (broken) throw new Error('the token provider is down');
        return real.resolve ? real.resolve() : real.kubeConfig;
      },
    };
    await c.collect(cluster);
    broken = true;
    // The next reconnect (after the 1 s server timeout) cannot get credentials: the watches are lost.
    await eventually(async () => c.watchedKinds, n => n === 0);
    expect(c.watchedKinds).toBe(0);
    const next = await c.collect(cluster);
    expect(next.kinds.configmaps).toEqual({
      state: 'error',
      message: expect.stringContaining('the token provider is down'),
    });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('listing it again at the next sweep'));
  });

  // kube-up.sh serves HorizontalPodAutoscaler watches from etcd (no watch cache), so compacting
  // etcd makes an older resourceVersion really gone, as after a long disconnect.
  it('gives up a watch the server answers 410 Gone (its resourceVersion compacted away)', async () => {
    const hpa = (minReplicas: number) => ({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: NAMESPACE },
      spec: { minReplicas, maxReplicas: 5, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } },
    });
    const created = (await api.create(hpa(2) as any)) as any;
    const from = String(created.metadata.resourceVersion);
    // Two changes after it, and etcd compacted up to the second: what followed `from` is gone.
    const changed = (await api.replace({ ...hpa(3), metadata: { ...created.metadata } } as any)) as any;
    const again = (await api.replace({ ...hpa(4), metadata: { ...changed.metadata } } as any)) as any;
    const compactTo = Number(again.metadata.resourceVersion);
    const compacted = await fetch(`${env.KUBE_ETCD_URL}/v3/kv/compaction`, {
      method: 'POST',
      body: JSON.stringify({ revision: String(compactTo), physical: true }),
    });
    expect(compacted.status).toBe(200);

    const cluster = realCluster();
    const kc = cluster.resolve ? await cluster.resolve() : cluster.kubeConfig;
    const base: any = { headers: {} };
    await kc.applyToHTTPSOptions(base);
    const lost: string[] = [];
    const watch = new KindWatch(
      {
        path: `/apis/autoscaling/v1/namespaces/${NAMESPACE}/horizontalpodautoscalers`,
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        sanitize: raw => raw,
        connect: async () => ({ server: env.KUBE_URL!, base }),
        timeoutSeconds: 30,
        onLost: reason => lost.push(reason),
      },
      new Map(),
      from,
    );
    watch.start();
    await eventually(async () => lost.length, n => n > 0);
    watch.stop();
    await api.delete(hpa(4) as any).catch(() => undefined);
    expect(watch.healthy).toBe(false);
    expect(lost).toEqual([expect.stringMatching(/ended with 410: .*too old/)]);
  });
});
