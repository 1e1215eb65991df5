import {
  deployment,
  factsFrom,
  NS,
  serviceAccount as sa,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { serviceAccount } from './serviceAccount';
import {
  role,
  roleBinding,
  saSubject,
  VAULT_AGENT_ANNOTATIONS,
  vaultSnapshot,
} from './testing';

const doris = (
  podSpec: any = { serviceAccountName: 'doris' },
  podAnnotations?: Record<string, string>,
) => deployment('doris', { podSpec, podAnnotations });

describe('SEC-SERVICE-ACCOUNT', () => {
  it('passes for a dedicated account whose token is mounted for Vault Agent injection', () => {
    const out = serviceAccount(
      serviceContext([doris(undefined, VAULT_AGENT_ANNOTATIONS), sa('doris')]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      `Deployment ${NS}/doris runs as ServiceAccount ${NS}/doris; token mounted for Vault Agent injection`,
    ]);
  });

  it('passes when the token is mounted for a Vault role bound to the account, or for RBAC bindings', () => {
    const viaRole = serviceAccount(
      serviceContext(
        factsFrom([doris(), sa('doris')], { vault: vaultSnapshot() }),
      ),
    );
    expect(viaRole.status).toBe('pass');
    expect(viaRole.evidence[0]).toContain('token mounted for Vault role doris');
    const binding = roleBinding(
      'doris-leader-election',
      { kind: 'Role', name: 'leases' },
      [saSubject('doris')],
    );
    const viaRbac = serviceAccount(
      serviceContext([doris(), sa('doris'), role('leases', []), binding]),
    );
    expect(viaRbac.status).toBe('pass');
    expect(viaRbac.evidence[0]).toContain(
      `token mounted for RBAC RoleBinding ${NS}/doris-leader-election`,
    );
  });

  it('passes for a dedicated account that does not mount its token (on the ServiceAccount or the pod)', () => {
    expect(
      serviceAccount(
        serviceContext([doris(), sa('doris', { automount: false })]),
      ).status,
    ).toBe('pass');
    const out = serviceAccount(
      serviceContext([
        doris({
          serviceAccountName: 'doris',
          automountServiceAccountToken: false,
        }),
        sa('doris'),
      ]),
    );
    expect(out.evidence[0]).toContain('token not mounted');
  });

  it('warns when the token is mounted without need', () => {
    const out = serviceAccount(serviceContext([doris(), sa('doris')]));
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toBe(
      `Deployment ${NS}/doris mounts the ServiceAccount ${NS}/doris token, but nothing needs it (no Vault Kubernetes auth, no RBAC binding)`,
    );
  });

  it('does not claim "nothing needs it" when the Vault role that might is unreadable', () => {
    const vault = vaultSnapshot({
      roles: { state: 'ok', value: {} },
      roleErrors: {
        doris: 'GET auth/kubernetes/role/doris: 403 permission denied',
      },
    });
    const out = serviceAccount(
      serviceContext(factsFrom([doris(), sa('doris')], { vault })),
    );
    expect(out.status).toBe('unknown');
    expect(out.error).toEqual({
      source: 'vault',
      message: 'Kubernetes auth roles: roles doris could not be read',
    });
    expect(out.evidence[0]).toContain('whether a Vault role does is unknown');
  });

  it('warns when another workload shares the account', () => {
    const superset = deployment('superset', {
      podSpec: { serviceAccountName: 'doris' },
    });
    const out = serviceAccount(
      serviceContext([
        doris(undefined, VAULT_AGENT_ANNOTATIONS),
        superset,
        sa('doris'),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toBe(
      `ServiceAccount ${NS}/doris is shared with Deployment ${NS}/superset`,
    );
  });

  it('fails for the default account, explicit or implied', () => {
    const out = serviceAccount(serviceContext([deployment('doris')]));
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      `Deployment ${NS}/doris runs as the default ServiceAccount of ${NS}`,
    ]);
    expect(
      serviceAccount(serviceContext([doris({ serviceAccountName: 'default' })]))
        .status,
    ).toBe('fail');
  });

  it('is n/a without a workload', () => {
    expect(serviceAccount(serviceContext([sa('doris')])).status).toBe('n/a');
  });

  it('is unknown when ServiceAccounts cannot be listed', () => {
    const facts = withKindError(
      factsFrom([doris(), sa('doris')]),
      'serviceaccounts',
    );
    expect(serviceAccount(serviceContext(facts))).toMatchObject({
      status: 'unknown',
      error: { source: 'kubernetes' },
    });
  });
});
