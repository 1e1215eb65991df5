import {
  certificate,
  clusterIssuer,
  deployment,
  factsFrom,
  ingress,
  NS,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { certIssuer } from './certIssuer';

const STAGING = 'https://acme-staging-v02.api.letsencrypt.org/directory';

function issuer(name: string, namespace = NS) {
  const obj = clusterIssuer(name, { selfSigned: true });
  return { ...obj, kind: 'Issuer', metadata: { ...obj.metadata, namespace } };
}

const objects = (cert: any, ...issuers: any[]) => [
  deployment('doris'),
  ingress('doris'),
  cert,
  ...issuers,
];

describe('SEC-CERT-ISSUER', () => {
  it("passes for a Ready Let's Encrypt production ClusterIssuer", () => {
    const out = certIssuer(
      serviceContext(
        objects(certificate('doris-tls'), clusterIssuer('letsencrypt-prod')),
      ),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      `Certificate ${NS}/doris-tls: ClusterIssuer letsencrypt-prod Ready, production issuer, ACME https://acme-v02.api.letsencrypt.org/directory`,
    ]);
  });

  it('passes for a CA issuer designated in thresholds.productionIssuers when it is Ready', () => {
    const cert = certificate('doris-tls', { issuer: { name: 'corp-ca' } });
    const ctx = serviceContext(
      objects(cert, clusterIssuer('corp-ca', { ca: true })),
      {
        target: {
          thresholds: {
            ...serviceContext([]).thresholds,
            productionIssuers: ['corp-ca'],
          },
        },
      },
    );
    expect(certIssuer(ctx).status).toBe('pass');
  });

  it('warns for a staging issuer before production, fails in production', () => {
    const cert = certificate('doris-tls', {
      issuer: { name: 'letsencrypt-staging' },
    });
    const objs = objects(
      cert,
      clusterIssuer('letsencrypt-staging', { acmeServer: STAGING }),
    );
    const before = certIssuer(
      serviceContext(objs, { target: { lifecycle: 'experimental' } }),
    );
    expect(before.status).toBe('warn');
    expect(before.evidence[0]).toContain('staging ACME issuer');
    const prod = certIssuer(
      serviceContext(objs, { target: { lifecycle: 'production' } }),
    );
    expect(prod.status).toBe('fail');
    expect(prod.evidence[0]).toContain('but the entity is in production');
  });

  it('resolves a namespaced Issuer (the default kind) in the Certificate namespace', () => {
    const cert = certificate('doris-tls');
    cert.spec.issuerRef = { name: 'selfsigned' };
    const out = certIssuer(
      serviceContext(
        objects(cert, issuer('selfsigned'), issuer('selfsigned', 'other-ns')),
      ),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toBe(
      `Certificate ${NS}/doris-tls: Issuer selfsigned is a self-signed issuer; acceptable before production`,
    );
  });

  it('fails when the issuer is not Ready or does not exist', () => {
    const notReady = certIssuer(
      serviceContext(
        objects(
          certificate('doris-tls'),
          clusterIssuer('letsencrypt-prod', { ready: false }),
        ),
      ),
    );
    expect(notReady.status).toBe('fail');
    expect(notReady.evidence[0]).toContain(
      'ClusterIssuer letsencrypt-prod is not Ready: Failed to register ACME account',
    );
    const missing = certIssuer(
      serviceContext(objects(certificate('doris-tls'))),
    );
    expect(missing.status).toBe('fail');
    expect(missing.evidence[0]).toBe(
      `Certificate ${NS}/doris-tls references ClusterIssuer letsencrypt-prod, which does not exist`,
    );
  });

  describe('a listed production issuer must also be Ready when its status is readable', () => {
    const listed = (name: string) => ({
      target: {
        thresholds: {
          ...serviceContext([]).thresholds,
          productionIssuers: [name],
        },
      },
    });

    it('fails a listed cert-manager issuer that is not Ready', () => {
      const cert = certificate('doris-tls', { issuer: { name: 'corp-ca' } });
      const out = certIssuer(
        serviceContext(
          objects(cert, clusterIssuer('corp-ca', { ca: true, ready: false })),
          listed('corp-ca'),
        ),
      );
      expect(out.status).toBe('fail');
      expect(out.evidence[0]).toMatch(/ClusterIssuer corp-ca is not Ready/);
    });

    it('does not let a listed name make a staging ACME issuer production', () => {
      const cert = certificate('doris-tls', { issuer: { name: 'le-staging' } });
      const out = certIssuer(
        serviceContext(
          objects(cert, clusterIssuer('le-staging', { acmeServer: STAGING })),
          { ...listed('le-staging') },
        ),
      );
      expect(out.status).toBe('warn');
      expect(out.evidence[0]).toContain('staging ACME issuer');
    });

    it('passes a listed external issuer only when the Certificate shows it issued (Ready)', () => {
      const external = (ready: boolean) =>
        certificate('doris-tls', {
          issuer: {
            name: 'aws-pca',
            kind: 'AWSPCAClusterIssuer',
            group: 'awspca.cert-manager.io',
          },
          ready,
        });
      const ok = certIssuer(
        serviceContext(objects(external(true)), listed('aws-pca')),
      );
      expect(ok.status).toBe('pass');
      expect(ok.evidence[0]).toContain(
        'its Ready condition is not readable (awspca.cert-manager.io is not collected), the Certificate is Ready',
      );
      const broken = certIssuer(
        serviceContext(objects(external(false)), listed('aws-pca')),
      );
      expect(broken.status).toBe('fail');
      const unlisted = certIssuer(serviceContext(objects(external(true))));
      expect(unlisted.status).toBe('warn');
    });
  });

  it('is n/a without a Certificate', () => {
    expect(certIssuer(serviceContext([deployment('doris')])).status).toBe(
      'n/a',
    );
  });

  it('is unknown when ClusterIssuers cannot be listed', () => {
    const facts = withKindError(
      factsFrom(
        objects(certificate('doris-tls'), clusterIssuer('letsencrypt-prod')),
      ),
      'clusterissuers',
    );
    expect(certIssuer(serviceContext(facts))).toMatchObject({
      status: 'unknown',
      error: { source: 'kubernetes' },
    });
  });
});
