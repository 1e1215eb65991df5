import https from 'node:https';
import { readFileSync } from 'node:fs';

/**
 * A minimal REST client for loading fixtures into the real kube-apiserver in tests: create objects
 * in dependency order and write their `status` through the status subresource (there is no kubelet
 * or controller in the test cluster, so status is what the fixture says). The product itself uses
 * @kubernetes/client-node; this stays separate so the tests do not check the product with itself.
 */
export interface KubeEnv {
  url: string;
  token: string;
  ca: string;
}

export function kubeEnvFromProcess(): KubeEnv | undefined {
  const { KUBE_URL, KUBE_ADMIN_TOKEN, KUBE_CA_FILE } = process.env;
  if (!KUBE_URL || !KUBE_ADMIN_TOKEN || !KUBE_CA_FILE) return undefined;
  return { url: KUBE_URL, token: KUBE_ADMIN_TOKEN, ca: readFileSync(KUBE_CA_FILE, 'utf8') };
}

/**
 * Real-server suites run whenever the test script started a kube-apiserver; in CI they must never
 * be skipped silently, so a missing server is a failure there.
 */
export function describeWithKube(name: string, fn: (env: () => KubeEnv) => void) {
  const env = kubeEnvFromProcess();
  if (!env) {
    if (process.env.CI) {
      describe(name, () => {
        it('needs the real kube-apiserver', () => {
          throw new Error(
            'KUBE_URL/KUBE_ADMIN_TOKEN/KUBE_CA_FILE are unset: run through scripts/test.sh, which starts the real kube-apiserver',
          );
        });
      });
      return;
    }
    // eslint-disable-next-line no-console
    console.warn(
      `skipping "${name}": no kube-apiserver. Run scripts/test.sh unit (it builds and starts one).`,
    );
    describe.skip(name, () => fn(() => env!));
    return;
  }
  describe(name, () => fn(() => env));
}

/** The second, independent API server scripts/test.sh starts (KUBE2_*), for multi-cluster suites. */
export function kubeEnv2FromProcess(): KubeEnv | undefined {
  const { KUBE2_URL, KUBE2_ADMIN_TOKEN, KUBE2_CA_FILE } = process.env;
  if (!KUBE2_URL || !KUBE2_ADMIN_TOKEN || !KUBE2_CA_FILE) return undefined;
  return { url: KUBE2_URL, token: KUBE2_ADMIN_TOKEN, ca: readFileSync(KUBE2_CA_FILE, 'utf8') };
}

/** Like describeWithKube, with two real API servers (never skipped in CI). */
export function describeWithTwoKubes(
  name: string,
  fn: (first: () => KubeEnv, second: () => KubeEnv) => void,
) {
  const second = kubeEnv2FromProcess();
  if (!second) {
    if (process.env.CI) {
      describe(name, () => {
        it('needs two real kube-apiservers', () => {
          throw new Error('KUBE2_URL/KUBE2_ADMIN_TOKEN/KUBE2_CA_FILE are unset: run through scripts/test.sh, which starts both');
        });
      });
      return;
    }
    // eslint-disable-next-line no-console
    console.warn(`skipping "${name}": no second kube-apiserver. Run scripts/test.sh unit.`);
    describe.skip(name, () => fn(() => second!, () => second!));
    return;
  }
  describeWithKube(name, first => fn(first, () => second));
}

export interface ApiResponse {
  status: number;
  body: any;
}

export class KubeRest {
  private resources?: Map<string, { path: string; namespaced: boolean }>;

  constructor(private readonly env: KubeEnv) {}

  request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<ApiResponse> {
    const url = new URL(path, this.env.url);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          ca: this.env.ca,
          headers: {
            authorization: `Bearer ${this.env.token}`,
            accept: 'application/json',
            ...(payload ? { 'content-type': contentType } : {}),
          },
        },
        res => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', chunk => (data += chunk));
          res.on('end', () => {
            let parsed: any = data;
            try {
              parsed = data ? JSON.parse(data) : undefined;
            } catch {
              // keep text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** Maps `apiVersion/Kind` to its collection path through API discovery, as kubectl does. */
  private async discover() {
    if (this.resources) return this.resources;
    const map = new Map<string, { path: string; namespaced: boolean }>();
    const add = async (groupVersion: string, base: string) => {
      const res = await this.request('GET', base);
      for (const r of res.body?.resources ?? []) {
        if (String(r.name).includes('/')) continue;
        map.set(`${groupVersion}/${r.kind}`, { path: `${base}/${r.name}`, namespaced: r.namespaced });
      }
    };
    await add('v1', '/api/v1');
    const groups = await this.request('GET', '/apis');
    for (const g of groups.body.groups) {
      for (const v of g.versions) await add(v.groupVersion, `/apis/${v.groupVersion}`);
    }
    this.resources = map;
    return map;
  }

  /** Forgets discovery (after installing CRDs). */
  rediscover() {
    this.resources = undefined;
  }

  async pathFor(obj: any, withName = false): Promise<string> {
    const resources = await this.discover();
    let apiVersion: string = obj.apiVersion;
    // 1.20 serves PodDisruptionBudgets only as policy/v1beta1; the fields we use are identical.
    if (!resources.has(`${apiVersion}/${obj.kind}`) && apiVersion === 'policy/v1') {
      apiVersion = 'policy/v1beta1';
      obj.apiVersion = apiVersion;
    }
    const r = resources.get(`${apiVersion}/${obj.kind}`);
    if (!r) throw new Error(`the API server does not serve ${apiVersion} ${obj.kind}`);
    const [prefix, plural] = [r.path.slice(0, r.path.lastIndexOf('/')), r.path.slice(r.path.lastIndexOf('/') + 1)];
    const ns = r.namespaced ? `/namespaces/${obj.metadata.namespace ?? 'default'}` : '';
    return `${prefix}${ns}/${plural}${withName ? `/${obj.metadata.name}` : ''}`;
  }

  /** Creates (or replaces) an object and then writes its status, returning the stored object. */
  async put(input: any): Promise<any> {
    const obj = structuredClone(input);
    const status = obj.status;
    delete obj.metadata.resourceVersion;
    delete obj.metadata.uid;
    const collection = await this.pathFor(obj);
    let res = await this.request('POST', collection, obj);
    if (res.status === 409) {
      const current = await this.request('GET', `${collection}/${obj.metadata.name}`);
      obj.metadata.resourceVersion = current.body.metadata.resourceVersion;
      // A Service's allocated clusterIP is immutable: a replace must carry it, as kubectl apply does.
      if (obj.kind === 'Service' && current.body.spec?.clusterIP && !obj.spec?.clusterIP) {
        obj.spec = { ...obj.spec, clusterIP: current.body.spec.clusterIP };
      }
      res = await this.request('PUT', `${collection}/${obj.metadata.name}`, obj);
    }
    if (res.status >= 300) {
      throw new Error(`${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name}: HTTP ${res.status} ${res.body?.message ?? ''}`);
    }
    // The server owns a CRD's and a Namespace's status; everything else gets the fixture's.
    const serverOwned = obj.kind === 'CustomResourceDefinition' || obj.kind === 'Namespace';
    if (serverOwned || !status || Object.keys(status).length === 0) return res.body;
    const statusPath = `${collection}/${obj.metadata.name}/status`;
    const withStatus = { ...res.body, status };
    const st = await this.request('PUT', statusPath, withStatus);
    // Kinds without a status subresource (404/405) keep status on the main resource.
    if (st.status === 404 || st.status === 405) return res.body;
    if (st.status >= 300) {
      throw new Error(`status of ${obj.kind} ${obj.metadata.name}: HTTP ${st.status} ${st.body?.message ?? ''}`);
    }
    return st.body;
  }

  async waitForCrds(names: string[], timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (const name of names) {
      for (;;) {
        const res = await this.request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
        const established = res.body?.status?.conditions?.some(
          (c: any) => c.type === 'Established' && c.status === 'True',
        );
        if (established) break;
        if (Date.now() > deadline) throw new Error(`CRD ${name} not established`);
        await new Promise(r => setTimeout(r, 200));
      }
    }
    this.rediscover();
  }
}

/** Orders objects so that what others live in or refer to is created first. */
export function applyOrder(objects: any[]): any[] {
  const rank = (o: any) => {
    switch (o.kind) {
      case 'CustomResourceDefinition':
        return 0;
      case 'Namespace':
        return 1;
      case 'Node':
      case 'ClusterRole':
      case 'Role':
      case 'ServiceAccount':
        return 2;
      default:
        return 3;
    }
  };
  return [...objects].sort((a, b) => rank(a) - rank(b));
}
