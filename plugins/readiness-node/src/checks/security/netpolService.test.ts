import {
  deployment,
  factsFrom,
  ingress,
  NS,
  networkPolicy,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { DEFAULT_PLATFORM } from '../../engine/settings';
import { netpolService } from './netpolService';

const DNS = {
  to: [
    {
      namespaceSelector: {},
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    },
  ],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};
const fromIngress = {
  from: [
    {
      namespaceSelector: {
        matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
      },
    },
  ],
  ports: [{ port: 8080 }],
};
const toPostgres = {
  to: [{ podSelector: { matchLabels: { app: 'postgres' } } }],
  ports: [{ port: 5432 }],
};

const dorisPolicy = (spec: any = {}) =>
  networkPolicy('doris', {
    podSelector: { matchLabels: { app: 'doris' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [fromIngress],
    egress: [DNS, toPostgres],
    ...spec,
  });

describe('SEC-NETPOL-SERVICE', () => {
  it('passes when its own policy allows named peers only and restricts egress', () => {
    const out = netpolService(
      serviceContext([deployment('doris'), dorisPolicy()]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      `Deployment ${NS}/doris is selected by NetworkPolicy ${NS}/doris: ingress from named peers only, egress restricted`,
    ]);
  });

  it('matches pods with matchExpressions too', () => {
    const np = dorisPolicy({
      podSelector: {
        matchExpressions: [
          { key: 'app', operator: 'In', values: ['doris', 'doris-fe'] },
        ],
      },
    });
    expect(
      netpolService(serviceContext([deployment('doris'), np])).status,
    ).toBe('pass');
  });

  it.each([
    [
      'an ingress rule without from',
      { ingress: [{ ports: [{ port: 8080 }] }] },
      'ingress[0] allows any source',
    ],
    [
      'an ingress peer {}',
      { ingress: [{ from: [{}] }] },
      'ingress[0] allows any source',
    ],
    [
      'every pod of every namespace',
      { ingress: [{ from: [{ namespaceSelector: {} }] }] },
      'ingress[0] allows any source',
    ],
    [
      '0.0.0.0/0',
      {
        ingress: [
          {
            from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }],
          },
        ],
      },
      'ingress[0] allows any source',
    ],
    ['open egress', { egress: [DNS, {}] }, 'egress[1] allows any destination'],
    [
      'no Egress isolation',
      { policyTypes: ['Ingress'], egress: undefined },
      'egress is open (no policy of type Egress)',
    ],
  ])('warns on %s', (_name, spec, why) => {
    const out = netpolService(
      serviceContext([deployment('doris'), dorisPolicy(spec)]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toContain(why);
  });

  it('accepts an open DNS-only egress rule and an egress isolation coming from the namespace default deny', () => {
    const dnsAnywhere = { ports: [{ protocol: 'UDP', port: 53 }] };
    const ingressOnly = dorisPolicy({
      policyTypes: ['Ingress'],
      egress: undefined,
    });
    const denyAll = networkPolicy('default-deny-all', {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    const allowDns = networkPolicy('allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [dnsAnywhere],
    });
    expect(
      netpolService(
        serviceContext([deployment('doris'), ingressOnly, denyAll, allowDns]),
      ).status,
    ).toBe('pass');
  });

  it('fails when only namespace-wide policies, or none, select the pods', () => {
    const denyAll = networkPolicy('default-deny-all', {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    const out = netpolService(
      serviceContext([
        deployment('doris'),
        denyAll,
        dorisPolicy({ podSelector: { matchLabels: { app: 'superset' } } }),
      ]),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      `Deployment ${NS}/doris: no NetworkPolicy selects its pods (only namespace-wide NetworkPolicy ${NS}/default-deny-all)`,
    ]);
  });

  it('is n/a without a workload', () => {
    expect(netpolService(serviceContext([dorisPolicy()])).status).toBe('n/a');
  });

  it('is unknown when NetworkPolicies cannot be listed', () => {
    const facts = withKindError(
      factsFrom([deployment('doris'), dorisPolicy()]),
      'networkpolicies',
    );
    expect(netpolService(serviceContext(facts))).toMatchObject({
      status: 'unknown',
      error: { source: 'kubernetes' },
    });
  });

  describe('readiness.platform.ingressNamespaces: a service exposed by an Ingress must admit them', () => {
    it('passes when an ingress rule admits the ingress controller namespace', () => {
      const out = netpolService(
        serviceContext([deployment('doris'), ingress('doris'), dorisPolicy()]),
      );
      expect(out.status).toBe('pass');
    });

    it('warns when no ingress rule admits any ingress namespace', () => {
      const fromAnalytics = {
        from: [
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'analytics' },
            },
          },
        ],
      };
      const out = netpolService(
        serviceContext([
          deployment('doris'),
          ingress('doris'),
          dorisPolicy({ ingress: [fromAnalytics] }),
        ]),
      );
      expect(out.status).toBe('warn');
      expect(out.evidence[0]).toContain(
        `it is exposed by Ingress ${NS}/doris but no ingress rule admits the ingress namespaces (${DEFAULT_PLATFORM.ingressNamespaces.join(', ')}): public traffic cannot reach it`,
      );
    });

    it('does not ask it of a service without an Ingress', () => {
      const out = netpolService(
        serviceContext([
          deployment('doris'),
          dorisPolicy({
            ingress: [
              { from: [{ podSelector: { matchLabels: { app: 'trino' } } }] },
            ],
          }),
        ]),
      );
      expect(out.status).toBe('pass');
    });
  });
});
