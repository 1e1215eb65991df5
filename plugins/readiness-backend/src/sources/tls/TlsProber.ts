import { promises as fs } from 'fs';
import * as tls from 'tls';
import { failed, ok, Read, TlsFacts, TlsObservation } from '@254carbon/plugin-readiness-node';
import pLimit from 'p-limit';
import type { TlsHostPolicy } from './hostPolicy';

export interface TlsProberOptions {
  timeoutMs: number;
  /** Port used when a host is given without one. */
  port: number;
  caFile?: string;
  /** `host` → `address:port` to connect to instead (tests, split-horizon DNS). */
  resolve: Record<string, string>;
  concurrency: number;
  allowedHosts: string[];
  allowedPorts: number[];
}

/** Probes public hosts with real TLS handshakes. */
export interface TlsSource {
  /** Which hosts the sweep may hand to probe(); see decideTlsHosts. */
  readonly hostPolicy: TlsHostPolicy;
  probe(hosts: string[]): Promise<TlsFacts>;
}

function splitHost(value: string, defaultPort: number): { host: string; port: number } {
  const match = /^(.+):(\d+)$/.exec(value);
  return match
    ? { host: match[1], port: Number(match[2]) }
    : { host: value, port: defaultPort };
}

function issuerName(issuer: tls.PeerCertificate['issuer'] | undefined): string | undefined {
  if (!issuer) return undefined;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return first(issuer.CN) ?? first(issuer.O) ?? Object.values(issuer).flat().join(', ');
}

/**
 * Hand-shakes with each host the way a browser would (SNI = host) but without rejecting, so an
 * expired or mismatched certificate is observed and described instead of being a connection
 * error. Facts are keyed `host:port` with the public port, even when `resolve` sends the
 * connection elsewhere.
 */
export class TlsProber implements TlsSource {
  private ca?: Promise<string[] | undefined>;
  readonly hostPolicy: TlsHostPolicy;

  constructor(private readonly options: TlsProberOptions) {
    this.hostPolicy = { allowedHosts: options.allowedHosts, allowedPorts: options.allowedPorts };
  }

  async probe(hosts: string[]): Promise<TlsFacts> {
    const limit = pLimit(this.options.concurrency);
    const targets = new Map<string, { host: string; port: number }>();
    for (const value of hosts) {
      const target = splitHost(value.trim().toLowerCase(), this.options.port);
      // Wildcards name no single endpoint to connect to.
      if (!target.host || target.host.startsWith('*')) continue;
      targets.set(`${target.host}:${target.port}`, target);
    }
    const entries = await Promise.all(
      [...targets].map(([key, target]) =>
        limit(async () => [key, await this.handshake(target.host, target.port)] as const),
      ),
    );
    return Object.fromEntries(entries);
  }

  private getCa() {
    const file = this.options.caFile;
    this.ca ??= file
      ? fs
          .readFile(file, 'utf8')
          .then(pem => [...tls.rootCertificates, pem])
          .catch(e => {
            throw new Error(`cannot read TLS CA file ${file}: ${e.message}`);
          })
      : Promise.resolve(undefined);
    return this.ca;
  }

  private async handshake(host: string, port: number): Promise<Read<TlsObservation>> {
    const override = this.options.resolve[host] ?? this.options.resolve[`${host}:${port}`];
    const connectTo = override ? splitHost(override, port) : { host, port };
    let ca: string[] | undefined;
    try {
      ca = await this.getCa();
    } catch (e) {
      return failed((e as Error).message);
    }
    return new Promise(resolve => {
      const via = override ? ` (via ${connectTo.host}:${connectTo.port})` : '';
      const connection = tls.connect({
        host: connectTo.host,
        port: connectTo.port,
        servername: host,
        ca,
        // Inspect rather than reject: an expired certificate is a finding, not a failure to read.
        rejectUnauthorized: false,
        timeout: this.options.timeoutMs,
      });
      let settled = false;
      const finish = (read: Read<TlsObservation>) => {
        if (settled) return;
        settled = true;
        connection.destroy();
        resolve(read);
      };
      // Refused, timed out, unresolvable, reset or not speaking TLS all read the same: telling
      // them apart would tell a caller which internal addresses and ports are open.
      const unreachable = () =>
        finish(
          failed(
            `no TLS handshake with ${host}:${port}${via} within ${this.options.timeoutMs} ms (unreachable, refused or not serving TLS)`,
          ),
        );
      connection.setTimeout(this.options.timeoutMs);
      connection.once('timeout', unreachable);
      connection.once('error', unreachable);
      connection.once('secureConnect', () => {
        const cert = connection.getPeerCertificate();
        if (!cert || Object.keys(cert).length === 0) {
          finish(failed(`${host}:${port}${via} presented no certificate`));
          return;
        }
        // With rejectUnauthorized off Node only verifies the chain; the name is checked here.
        let authorized = connection.authorized;
        let authorizationError = connection.authorizationError
          ? String((connection.authorizationError as any).code ?? connection.authorizationError)
          : undefined;
        const nameError = tls.checkServerIdentity(host, cert);
        if (nameError) {
          authorized = false;
          authorizationError ??= (nameError as NodeJS.ErrnoException).code ?? nameError.message;
        }
        finish(
          ok({
            host,
            port,
            authorized,
            authorizationError,
            validFrom: toIso(cert.valid_from),
            validTo: toIso(cert.valid_to),
            subjectAltNames: (cert.subjectaltname ?? '')
              .split(/,\s*/)
              .filter(s => s.startsWith('DNS:'))
              .map(s => s.slice(4)),
            issuer: issuerName(cert.issuer),
            serialNumber: cert.serialNumber,
            fingerprint256: cert.fingerprint256,
          }),
        );
      });
    });
  }
}

/** OpenSSL's `Dec  1 00:00:00 2026 GMT` → ISO. */
function toIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
