import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { KINDS } from '@254carbon/plugin-readiness-node';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import { AddressInfo } from 'net';
import { createTestPki, TestPki } from '../../__testUtils__/pki';
import { discoverClusters } from './clusters';
import { KubernetesCollector } from './KubernetesCollector';

// Generous timeouts: the suite also runs on busy CI machines; no test here is about timing.
jest.setTimeout(60_000);

const TOKEN = 'readiness-sa-token';

const pod = (name: string) => ({
  metadata: { name, namespace: 'data', labels: { 'backstage.io/kubernetes-id': 'doris' } },
  spec: { containers: [{ name: 'main', image: 'harbor.254carbon.com/data/doris:2.1.0' }] },
  status: { phase: 'Running' },
});

/** A small API server emulation: list endpoints with limit/continue, 404s, 403s and 410s. */
function apiServer() {
  const seen: { url: string; authorization?: string }[] = [];
  let deploymentsExpired = false;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    seen.push({ url: req.url!, authorization: req.headers.authorization });
    const url = new URL(req.url!, 'https://kube');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const status = (code: number, reason: string, message: string) =>
      send(code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code });
    const limit = Number(url.searchParams.get('limit'));
    const token = url.searchParams.get('continue');
    const list = (kind: string, apiVersion: string, items: unknown[]) => {
      const start = token ? Number(token) : 0;
      const page = items.slice(start, start + limit);
      const next = start + limit < items.length ? String(start + limit) : undefined;
      send(200, { kind: `${kind}List`, apiVersion, metadata: { continue: next }, items: page });
    };

    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      status(401, 'Unauthorized', 'Unauthorized');
      return;
    }
    switch (url.pathname) {
      case '/api/v1/pods':
        list('Pod', 'v1', ['a', 'b', 'c', 'd', 'e'].map(pod));
        return;
      case '/api/v1/configmaps':
        list('ConfigMap', 'v1', [
          {
            metadata: { name: 'doris-config', namespace: 'data' },
            data: { DB_PASSWORD: 'hunter2-super-secret', LOG_LEVEL: 'info' },
          },
        ]);
        return;
      case '/apis/apps/v1/deployments':
        if (token === '2' && !deploymentsExpired) {
          deploymentsExpired = true;
          status(410, 'Expired', 'The provided continuation parameter is too old');
          return;
        }
        list('Deployment', 'apps/v1', ['x', 'y', 'z'].map(n => ({ metadata: { name: n, namespace: 'data' } })));
        return;
      case '/apis/policy/v1/poddisruptionbudgets':
        status(404, 'NotFound', 'the server could not find the requested resource');
        return;
      case '/apis/policy/v1beta1/poddisruptionbudgets':
        list('PodDisruptionBudget', 'policy/v1beta1', [
          { metadata: { name: 'doris', namespace: 'data' }, spec: { maxUnavailable: 1 } },
        ]);
        return;
      case '/apis/rbac.authorization.k8s.io/v1/clusterroles':
        status(
          403,
          'Forbidden',
          'clusterroles.rbac.authorization.k8s.io is forbidden: User "system:serviceaccount:backstage:readiness" cannot list resource "clusterroles"',
        );
        return;
      case '/apis/cert-manager.io/v1/certificates':
        list('Certificate', 'cert-manager.io/v1', [
          {
            metadata: { name: 'doris-tls', namespace: 'data' },
            spec: { secretName: 'doris-tls', dnsNames: ['doris.254carbon.com'], somethingNew: { kept: true } },
            status: { notAfter: '2027-01-01T00:00:00Z' },
          },
        ]);
        return;
      default:
        if (url.pathname.startsWith('/apis/velero.io/') || url.pathname.startsWith('/apis/external-secrets.io/')) {
          status(404, 'NotFound', '404 page not found');
          return;
        }
        list('Thing', 'v1', []);
    }
  };
  return { seen, handler };
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function clusterFromConfig(cluster: JsonObject) {
  const config = mockServices.rootConfig({
    data: {
      kubernetes: {
        clusterLocatorMethods: [{ type: 'config', clusters: [cluster] }],
      },
    },
  });
  const [found] = discoverClusters(
    config,
    { enabled: true, timeoutMs: 15000, pageSize: 2, concurrency: 4, inCluster: false, oidcTokens: {}, perClusterTasks: false, watch: false },
    mockServices.logger.mock(),
  );
  return found;
}

describe('KubernetesCollector', () => {
  let pki: TestPki;
  let server: https.Server;
  let api: ReturnType<typeof apiServer>;
  let url: string;

  beforeAll(async () => {
    pki = createTestPki();
    const leaf = pki.issue('kube', { ips: ['127.0.0.1'], dns: ['localhost'] });
    api = apiServer();
    server = https.createServer({ cert: leaf.cert, key: leaf.key }, api.handler);
    url = `https://127.0.0.1:${await listen(server)}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
    pki.cleanup();
  });
  beforeEach(() => {
    api.seen.length = 0;
  });

  const collector = new KubernetesCollector({ timeoutMs: 15000, pageSize: 2, concurrency: 4 });
  const cluster = () =>
    clusterFromConfig({
      name: 'prod',
      url,
      authProvider: 'serviceAccount',
      serviceAccountToken: TOKEN,
      caData: Buffer.from(pki.caPem).toString('base64'),
    });

  it('lists every kind once, following continue tokens page by page', async () => {
    const snapshot = await collector.collect(cluster());

    expect(snapshot.cluster).toBe('prod');
    const pods = snapshot.kinds.pods;
    expect(pods.state).toBe('ok');
    expect(pods.state === 'ok' && pods.value.map(p => p.metadata.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // List items get their apiVersion and kind back.
    expect(pods.state === 'ok' && pods.value[0]).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    expect(api.seen.filter(s => s.url.startsWith('/api/v1/pods?')).map(s => s.url)).toEqual([
      '/api/v1/pods?limit=2',
      '/api/v1/pods?limit=2&continue=2',
      '/api/v1/pods?limit=2&continue=4',
    ]);
    // Every request carries the service account token; apiCalls counts them all.
    expect(api.seen.every(s => s.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(snapshot.apiCalls).toBe(api.seen.length);
    // One list per kind (plus pages and version fallbacks), never one per service.
    const kindsListed = new Set(api.seen.map(s => s.url.split('?')[0]));
    expect(kindsListed.size).toBeLessThanOrEqual(KINDS.reduce((n, k) => n + k.versions.length, 0));
  });

  it('falls back to the next version on 404 and reports a kind absent when no version exists', async () => {
    const snapshot = await collector.collect(cluster());
    expect(snapshot.kinds.poddisruptionbudgets).toEqual({
      state: 'ok',
      value: [expect.objectContaining({ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget' })],
    });
    expect(snapshot.kinds.schedules).toEqual({
      state: 'absent',
      reason: 'schedules.velero.io is not installed (no velero.io/v1 API)',
    });
    expect(snapshot.kinds.externalsecrets).toEqual({
      state: 'absent',
      reason: expect.stringContaining('external-secrets.io/v1 or external-secrets.io/v1beta1'),
    });
  });

  it('says which grant is missing on 403', async () => {
    const snapshot = await collector.collect(cluster());
    expect(snapshot.kinds.clusterroles).toEqual({
      state: 'error',
      message: expect.stringContaining(
        'forbidden: grant list on rbac.authorization.k8s.io/clusterroles to the readiness service account',
      ),
    });
    expect(snapshot.kinds.roles.state).toBe('ok');
  });

  it('restarts a list whose continue token expired (410)', async () => {
    const snapshot = await collector.collect(cluster());
    const deployments = snapshot.kinds.deployments;
    expect(deployments.state === 'ok' && deployments.value.map(d => d.metadata.name)).toEqual(['x', 'y', 'z']);
  });

  it('keeps unknown CRD fields and strips ConfigMap values', async () => {
    const snapshot = await collector.collect(cluster());
    const certs = snapshot.kinds.certificates;
    expect(certs.state === 'ok' && certs.value[0].spec.somethingNew).toEqual({ kept: true });
    const configmaps = snapshot.kinds.configmaps;
    expect(configmaps.state).toBe('ok');
    expect(JSON.stringify(snapshot)).not.toContain('hunter2-super-secret');
  });

  it('rejects the server certificate without the CA unless skipTLSVerify is set', async () => {
    const untrusted = await collector.collect(
      clusterFromConfig({ name: 'prod', url, serviceAccountToken: TOKEN }),
    );
    expect(untrusted.kinds.pods).toEqual({
      state: 'error',
      message: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify/i),
    });
    const skipped = await collector.collect(
      clusterFromConfig({ name: 'prod', url, serviceAccountToken: TOKEN, skipTLSVerify: true }),
    );
    expect(skipped.kinds.pods.state).toBe('ok');
  });

  it('reports a bad token as unauthorized', async () => {
    const snapshot = await collector.collect(
      clusterFromConfig({ name: 'prod', url, serviceAccountToken: 'nope', skipTLSVerify: true }),
    );
    expect(snapshot.kinds.nodes).toEqual({
      state: 'error',
      message: expect.stringContaining('unauthorized listing /api/v1/nodes'),
    });
  });

  it('stops calling an unreachable cluster after the first failures', async () => {
    const closed = net.createServer();
    const port = await listen(closed);
    await new Promise(r => closed.close(r));
    const snapshot = await collector.collect(
      clusterFromConfig({ name: 'gone', url: `https://127.0.0.1:${port}`, serviceAccountToken: TOKEN }),
    );
    for (const spec of KINDS) {
      expect(snapshot.kinds[spec.id]).toEqual({
        state: 'error',
        message: expect.stringMatching(/^cluster gone \(https:\/\/127\.0\.0\.1:\d+\): ECONNREFUSED/),
      });
    }
    expect(snapshot.apiCalls).toBeLessThanOrEqual(4);
  });
});

describe('discoverClusters', () => {
  const source = { enabled: true, timeoutMs: 1000, pageSize: 500, concurrency: 2, inCluster: false, oidcTokens: { corp: 'machine-token' }, perClusterTasks: false, watch: false };
  const discover = (data: object) =>
    discoverClusters(mockServices.rootConfig({ data }), source, mockServices.logger.mock());

  it('names the key of a cluster without a URL', () => {
    expect(() =>
      discover({ kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters: [{ name: 'a', url: 'nope' }] }] } }),
    ).toThrow('kubernetes.clusterLocatorMethods[0].clusters[0].url must be a URL');
  });

  const one = (cluster: object) => ({
    kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters: [{ name: 'a', url: 'https://k', ...cluster }] }] },
  });

  it('refuses providers that act as the signed-in user, naming the background alternative', () => {
    expect(() => discover(one({ authProvider: 'google' }))).toThrow(
      /clusters\[0\] \(a\): authProvider "google" authenticates as the signed-in user.*use googleServiceAccount/,
    );
    expect(() => discover(one({ authProvider: 'aks' }))).toThrow(/use azure/);
  });

  it("validates each cluster with the Kubernetes plugin's own strategy", () => {
    // The plugin's OidcStrategy rejects an oidc cluster without a token provider.
    expect(() => discover(one({ authProvider: 'oidc' }))).toThrow(/clusters\[0\] \(a\): Must specify a token provider/);
    // And readiness needs the backend's own token for that provider.
    expect(() => discover(one({ authProvider: 'oidc', oidcTokenProvider: 'okta' }))).toThrow(
      'set readiness.sources.kubernetes.oidcTokens.okta',
    );
    expect(discover(one({ authProvider: 'oidc', oidcTokenProvider: 'corp' }))).toHaveLength(1);
    expect(discover(one({ authProvider: 'aws', assumeRole: 'arn:aws:iam::1:role/readiness' }))).toHaveLength(1);
    expect(discover(one({ authProvider: 'googleServiceAccount' }))).toHaveLength(1);
    expect(() => discover(one({ authProvider: 'kerberos' }))).toThrow(/kerberos/);
  });

  it('skips other locator types and rejects duplicate names', () => {
    expect(
      discover({ kubernetes: { clusterLocatorMethods: [{ type: 'localKubectlProxy' }] } }),
    ).toEqual([]);
    expect(() =>
      discover({
        kubernetes: {
          clusterLocatorMethods: [
            { type: 'config', clusters: [{ name: 'a', url: 'https://k1' }, { name: 'a', url: 'https://k2' }] },
          ],
        },
      }),
    ).toThrow('two clusters are named "a"');
  });
});
