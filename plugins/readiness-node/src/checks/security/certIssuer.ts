import { condition } from '../../engine/objects';
import { readKinds } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { classifyIssuer, IssuerKind } from '../platform/issuers';
import { serviceTls } from './certificates';
import { Findings, ref } from './findings';

const DETAIL: Record<IssuerKind, string> = {
  production: 'production issuer',
  staging: 'staging ACME issuer (browsers do not trust its certificates)',
  'self-signed': 'self-signed issuer',
  private: 'private CA (browsers do not trust it on public hosts)',
  'private-acme':
    'private ACME server (not a public CA: browsers do not trust it on public hosts)',
};

/**
 * SEC-CERT-ISSUER: each Certificate's `spec.issuerRef` names a production issuer (ACME with a
 * production directory URL, or a CA issuer listed in `productionIssuers`) that is Ready. An
 * issuer that is not Ready fails, listed or not. Staging, self-signed and private issuers are
 * tolerated (warn) until the entity's lifecycle is `production`.
 */
export const certIssuer: ServiceCheck = ctx => {
  const tls = serviceTls(ctx);
  if ('outcome' in tls) return tls.outcome;
  if (tls.certificates.length === 0) {
    return {
      status: 'n/a',
      evidence: [
        'no Certificate for the service (SEC-CERT-READY reports missing certificates)',
      ],
    };
  }
  const read = readKinds({
    clusterissuers: ctx.all('clusterissuers'),
    issuers: ctx.inNamespaces('issuers'),
  });
  if ('outcome' in read) return read.outcome;
  const inProduction = ctx.target.lifecycle === 'production';
  const findings = new Findings();

  for (const cert of tls.certificates) {
    const name = ref('Certificate', cert);
    const issuerRef = cert.spec?.issuerRef ?? {};
    const issuerName = String(issuerRef.name ?? '');
    const issuerKind = String(issuerRef.kind || 'Issuer');
    const group = String(issuerRef.group || 'cert-manager.io');
    if (!issuerName) {
      findings.add('fail', `${name} has no spec.issuerRef.name`);
      continue;
    }
    const label = `${issuerKind} ${issuerName}`;
    if (group !== 'cert-manager.io') {
      // External issuers (e.g. awspca.cert-manager.io) have their own CRDs, which are not
      // collected, so their Ready condition cannot be read. A listed one is trusted only as far
      // as the Certificate shows it works: Ready means the issuer signed it.
      const listed = ctx.thresholds.productionIssuers.includes(issuerName);
      const certReady = condition(cert, 'Ready')?.status === 'True';
      if (!listed) {
        findings.add(
          inProduction ? 'fail' : 'warn',
          `${name} uses external issuer ${label} (${group}), not listed in thresholds.productionIssuers`,
        );
      } else if (certReady) {
        findings.add(
          'pass',
          `${name} uses external issuer ${label} (${group}), listed as production; its Ready condition is not readable (${group} is not collected), the Certificate is Ready`,
        );
      } else {
        findings.add(
          'fail',
          `${name} uses external issuer ${label} (${group}), listed as production, but its Ready condition is not readable and the Certificate is not Ready`,
        );
      }
      continue;
    }
    const issuer =
      issuerKind === 'ClusterIssuer'
        ? read.items.clusterissuers.find(i => i.metadata.name === issuerName)
        : read.items.issuers.find(
            i =>
              i.metadata.name === issuerName &&
              i.metadata.namespace === cert.metadata.namespace,
          );
    if (!issuer) {
      const absent =
        issuerKind === 'ClusterIssuer'
          ? read.absent.clusterissuers
          : read.absent.issuers;
      findings.add(
        'fail',
        `${name} references ${label}, which does not exist${
          absent ? ` (${absent})` : ''
        }`,
      );
      continue;
    }
    const kind = classifyIssuer(issuer, ctx.thresholds.productionIssuers);
    const server = issuer.spec?.acme?.server
      ? `, ACME ${issuer.spec.acme.server}`
      : '';
    const ready = condition(issuer, 'Ready');
    if (ready?.status !== 'True') {
      findings.add(
        'fail',
        `${name}: ${label} is not Ready${
          ready?.message ? `: ${ready.message}` : ''
        } (${DETAIL[kind]}${server})`,
      );
    } else if (kind === 'production') {
      findings.add('pass', `${name}: ${label} Ready, ${DETAIL[kind]}${server}`);
    } else {
      findings.add(
        inProduction ? 'fail' : 'warn',
        `${name}: ${label} is a ${DETAIL[kind]}${server}${
          inProduction
            ? ', but the entity is in production'
            : '; acceptable before production'
        }`,
      );
    }
  }
  return findings.outcome();
};
