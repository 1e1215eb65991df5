import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PartialApplyError } from '../apply/types';
import { actionContext } from '../__testUtils__/context';
import { FakeCluster } from '../__testUtils__/fakeCluster';
import { LAKEFS, NOW, SETTINGS } from '../__testUtils__/fixtures';
import { VaultStandIn } from '@internal/vault-stand-in';
import { createReadinessActions } from '.';

// The WebAssembly HCL parser and the engine are slow to load on a busy 2-core machine.
jest.setTimeout(60_000);

const mockDir = createMockDirectory();

function setup(
  overrides: {
    vault?: VaultStandIn;
    cluster?: FakeCluster;
    settings?: any;
  } = {},
) {
  const actions = createReadinessActions({
    settings: overrides.settings ?? SETTINGS,
    kubeApplier: overrides.cluster ? () => overrides.cluster! : undefined,
    vaultWriter: undefined,
    now: () => NOW,
  });
  const byId = Object.fromEntries(actions.map(a => [a.id, a]));
  return byId;
}

const listFiles = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter(e => e.isFile())
        .map(e => path.relative(dir, path.join(e.parentPath, e.name)))
        .sort()
    : [];

describe('readiness actions', () => {
  let workspacePath: string;
  beforeEach(() => {
    mockDir.clear();
    workspacePath = mockDir.resolve('workspace');
  });

  it('registers the five actions under readiness:', () => {
    expect(Object.keys(setup()).sort()).toEqual([
      'readiness:certificate',
      'readiness:network-policy',
      'readiness:onboard',
      'readiness:service-account',
      'readiness:vault',
    ]);
    for (const action of Object.values(setup()))
      expect(action.supportsDryRun).toBe(true);
  });

  describe('readiness:onboard in write mode', () => {
    it('writes the bundle into the workspace and reports a passing readiness', async () => {
      const { ctx, outputs } = actionContext({
        input: { ...LAKEFS, targetPath: 'deploy' },
        workspacePath,
      });
      await setup()['readiness:onboard'].handler(ctx);

      expect(listFiles(workspacePath)).toEqual([
        'deploy/k8s/certificate-lakefs-tls.yaml',
        'deploy/k8s/ingress-lakefs.yaml',
        'deploy/k8s/networkpolicy-default-deny.yaml',
        'deploy/k8s/networkpolicy-lakefs.yaml',
        'deploy/k8s/serviceaccount-lakefs.yaml',
        'deploy/vault/policy-lakefs.hcl',
        'deploy/vault/role-lakefs.json',
      ]);
      const sa = parse(
        fs.readFileSync(
          path.join(workspacePath, 'deploy/k8s/serviceaccount-lakefs.yaml'),
          'utf8',
        ),
      );
      expect(sa.metadata).toMatchObject({
        name: 'lakefs',
        namespace: 'data-platform',
      });
      expect(outputs.files.every((f: any) => f.result === 'created')).toBe(
        true,
      );
      expect(outputs.dryRun).toBe(false);
      expect(outputs.readiness.passed).toBe(true);
      // No cluster or Vault is configured for onboarding here: what needs the live platform is
      // reported as not covered, never as a pass.
      expect(outputs.readiness.covered).toHaveLength(6);
      expect(
        outputs.readiness.notCovered
          .filter((c: any) =>
            ['SEC-CERT-ISSUER', 'SEC-SECRETS-IN-VAULT'].includes(c.checkId),
          )
          .map((c: any) => c.reason),
      ).toEqual([
        "no cluster is configured for onboarding, so ClusterIssuer letsencrypt-prod's Ready status cannot be read",
        'needs the secrets at secret/data-platform/lakefs, which cannot be listed without a Vault configured for onboarding',
      ]);
      expect(outputs.catalogAnnotations['vault.io/secrets-path']).toBe(
        'data-platform/lakefs',
      );
      expect(outputs.podAnnotations['vault.hashicorp.com/role']).toBe('lakefs');
      expect(outputs.ingressTls).toEqual({
        hosts: ['lakefs.254carbon.com'],
        secretName: 'lakefs-tls',
      });
      expect(outputs.vaultRole).toBe('auth/kubernetes/role/lakefs');
      expect(outputs.serviceAccountName).toBe('lakefs');
      expect(outputs.applied).toBeUndefined();
    });

    it('reports unchanged files on a second run, and updated ones after an edit', async () => {
      const action = setup()['readiness:onboard'];
      await action.handler(actionContext({ input: LAKEFS, workspacePath }).ctx);
      const again = actionContext({ input: LAKEFS, workspacePath });
      await action.handler(again.ctx);
      expect(again.outputs.files.map((f: any) => f.result)).toEqual(
        Array(7).fill('unchanged'),
      );

      const changed = actionContext({
        input: { ...LAKEFS, ports: [9000] },
        workspacePath,
      });
      await action.handler(changed.ctx);
      const updated = changed.outputs.files
        .filter((f: any) => f.result === 'updated')
        .map((f: any) => f.path);
      expect(updated).toEqual([
        'k8s/networkpolicy-lakefs.yaml',
        'k8s/ingress-lakefs.yaml',
      ]);
    });

    it('writes the files on a dry run too: the workspace is the preview the scaffolder returns', async () => {
      const { ctx, outputs } = actionContext({
        input: LAKEFS,
        workspacePath,
        isDryRun: true,
      });
      await setup()['readiness:onboard'].handler(ctx);
      expect(listFiles(workspacePath)).toHaveLength(7);
      expect(outputs.dryRun).toBe(true);
      expect(outputs.files).toHaveLength(7);
      expect(outputs.files.every((f: any) => f.result === 'created')).toBe(
        true,
      );
      expect(outputs.readiness.passed).toBe(true);
    });

    it.each([
      [
        { namespace: 'kube-system' },
        "namespace: 'kube-system' is not allowed for onboarding; allowed: data-platform, analytics",
      ],
      [{ name: 'Lake FS' }, "name: 'Lake FS' is not a DNS-1123 label"],
      [
        { hosts: ['*.254carbon.com'] },
        "hosts[0]: '*.254carbon.com' is a wildcard",
      ],
      [
        { secretsPath: '../doris' },
        "secretsPath: '../doris' must not contain '.' or '..' segments",
      ],
      [
        { dependencies: ['x/y/z'] },
        "dependencies[0]: 'x/y/z' is not a dependency",
      ],
      [{ owner: 'user:' }, "owner: 'user:' is not an entity ref"],
      [
        { targetPath: '../../etc' },
        "targetPath: '../../etc' must be a relative path inside the workspace",
      ],
      [{ mode: 'kubectl' }, "mode: 'kubectl' is not a mode"],
    ])('rejects %j before writing anything', async (overrides, message) => {
      const { ctx, outputs } = actionContext({
        input: { ...LAKEFS, ...overrides },
        workspacePath,
      });
      const error = await setup()
        ['readiness:onboard'].handler(ctx)
        .catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain('Invalid input to readiness:onboard: ');
      expect(error.message).toContain(message);
      expect(listFiles(workspacePath)).toEqual([]);
      expect(outputs.files).toBeUndefined();
    });
  });

  describe('the piece actions in write mode', () => {
    it.each([
      [
        'readiness:service-account',
        ['k8s/serviceaccount-lakefs.yaml'],
        ['SEC-SERVICE-ACCOUNT', 'SEC-RBAC'],
      ],
      [
        'readiness:vault',
        ['vault/policy-lakefs.hcl', 'vault/role-lakefs.json'],
        // SEC-SECRETS-IN-VAULT needs the secrets in KV, which only a live Vault can show.
        ['SEC-VAULT-ROLE', 'SEC-VAULT-POLICY'],
      ],
      [
        'readiness:network-policy',
        [
          'k8s/networkpolicy-lakefs.yaml',
          'k8s/networkpolicy-default-deny.yaml',
        ],
        ['SEC-NETPOL-DEFAULT-DENY', 'SEC-NETPOL-SERVICE'],
      ],
      [
        'readiness:certificate',
        ['k8s/certificate-lakefs-tls.yaml', 'k8s/ingress-lakefs.yaml'],
        // SEC-CERT-ISSUER needs the issuer's live Ready status: no cluster configured here.
        [],
      ],
    ])(
      '%s writes only its files and passes the checks it covers',
      async (id, files, checks) => {
        const { ctx, outputs } = actionContext({
          input: LAKEFS,
          workspacePath,
        });
        await setup()[id].handler(ctx);
        expect(outputs.files.map((f: any) => f.path)).toEqual(files);
        expect(listFiles(workspacePath)).toEqual([...files].sort());
        expect(
          outputs.readiness.covered.map((c: any) => c.checkId).sort(),
        ).toEqual([...checks].sort());
        expect(
          outputs.readiness.covered.every((c: any) => c.status === 'pass'),
        ).toBe(true);
      },
    );

    it('readiness:certificate needs a host', async () => {
      const { ctx } = actionContext({
        input: { ...LAKEFS, hosts: [] },
        workspacePath,
      });
      await expect(
        setup()['readiness:certificate'].handler(ctx),
      ).rejects.toThrow(
        'Invalid input to readiness:certificate: hosts: at least one host is needed to issue a Certificate',
      );
    });

    it('readiness:vault returns the pod annotations for the service skeleton', async () => {
      const { ctx, outputs } = actionContext({ input: LAKEFS, workspacePath });
      await setup()['readiness:vault'].handler(ctx);
      expect(outputs.podAnnotations).toMatchObject({
        'vault.hashicorp.com/agent-inject': 'true',
        'vault.hashicorp.com/role': 'lakefs',
        'vault.hashicorp.com/agent-inject-secret-config':
          'secret/data/data-platform/lakefs/config',
      });
    });
  });

  describe('apply mode', () => {
    let vault: VaultStandIn;
    let cluster: FakeCluster;
    const settings = () => ({
      ...SETTINGS,
      vault: { baseUrl: vault.baseUrl, token: vault.token },
    });
    beforeEach(async () => {
      vault = await new VaultStandIn().start();
      cluster = new FakeCluster();
    });
    afterEach(() => vault.stop());

    const run = async (
      input: Record<string, unknown>,
      opts: { isDryRun?: boolean; checkpoints?: Map<string, unknown> } = {},
    ) => {
      const c = actionContext({
        input: { ...input, mode: 'apply' },
        workspacePath,
        ...opts,
      });
      const error = await setup({ cluster, settings: settings() })
        ['readiness:onboard'].handler(c.ctx)
        .catch(e => e);
      return { ...c, error };
    };

    it('applies everything in order, then reports every item unchanged on a second run', async () => {
      const first = await run(LAKEFS);
      expect(first.error).toBeUndefined();
      expect(first.outputs.applied).toEqual([
        {
          kind: 'ServiceAccount',
          namespace: 'data-platform',
          name: 'lakefs',
          result: 'created',
        },
        { kind: 'VaultPolicy', name: 'lakefs', result: 'created' },
        {
          kind: 'VaultRole',
          namespace: 'auth/kubernetes',
          name: 'lakefs',
          result: 'created',
        },
        {
          kind: 'NetworkPolicy',
          namespace: 'data-platform',
          name: 'lakefs',
          result: 'created',
        },
        {
          kind: 'NetworkPolicy',
          namespace: 'data-platform',
          name: 'default-deny',
          result: 'created',
        },
        {
          kind: 'Certificate',
          namespace: 'data-platform',
          name: 'lakefs-tls',
          result: 'created',
        },
        {
          kind: 'Ingress',
          namespace: 'data-platform',
          name: 'lakefs',
          result: 'created',
        },
      ]);
      expect(listFiles(workspacePath)).toEqual([]);
      expect(first.checkpointKeys).toHaveLength(7);
      expect(new Set(first.checkpointKeys).size).toBe(7);

      const second = await run(LAKEFS);
      expect(second.outputs.applied.map((a: any) => a.result)).toEqual(
        Array(7).fill('unchanged'),
      );
      expect(vault.writes.map(w => `${w.method} ${w.path}`)).toEqual([
        'PUT /v1/sys/policies/acl/lakefs',
        'POST /v1/auth/kubernetes/role/lakefs',
      ]);
    });

    it('changes nothing on a dry run: dry-run applies and Vault reads only', async () => {
      const { outputs, error } = await run(LAKEFS, { isDryRun: true });
      expect(error).toBeUndefined();
      expect(outputs.dryRun).toBe(true);
      expect(outputs.applied.map((a: any) => a.result)).toEqual(
        Array(7).fill('created'),
      );
      expect(cluster.calls.every(c => c.dryRun)).toBe(true);
      expect(cluster.objects.size).toBe(0);
      expect(vault.writes).toEqual([]);
      expect(vault.requests.every(r => r.method === 'GET')).toBe(true);
    });

    it('does not repeat side effects a resumed task already checkpointed', async () => {
      const checkpoints = new Map<string, unknown>();
      await run(LAKEFS, { checkpoints });
      const calls = cluster.calls.length;
      const writes = vault.writes.length;
      const resumed = await run(LAKEFS, { checkpoints });
      expect(cluster.calls.length).toBe(calls);
      // Only the ownership check reads Vault again; nothing is written twice.
      expect(vault.writes.length).toBe(writes);
      expect(resumed.outputs.applied.map((a: any) => a.result)).toEqual(
        Array(7).fill('created'),
      );
    });

    it('on a partial failure, outputs what was applied and says what was not', async () => {
      vault.failures.push({
        method: 'POST',
        path: '/v1/auth/kubernetes/role/lakefs',
        status: 403,
        errors: ['permission denied'],
      });
      const { outputs, error } = await run(LAKEFS);
      expect(error).toBeInstanceOf(PartialApplyError);
      expect(error.message).toBe(
        'Applying VaultRole auth/kubernetes/lakefs failed: Vault POST /v1/auth/kubernetes/role/lakefs answered 403: permission denied. ' +
          'Applied: ServiceAccount data-platform/lakefs (created), VaultPolicy lakefs (created). ' +
          'Not applied: VaultRole auth/kubernetes/lakefs, NetworkPolicy data-platform/lakefs, NetworkPolicy data-platform/default-deny, Certificate data-platform/lakefs-tls, Ingress data-platform/lakefs. ' +
          'Fix the cause and run the template again: applying is idempotent.',
      );
      expect(outputs.applied).toEqual([
        {
          kind: 'ServiceAccount',
          namespace: 'data-platform',
          name: 'lakefs',
          result: 'created',
        },
        { kind: 'VaultPolicy', name: 'lakefs', result: 'created' },
      ]);
      expect(cluster.objects.size).toBe(1);

      const retry = await run(LAKEFS);
      expect(retry.error).toBeUndefined();
      expect(
        retry.outputs.applied.map((a: any) => `${a.kind}:${a.result}`),
      ).toEqual([
        'ServiceAccount:unchanged',
        'VaultPolicy:unchanged',
        'VaultRole:created',
        'NetworkPolicy:created',
        'NetworkPolicy:created',
        'Certificate:created',
        'Ingress:created',
      ]);
    });

    it('reports a Kubernetes conflict the same way', async () => {
      cluster.failing.set(
        'Certificate/lakefs-tls',
        'HTTP 409: Apply failed with 1 conflict: conflict with "kubectl": .spec.dnsNames',
      );
      const { outputs, error } = await run(LAKEFS);
      expect(error.message).toMatch(
        /^Applying Certificate data-platform\/lakefs-tls failed: HTTP 409: Apply failed/,
      );
      expect(error.message).toContain(
        'Not applied: Certificate data-platform/lakefs-tls, Ingress data-platform/lakefs.',
      );
      expect(outputs.applied).toHaveLength(5);
    });

    it('refuses to apply without a configured cluster or Vault', async () => {
      const actions = setup({ settings: SETTINGS });
      const { ctx } = actionContext({
        input: { ...LAKEFS, mode: 'apply' },
        workspacePath,
      });
      await expect(actions['readiness:onboard'].handler(ctx)).rejects.toThrow(
        "mode: 'apply' needs readiness.onboarding.cluster and readiness.onboarding.vault in app-config",
      );
      const sa = actionContext({
        input: { ...LAKEFS, mode: 'apply' },
        workspacePath,
      });
      await expect(
        actions['readiness:service-account'].handler(sa.ctx),
      ).rejects.toThrow(
        "mode: 'apply' needs readiness.onboarding.cluster in app-config",
      );
    });

    it('never puts the Vault token in outputs or logs', async () => {
      const { ctx, outputs } = actionContext({
        input: { ...LAKEFS, mode: 'apply' },
        workspacePath,
      });
      const logged: string[] = [];
      for (const level of ['info', 'warn', 'error', 'debug'] as const) {
        jest.spyOn(ctx.logger, level).mockImplementation((...args: any[]) => {
          logged.push(JSON.stringify(args));
          return ctx.logger;
        });
      }
      await setup({ cluster, settings: settings() })[
        'readiness:onboard'
      ].handler(ctx);
      expect(logged.length).toBeGreaterThan(0);
      expect(JSON.stringify(outputs) + logged.join('\n')).not.toContain(
        vault.token,
      );
    });
  });
});
