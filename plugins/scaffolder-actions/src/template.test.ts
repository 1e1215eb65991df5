/**
 * The example template (examples/template) end to end, minus the git host: readiness:onboard, the
 * real fetch:template over the service skeleton, then the readiness engine over everything the
 * workspace holds. The skeleton must satisfy the checks that read specs, as the bundle does.
 */
import { CHECKS } from '@254carbon/plugin-readiness-common';
import {
  DEFAULT_PLATFORM,
  DEFAULT_THRESHOLDS,
  SweepIndex,
  evaluateService,
  ok,
  snapshotFromObjects,
  targetFromEntity,
  parseVaultPolicy,
} from '@254carbon/plugin-readiness-node';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { createReadinessActions } from './actions';
import { actionContext } from './__testUtils__/context';
import { NOW, SETTINGS } from './__testUtils__/fixtures';

// The WebAssembly HCL parser and the engine are slow to load on a busy 2-core machine.
jest.setTimeout(60_000);

const TEMPLATE = path.resolve(
  __dirname,
  '../../../examples/template/template.yaml',
);
const template = parse(fs.readFileSync(TEMPLATE, 'utf8'));
const mockDir = createMockDirectory();

const PARAMETERS = {
  name: 'lakefs',
  description: 'Data lake version control',
  owner: 'group:default/data-engineering',
  system: 'system:default/254carbon-data-platform',
  image: 'harbor.254carbon.com/data-platform/lakefs:1.38.0',
  port: 8000,
  namespace: 'data-platform',
  hosts: ['lakefs.254carbon.com'],
  dependencies: ['minio:9000'],
};

describe('examples/template', () => {
  const actions = createReadinessActions({
    settings: SETTINGS,
    now: () => NOW,
  });

  it('is a v1beta3 template whose readiness step only uses inputs the action declares', () => {
    expect(template.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
    expect(template.metadata.title).toBe('Onboard a production-ready service');
    const steps = template.spec.steps as {
      id: string;
      action: string;
      input: object;
    }[];
    expect(steps.map(s => s.action)).toEqual([
      'readiness:onboard',
      'fetch:template',
      'catalog:write',
      'debug:log',
    ]);
    const onboard = actions.find(a => a.id === 'readiness:onboard')!;
    const declared = Object.keys((onboard.schema!.input as any).properties);
    expect(
      Object.keys(steps[0].input).filter(k => !declared.includes(k)),
    ).toEqual([]);
    expect(template.spec.parameters[1].properties.namespace.enum).toEqual([
      'data-platform',
    ]);
  });

  it('produces a workspace whose objects pass the readiness checks that read specs', async () => {
    mockDir.clear();
    const workspacePath = mockDir.resolve('workspace');
    fs.mkdirSync(workspacePath, { recursive: true });

    // Step 1: readiness:onboard, with the inputs the template passes.
    const onboard = actionContext({
      input: {
        name: PARAMETERS.name,
        namespace: PARAMETERS.namespace,
        owner: PARAMETERS.owner,
        hosts: PARAMETERS.hosts,
        secretsPath: `${PARAMETERS.namespace}/${PARAMETERS.name}`,
        dependencies: PARAMETERS.dependencies,
        ports: [PARAMETERS.port],
        mode: 'write',
      },
      workspacePath,
    });
    await actions[0].handler(onboard.ctx);
    const out = onboard.outputs;

    // Step 2: the real fetch:template over the skeleton.
    const fetchTemplate = createFetchTemplateAction({
      reader: mockServices.urlReader.mock(),
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    });
    const fetchCtx = actionContext({
      input: {
        url: './content',
        values: {
          ...PARAMETERS,
          secretsPath: `${PARAMETERS.namespace}/${PARAMETERS.name}`,
          serviceAccountName: out.serviceAccountName,
          podAnnotations: out.podAnnotations,
          vaultRole: out.vaultRole,
        },
      },
      workspacePath,
    });
    fetchCtx.ctx.templateInfo = {
      baseUrl: pathToFileURL(TEMPLATE).href,
      entityRef: 'template:default/production-ready-service',
    };
    await fetchTemplate.handler(fetchCtx.ctx);

    const k8sDir = path.join(workspacePath, 'k8s');
    const objects = fs
      .readdirSync(k8sDir)
      .flatMap(f =>
        parseAllDocuments(fs.readFileSync(path.join(k8sDir, f), 'utf8')).map(
          d => d.toJS(),
        ),
      );
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Certificate/lakefs-tls',
      'Deployment/lakefs',
      'Ingress/lakefs',
      'NetworkPolicy/default-deny',
      'NetworkPolicy/lakefs',
      'PodDisruptionBudget/lakefs',
      'Service/lakefs',
      'ServiceAccount/lakefs',
    ]);
    const deployment = objects.find(o => o.kind === 'Deployment');
    expect(deployment.spec.template.metadata.annotations).toEqual(
      out.podAnnotations,
    );
    expect(
      fs.readFileSync(path.join(workspacePath, 'README.md'), 'utf8'),
    ).toContain(
      'vault write auth/kubernetes/role/lakefs @vault/role-lakefs.json',
    );

    // The readiness engine over the workspace, as the backend will see it once deployed
    // (with the ClusterIssuer and the Vault state of the platform).
    const issuer = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt-prod' },
      spec: {
        acme: { server: 'https://acme-v02.api.letsencrypt.org/directory' },
      },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    const role = JSON.parse(
      fs.readFileSync(
        path.join(workspacePath, 'vault/role-lakefs.json'),
        'utf8',
      ),
    );
    const policy = await parseVaultPolicy(
      'policy',
      fs.readFileSync(
        path.join(workspacePath, 'vault/policy-lakefs.hcl'),
        'utf8',
      ),
    );
    const index = new SweepIndex({
      clusters: [
        snapshotFromObjects('prod', [...objects, issuer], {
          installedCrds: ['cert-manager.io'],
        }),
      ],
      vault: {
        address: 'stand-in',
        fetchedAt: NOW.toISOString(),
        authMount: 'kubernetes',
        kvMount: 'secret',
        health: ok({ code: 200 }),
        roles: ok({ lakefs: role }),
        policies: ok({ lakefs: policy }),
        kv: ok({ 'data-platform/lakefs': ['config'] }),
      },
    });
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'lakefs', annotations: out.catalogAnnotations },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: PARAMETERS.owner,
      },
    };
    const { checks } = evaluateService(
      index,
      targetFromEntity(entity, { thresholds: DEFAULT_THRESHOLDS }),
      new Map(),
      { platform: DEFAULT_PLATFORM, thresholds: DEFAULT_THRESHOLDS, now: NOW },
    );
    const status = Object.fromEntries(checks.map(c => [c.checkId, c.status]));
    const specChecks = [
      'INF-IMAGES',
      'INF-RESOURCES',
      'INF-PROBES',
      'HA-REPLICAS',
      'HA-PDB',
      'SEC-POD-SECURITY',
      'SEC-NO-PLAINTEXT',
      'SEC-SERVICE-ACCOUNT',
      'SEC-RBAC',
      'SEC-SECRETS-IN-VAULT',
      'SEC-VAULT-ROLE',
      'SEC-VAULT-POLICY',
      'SEC-NETPOL-DEFAULT-DENY',
      'SEC-NETPOL-SERVICE',
      'SEC-CERT-ISSUER',
    ];
    expect(specChecks.every(id => CHECKS.some(c => c.id === id))).toBe(true);
    expect(specChecks.filter(id => !(id in status))).toEqual([]);
    const notPassing = checks
      .filter(c => specChecks.includes(c.checkId) && c.status !== 'pass')
      .map(c => ({ id: c.checkId, status: c.status, evidence: c.evidence }));
    expect(notPassing).toEqual([]);
    // Runtime checks cannot pass from files alone: no pods ran, no certificate was issued.
    expect(status['INF-WORKLOAD']).not.toBe('pass');
    expect(status['SEC-CERT-READY']).not.toBe('pass');
  });
});
