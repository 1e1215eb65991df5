import { X509Certificate } from 'crypto';
import * as https from 'https';
import * as net from 'net';
import { AddressInfo } from 'net';
import { createTestPki, TestPki } from '../../__testUtils__/pki';
import { TlsProber } from './TlsProber';

jest.setTimeout(60_000);

const sockets = new Set<net.Socket>();

async function listen(server: net.Server): Promise<number> {
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('TlsProber', () => {
  let pki: TestPki;
  const servers: net.Server[] = [];
  const resolve: Record<string, string> = {};
  let validSerial: string;

  const serve = async (host: string, cert: { cert: string; key: string }) => {
    const server = https.createServer(cert, (_req, res) => res.end('ok'));
    servers.push(server);
    resolve[host] = `127.0.0.1:${await listen(server)}`;
  };

  beforeAll(async () => {
    pki = createTestPki();
    const valid = pki.issue('valid', { dns: ['portal.254carbon.test'] });
    validSerial = new X509Certificate(valid.cert).serialNumber;
    await serve('portal.254carbon.test', valid);
    await serve(
      'expired.254carbon.test',
      pki.issue('expired', {
        dns: ['expired.254carbon.test'],
        notBefore: '20200101000000Z',
        notAfter: '20210101000000Z',
      }),
    );
    // Serves a certificate for another name: the classic stale or misrouted certificate.
    await serve('wrong.254carbon.test', pki.issue('other', { dns: ['other.254carbon.test'] }));

    const closed = net.createServer();
    const port = await listen(closed);
    await new Promise(r => closed.close(r));
    resolve['down.254carbon.test'] = `127.0.0.1:${port}`;

    // Accepts TCP but never speaks TLS.
    const silent = net.createServer(() => undefined);
    servers.push(silent);
    resolve['silent.254carbon.test'] = `127.0.0.1:${await listen(silent)}`;
  });

  afterAll(async () => {
    sockets.forEach(s => s.destroy());
    await Promise.all(servers.map(s => new Promise(r => s.close(r))));
    pki.cleanup();
  });

  const prober = (caFile?: string, timeoutMs = 15000) =>
    new TlsProber({ timeoutMs, port: 443, caFile, resolve, concurrency: 4, allowedHosts: [], allowedPorts: [] });

  it('observes a valid certificate, keyed by the public host and port', async () => {
    const facts = await prober(pki.caFile).probe(['portal.254carbon.test']);
    expect(Object.keys(facts)).toEqual(['portal.254carbon.test:443']);
    const read = facts['portal.254carbon.test:443'];
    expect(read.state).toBe('ok');
    if (read.state !== 'ok') return;
    expect(read.value).toMatchObject({
      host: 'portal.254carbon.test',
      port: 443,
      authorized: true,
      subjectAltNames: ['portal.254carbon.test'],
      issuer: 'Readiness Test CA',
      serialNumber: validSerial,
    });
    expect(read.value.authorizationError).toBeUndefined();
    expect(read.value.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const daysLeft = (new Date(read.value.validTo!).getTime() - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(88);
    expect(daysLeft).toBeLessThan(91);
  });

  it('reports an expired certificate as observed, not as a failed read', async () => {
    const facts = await prober(pki.caFile).probe(['expired.254carbon.test']);
    expect(facts['expired.254carbon.test:443']).toEqual({
      state: 'ok',
      value: expect.objectContaining({
        authorized: false,
        authorizationError: 'CERT_HAS_EXPIRED',
        validTo: '2021-01-01T00:00:00.000Z',
      }),
    });
  });

  it('checks the host name itself, since rejectUnauthorized is off', async () => {
    const facts = await prober(pki.caFile).probe(['wrong.254carbon.test']);
    expect(facts['wrong.254carbon.test:443']).toEqual({
      state: 'ok',
      value: expect.objectContaining({
        authorized: false,
        authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID',
        subjectAltNames: ['other.254carbon.test'],
      }),
    });
  });

  it('does not trust a private CA it was not given', async () => {
    const facts = await prober().probe(['portal.254carbon.test']);
    const read = facts['portal.254carbon.test:443'];
    expect(read).toEqual({
      state: 'ok',
      value: expect.objectContaining({ authorized: false }),
    });
    expect(read.state === 'ok' && read.value.authorizationError).toMatch(
      /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/,
    );
  });

  it('turns a refused connection and a silent endpoint into the same error read (no port scanning)', async () => {
    const started = Date.now();
    const facts = await prober(pki.caFile, 1500).probe(['down.254carbon.test', 'silent.254carbon.test']);
    const unreachable = (host: string) => ({
      state: 'error',
      message: `no TLS handshake with ${host}:443 (via ${resolve[host]}) within 1500 ms (unreachable, refused or not serving TLS)`,
    });
    expect(facts['down.254carbon.test:443']).toEqual(unreachable('down.254carbon.test'));
    expect(facts['silent.254carbon.test:443']).toEqual(unreachable('silent.254carbon.test'));
    // The deadline holds: a silent endpoint does not hang the sweep.
    expect(Date.now() - started).toBeLessThan(15000);
  });

  it('deduplicates hosts, keeps explicit ports and skips wildcards', async () => {
    const facts = await prober(pki.caFile).probe([
      'portal.254carbon.test',
      'PORTAL.254carbon.test',
      '*.254carbon.test',
      'down.254carbon.test:8443',
    ]);
    expect(Object.keys(facts).sort()).toEqual(['down.254carbon.test:8443', 'portal.254carbon.test:443']);
  });
});
