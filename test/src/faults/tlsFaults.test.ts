import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceReadiness } from '@254carbon/plugin-readiness-common';
import { describeWithKube } from '../kube/KubeRest';
import { byCheck, getJson, loadServices, serviceEntity, serviceName, statusesExcept } from './fixture';
import { clusterConfig, startReadiness, userAuthorization } from './startReadiness';

jest.setTimeout(180_000);

// Services 9120..9123 (namespace team-0912), used by no other suite. Their Ingress hosts are
// svc-0912N.254carbon.com; `tls.resolve` sends each to a local endpoint with one fault.
const indexes = [9120, 9121, 9122, 9123];
const [good, refused, expired, wrongHost] = indexes.map(serviceName);
const hostOf = (name: string) => `${name}.254carbon.com`;

/** An openssl CA in a temp dir issuing leaf certificates, optionally with dates in the past. */
function makeCa() {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-tls-faults-'));
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  mkdirSync(join(dir, 'issued'));
  writeFileSync(join(dir, 'db.txt'), '');
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ca]\ndefault_ca=local\n[local]\ndatabase=${dir}/db.txt\nnew_certs_dir=${dir}/issued\nserial=${dir}/serial\n` +
      `default_md=sha256\npolicy=anything\nunique_subject=no\ncopy_extensions=copy\n[anything]\ncommonName=supplied\n`,
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30', '-subj', '/CN=Readiness Faults CA']);
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    issue(name: string, dns: string, dates?: { start: string; end: string }) {
      run(['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${dns}`, '-addext', `subjectAltName=DNS:${dns}`]);
      run([
        'ca', '-batch', '-notext', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', `${name}.csr`, '-out', `${name}.crt`,
        ...(dates ? ['-startdate', dates.start, '-enddate', dates.end] : ['-days', '60']),
      ]);
      return { cert: readFileSync(join(dir, `${name}.crt`), 'utf8'), key: readFileSync(join(dir, `${name}.key`), 'utf8') };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function serve(cert: { cert: string; key: string }) {
  const server = https.createServer(cert, (_req, res) => res.end('ok'));
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  return server;
}

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>(done => s.listen(0, '127.0.0.1', done));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise(done => s.close(done));
  return port;
}

describeWithKube('TLS faults (real handshakes to local endpoints)', env => {
  const ca = makeCa();
  const servers: https.Server[] = [];
  const entities = indexes.map(i => serviceEntity(i, 'main'));

  async function sweep(resolve: Record<string, string>) {
    const backend = await startReadiness({
      entities,
      clusters: [clusterConfig('main', env())],
      readiness: { sources: { tls: { enabled: true, timeoutMs: 3000, caFile: ca.caFile, resolve } } },
    });
    try {
      await backend.runSweep();
      const results: Record<string, ServiceReadiness> = {};
      for (const name of [good, refused, expired, wrongHost]) {
        const res = await getJson(`${backend.baseUrl}/entities/default/component/${name}`, userAuthorization());
        expect(res.status).toBe(200);
        results[name] = res.body;
      }
      return results;
    } finally {
      await backend.stop();
    }
  }

  afterAll(async () => {
    await Promise.all(servers.map(s => new Promise(done => s.close(done))));
    ca.cleanup();
  });

  it('fails SEC-TLS-LIVE with the reason for refused, expired and wrong-host endpoints, and only that check', async () => {
    await loadServices(env(), indexes[0], indexes[indexes.length - 1] + 1);
    const valid = await serve(ca.issue('good', hostOf(good)));
    const old = await serve(ca.issue('expired', hostOf(expired), { start: '20240101000000Z', end: '20240401000000Z' }));
    const other = await serve(ca.issue('other', 'someone-else.254carbon.com'));
    servers.push(valid, old, other);
    const at = (s: https.Server) => `127.0.0.1:${(s.address() as net.AddressInfo).port}`;

    // Baseline: every host served correctly.
    const healthy = await sweep({
      [hostOf(good)]: at(valid),
      [hostOf(refused)]: at(valid),
      [hostOf(expired)]: at(valid),
      [hostOf(wrongHost)]: at(valid),
    });
    expect(byCheck(healthy[good])['SEC-TLS-LIVE'].status).not.toBe('fail');

    const results = await sweep({
      [hostOf(good)]: at(valid),
      [hostOf(refused)]: `127.0.0.1:${await closedPort()}`,
      [hostOf(expired)]: at(old),
      [hostOf(wrongHost)]: at(other),
    });
    const tlsLive = (name: string) => byCheck(results[name])['SEC-TLS-LIVE'];
    expect(tlsLive(good).status).toBe(byCheck(healthy[good])['SEC-TLS-LIVE'].status);
    expect(tlsLive(refused).status).toBe('fail');
    // Refused reads like any unreachable endpoint: the evidence must not map open ports.
    expect(tlsLive(refused).evidence.join(' ')).toContain('(unreachable, refused or not serving TLS)');
    expect(tlsLive(refused).evidence.join(' ')).not.toContain('ECONNREFUSED');
    expect(tlsLive(expired).status).toBe('fail');
    expect(tlsLive(expired).evidence.join(' ')).toMatch(/CERT_HAS_EXPIRED|expired/);
    expect(tlsLive(wrongHost).status).toBe('fail');
    expect(tlsLive(wrongHost).evidence.join(' ')).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID|does not match|not in the cert/i);
    for (const name of [good, refused, expired, wrongHost]) {
      expect(statusesExcept(results[name], ['SEC-TLS-LIVE'])).toEqual(statusesExcept(healthy[name], ['SEC-TLS-LIVE']));
    }
  });
});
