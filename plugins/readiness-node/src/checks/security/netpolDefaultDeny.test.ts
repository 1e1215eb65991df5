import {
  deployment,
  factsFrom,
  NS,
  networkPolicy,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { netpolDefaultDeny } from './netpolDefaultDeny';

const denyAll = networkPolicy('default-deny-all', {
  podSelector: {},
  policyTypes: ['Ingress', 'Egress'],
});
const denyIngress = networkPolicy('default-deny-ingress', {
  podSelector: {},
  policyTypes: ['Ingress'],
});
const denyEgress = networkPolicy('default-deny-egress', {
  podSelector: {},
  policyTypes: ['Egress'],
});

describe('SEC-NETPOL-DEFAULT-DENY', () => {
  it('passes with a podSelector {} policy denying Ingress and Egress', () => {
    const out = netpolDefaultDeny(
      serviceContext([deployment('doris'), denyAll]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      `namespace ${NS}: default deny for Ingress (NetworkPolicy ${NS}/default-deny-all) and Egress (NetworkPolicy ${NS}/default-deny-all)`,
    ]);
  });

  it('passes with two policies, one per direction, and an implicit Ingress type', () => {
    const implicitIngress = networkPolicy('deny-in', { podSelector: {} });
    expect(
      netpolDefaultDeny(
        serviceContext([deployment('doris'), implicitIngress, denyEgress]),
      ).status,
    ).toBe('pass');
  });

  it('warns when only Ingress is denied by default', () => {
    const out = netpolDefaultDeny(
      serviceContext([deployment('doris'), denyIngress]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toContain('default deny for Ingress only');
  });

  it('fails without a default deny: none, an allow rule, a non-empty selector, or Egress only', () => {
    expect(
      netpolDefaultDeny(serviceContext([deployment('doris')])).status,
    ).toBe('fail');
    const allowsSameNamespace = networkPolicy('allow-same-ns', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: {} }] }],
    });
    expect(
      netpolDefaultDeny(
        serviceContext([deployment('doris'), allowsSameNamespace]),
      ).status,
    ).toBe('fail');
    const onlyDoris = networkPolicy('doris-deny', {
      podSelector: { matchLabels: { app: 'doris' } },
      policyTypes: ['Ingress', 'Egress'],
    });
    expect(
      netpolDefaultDeny(serviceContext([deployment('doris'), onlyDoris]))
        .status,
    ).toBe('fail');
    const egressOnly = netpolDefaultDeny(
      serviceContext([deployment('doris'), denyEgress]),
    );
    expect(egressOnly.status).toBe('fail');
    expect(egressOnly.evidence[0]).toBe(
      `namespace ${NS}: no default-deny NetworkPolicy for Ingress (Egress only: NetworkPolicy ${NS}/default-deny-egress)`,
    );
  });

  it('ignores default-deny policies of other namespaces', () => {
    const elsewhere = networkPolicy(
      'default-deny-all',
      { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      { namespace: 'superset' },
    );
    expect(
      netpolDefaultDeny(serviceContext([deployment('doris'), elsewhere]))
        .status,
    ).toBe('fail');
  });

  it('is n/a when no namespace is known for the service', () => {
    const out = netpolDefaultDeny(
      serviceContext([], { target: { namespace: undefined } }),
    );
    expect(out.status).toBe('n/a');
  });

  it('is unknown when NetworkPolicies cannot be listed', () => {
    const facts = withKindError(
      factsFrom([deployment('doris'), denyAll]),
      'networkpolicies',
    );
    expect(netpolDefaultDeny(serviceContext(facts))).toMatchObject({
      status: 'unknown',
      error: { source: 'kubernetes' },
    });
  });
});
