import type { TlsFacts, TlsObservation } from '../../facts';
import { failed, ok } from '../../facts';
import {
  certificate,
  daysAgo,
  deployment,
  factsFrom,
  ingress,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { tlsLive } from './tlsLive';

const NOT_AFTER = daysAgo(-60);

function observation(overrides: Partial<TlsObservation> = {}): TlsObservation {
  return {
    host: 'doris.254carbon.com',
    port: 443,
    authorized: true,
    validFrom: daysAgo(30),
    validTo: NOT_AFTER,
    subjectAltNames: ['DNS:doris.254carbon.com'],
    issuer: "C=US, O=Let's Encrypt, CN=R11",
    serialNumber: '04A1B2C3D4E5F60718293A4B5C6D7E8F9012',
    ...overrides,
  };
}

const ctx = (tls: TlsFacts | undefined, extra: any[] = [], target = {}) =>
  serviceContext(
    factsFrom(
      [
        deployment('doris'),
        ingress('doris'),
        certificate('doris-tls', { notAfter: NOT_AFTER }),
        ...extra,
      ],
      { tls },
    ),
    { target },
  );

describe('SEC-TLS-LIVE', () => {
  it('passes when the served certificate verifies, has time left and matches the Certificate', () => {
    const out = tlsLive(ctx({ 'doris.254carbon.com:443': ok(observation()) }));
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toMatch(
      /^doris\.254carbon\.com:443 serves a certificate valid to .* \(60 days left, issuer .*\), matches Certificate data-platform\/doris-tls$/,
    );
  });

  it('warns when the served certificate differs from the Certificate (stale secret)', () => {
    const out = tlsLive(
      ctx({
        'doris.254carbon.com:443': ok(observation({ validTo: daysAgo(-25) })),
      }),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toContain('the ingress serves a stale secret');
  });

  it('fails when verification fails or the certificate expires within 7 days', () => {
    const untrusted = tlsLive(
      ctx({
        'doris.254carbon.com:443': ok(
          observation({
            authorized: false,
            authorizationError: 'CERT_HAS_EXPIRED',
          }),
        ),
      }),
    );
    expect(untrusted.status).toBe('fail');
    expect(untrusted.evidence).toEqual([
      'doris.254carbon.com:443 does not verify: CERT_HAS_EXPIRED',
    ]);
    expect(
      tlsLive(
        ctx({
          'doris.254carbon.com:443': ok(observation({ validTo: daysAgo(-3) })),
        }),
      ).status,
    ).toBe('fail');
  });

  it('fails when the handshake fails while the backend reaches other hosts', () => {
    const out = tlsLive(
      ctx({
        'doris.254carbon.com:443': failed('connect ECONNREFUSED 10.0.0.5:443'),
        'trino.254carbon.com:443': ok(
          observation({ host: 'trino.254carbon.com' }),
        ),
      }),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      'TLS handshake to doris.254carbon.com:443 failed: connect ECONNREFUSED 10.0.0.5:443',
    ]);
  });

  it('is unknown, not fail, when not a single host of the sweep resolves or connects (no egress)', () => {
    const unreachable = (host: string) =>
      failed(
        `no TLS handshake with ${host}:443 within 5000 ms (unreachable, refused or not serving TLS)`,
      );
    const out = tlsLive(
      ctx({
        'doris.254carbon.com:443': unreachable('doris.254carbon.com'),
        'trino.254carbon.com:443': unreachable('trino.254carbon.com'),
      }),
    );
    expect(out.status).toBe('unknown');
    expect(out.error).toEqual({
      source: 'tls',
      message:
        'no TLS handshake with any of the 2 probed host(s) succeeded: the backend may have no egress to them',
    });
    expect(out.evidence[0]).toMatch(
      /^TLS handshake to doris.254carbon.com:443 not judged: no handshake with any of the 2 probed host\(s\) succeeded/,
    );
  });

  it('probes the public-hosts annotation instead of the Ingress hosts when set', () => {
    const tls = {
      'api.254carbon.com:443': ok(observation({ host: 'api.254carbon.com' })),
    };
    const out = tlsLive(ctx(tls, [], { publicHosts: ['api.254carbon.com'] }));
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toMatch(/^api\.254carbon\.com:443 serves/);
  });

  it('uses an explicit port of a public host, and finds a probe made on another default port', () => {
    const explicit = {
      'api.254carbon.com:8443': ok(
        observation({ host: 'api.254carbon.com', port: 8443 }),
      ),
    };
    const out = tlsLive(
      ctx(explicit, [], { publicHosts: ['api.254carbon.com:8443'] }),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toMatch(/^api\.254carbon\.com:8443 serves/);
    const otherDefault = {
      'doris.254carbon.com:8443': ok(observation({ port: 8443 })),
    };
    expect(tlsLive(ctx(otherDefault)).status).toBe('pass');
  });

  it('is n/a when live probing is disabled, or the service has no public host', () => {
    expect(tlsLive(ctx(undefined))).toEqual({
      status: 'n/a',
      evidence: ['live TLS probing disabled (readiness.tls is not configured)'],
    });
    expect(
      tlsLive(serviceContext(factsFrom([deployment('doris')], { tls: {} })))
        .status,
    ).toBe('n/a');
  });

  it('is unknown when a host was not probed, or Ingresses cannot be listed', () => {
    const out = tlsLive(ctx({}));
    expect(out).toMatchObject({
      status: 'unknown',
      error: {
        source: 'tls',
        message: 'no probe result for doris.254carbon.com:443',
      },
    });
    const facts = withKindError(
      factsFrom([deployment('doris'), ingress('doris')], { tls: {} }),
      'ingresses',
    );
    expect(tlsLive(serviceContext(facts))).toMatchObject({
      status: 'unknown',
      error: { source: 'kubernetes' },
    });
  });
});
