import { parseVaultPolicy } from '@254carbon/plugin-readiness-node';
import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { parseAllDocuments } from 'yaml';
import { parseOnboardingInput } from '../input';
import { LAKEFS, SETTINGS } from '../__testUtils__/fixtures';
import { renderFiles } from '../write/render';
import { buildBundle, Manifest } from '.';

// The WebAssembly HCL parser and the engine are slow to load on a busy 2-core machine.
jest.setTimeout(60_000);

const spec = (overrides: Record<string, unknown> = {}) =>
  parseOnboardingInput({ ...LAKEFS, ...overrides }, SETTINGS, 'test');
const find = (ms: Manifest[], kind: string, name: string) =>
  ms.find(m => m.kind === kind && m.metadata.name === name)!;

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  ServiceAccount,
  NetworkPolicy,
  Ingress,
  Certificate,
};

describe('buildBundle', () => {
  const bundle = buildBundle(spec(), SETTINGS);

  it('generates the objects in apply order', () => {
    expect(bundle.manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'ServiceAccount/lakefs',
      'NetworkPolicy/lakefs',
      'NetworkPolicy/default-deny',
      'Certificate/lakefs-tls',
      'Ingress/lakefs',
    ]);
    for (const m of bundle.manifests)
      expect(m.metadata.namespace).toBe('data-platform');
  });

  it('labels the ServiceAccount for the Kubernetes plugin and mounts no API token', () => {
    expect(find(bundle.manifests, 'ServiceAccount', 'lakefs')).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'lakefs',
        namespace: 'data-platform',
        labels: {
          'app.kubernetes.io/name': 'lakefs',
          'backstage.io/kubernetes-id': 'lakefs',
          'app.kubernetes.io/managed-by': '254carbon-readiness',
        },
      },
      automountServiceAccountToken: false,
    });
  });

  it('binds the Vault role to exactly the service account and grants read/list on its own path', async () => {
    expect(bundle.vault!.role).toEqual({
      bound_service_account_names: ['lakefs'],
      bound_service_account_namespaces: ['data-platform'],
      audience: 'vault',
      token_ttl: 3600,
      token_max_ttl: 3600,
      token_policies: ['lakefs'],
    });
    expect(await parseVaultPolicy('policy', bundle.vault!.policyHcl)).toEqual([
      {
        path: 'secret/data/data-platform/lakefs/*',
        capabilities: ['read', 'list'],
      },
      {
        path: 'secret/metadata/data-platform/lakefs/*',
        capabilities: ['read', 'list'],
      },
    ]);
  });

  it('uses the configured mounts', () => {
    const b = buildBundle(spec(), {
      ...SETTINGS,
      authMount: 'k8s-prod',
      kvMount: 'kv',
    });
    expect(b.vault!.authMount).toBe('k8s-prod');
    expect(b.vault!.policyRules.map(r => r.path)).toEqual([
      'kv/data/data-platform/lakefs/*',
      'kv/metadata/data-platform/lakefs/*',
    ]);
    expect(b.podAnnotations['vault.hashicorp.com/auth-path']).toBe(
      'auth/k8s-prod',
    );
  });

  it('denies everything by default in the namespace', () => {
    expect(
      find(bundle.manifests, 'NetworkPolicy', 'default-deny').spec,
    ).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
  });

  it('allows only ingress controller and monitoring in, and DNS, Vault and dependencies out', () => {
    const np = find(bundle.manifests, 'NetworkPolicy', 'lakefs').spec as any;
    const ns = (name: string) => ({
      namespaceSelector: {
        matchLabels: { 'kubernetes.io/metadata.name': name },
      },
    });
    expect(np.podSelector).toEqual({
      matchLabels: { 'backstage.io/kubernetes-id': 'lakefs' },
    });
    expect(np.ingress).toEqual([
      { from: [ns('ingress-nginx')], ports: [{ protocol: 'TCP', port: 8000 }] },
      { from: [ns('monitoring')], ports: [{ protocol: 'TCP', port: 8000 }] },
    ]);
    expect(np.egress).toEqual([
      {
        to: [
          {
            ...ns('kube-system'),
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
      { to: [ns('vault')], ports: [{ protocol: 'TCP', port: 8200 }] },
      {
        to: [
          {
            podSelector: {
              matchLabels: { 'backstage.io/kubernetes-id': 'minio' },
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 9000 }],
      },
      {
        to: [
          {
            ...ns('analytics'),
            podSelector: {
              matchLabels: { 'backstage.io/kubernetes-id': 'postgres' },
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
    ]);
    // No rule may leave egress open: every rule names its peers.
    for (const rule of np.egress) expect(rule.to.length).toBeGreaterThan(0);
  });

  it('keeps the ingress controller out when the service has no public host', () => {
    const b = buildBundle(spec({ hosts: [] }), SETTINGS);
    const np = find(b.manifests, 'NetworkPolicy', 'lakefs').spec as any;
    expect(np.ingress).toHaveLength(1);
    expect(np.ingress[0].from[0].namespaceSelector.matchLabels).toEqual({
      'kubernetes.io/metadata.name': 'monitoring',
    });
    expect(b.manifests.map(m => m.kind)).not.toContain('Certificate');
    expect(b.ingressTls).toBeUndefined();
  });

  it('issues the Certificate from the production ClusterIssuer and serves it from the Ingress', () => {
    const cert = find(bundle.manifests, 'Certificate', 'lakefs-tls')
      .spec as any;
    expect(cert.secretName).toBe('lakefs-tls');
    expect(cert.dnsNames).toEqual(['lakefs.254carbon.com']);
    expect(cert.issuerRef).toEqual({
      group: 'cert-manager.io',
      kind: 'ClusterIssuer',
      name: 'letsencrypt-prod',
    });
    const ingress = find(bundle.manifests, 'Ingress', 'lakefs') as any;
    expect(ingress.spec.tls).toEqual([
      { hosts: ['lakefs.254carbon.com'], secretName: 'lakefs-tls' },
    ]);
    expect(ingress.metadata.annotations).toBeUndefined();
    expect(bundle.ingressTls).toEqual({
      hosts: ['lakefs.254carbon.com'],
      secretName: 'lakefs-tls',
    });
    const custom = buildBundle(spec(), {
      ...SETTINGS,
      productionIssuer: 'corp-ca',
    });
    expect(
      (find(custom.manifests, 'Certificate', 'lakefs-tls').spec as any)
        .issuerRef.name,
    ).toBe('corp-ca');
  });

  it('returns the Vault agent and catalog annotations', () => {
    expect(bundle.podAnnotations).toMatchObject({
      'vault.hashicorp.com/agent-inject': 'true',
      'vault.hashicorp.com/role': 'lakefs',
      'vault.hashicorp.com/agent-service-account-token-volume-name':
        'vault-token',
      'vault.hashicorp.com/agent-inject-secret-config':
        'secret/data/data-platform/lakefs/config',
    });
    expect(bundle.catalogAnnotations).toEqual({
      'backstage.io/kubernetes-id': 'lakefs',
      'backstage.io/kubernetes-namespace': 'data-platform',
      'vault.io/secrets-path': 'data-platform/lakefs',
      'readiness.254carbon.io/public-hosts': 'lakefs.254carbon.com',
    });
  });

  it('generates only the requested pieces', () => {
    expect(buildBundle(spec(), SETTINGS, ['vault']).manifests).toEqual([]);
    expect(
      buildBundle(spec(), SETTINGS, ['service-account']).vault,
    ).toBeUndefined();
    expect(
      buildBundle(spec(), SETTINGS, ['certificate']).manifests.map(m => m.kind),
    ).toEqual(['Certificate', 'Ingress']);
  });
});

describe('rendered files', () => {
  const files = renderFiles(buildBundle(spec(), SETTINGS), 'deploy');

  it('writes one file per object plus the Vault policy and role', () => {
    expect(files.map(f => f.path)).toEqual([
      'deploy/k8s/serviceaccount-lakefs.yaml',
      'deploy/k8s/networkpolicy-lakefs.yaml',
      'deploy/k8s/networkpolicy-default-deny.yaml',
      'deploy/k8s/certificate-lakefs-tls.yaml',
      'deploy/k8s/ingress-lakefs.yaml',
      'deploy/vault/policy-lakefs.hcl',
      'deploy/vault/role-lakefs.json',
    ]);
  });

  it('renders YAML that parses back to single, schema-valid Kubernetes objects', () => {
    for (const f of files.filter(x => x.path.endsWith('.yaml'))) {
      const docs = parseAllDocuments(f.content);
      expect(docs).toHaveLength(1);
      expect(docs[0].errors).toEqual([]);
      const obj = docs[0].toJS();
      const Model = MODELS[obj.kind];
      expect(Model).toBeDefined();
      expect(() => new Model(obj).validate()).not.toThrow();
    }
  });

  it('schema validation catches a broken object', () => {
    const broken = {
      ...find(
        buildBundle(spec(), SETTINGS).manifests,
        'Certificate',
        'lakefs-tls',
      ),
    };
    broken.spec = { ...(broken.spec as any), issuerRef: undefined };
    expect(() => new Certificate(broken as any).validate()).toThrow(
      /issuerRef/,
    );
  });

  it('renders the HCL and the role body Vault accepts', async () => {
    const hcl = files.find(f => f.path.endsWith('.hcl'))!.content;
    expect((await parseVaultPolicy('policy', hcl)).map(r => r.path)).toEqual([
      'secret/data/data-platform/lakefs/*',
      'secret/metadata/data-platform/lakefs/*',
    ]);
    expect(
      JSON.parse(files.find(f => f.path.endsWith('.json'))!.content)
        .token_policies,
    ).toEqual(['lakefs']);
  });
});

describe('rendered YAML', () => {
  it('has no anchors or aliases, even where objects share values', () => {
    for (const f of renderFiles(buildBundle(spec(), SETTINGS), '.')) {
      expect(f.content).not.toMatch(/[&*]a\d/);
    }
  });
});
