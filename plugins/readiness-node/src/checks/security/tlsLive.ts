import type { Read, TlsFacts, TlsObservation } from '../../facts';
import { parseTime } from '../../engine/objects';
import type { ServiceCheck } from '../../engine/types';
import {
  certificateCovers,
  DAY_MS,
  ingressTls,
  serviceTls,
} from './certificates';
import { Findings, ref } from './findings';

const PORT = 443;
const WITH_PORT = /^(.+):(\d+)$/;

/**
 * The probe of a host: `host:port` as given, else `host:443`, else whichever port the prober was
 * configured with (its facts are keyed `host:port`, lower case).
 */
function probeOf(
  tls: TlsFacts,
  host: string,
): { target: string; probe?: Read<TlsObservation> } {
  if (WITH_PORT.test(host)) return { target: host, probe: tls[host] };
  const target = `${host}:${PORT}`;
  if (tls[target]) return { target, probe: tls[target] };
  const other = Object.keys(tls).find(k => WITH_PORT.exec(k)?.[1] === host);
  return other ? { target: other, probe: tls[other] } : { target };
}

/**
 * SEC-TLS-LIVE: what clients really get. Each public host's handshake must verify, have more than
 * `certWarnDays` left, and serve the certificate cert-manager last issued; a different expiry
 * than the Certificate's `status.notAfter` means the ingress still serves an old secret.
 */
export const tlsLive: ServiceCheck = ctx => {
  if (!ctx.tls) {
    return {
      status: 'n/a',
      evidence: ['live TLS probing disabled (readiness.tls is not configured)'],
    };
  }
  const tls = serviceTls(ctx);
  if ('outcome' in tls) return tls.outcome;
  const hosts =
    ctx.target.publicHosts && ctx.target.publicHosts.length > 0
      ? ctx.target.publicHosts.map(h => h.toLowerCase())
      : [
          ...new Set(
            tls.ingresses.flatMap(ing => ingressTls(ing).flatMap(t => t.hosts)),
          ),
        ]
          // A wildcard TLS host names no server to connect to.
          .filter(h => !h.startsWith('*'))
          .sort();
  if (hosts.length === 0) {
    return {
      status: 'n/a',
      evidence: [
        'no public host: no TLS Ingress host and no readiness.254carbon.io/public-hosts',
      ],
    };
  }

  // A failed handshake is a finding only if the backend can reach anything at all: when no probe
  // of the whole sweep connected, the prober has no egress and the TLS source is unreadable.
  const tlsFacts = ctx.tls;
  const reachedAny = ctx.memo('tls:any-handshake', () =>
    Object.values(tlsFacts).some(r => r.state === 'ok'),
  );
  const probed = Object.keys(tlsFacts).length;
  const { certWarnDays, certFailDays } = ctx.thresholds;
  const findings = new Findings();
  const notProbed: string[] = [];
  for (const host of hosts) {
    const { target, probe } = probeOf(ctx.tls, host);
    if (!probe) {
      notProbed.push(target);
      continue;
    }
    if (probe.state !== 'ok' && !reachedAny) {
      findings.add(
        'unknown',
        `TLS handshake to ${target} not judged: no handshake with any of the ${probed} probed host(s) succeeded (${
          probe.state === 'error' ? probe.message : probe.reason
        })`,
      );
      continue;
    }
    if (probe.state !== 'ok') {
      findings.add(
        'fail',
        `TLS handshake to ${target} failed: ${
          probe.state === 'error' ? probe.message : probe.reason
        }`,
      );
      continue;
    }
    const seen = probe.value;
    if (!seen.authorized) {
      findings.add(
        'fail',
        `${target} does not verify: ${
          seen.authorizationError ?? 'untrusted certificate'
        }`,
      );
      continue;
    }
    const validTo = parseTime(seen.validTo);
    if (!validTo) {
      findings.add(
        'fail',
        `${target} served a certificate without a readable expiry (${
          seen.validTo ?? 'none'
        })`,
      );
      continue;
    }
    const left = validTo.getTime() - ctx.now.getTime();
    const days = Math.floor(left / DAY_MS);
    const line = `${target} serves a certificate valid to ${validTo.toISOString()} (${days} days left${
      seen.issuer ? `, issuer ${seen.issuer}` : ''
    })`;
    if (left < certFailDays * DAY_MS) {
      findings.add('fail', line);
      continue;
    }
    const name = WITH_PORT.exec(host)?.[1] ?? host;
    const cert = tls.certificates.find(c => certificateCovers(c, name));
    const issued = parseTime(cert?.status?.notAfter);
    // TLS reports whole seconds; cert-manager's notAfter is RFC 3339 to the second too.
    if (
      cert &&
      issued &&
      Math.abs(issued.getTime() - validTo.getTime()) >= 1000
    ) {
      findings.add(
        'warn',
        `${line}, but ${ref(
          'Certificate',
          cert,
        )} notAfter is ${issued.toISOString()}: the ingress serves a stale secret`,
      );
    } else if (left <= certWarnDays * DAY_MS) {
      findings.add('warn', line);
    } else {
      findings.add(
        'pass',
        cert ? `${line}, matches ${ref('Certificate', cert)}` : line,
      );
    }
  }

  for (const target of notProbed) {
    findings.add(
      'unknown',
      `no probe result for ${target}: the TLS prober did not report it`,
    );
  }
  const outcome = findings.outcome({
    warn: 'Make the Ingress reference the Certificate secret and restart or reload the ingress controller if it still serves the old certificate.',
  });
  if (outcome.status !== 'unknown') return outcome;
  return {
    ...outcome,
    error: {
      source: 'tls',
      message:
        !reachedAny && probed > 0
          ? `no TLS handshake with any of the ${probed} probed host(s) succeeded: the backend may have no egress to them`
          : `no probe result for ${notProbed.join(', ')}`,
    },
  };
};
