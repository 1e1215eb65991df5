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
      'ClusterIssuer letsencrypt-prod production, ACME https://acme-v02.api.letsencrypt.org/directory: Ready',
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
      'ClusterIssuer letsencrypt-prod production, ACME https://acme-v02.api.letsencrypt.org/directory: not Ready (ErrRegisterACMEAccount: Failed to register ACME account)',
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

  it('classifies by configured name first, then by ACME server and kind', () => {
    expect(
      classifyIssuer(clusterIssuer('internal-ca', { ca: true }), [
        'internal-ca',
      ]),
    ).toBe('production');
    expect(
      classifyIssuer(clusterIssuer('le', { acmeServer: STAGING }), []),
    ).toBe('staging');
    expect(classifyIssuer(clusterIssuer('ss', { selfSigned: true }), [])).toBe(
      'self-signed',
    );
    expect(classifyIssuer(clusterIssuer('ca', { ca: true }), [])).toBe(
      'private',
    );
  });
});
