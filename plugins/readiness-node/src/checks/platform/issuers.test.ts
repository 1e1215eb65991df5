import {
  clusterIssuer,
  factsFrom,
  platformContext,
  withKindError,
} from '../../testing/builders';
import { classifyIssuer, platIssuer } from './issuers';

const STAGING = 'https://acme-staging-v02.api.letsencrypt.org/directory';

describe('PLAT-ISSUER', () => {
  it("passes when a production Let's Encrypt issuer is Ready", () => {
    const out = platIssuer(
      platformContext([
        clusterIssuer('letsencrypt-prod'),
        clusterIssuer('selfsigned', { selfSigned: true }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toBe(
      'ClusterIssuer letsencrypt-prod production ACME, ACME https://acme-v02.api.letsencrypt.org/directory: Ready',
    );
  });

  it('warns when only staging or self-signed issuers are Ready', () => {
    const out = platIssuer(
      platformContext([
        clusterIssuer('letsencrypt-prod', { ready: false }),
        clusterIssuer('letsencrypt-staging', { acmeServer: STAGING }),
        clusterIssuer('selfsigned', { selfSigned: true }),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence).toContain(
      'ClusterIssuer letsencrypt-prod production ACME, ACME https://acme-v02.api.letsencrypt.org/directory: not Ready (ErrRegisterACMEAccount: Failed to register ACME account)',
    );
  });

  it('fails when no issuer is Ready, or none exists', () => {
    expect(
      platIssuer(
        platformContext([clusterIssuer('letsencrypt-prod', { ready: false })]),
      ).status,
    ).toBe('fail');
    expect(platIssuer(platformContext([])).status).toBe('fail');
  });

  it('fails with "not installed" when the cert-manager CRDs are absent', () => {
    const out = platIssuer(
      platformContext(factsFrom([], { installedCrds: [] })),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toBe(
      'cert-manager is not installed: clusterissuers.cert-manager.io is not installed (no cert-manager.io/v1 API)',
    );
  });

  it('is unknown when ClusterIssuers cannot be listed', () => {
    const out = platIssuer(
      platformContext(
        withKindError(
          factsFrom([clusterIssuer('letsencrypt-prod')]),
          'clusterissuers',
        ),
      ),
    );
    expect(out.status).toBe('unknown');
  });

  describe('an issuer counts as production ACME only when it is ACME with a production directory URL, whatever config names it', () => {
    it('warns when the only Ready issuer is a staging ACME issuer listed as production in config', () => {
      const ctx = platformContext([
        clusterIssuer('letsencrypt-prod', { acmeServer: STAGING }),
      ]);
      const out = platIssuer({
        ...ctx,
        thresholds: {
          ...ctx.thresholds,
          productionIssuers: ['letsencrypt-prod'],
        },
      });
      expect(out.status).toBe('warn');
      expect(out.evidence[0]).toBe(
        `ClusterIssuer letsencrypt-prod staging ACME, ACME ${STAGING}: Ready`,
      );
    });

    it('warns when the only Ready issuer is a CA issuer, even listed in config', () => {
      const ctx = platformContext([clusterIssuer('corp-ca', { ca: true })]);
      const out = platIssuer({
        ...ctx,
        thresholds: { ...ctx.thresholds, productionIssuers: ['corp-ca'] },
      });
      expect(out.status).toBe('warn');
    });

    it('passes for any name when the ACME directory is a production one', () => {
      expect(
        platIssuer(
          platformContext([
            clusterIssuer('public-tls', {
              acmeServer: 'https://acme.zerossl.com/v2/DV90',
            }),
          ]),
        ).status,
      ).toBe('pass');
    });

    it('classifies by the issuer itself', () => {
      expect(
        classifyIssuer(clusterIssuer('le', { acmeServer: STAGING }), ['le']),
      ).toBe('staging');
      expect(
        classifyIssuer(
          clusterIssuer('step', {
            acmeServer: 'https://ca.internal:9000/acme/acme/directory',
          }),
          ['step'],
        ),
      ).toBe('private-acme');
      expect(
        classifyIssuer(clusterIssuer('ss', { selfSigned: true }), ['ss']),
      ).toBe('self-signed');
      expect(classifyIssuer(clusterIssuer('ca', { ca: true }), [])).toBe(
        'private',
      );
      expect(classifyIssuer(clusterIssuer('ca', { ca: true }), ['ca'])).toBe(
        'production',
      );
    });
  });
});
