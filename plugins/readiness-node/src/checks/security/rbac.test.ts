import {
  deployment,
  factsFrom,
  NS,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { judgeRule, rbac } from './rbac';
import {
  clusterRole,
  clusterRoleBinding,
  role,
  roleBinding,
  saSubject,
} from './testing';

const doris = deployment('doris', { podSpec: { serviceAccountName: 'doris' } });
const leases = role('doris-leases', [
  {
    apiGroups: ['coordination.k8s.io'],
    resources: ['leases'],
    verbs: ['get', 'create', 'update'],
  },
]);
const bindLeases = roleBinding(
  'doris-leases',
  { kind: 'Role', name: 'doris-leases' },
  [saSubject('doris')],
);

/** What every 1.2x API server creates for itself; it must not count against the service. */
const bootstrapDiscovery = clusterRoleBinding(
  'system:discovery',
  'system:discovery',
  [
    {
      kind: 'Group',
      apiGroup: 'rbac.authorization.k8s.io',
      name: 'system:authenticated',
    },
  ],
  { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
);
const discoveryRole = clusterRole('system:discovery', [
  {
    nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/version'],
    verbs: ['get'],
  },
]);

describe('SEC-RBAC', () => {
  it('passes for a namespaced Role with explicit verbs and resources', () => {
    const out = rbac(
      serviceContext([
        doris,
        leases,
        bindLeases,
        bootstrapDiscovery,
        discoveryRole,
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      `ServiceAccount ${NS}/doris: RoleBinding ${NS}/doris-leases → Role doris-leases: get,create,update on leases`,
    ]);
  });

  it('passes with no binding at all: the account has no API permissions', () => {
    const out = rbac(
      serviceContext([doris, bootstrapDiscovery, discoveryRole]),
    );
    expect(out).toEqual({
      status: 'pass',
      evidence: [
        `no RBAC bindings for ServiceAccount ${NS}/doris: the account has no API permissions`,
      ],
    });
  });

  it('warns on a cluster-wide binding and on reading Secrets', () => {
    const viewNodes = clusterRole('node-reader', [
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] },
    ]);
    const crb = clusterRoleBinding('doris-node-reader', 'node-reader', [
      saSubject('doris'),
    ]);
    const cluster = rbac(serviceContext([doris, viewNodes, crb]));
    expect(cluster.status).toBe('warn');
    expect(cluster.evidence[0]).toBe(
      `ServiceAccount ${NS}/doris: ClusterRoleBinding doris-node-reader → ClusterRole node-reader applies in every namespace`,
    );

    const secrets = role('doris-secrets', [
      {
        apiGroups: [''],
        resources: ['secrets'],
        verbs: ['get'],
        resourceNames: ['doris-db'],
      },
    ]);
    const rb = roleBinding(
      'doris-secrets',
      { kind: 'Role', name: 'doris-secrets' },
      [saSubject('doris', undefined)],
    );
    const out = rbac(serviceContext([doris, secrets, rb]));
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toContain('reads Secrets (only doris-db)');
  });

  it('fails on cluster-admin, also through a group every service account is in', () => {
    const crb = clusterRoleBinding('ci-admin', 'cluster-admin', [
      { kind: 'Group', name: `system:serviceaccounts:${NS}` },
    ]);
    const out = rbac(serviceContext([doris, crb]));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toBe(
      `ServiceAccount ${NS}/doris: ClusterRoleBinding ci-admin → ClusterRole cluster-admin: full control of the cluster`,
    );
  });

  it('fails on wildcards and on pods/exec through a RoleBinding to a ClusterRole', () => {
    const debug = clusterRole('debugger', [
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
    ]);
    const rb = roleBinding(
      'doris-debug',
      { kind: 'ClusterRole', name: 'debugger' },
      [saSubject('doris')],
    );
    const out = rbac(serviceContext([doris, debug, rb]));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toContain('pods/exec: a shell in other pods');
  });

  it('judges single rules', () => {
    expect(
      judgeRule({
        apiGroups: ['*'],
        resources: ['deployments'],
        verbs: ['get'],
      }).status,
    ).toBe('fail');
    expect(
      judgeRule({
        apiGroups: ['apps'],
        resources: ['deployments'],
        verbs: ['*'],
      }).status,
    ).toBe('fail');
    expect(
      judgeRule({
        apiGroups: [''],
        resources: ['pods/attach'],
        verbs: ['create'],
      }).status,
    ).toBe('fail');
    expect(
      judgeRule({
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['roles'],
        verbs: ['bind'],
      }).status,
    ).toBe('fail');
    expect(
      judgeRule({ apiGroups: [''], resources: ['secrets'], verbs: ['watch'] })
        .status,
    ).toBe('warn');
    expect(
      judgeRule({ apiGroups: [''], resources: ['secrets'], verbs: ['create'] })
        .status,
    ).toBe('pass');
  });

  it('is n/a without a workload', () => {
    expect(rbac(serviceContext([leases, bindLeases])).status).toBe('n/a');
  });

  it('is unknown when bindings cannot be listed', () => {
    const facts = withKindError(
      factsFrom([doris, leases, bindLeases]),
      'rolebindings',
    );
    expect(rbac(serviceContext(facts))).toMatchObject({
      status: 'unknown',
      error: { source: 'kubernetes' },
    });
  });
});
