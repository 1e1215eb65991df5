import {
  certificate,
  deployment,
  factsFrom,
  hoursAgo,
  ingress,
  NS,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { certReady } from './certReady';

const readyWithIssuing = (issuingSince: string, extra: any = {}) => ({
  conditions: [
    {
      type: 'Ready',
      status: 'True',
      reason: 'Ready',
      message: 'Certificate is up to date and has not expired',
      lastTransitionTime: hoursAgo(24 * 60),
      observedGeneration: 1,
    },
    {
      type: 'Issuing',
      status: 'True',
      reason: 'Renewing',
      message:
        'Renewing certificate as renewal was scheduled at 2026-11-26 08:00:00 +0000 UTC',
      lastTransitionTime: issuingSince,
      observedGeneration: 1,
    },
  ],
  notBefore: hoursAgo(24 * 60),
  notAfter: hoursAgo(-24 * 30),
  renewalTime: hoursAgo(4),
  revision: 3,
  ...extra,
});

describe('SEC-CERT-READY', () => {
  it('passes when the Certificate behind the Ingress TLS secret is Ready and lists every host', () => {
    const out = certReady(
      serviceContext([
        deployment('doris'),
        ingress('doris'),
        certificate('doris-tls'),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      `Certificate ${NS}/doris-tls Ready, dnsNames doris.254carbon.com`,
    ]);
  });

  it('finds the Certificate by the Ingress secret name even without the service label, and honours wildcard dnsNames', () => {
    const cert = certificate('wildcard-254carbon', {
      id: null,
      secretName: 'doris-tls',
      dnsNames: ['*.254carbon.com'],
    });
    expect(
      certReady(serviceContext([deployment('doris'), ingress('doris'), cert]))
        .status,
    ).toBe('pass');

    const deeper = ingress('doris', { hosts: ['api.doris.254carbon.com'] });
    const out = certReady(serviceContext([deployment('doris'), deeper, cert]));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toBe(
      `Ingress ${NS}/doris host api.doris.254carbon.com is in no Certificate's dnsNames`,
    );
  });

  it('passes while a Ready Certificate renews for less than the threshold', () => {
    const cert = certificate('doris-tls', {
      status: readyWithIssuing(hoursAgo(0.25)),
    });
    expect(
      certReady(serviceContext([deployment('doris'), ingress('doris'), cert]))
        .status,
    ).toBe('pass');
  });

  it('warns when a Ready Certificate has been issuing for more than an hour', () => {
    const cert = certificate('doris-tls', {
      status: readyWithIssuing(hoursAgo(3)),
    });
    const out = certReady(
      serviceContext([deployment('doris'), ingress('doris'), cert]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence).toEqual([
      `Certificate ${NS}/doris-tls is Ready but has been issuing for 3 h`,
    ]);
    expect(out.remediation).toMatch(/CertificateRequest/);
  });

  it('warns on failed issuance attempts', () => {
    const status = readyWithIssuing(hoursAgo(0.1), {
      failedIssuanceAttempts: 2,
      lastFailureTime: hoursAgo(1),
    });
    const out = certReady(
      serviceContext([
        deployment('doris'),
        ingress('doris'),
        certificate('doris-tls', { status }),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toBe(
      `Certificate ${NS}/doris-tls is Ready but renewal failed 2 time(s), last at ${hoursAgo(
        1,
      )}`,
    );
  });

  it('fails when the Certificate is not Ready, with its reason', () => {
    const out = certReady(
      serviceContext([
        deployment('doris'),
        ingress('doris'),
        certificate('doris-tls', { ready: false }),
      ]),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      `Certificate ${NS}/doris-tls is not Ready: Ready=False (DoesNotExist): Issuing certificate as Secret does not exist`,
    ]);
  });

  it('fails when an Ingress host has no TLS at all', () => {
    const out = certReady(
      serviceContext([
        deployment('doris'),
        ingress('doris', { tlsSecret: null }),
      ]),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      `Ingress ${NS}/doris routes host doris.254carbon.com without TLS (no spec.tls entry lists it)`,
    ]);
  });

  it('fails when the TLS secret is managed by no Certificate', () => {
    const out = certReady(
      serviceContext([deployment('doris'), ingress('doris')]),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toContain(
      `Ingress ${NS}/doris TLS secret doris-tls is managed by no Certificate`,
    );
  });

  it('fails when cert-manager is not installed but the service has Ingress hosts', () => {
    const out = certReady(
      serviceContext(
        factsFrom([deployment('doris'), ingress('doris')], {
          installedCrds: [],
        }),
      ),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toMatch(
      /cert-manager is not installed: certificates.cert-manager.io is not installed \(no cert-manager.io\/v1 API\)/,
    );
  });

  it('is n/a for a service exposed by no Ingress and holding no Certificate', () => {
    expect(certReady(serviceContext([deployment('doris')])).status).toBe('n/a');
  });

  it('is unknown when Ingresses cannot be listed', () => {
    const facts = withKindError(
      factsFrom([
        deployment('doris'),
        ingress('doris'),
        certificate('doris-tls'),
      ]),
      'ingresses',
    );
    const out = certReady(serviceContext(facts));
    expect(out.status).toBe('unknown');
    expect(out.error?.source).toBe('kubernetes');
  });
});
