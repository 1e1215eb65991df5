import { capEvidence, kubernetesUnknown } from '../../engine/outcome';
import { condition } from '../../engine/objects';
import type { KubeObject } from '../../facts';
import type { PlatformCheck } from '../../engine/types';

export type IssuerKind =
  | 'production'
  | 'staging'
  | 'self-signed'
  | 'private'
  | 'private-acme';

/** Directory hosts of publicly trusted ACME CAs' production endpoints. */
const PRODUCTION_ACME_HOSTS = new Set([
  'acme-v02.api.letsencrypt.org',
  'acme.zerossl.com',
  'dv.acme-v02.api.pki.goog',
  'api.buypass.com',
  'acme.ssl.com',
  'acme.sectigo.com',
  'acme.digicert.com',
]);
/** Their staging or test endpoints, whose certificates no browser trusts. */
const STAGING_ACME_HOSTS = new Set([
  'acme-staging-v02.api.letsencrypt.org',
  'dv.acme-v02.test-api.pki.goog',
  'api.test4.buypass.no',
]);

function acmeHost(server: unknown): string | undefined {
  try {
    return new URL(String(server)).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Whether an issuer is ACME with a publicly trusted production directory URL. */
export function isProductionAcme(issuer: KubeObject): boolean {
  const host = acmeHost(issuer.spec?.acme?.server);
  return Boolean(host && PRODUCTION_ACME_HOSTS.has(host));
}

/**
 * Classifies a cert-manager issuer by what it is, not what it is called. An ACME issuer is
 * production only with a production directory URL of a public CA (Let's Encrypt, ZeroSSL,
 * Google, Buypass, SSL.com, Sectigo, DigiCert), staging with one of their staging URLs (or any
 * URL naming staging), otherwise a private ACME server; a listed name never changes an ACME
 * issuer's kind. `selfSigned` is self-signed. A CA, Vault or Venafi issuer is a private CA,
 * unless `productionIssuers` designates it (a platform may run its own CA for internal hosts).
 */
export function classifyIssuer(
  issuer: KubeObject,
  productionIssuers: readonly string[],
): IssuerKind {
  const spec = issuer.spec ?? {};
  if (spec.acme) {
    const host = acmeHost(spec.acme.server);
    if (host && PRODUCTION_ACME_HOSTS.has(host)) return 'production';
    if (
      (host && STAGING_ACME_HOSTS.has(host)) ||
      /staging|test/i.test(String(spec.acme.server ?? ''))
    )
      return 'staging';
    return 'private-acme';
  }
  if (spec.selfSigned) return 'self-signed';
  return productionIssuers.includes(issuer.metadata.name)
    ? 'production'
    : 'private';
}

const KIND_TEXT: Record<IssuerKind, string> = {
  production: 'production ACME',
  staging: 'staging ACME',
  'self-signed': 'self-signed',
  private: 'private CA',
  'private-acme': 'private ACME server',
};

/**
 * PLAT-ISSUER: an ACME ClusterIssuer with a production directory URL is Ready. Only the issuer
 * itself decides: a name listed in `productionIssuers` does not make a staging or private
 * issuer a production ACME one.
 */
export const platIssuer: PlatformCheck = ctx => {
  const read = ctx.all('clusterissuers');
  if (read.state === 'error')
    return kubernetesUnknown('clusterissuers', read.message);
  if (read.state === 'absent') {
    return {
      status: 'fail',
      evidence: [`cert-manager is not installed: ${read.reason}`],
      remediation:
        "Install cert-manager and create a ClusterIssuer for Let's Encrypt production.",
    };
  }
  const issuers = read.value;
  if (issuers.length === 0) {
    return { status: 'fail', evidence: ['no ClusterIssuer exists'] };
  }
  const rows = issuers.map(issuer => {
    const ready = condition(issuer, 'Ready');
    const kind = classifyIssuer(issuer, []);
    const server = issuer.spec?.acme?.server
      ? `, ACME ${issuer.spec.acme.server}`
      : '';
    const readyText =
      ready?.status === 'True'
        ? 'Ready'
        : `not Ready${
            ready?.reason
              ? ` (${ready.reason}${ready.message ? `: ${ready.message}` : ''})`
              : ' (no Ready condition)'
          }`;
    return {
      productionAcme: isProductionAcme(issuer),
      ready: ready?.status === 'True',
      line: `ClusterIssuer ${issuer.metadata.name} ${KIND_TEXT[kind]}${server}: ${readyText}`,
    };
  });
  const evidence = capEvidence(rows.map(r => r.line));
  if (rows.some(r => r.ready && r.productionAcme))
    return { status: 'pass', evidence };
  if (rows.some(r => r.ready)) {
    return {
      status: 'warn',
      evidence: [
        ...evidence,
        'no ACME issuer with a production directory URL is Ready; only staging, self-signed or private issuers are',
      ],
    };
  }
  return {
    status: 'fail',
    evidence: [...evidence, 'no ClusterIssuer is Ready'],
  };
};
