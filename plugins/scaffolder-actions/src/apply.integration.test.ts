/**
 * Server-side apply against a REAL kube-apiserver (scripts/test-env/kube-up.sh, cert-manager CRDs
 * from apply-crds.sh). Skipped without KUBE_URL; in CI (CI=true) a missing cluster is a failure.
 *
 *   bash scripts/test-env/kube-up.sh /tmp/kube-scaf 16443 && bash scripts/test-env/apply-crds.sh /tmp/kube-scaf
 *   . /tmp/kube-scaf/env && yarn backstage-cli package test --watchAll=false src/apply.integration
 */
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { createReadinessActions } from './actions';
import { kubeConfigFor } from './apply/kubernetes';
import { PartialApplyError } from './apply/types';
import { DEFAULT_SETTINGS, OnboardingSettings } from './settings';
import { actionContext } from './__testUtils__/context';
import { VaultStandIn } from '@internal/vault-stand-in';

// The WebAssembly HCL parser and the engine are slow to load on a busy 2-core machine.
jest.setTimeout(60_000);

const { KUBE_URL, KUBE_ADMIN_TOKEN, KUBE_CA_FILE } = process.env;
const available = Boolean(KUBE_URL);

if (!available && process.env.CI === 'true') {
  throw new Error(
    'KUBE_URL is not set but CI=true: start the API server with scripts/test-env/kube-up.sh and source its env file',
  );
}
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(
    'Skipping apply.integration.test.ts: KUBE_URL is not set (run scripts/test-env/kube-up.sh <dir> <port> and source <dir>/env)',
  );
}

const describeCluster = available ? describe : describe.skip;
const mockDir = createMockDirectory();

describeCluster('server-side apply against a real kube-apiserver', () => {
  const namespace = `onboard-${randomBytes(3).toString('hex')}`;
  const cluster = {
    url: KUBE_URL!,
    serviceAccountToken: KUBE_ADMIN_TOKEN!,
    caFile: KUBE_CA_FILE,
  };
  const kc = kubeConfigFor(cluster);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  let vault: VaultStandIn;
  let settings: OnboardingSettings;
  const input = {
    name: 'lakefs',
    namespace,
    owner: 'group:default/data-platform',
    hosts: ['lakefs.254carbon.com'],
    dependencies: ['minio:9000'],
    ports: [8000],
    mode: 'apply',
  };
  const header = (apiVersion: string, kind: string, name: string) => ({
    apiVersion,
    kind,
    metadata: { name, namespace },
  });
  const read = (apiVersion: string, kind: string, name: string) =>
    objects.read(header(apiVersion, kind, name)) as Promise<any>;
  const exists = (apiVersion: string, kind: string, name: string) =>
    read(apiVersion, kind, name).then(
      () => true,
      e => (e.code === 404 ? false : Promise.reject(e)),
    );

  async function onboard(
    extra: Record<string, unknown> = {},
    isDryRun = false,
  ) {
    const action = createReadinessActions({ settings })[0];
    const c = actionContext({
      input: { ...input, ...extra },
      workspacePath: mockDir.resolve('ws'),
      isDryRun,
    });
    const error = await action.handler(c.ctx).catch(e => e);
    return { outputs: c.outputs, error };
  }
  const results = (applied: any[]) =>
    applied
      .filter(a => !a.kind.startsWith('Vault'))
      .map(a => `${a.kind}/${a.name}:${a.result}`);

  beforeAll(async () => {
    await kc
      .makeApiClient(CoreV1Api)
      .createNamespace({ body: { metadata: { name: namespace } } });
    vault = await new VaultStandIn().start();
    settings = {
      ...DEFAULT_SETTINGS,
      allowedNamespaces: [namespace],
      cluster,
      vault: { baseUrl: vault.baseUrl, token: vault.token },
    };
  });
  afterAll(async () => {
    await vault?.stop();
    await kc
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: namespace })
      .catch(() => undefined);
  });

  it('a dry run (dryRun=All) is accepted by the server and persists nothing', async () => {
    const { outputs, error } = await onboard({}, true);
    expect(error).toBeUndefined();
    expect(results(outputs.applied)).toEqual([
      'ServiceAccount/lakefs:created',
      'NetworkPolicy/lakefs:created',
      'NetworkPolicy/default-deny:created',
      'Certificate/lakefs-tls:created',
      'Ingress/lakefs:created',
    ]);
    expect(await exists('v1', 'ServiceAccount', 'lakefs')).toBe(false);
    expect(
      await exists('cert-manager.io/v1', 'Certificate', 'lakefs-tls'),
    ).toBe(false);
  });

  it('creates every object, and the server stores them as generated', async () => {
    const { outputs, error } = await onboard();
    expect(error).toBeUndefined();
    expect(results(outputs.applied)).toEqual([
      'ServiceAccount/lakefs:created',
      'NetworkPolicy/lakefs:created',
      'NetworkPolicy/default-deny:created',
      'Certificate/lakefs-tls:created',
      'Ingress/lakefs:created',
    ]);
    const sa = await read('v1', 'ServiceAccount', 'lakefs');
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(sa.metadata.labels['backstage.io/kubernetes-id']).toBe('lakefs');
    expect(sa.metadata.managedFields.map((f: any) => f.manager)).toEqual([
      'readiness-onboarding',
    ]);
    const np = await read('networking.k8s.io/v1', 'NetworkPolicy', 'lakefs');
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(np.spec.egress).toHaveLength(3);
    expect(np.spec.egress[0].ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
    const deny = await read(
      'networking.k8s.io/v1',
      'NetworkPolicy',
      'default-deny',
    );
    expect(deny.spec.podSelector).toEqual({});
    const cert = await read('cert-manager.io/v1', 'Certificate', 'lakefs-tls');
    expect(cert.spec).toMatchObject({
      secretName: 'lakefs-tls',
      dnsNames: ['lakefs.254carbon.com'],
      issuerRef: {
        kind: 'ClusterIssuer',
        name: 'letsencrypt-prod',
        group: 'cert-manager.io',
      },
    });
    const ingress = await read('networking.k8s.io/v1', 'Ingress', 'lakefs');
    expect(ingress.spec.tls).toEqual([
      { hosts: ['lakefs.254carbon.com'], secretName: 'lakefs-tls' },
    ]);
  });

  it('a second run leaves every object unchanged (same resourceVersion)', async () => {
    const before = (
      await read('cert-manager.io/v1', 'Certificate', 'lakefs-tls')
    ).metadata.resourceVersion;
    const { outputs, error } = await onboard();
    expect(error).toBeUndefined();
    expect(outputs.applied.map((a: any) => a.result)).toEqual(
      Array(7).fill('unchanged'),
    );
    const after = (
      await read('cert-manager.io/v1', 'Certificate', 'lakefs-tls')
    ).metadata.resourceVersion;
    expect(after).toBe(before);
  });

  it('a dry run of a change says what would be updated and changes nothing', async () => {
    const before = (
      await read('networking.k8s.io/v1', 'NetworkPolicy', 'lakefs')
    ).metadata.resourceVersion;
    const { outputs, error } = await onboard({ ports: [8000, 9090] }, true);
    expect(error).toBeUndefined();
    expect(results(outputs.applied)).toEqual([
      'ServiceAccount/lakefs:unchanged',
      'NetworkPolicy/lakefs:updated',
      'NetworkPolicy/default-deny:unchanged',
      'Certificate/lakefs-tls:unchanged',
      'Ingress/lakefs:unchanged',
    ]);
    const np = await read('networking.k8s.io/v1', 'NetworkPolicy', 'lakefs');
    expect(np.metadata.resourceVersion).toBe(before);
    expect(np.spec.ingress[0].ports.map((p: any) => p.port)).toEqual([8000]);
  });

  it('reports only what a changed input touches as updated', async () => {
    const { outputs, error } = await onboard({ ports: [8000, 9090] });
    expect(error).toBeUndefined();
    expect(results(outputs.applied)).toEqual([
      'ServiceAccount/lakefs:unchanged',
      'NetworkPolicy/lakefs:updated',
      'NetworkPolicy/default-deny:unchanged',
      'Certificate/lakefs-tls:unchanged',
      'Ingress/lakefs:unchanged',
    ]);
    const np = await read('networking.k8s.io/v1', 'NetworkPolicy', 'lakefs');
    expect(np.spec.ingress[0].ports.map((p: any) => p.port)).toEqual([
      8000, 9090,
    ]);
  });

  it('does not steal fields another manager owns: a conflict is a partial failure', async () => {
    await objects.patch(
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: 'lakefs-tls', namespace },
        spec: {
          secretName: 'lakefs-tls',
          dnsNames: ['lakefs.254carbon.com', 'www.254carbon.com'],
          issuerRef: {
            name: 'letsencrypt-prod',
            kind: 'ClusterIssuer',
            group: 'cert-manager.io',
          },
        },
      } as any,
      undefined,
      undefined,
      'platform-team',
      true,
      PatchStrategy.ServerSideApply,
    );
    const { outputs, error } = await onboard({
      hosts: ['lakefs.254carbon.com', 'lakefs-api.254carbon.com'],
    });
    expect(error).toBeInstanceOf(PartialApplyError);
    expect(error.message).toMatch(
      /^Applying Certificate .*\/lakefs-tls failed: HTTP 409: Apply failed with \d+ conflicts?: conflicts? with "platform-team"/,
    );
    expect(error.message).toContain(
      `Not applied: Certificate ${namespace}/lakefs-tls, Ingress ${namespace}/lakefs.`,
    );
    expect(results(outputs.applied)).toEqual([
      'ServiceAccount/lakefs:unchanged',
      'NetworkPolicy/lakefs:updated',
      'NetworkPolicy/default-deny:unchanged',
    ]);
    expect(error.message).not.toContain(KUBE_ADMIN_TOKEN);
  });

  it('lists the real pods a default-deny would cut off and applies nothing without confirmDefaultDeny', async () => {
    const other = `${namespace}-pods`;
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: other } } });
    try {
      // A pod of another team, created through the API server (no kubelet runs it: Pending).
      await core.createNamespacedPod({
        namespace: other,
        body: {
          metadata: { name: 'legacy-api-0', labels: { app: 'legacy-api' } },
          spec: { containers: [{ name: 'api', image: 'harbor.254carbon.com/legacy/api:1.0' }] },
        },
      });
      const action = createReadinessActions({ settings: { ...settings, allowedNamespaces: [other] } })[0];
      const c = actionContext({
        // Another name than the tests above: their Vault role 'lakefs' is bound to their namespace.
        input: { ...input, name: 'reports', namespace: other },
        workspacePath: mockDir.resolve('ws-pods'),
      });
      const error = await action.handler(c.ctx).catch(e => e);
      expect(error?.name).toBe('ConflictError');
      expect(error.message).toContain(
        `NetworkPolicy ${other}/default-deny would cut off 1 running pod(s) that no other NetworkPolicy allows: legacy-api-0 (loses ingress and egress)`,
      );
      expect(await objects.list('networking.k8s.io/v1', 'NetworkPolicy', other).then(l => l.items)).toEqual([]);

      const confirmed = actionContext({
        input: { ...input, name: 'reports', namespace: other, confirmDefaultDeny: true },
        workspacePath: mockDir.resolve('ws-pods'),
      });
      await action.handler(confirmed.ctx);
      expect(confirmed.outputs.isolatedPods).toEqual([{ name: 'legacy-api-0', loses: ['Ingress', 'Egress'] }]);
      const names = (await objects.list('networking.k8s.io/v1', 'NetworkPolicy', other)).items.map(p => p.metadata?.name);
      expect(names.sort()).toEqual(['default-deny', 'reports']);
    } finally {
      await core.deleteNamespace({ name: other }).catch(() => undefined);
    }
  });
});
