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

  it('passes with no binding beyond the API server defaults', () => {
    const out = rbac(
      serviceContext([doris, bootstrapDiscovery, discoveryRole]),
    );
    expect(out).toEqual({
      status: 'pass',
      evidence: [
        `no RBAC bindings for ServiceAccount ${NS}/doris beyond the API server's defaults: it can call discovery only`,
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
  });

  describe('fails on the known escalation paths (Kubernetes RBAC good practices)', () => {
    it.each<[string, any]>([
      [
        'create on secrets',
        { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
      ],
      [
        'update on secrets',
        { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'update'] },
      ],
      [
        'patch on secrets',
        { apiGroups: [''], resources: ['secrets'], verbs: ['patch'] },
      ],
      [
        'delete on secrets',
        { apiGroups: [''], resources: ['secrets'], verbs: ['delete'] },
      ],
      [
        'impersonate',
        {
          apiGroups: [''],
          resources: ['serviceaccounts'],
          verbs: ['impersonate'],
        },
      ],
      [
        'impersonate users',
        {
          apiGroups: [''],
          resources: ['users', 'groups'],
          verbs: ['impersonate'],
        },
      ],
      [
        'escalate',
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['clusterroles'],
          verbs: ['escalate'],
        },
      ],
      [
        'bind',
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['rolebindings'],
          verbs: ['bind'],
        },
      ],
      [
        'create on serviceaccounts/token',
        {
          apiGroups: [''],
          resources: ['serviceaccounts/token'],
          verbs: ['create'],
        },
      ],
      [
        'pods/exec',
        { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
      ],
      [
        'pods/attach',
        { apiGroups: [''], resources: ['pods/attach'], verbs: ['get'] },
      ],
      [
        'a wildcard verb',
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] },
      ],
      [
        'a wildcard resource',
        { apiGroups: [''], resources: ['*'], verbs: ['get'] },
      ],
      [
        'a wildcard group',
        { apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] },
      ],
    ])('%s', (_what, rule) => {
      expect(judgeRule(rule).status).toBe('fail');
    });
  });

  describe('warns on create on pods or workload kinds, and on reading secrets', () => {
    it.each<[string, any]>([
      [
        'create on pods',
        { apiGroups: [''], resources: ['pods'], verbs: ['create'] },
      ],
      [
        'create on deployments',
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] },
      ],
      [
        'create on statefulsets',
        { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['create'] },
      ],
      [
        'create on daemonsets',
        { apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['create'] },
      ],
      [
        'create on jobs',
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create'] },
      ],
      [
        'create on cronjobs',
        { apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['create'] },
      ],
      [
        'get on secrets',
        { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
      ],
      [
        'list on secrets',
        { apiGroups: [''], resources: ['secrets'], verbs: ['list'] },
      ],
      [
        'watch on secrets',
        { apiGroups: [''], resources: ['secrets'], verbs: ['watch'] },
      ],
    ])('%s', (_what, rule) => {
      expect(judgeRule(rule).status).toBe('warn');
    });
  });

  it('passes reading pods or updating deployments, and judges resources in their own API group', () => {
    expect(
      judgeRule({
        apiGroups: [''],
        resources: ['pods'],
        verbs: ['get', 'list', 'watch'],
      }).status,
    ).toBe('pass');
    expect(
      judgeRule({
        apiGroups: ['apps'],
        resources: ['deployments'],
        verbs: ['get', 'patch'],
      }).status,
    ).toBe('pass');
    // A CRD named "secrets" in another group is not the core Secret.
    expect(
      judgeRule({
        apiGroups: ['example.com'],
        resources: ['secrets'],
        verbs: ['create'],
      }).status,
    ).toBe('pass');
  });

  it('finds a binding through the user name of the service account and lists every escalating rule', () => {
    const tokens = role('token-minter', [
      {
        apiGroups: [''],
        resources: ['serviceaccounts/token'],
        verbs: ['create'],
      },
      { apiGroups: [''], resources: ['pods'], verbs: ['create'] },
    ]);
    const rb = roleBinding(
      'doris-tokens',
      { kind: 'Role', name: 'token-minter' },
      [
        {
          kind: 'User',
          apiGroup: 'rbac.authorization.k8s.io',
          name: `system:serviceaccount:${NS}:doris`,
        },
      ],
    );
    const out = rbac(serviceContext([doris, tokens, rb]));
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      `ServiceAccount ${NS}/doris: RoleBinding ${NS}/doris-tokens → Role token-minter: create on serviceaccounts/token: mints tokens for other accounts (create on serviceaccounts/token)`,
      `ServiceAccount ${NS}/doris: RoleBinding ${NS}/doris-tokens → Role token-minter: create on pods: its pods can mount any Secret and use any ServiceAccount of the namespace (create on pods)`,
    ]);
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
