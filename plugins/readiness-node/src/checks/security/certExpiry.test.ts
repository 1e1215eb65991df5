import {
  certificate,
  daysAgo,
  deployment,
  factsFrom,
  ingress,
  NS,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { certExpiry } from './certExpiry';

const ctxWith = (cert: any) =>
  serviceContext([deployment('doris'), ingress('doris'), cert]);

describe('SEC-CERT-EXPIRY', () => {
  it('passes with more than 20 days left and a renewal scheduled ahead', () => {
    const out = certExpiry(
      ctxWith(
        certificate('doris-tls', {
          notAfter: daysAgo(-60),
          renewalTime: daysAgo(-30),
        }),
      ),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      `Certificate ${NS}/doris-tls notAfter 2027-01-25, 60 days left; renewal scheduled ${daysAgo(
        -30,
      )}`,
    ]);
  });

  it('warns with 7 to 20 days left', () => {
    const out = certExpiry(
      ctxWith(
        certificate('doris-tls', {
          notAfter: daysAgo(-12),
          renewalTime: daysAgo(-2),
        }),
      ),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toContain('12 days left');
  });

  it('warns when the renewal time has passed (renewal stuck) although expiry is far', () => {
    const out = certExpiry(
      ctxWith(
        certificate('doris-tls', {
          notAfter: daysAgo(-25),
          renewalTime: daysAgo(5),
        }),
      ),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toContain(`renewal overdue since ${daysAgo(5)}`);
  });

  it('fails under 7 days, and once expired', () => {
    expect(
      certExpiry(
        ctxWith(
          certificate('doris-tls', {
            notAfter: daysAgo(-3),
            renewalTime: daysAgo(27),
          }),
        ),
      ).status,
    ).toBe('fail');
    const expired = certExpiry(
      ctxWith(
        certificate('doris-tls', {
          notAfter: daysAgo(2),
          renewalTime: daysAgo(32),
        }),
      ),
    );
    expect(expired.status).toBe('fail');
    expect(expired.evidence[0]).toContain('expired 2 d ago');
  });

  it('fails for a Certificate never issued (no notAfter)', () => {
    const cert = certificate('doris-tls', {
      status: {
        conditions: [
          { type: 'Ready', status: 'False', reason: 'DoesNotExist' },
        ],
      },
    });
    const out = certExpiry(ctxWith(cert));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toBe(
      `Certificate ${NS}/doris-tls has no status.notAfter: it has never been issued`,
    );
  });

  it('reports the worst of several Certificates first', () => {
    const out = certExpiry(
      serviceContext([
        deployment('doris'),
        ingress('doris'),
        certificate('doris-tls'),
        certificate('doris-internal-tls', {
          id: 'doris',
          notAfter: daysAgo(-2),
        }),
      ]),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toContain('doris-internal-tls');
    expect(out.evidence).toHaveLength(2);
  });

  it('carries the nearest notAfter as expiresAt for metrics, and none when nothing was issued', () => {
    const out = certExpiry(
      serviceContext([
        deployment('doris'),
        ingress('doris'),
        certificate('doris-tls', { notAfter: daysAgo(-40) }),
        certificate('doris-internal-tls', { id: 'doris', notAfter: daysAgo(-9) }),
      ]),
    );
    expect(out.expiresAt).toBe(new Date(daysAgo(-9)).toISOString());
    const never = certExpiry(
      ctxWith(certificate('doris-tls', { status: { conditions: [] } })),
    );
    expect(never.expiresAt).toBeUndefined();
  });

  it('is n/a without a Certificate or without cert-manager', () => {
    expect(certExpiry(serviceContext([deployment('doris')])).status).toBe(
      'n/a',
    );
    expect(
      certExpiry(
        serviceContext(
          factsFrom([deployment('doris'), ingress('doris')], {
            installedCrds: [],
          }),
        ),
      ).status,
    ).toBe('n/a');
  });

  it('is unknown when Certificates cannot be listed', () => {
    const out = certExpiry(
      serviceContext(
        withKindError(
          factsFrom([deployment('doris'), certificate('doris-tls')]),
          'certificates',
        ),
      ),
    );
    expect(out).toMatchObject({
      status: 'unknown',
      error: { source: 'kubernetes' },
    });
  });
});
