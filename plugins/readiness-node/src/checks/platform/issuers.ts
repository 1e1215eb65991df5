import { capEvidence, kubernetesUnknown } from '../../engine/outcome';
import { condition } from '../../engine/objects';
import type { KubeObject } from '../../facts';
import type { PlatformCheck } from '../../engine/types';

export type IssuerKind = 'production' | 'staging' | 'self-signed' | 'private';

/**
 * Classifies a cert-manager issuer. Names listed in `productionIssuers` are production whatever
 * they are; otherwise an ACME issuer is production unless its server is a staging endpoint
 * (Let's Encrypt's `acme-staging-v02`, or any URL naming staging), selfSigned is self-signed, and
 * CA / Vault / Venafi issuers are private CAs (browsers do not trust them on public hosts).
 */
export function classifyIssuer(
  issuer: KubeObject,
  productionIssuers: readonly string[],
): IssuerKind {
  if (productionIssuers.includes(issuer.metadata.name)) return 'production';
  const spec = issuer.spec ?? {};
  if (spec.acme) {
    return /staging/i.test(String(spec.acme.server ?? ''))
      ? 'staging'
      : 'production';
  }
  if (spec.selfSigned) return 'self-signed';
  return 'private';
}

/** PLAT-ISSUER: a production ACME ClusterIssuer is Ready. */
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
    const kind = classifyIssuer(issuer, ctx.thresholds.productionIssuers);
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
      kind,
      ready: ready?.status === 'True',
      line: `ClusterIssuer ${issuer.metadata.name} ${kind}${server}: ${readyText}`,
    };
  });
  const evidence = capEvidence(rows.map(r => r.line));
  if (rows.some(r => r.ready && r.kind === 'production'))
    return { status: 'pass', evidence };
  if (rows.some(r => r.ready)) {
    return {
      status: 'warn',
      evidence: [
        ...evidence,
        'no production ACME issuer is Ready; only staging, self-signed or private-CA issuers are',
      ],
    };
  }
  return {
    status: 'fail',
    evidence: [...evidence, 'no ClusterIssuer is Ready'],
  };
};
