import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVICE_CHECK_IDS, ServiceReadiness } from '@254carbon/plugin-readiness-common';
import { KINDS } from '@254carbon/plugin-readiness-node';
import { describeWithKube, KubeEnv, KubeRest } from '../kube/KubeRest';
import { clusterConfig, startReadiness, userAuthorization } from './startReadiness';
import { byCheck, getJson, loadServices, serviceEntity, serviceName, serviceObjectsOf, statusesExcept } from './fixture';

jest.setTimeout(240_000);

const ROOT = resolve(__dirname, '../../..');
// Services 9100..9103 live in namespace team-0910, used by no other suite.
const FROM = 9100;
const TO = 9104;
const indexes = Array.from({ length: TO - FROM }, (_, k) => FROM + k);
const NETPOL_CHECKS = ['SEC-NETPOL-DEFAULT-DENY', 'SEC-NETPOL-SERVICE'];

async function resultsOf(baseUrl: string, names: string[]): Promise<Record<string, ServiceReadiness>> {
  const out: Record<string, ServiceReadiness> = {};
  for (const name of names) {
    const res = await getJson(`${baseUrl}/entities/default/component/${name}`, userAuthorization());
    expect(res.status).toBe(200);
    out[name] = res.body;
  }
  return out;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(done => server.close(done));
  return port;
}

/**
 * A TCP proxy in front of an API server that delays every chunk the server sends, so a sweep
 * takes seconds instead of milliseconds and stopping the server lands inside it. TLS passes
 * through untouched (the server's certificate covers 127.0.0.1). `onResponseData` counts chunks.
 */
async function slowProxy(target: string, delayMs: number) {
  const { hostname, port } = new URL(target);
  let chunks = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer(client => {
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    client.on('data', d => upstream.write(d));
    upstream.on('data', d => {
      chunks += 1;
      setTimeout(() => client.write(d), delayMs);
    });
    const end = () => setTimeout(() => client.destroy(), delayMs);
    upstream.on('close', end);
    upstream.on('error', end);
    client.on('close', () => upstream.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  return {
    url: `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    chunks: () => chunks,
    close: async () => {
      sockets.forEach(s => s.destroy());
      await new Promise(done => server.close(done));
    },
  };
}

/** A TCP server that accepts connections and never answers: a hung API server or load balancer. */
async function blackHole() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer(socket => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  return {
    url: `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    accepted: () => sockets.size,
    close: async () => {
      sockets.forEach(s => s.destroy());
      await new Promise(done => server.close(done));
    },
  };
}

describeWithKube('Kubernetes faults against the real kube-apiserver', env => {
  const names = indexes.map(serviceName);
  const entities = (cluster?: string) => indexes.map(i => serviceEntity(i, cluster));
  let baseline: Record<string, ServiceReadiness>;

  beforeAll(async () => {
    await loadServices(env(), FROM, TO);
    const healthy = await startReadiness({ entities: entities('main'), clusters: [clusterConfig('main', env())] });
    try {
      await healthy.runSweep();
      baseline = await resultsOf(healthy.baseUrl, names);
    } finally {
      await healthy.stop();
    }
    // The fixture is varied: the baseline has passing and failing checks, and nothing unknown.
    const all = Object.values(baseline).flatMap(r => r.checks);
    expect(all.some(c => c.status === 'pass')).toBe(true);
    expect(all.some(c => c.status === 'fail')).toBe(true);
    expect(all.filter(c => c.status === 'unknown')).toEqual([]);
  });

  it('turns only the checks of a kind forbidden by RBAC unknown, naming the grant to add', async () => {
    const rest = new KubeRest(env());
    // The reader may list every kind readiness reads except NetworkPolicies.
    const byGroup = new Map<string, string[]>();
    for (const spec of KINDS.filter(k => k.id !== 'networkpolicies')) {
      byGroup.set(spec.group, [...(byGroup.get(spec.group) ?? []), spec.plural]);
    }
    await rest.put({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'readiness-faults-no-netpol' },
      rules: [...byGroup].map(([group, resources]) => ({ apiGroups: [group], resources, verbs: ['list'] })),
    });
    await rest.put({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'readiness-faults-no-netpol' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'readiness-faults-no-netpol' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'readiness-limited' }],
    });
    // Not the reader: other suites rely on it having no permissions at all.
    const readerToken = process.env.KUBE_LIMITED_TOKEN;
    expect(readerToken).toBeTruthy();
    // RBAC changes reach the authorizer's cache within a moment.
    for (let k = 0; k < 50; k++) {
      const probe = await new KubeRest({ ...env(), token: readerToken! }).request('GET', '/api/v1/pods?limit=1');
      if (probe.status === 200) break;
      await new Promise(r => setTimeout(r, 200));
    }

    const backend = await startReadiness({
      entities: entities('main'),
      clusters: [clusterConfig('main', env(), readerToken)],
    });
    try {
      await backend.runSweep();
      const results = await resultsOf(backend.baseUrl, names);
      for (const name of names) {
        const checks = byCheck(results[name]);
        for (const id of NETPOL_CHECKS) {
          expect(checks[id]).toMatchObject({ status: 'unknown' });
          expect(checks[id].error?.message ?? checks[id].evidence.join(' ')).toContain(
            'forbidden: grant list on networking.k8s.io/networkpolicies',
          );
        }
        expect(statusesExcept(results[name], NETPOL_CHECKS)).toEqual(statusesExcept(baseline[name], NETPOL_CHECKS));
      }
      // The source error is also reported with the sweep.
      const summary = await getJson(`${backend.baseUrl}/summary`, userAuthorization());
      expect(summary.status).toBe(200);
      expect(JSON.stringify(summary.body)).toContain('networkpolicies');
    } finally {
      await backend.stop();
    }
  });

  it('bounds a hanging cluster by timeoutMs and leaves the other cluster\'s services untouched', async () => {
    const hole = await blackHole();
    const ghost = serviceEntity(TO + 50, 'hung');
    const backend = await startReadiness({
      entities: [...entities('main'), ghost],
      clusters: [clusterConfig('main', env()), { ...clusterConfig('hung', env()), url: hole.url }],
      readiness: { sources: { kubernetes: { timeoutMs: 1500 } } },
    });
    try {
      const started = Date.now();
      await backend.runSweep();
      const elapsed = Date.now() - started;
      expect(hole.accepted()).toBeGreaterThan(0);
      // Every kind of the hung cluster waits at most one timeout (6 kinds in parallel), so the
      // sweep is bounded: KINDS/6 rounds at most, and far less once the first timeout marks the
      // cluster unreachable.
      expect(elapsed).toBeLessThan(1500 * Math.ceil(KINDS.length / 6) + 5000);

      const results = await resultsOf(backend.baseUrl, [...names, ghost.metadata.name]);
      for (const name of names) {
        expect(statusesExcept(results[name], [])).toEqual(statusesExcept(baseline[name], []));
      }
      const ghostChecks = byCheck(results[ghost.metadata.name]);
      expect(ghostChecks['INF-WORKLOAD']).toMatchObject({ status: 'unknown' });
      expect(JSON.stringify(ghostChecks['INF-WORKLOAD'])).toContain('timed out after 1500 ms');
      // Checks that read only Vault/Prometheus (unconfigured here) are unaffected: n/a, not unknown.
      expect(ghostChecks['OPS-SLO-AVAILABILITY'].status).toBe('n/a');
    } finally {
      await backend.stop();
      await hole.close();
    }
  });

  it('survives its kube-apiserver being stopped mid-sweep: unknown with the reason, backend keeps serving', async () => {
    // A private API server: stopping the shared one would break every other suite.
    const dir = mkdtempSync(join(tmpdir(), 'readiness-kube-stop-'));
    const port = await freePort();
    // A loaded CI machine needs more than kube-up's default 60 s; stderr ends up in the error.
    execFileSync('bash', [join(ROOT, 'scripts/test-env/kube-up.sh'), dir, String(port)], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, KUBE_UP_TIMEOUT: '180' },
    });
    try {
      execFileSync('bash', [join(ROOT, 'scripts/test-env/apply-crds.sh'), dir], { stdio: ['ignore', 'ignore', 'pipe'] });
      const envText = readFileSync(join(dir, 'env'), 'utf8');
      const v = (key: string) => new RegExp(`${key}=(.*)`).exec(envText)![1].replace(/^'(.*)'$/, '$1');
      const privateEnv: KubeEnv = { url: v('KUBE_URL'), token: v('KUBE_ADMIN_TOKEN'), ca: readFileSync(v('KUBE_CA_FILE'), 'utf8') };
      await loadServices(privateEnv, FROM, TO);

      const proxy = await slowProxy(privateEnv.url, 40);
      const backend = await startReadiness({
        entities: entities('private'),
        clusters: [{ ...clusterConfig('private', privateEnv), url: proxy.url }],
        // Small pages: the sweep makes many calls, so stopping the server lands mid-sweep. No
        // watches: this backend lists at every sweep, which is what is interrupted here.
        readiness: { sources: { kubernetes: { pageSize: 2, concurrency: 2, timeoutMs: 5000, watch: false } } },
      });
      // A second backend on the same server with watches (the default): after one list its
      // sweeps read the watched objects, and must not keep serving them once the server is gone.
      const watching = await startReadiness({
        entities: entities('private'),
        clusters: [clusterConfig('private', privateEnv)],
        readiness: { sources: { kubernetes: { timeoutMs: 5000 } } },
      });
      try {
        await watching.runSweep();
        await watching.runSweep();
        const calls = watching.logger.lines
          .map(l => /readiness sweep: \d+ services, \d+ clusters, (\d+) Kubernetes API calls/.exec(l)?.[1])
          .filter((n): n is string => n !== undefined)
          .map(Number);
        // The first sweep lists every kind; the second only asks again for kinds not installed.
        expect(calls).toHaveLength(2);
        expect(calls[1]).toBeLessThan(calls[0] / 3);
        await backend.runSweep();
        const before = await resultsOf(backend.baseUrl, names);
        expect(statusesExcept(before[names[0]], [])).toEqual(statusesExcept(baseline[names[0]], []));

        const chunksBefore = proxy.chunks();
        const sweep = backend.runSweep();
        let settled = false;
        sweep.finally(() => (settled = true));
        // Stop the real server once the sweep has started listing.
        while (proxy.chunks() < chunksBefore + 10) await new Promise(r => setTimeout(r, 20));
        execFileSync('bash', [join(ROOT, 'scripts/test-env/kube-down.sh'), dir], { stdio: 'ignore' });
        expect(settled).toBe(false); // really mid-sweep
        await sweep;
        await proxy.close();

        const after = await resultsOf(backend.baseUrl, names);
        for (const name of names) {
          const workload = byCheck(after[name])['INF-WORKLOAD'];
          expect(workload.status).toBe('unknown');
          expect(JSON.stringify(workload)).toMatch(/cluster private .*(ECONNREFUSED|ECONNRESET|socket hang up|timed out)/);
          // Checks needing no cluster data keep their status.
          expect(byCheck(after[name])['OPS-SLO-LATENCY'].status).toBe(byCheck(before[name])['OPS-SLO-LATENCY'].status);
        }
        for (const path of ['/summary', '/platform', '/checks']) {
          expect((await getJson(`${backend.baseUrl}${path}`, userAuthorization())).status).toBe(200);
        }

        // The watching backend's watches broke with the server: its next sweep lists again and
        // reports the cluster unreadable instead of the objects it last saw.
        await watching.runSweep();
        const watched = await resultsOf(watching.baseUrl, names);
        for (const name of names) {
          const workload = byCheck(watched[name])['INF-WORKLOAD'];
          expect(workload.status).toBe('unknown');
          expect(JSON.stringify(workload)).toMatch(/cluster private .*(ECONNREFUSED|ECONNRESET|socket hang up|timed out)/);
        }
      } finally {
        await backend.stop();
        await watching.stop();
      }
    } finally {
      execFileSync('bash', [join(ROOT, 'scripts/test-env/kube-down.sh'), dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('measures malformed objects without failing the sweep: a Certificate without status, unknown CRD fields', async () => {
    const rest = new KubeRest(env());
    const odd = FROM + 3;
    const name = serviceName(odd);
    const ns = `team-${String(Math.floor(odd / 10)).padStart(4, '0')}`;
    // Replace the Certificate by one cert-manager has not reconciled yet: no status at all.
    await rest.request('DELETE', `/apis/cert-manager.io/v1/namespaces/${ns}/certificates/${name}-tls`);
    await rest.put({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: `${name}-tls`, namespace: ns, labels: { 'backstage.io/kubernetes-id': name } },
      spec: { secretName: `${name}-tls`, dnsNames: [`${name}.254carbon.com`], issuerRef: { name: 'letsencrypt-prod', kind: 'ClusterIssuer' } },
    });
    // A Velero Schedule carrying fields from a newer Velero (kept by the CRD's schema or pruned;
    // either way the object must still be read).
    await rest.put({
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: `${name}-hourly`, namespace: 'velero', labels: { 'backstage.io/kubernetes-id': name } },
      spec: {
        schedule: '0 * * * *',
        useOwnerReferencesInBackup: true,
        paused: false,
        skipImmediately: true,
        template: { includedNamespaces: [ns], ttl: '720h0m0s', snapshotMoveData: true, futureField: { nested: [1, 2] } },
      },
      status: { phase: 'Enabled', lastBackup: new Date(Date.now() - 1800_000).toISOString(), someNewStatus: 'x' },
    });
    const backend = await startReadiness({ entities: entities('main'), clusters: [clusterConfig('main', env())] });
    try {
      await backend.runSweep();
      const results = await resultsOf(backend.baseUrl, names);
      const checks = byCheck(results[name]);
      // No status means not Ready and no expiry known: not a crash, not a pass.
      expect(checks['SEC-CERT-READY'].status).toBe('fail');
      expect(checks['SEC-CERT-READY'].evidence.join(' ')).toContain(`${name}-tls`);
      expect(['fail', 'warn', 'unknown']).toContain(checks['SEC-CERT-EXPIRY'].status);
      expect(checks['SEC-CERT-EXPIRY'].status).not.toBe('pass');
      expect(checks['DR-BACKUP-SCHEDULE'].status).toBe(byCheck(baseline[name])['DR-BACKUP-SCHEDULE'].status);
      // The other services are exactly as before.
      for (const other of names.filter(n => n !== name)) {
        expect(statusesExcept(results[other], [])).toEqual(statusesExcept(baseline[other], []));
      }
      expect(results[name].checks.map(c => c.checkId)).toEqual(SERVICE_CHECK_IDS);
    } finally {
      await backend.stop();
      // Restore the two objects for reruns (re-applying everything would re-PUT Services, which
      // the API server rejects without their allocated clusterIP).
      for (const obj of serviceObjectsOf(odd).filter((o: any) => ['Certificate', 'Schedule'].includes(o.kind))) {
        await rest.put(obj);
      }
    }
  });
});
