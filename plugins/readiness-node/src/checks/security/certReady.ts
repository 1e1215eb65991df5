import { condition, formatDuration, parseTime } from '../../engine/objects';
import type { ServiceCheck } from '../../engine/types';
import {
  certificateCovers,
  dnsNamesOf,
  dnsNameCovers,
  ingressHosts,
  ingressTls,
  serviceTls,
} from './certificates';
import { Findings, ref } from './findings';

/**
 * SEC-CERT-READY: every host the service's Ingresses route has a TLS section, a cert-manager
 * Certificate behind its secret that lists the host, and that Certificate is Ready.
 */
export const certReady: ServiceCheck = ctx => {
  const tls = serviceTls(ctx);
  if ('outcome' in tls) return tls.outcome;
  const { ingresses, certificates } = tls;
  const routed = ingresses.filter(ing => ingressHosts(ing).length > 0);
  if (routed.length === 0 && certificates.length === 0) {
    return {
      status: 'n/a',
      evidence: [
        'no Ingress host and no Certificate for the service: it is not exposed over HTTPS',
      ],
    };
  }

  if (tls.certificatesAbsent) {
    return {
      status: 'fail',
      evidence: [
        `the service has Ingress hosts but cert-manager is not installed: ${tls.certificatesAbsent}`,
      ],
      remediation:
        'Install cert-manager and create a Certificate (or set the Ingress annotation cert-manager.io/cluster-issuer) for every host.',
    };
  }

  const findings = new Findings();

  for (const ing of routed) {
    const entries = ingressTls(ing);
    for (const host of ingressHosts(ing)) {
      if (!entries.some(t => t.hosts.some(h => dnsNameCovers(h, host)))) {
        findings.add(
          'fail',
          `${ref(
            'Ingress',
            ing,
          )} routes host ${host} without TLS (no spec.tls entry lists it)`,
        );
      } else if (!certificates.some(c => certificateCovers(c, host))) {
        findings.add(
          'fail',
          `${ref('Ingress', ing)} host ${host} is in no Certificate's dnsNames`,
        );
      }
    }
    for (const entry of entries) {
      if (!entry.secretName) {
        findings.add(
          'fail',
          `${ref('Ingress', ing)} TLS for ${
            entry.hosts.join(', ') || 'its hosts'
          } has no secretName: the controller's default certificate is served`,
        );
      } else if (
        !certificates.some(
          c =>
            c.metadata.namespace === ing.metadata.namespace &&
            c.spec?.secretName === entry.secretName,
        )
      ) {
        findings.add(
          'fail',
          `${ref('Ingress', ing)} TLS secret ${
            entry.secretName
          } is managed by no Certificate`,
        );
      }
    }
  }

  const issuingLimitMs = ctx.thresholds.certIssuingWarnMinutes * 60_000;
  for (const cert of certificates) {
    const name = ref('Certificate', cert);
    const ready = condition(cert, 'Ready');
    const issuing = condition(cert, 'Issuing');
    const issuingSince =
      issuing?.status === 'True'
        ? parseTime(issuing.lastTransitionTime)
        : undefined;
    const issuingFor = issuingSince
      ? ctx.now.getTime() - issuingSince.getTime()
      : undefined;
    const attempts = Number(cert.status?.failedIssuanceAttempts ?? 0);

    if (ready?.status !== 'True') {
      const why = ready
        ? `Ready=${ready.status}${ready.reason ? ` (${ready.reason})` : ''}${
            ready.message ? `: ${ready.message}` : ''
          }`
        : 'no Ready condition yet';
      const extra =
        issuingFor !== undefined
          ? `, issuing for ${formatDuration(issuingFor)}`
          : '';
      findings.add('fail', `${name} is not Ready: ${why}${extra}`);
      continue;
    }
    if (attempts > 0) {
      const last = cert.status?.lastFailureTime
        ? `, last at ${cert.status.lastFailureTime}`
        : '';
      findings.add(
        'warn',
        `${name} is Ready but renewal failed ${attempts} time(s)${last}`,
      );
    } else if (issuingFor !== undefined && issuingFor > issuingLimitMs) {
      findings.add(
        'warn',
        `${name} is Ready but has been issuing for ${formatDuration(
          issuingFor,
        )}`,
      );
    } else {
      findings.add(
        'pass',
        `${name} Ready, dnsNames ${dnsNamesOf(cert).join(', ') || '(none)'}`,
      );
    }
  }

  return findings.outcome({
    warn: 'Read the CertificateRequest and Order events (kubectl describe certificaterequest) to see why issuance stalls.',
  });
};
