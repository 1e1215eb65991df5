import { createMockDirectory, mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readinessOnboardingAdoptPermission } from '@254carbon/plugin-readiness-common';
import { actionContext } from '../__testUtils__/context';
import { FakeCluster } from '../__testUtils__/fakeCluster';
import { LAKEFS, NOW, SETTINGS } from '../__testUtils__/fixtures';
import { VaultStandIn } from '@internal/vault-stand-in';
import { createReadinessActions } from '.';

jest.setTimeout(60_000);

const mockDir = createMockDirectory();
const alice = mockCredentials.user('user:default/alice');

/** What an earlier, unrelated service left in Vault under the name lakefs. */
const FOREIGN_POLICY = 'path "secret/data/*" {\n  capabilities = ["read"]\n}\n';
const FOREIGN_ROLE = {
  bound_service_account_names: ['lakefs'],
  bound_service_account_namespaces: ['analytics'],
  token_policies: ['lakefs'],
  audience: 'vault',
  token_ttl: 3600,
  token_max_ttl: 3600,
};

const pod = (name: string, labels: Record<string, string>, phase = 'Running') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'data-platform', labels },
  status: { phase },
});

describe('onboarding that cannot hurt (apply mode)', () => {
  let vault: VaultStandIn;
  let cluster: FakeCluster;
  let workspacePath: string;
  beforeEach(async () => {
    mockDir.clear();
    workspacePath = mockDir.resolve('workspace');
    vault = await new VaultStandIn().start();
    cluster = new FakeCluster();
  });
  afterEach(() => vault.stop());

  async function run(
    input: Record<string, unknown>,
    options: { settings?: any; adoptAllowed?: boolean; action?: string } = {},
  ) {
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async () => [
        { result: options.adoptAllowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY },
      ]) as any,
    });
    const actions = createReadinessActions({
      settings: options.settings ?? { ...SETTINGS, vault: { baseUrl: vault.baseUrl, token: vault.token } },
      kubeApplier: () => cluster,
      now: () => NOW,
      permissions,
    });
    const action = actions.find(a => a.id === (options.action ?? 'readiness:onboard'))!;
    const c = actionContext({ input: { mode: 'apply', ...input }, workspacePath });
    c.ctx.getInitiatorCredentials = async () => alice;
    const error = await action.handler(c.ctx).catch((e: Error) => e);
    return { ...c, error, permissions };
  }

  it('refuses apply mode without readiness.onboarding.allowedNamespaces; write mode still works', async () => {
    const open = { ...SETTINGS, allowedNamespaces: undefined, vault: { baseUrl: vault.baseUrl, token: vault.token } };
    const applied = await run(LAKEFS, { settings: open });
    expect(applied.error?.name).toBe('InputError');
    expect(applied.error?.message).toContain(
      "mode: 'apply' needs readiness.onboarding.allowedNamespaces in app-config",
    );
    expect(cluster.calls).toEqual([]);
    expect(vault.writes).toEqual([]);

    const written = await run({ ...LAKEFS, mode: 'write' }, { settings: open });
    expect(written.error).toBeUndefined();
    expect(written.outputs.files.length).toBeGreaterThan(0);
  });

  it('leaves a Vault policy and role it did not write alone, and says so, applying nothing', async () => {
    vault.policies.set('lakefs', FOREIGN_POLICY);
    vault.roles.set('kubernetes/lakefs', { ...FOREIGN_ROLE });
    const { error } = await run(LAKEFS);
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toBe(
      "Vault policy 'lakefs' already exists and was not written by this suite for data-platform/lakefs; " +
        "Vault role 'auth/kubernetes/role/lakefs' already exists, bound to service account(s) lakefs in namespace(s) analytics, not only to data-platform/lakefs. " +
        'Nothing was applied. Choose another service name, or set adopt: true to take them over (needs the readiness.onboarding.adopt permission).',
    );
    expect(cluster.calls).toEqual([]);
    expect(vault.writes).toEqual([]);
    expect(vault.policies.get('lakefs')).toBe(FOREIGN_POLICY);
    expect(vault.roles.get('kubernetes/lakefs')?.bound_service_account_namespaces).toEqual(['analytics']);
  });

  it('adopts them only with adopt: true and the readiness.onboarding.adopt permission', async () => {
    vault.policies.set('lakefs', FOREIGN_POLICY);
    vault.roles.set('kubernetes/lakefs', { ...FOREIGN_ROLE });

    const denied = await run({ ...LAKEFS, adopt: true }, { adoptAllowed: false });
    expect(denied.error?.name).toBe('NotAllowedError');
    expect(denied.error?.message).toContain('adopt: true needs the readiness.onboarding.adopt permission');
    expect(denied.permissions.authorize).toHaveBeenCalledWith(
      [{ permission: readinessOnboardingAdoptPermission }],
      { credentials: alice },
    );
    expect(vault.writes).toEqual([]);

    const adopted = await run({ ...LAKEFS, adopt: true }, { adoptAllowed: true });
    expect(adopted.error).toBeUndefined();
    expect(adopted.outputs.adopted).toHaveLength(2);
    expect(vault.policies.get('lakefs')).toMatch(/^# Managed by 254carbon-readiness for data-platform\/lakefs:/);
    expect(vault.roles.get('kubernetes/lakefs')?.bound_service_account_namespaces).toEqual(['data-platform']);
  });

  it('updates what it wrote earlier for the same service without asking', async () => {
    expect((await run(LAKEFS)).error).toBeUndefined();
    // A later version of the suite writes a different policy for the same service.
    vault.policies.set('lakefs', `${vault.policies.get('lakefs')}\n# older revision\n`);
    const again = await run(LAKEFS);
    expect(again.error).toBeUndefined();
    expect(again.outputs.applied.find((a: any) => a.kind === 'VaultPolicy').result).toBe('updated');
  });

  it('will not cut off running pods with the default-deny unless confirmDefaultDeny: true, and lists them', async () => {
    cluster.existing.push(
      pod('legacy-api-0', { app: 'legacy-api' }) as any,
      pod('batch-1', { app: 'batch' }, 'Succeeded') as any,
      pod('minio-0', { 'backstage.io/kubernetes-id': 'minio' }) as any,
      // minio has its own policy, allowing ingress only: it still loses egress.
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'minio', namespace: 'data-platform', labels: {} },
        spec: { podSelector: { matchLabels: { 'backstage.io/kubernetes-id': 'minio' } }, policyTypes: ['Ingress'] },
      } as any,
      // lakefs's own pods are selected by the policy the bundle applies with the deny.
      pod('lakefs-0', { 'backstage.io/kubernetes-id': 'lakefs' }) as any,
    );
    const refused = await run(LAKEFS);
    expect(refused.error?.name).toBe('ConflictError');
    expect(refused.error?.message).toBe(
      'NetworkPolicy data-platform/default-deny would cut off 2 running pod(s) that no other NetworkPolicy allows: ' +
        'legacy-api-0 (loses ingress and egress), minio-0 (loses egress). Nothing was applied. ' +
        'Give them their own NetworkPolicies first, or set confirmDefaultDeny: true to isolate them.',
    );
    expect(cluster.calls).toEqual([]);
    expect(vault.writes).toEqual([]);

    const confirmed = await run({ ...LAKEFS, confirmDefaultDeny: true });
    expect(confirmed.error).toBeUndefined();
    expect(confirmed.outputs.isolatedPods).toEqual([
      { name: 'legacy-api-0', loses: ['Ingress', 'Egress'] },
      { name: 'minio-0', loses: ['Egress'] },
    ]);
    expect(cluster.objects.has('NetworkPolicy/data-platform/default-deny')).toBe(true);
  });

  it('the same checks hold for the single-piece actions', async () => {
    vault.roles.set('kubernetes/lakefs', { ...FOREIGN_ROLE });
    const viaVault = await run({ name: 'lakefs', namespace: 'data-platform' }, { action: 'readiness:vault' });
    expect(viaVault.error?.name).toBe('ConflictError');
    cluster.existing.push(pod('legacy-api-0', { app: 'legacy-api' }) as any);
    const viaPolicy = await run({ name: 'lakefs', namespace: 'data-platform' }, { action: 'readiness:network-policy' });
    expect(viaPolicy.error?.message).toContain('would cut off 1 running pod(s)');
  });
});
