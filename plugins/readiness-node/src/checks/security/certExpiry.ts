import { formatDuration, parseTime } from '../../engine/objects';
import type { ServiceCheck } from '../../engine/types';
import { DAY_MS, serviceTls } from './certificates';
import { Findings, ref } from './findings';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * SEC-CERT-EXPIRY: days until each Certificate's `status.notAfter`, and whether cert-manager has
 * a renewal (`status.renewalTime`) still ahead of it; a renewal time in the past means renewal
 * is stuck.
 */
export const certExpiry: ServiceCheck = ctx => {
  const tls = serviceTls(ctx);
  if ('outcome' in tls) return tls.outcome;
  if (tls.certificatesAbsent || tls.certificates.length === 0) {
    return {
      status: 'n/a',
      evidence: [
        tls.certificatesAbsent
          ? `no Certificate to check: ${tls.certificatesAbsent} (SEC-CERT-READY reports missing certificates)`
          : 'no Certificate for the service (SEC-CERT-READY reports missing certificates)',
      ],
    };
  }
  const { certWarnDays, certFailDays } = ctx.thresholds;
  const now = ctx.now.getTime();
  const findings = new Findings();
  let nearest: Date | undefined;
  for (const cert of tls.certificates) {
    const name = ref('Certificate', cert);
    const notAfter = parseTime(cert.status?.notAfter);
    if (!notAfter) {
      findings.add(
        'fail',
        `${name} has no status.notAfter: it has never been issued`,
      );
      continue;
    }
    if (!nearest || notAfter < nearest) nearest = notAfter;
    const left = notAfter.getTime() - now;
    const days = Math.floor(left / DAY_MS);
    const when =
      left < 0
        ? `expired ${formatDuration(-left)} ago`
        : `${days} day${days === 1 ? '' : 's'} left`;
    const renewal = parseTime(cert.status?.renewalTime);
    let renewalText = 'no renewal scheduled (status.renewalTime unset)';
    if (renewal) {
      renewalText =
        renewal.getTime() > now
          ? `renewal scheduled ${renewal.toISOString()}`
          : `renewal overdue since ${renewal.toISOString()}`;
    }
    const line = `${name} notAfter ${isoDate(
      notAfter,
    )}, ${when}; ${renewalText}`;
    if (left < certFailDays * DAY_MS) findings.add('fail', line);
    else if (
      left <= certWarnDays * DAY_MS ||
      !renewal ||
      renewal.getTime() <= now
    ) {
      findings.add('warn', line);
    } else findings.add('pass', line);
  }
  const outcome = findings.outcome({
    fail: 'Renew now: check the issuer and the ACME challenge (kubectl describe certificate, certificaterequest, order, challenge); cmctl renew forces a renewal.',
  });
  return nearest ? { ...outcome, expiresAt: nearest.toISOString() } : outcome;
};
