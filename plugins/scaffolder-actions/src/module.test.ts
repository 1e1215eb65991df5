import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { actionContext } from './__testUtils__/context';
import module from '.';

// The WebAssembly HCL parser and the engine are slow to load on a busy 2-core machine.
jest.setTimeout(60_000);

const mockDir = createMockDirectory();

describe('scaffolderModuleReadinessOnboarding', () => {
  async function start(config: object) {
    const added: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...a: any[]) => added.push(...a) },
        ],
      ],
      features: [module, mockServices.rootConfig.factory({ data: config })],
    });
    return added;
  }

  it('adds the readiness actions to the scaffolder', async () => {
    const added = await start({});
    expect(added.map(a => a.id)).toEqual([
      'readiness:onboard',
      'readiness:service-account',
      'readiness:vault',
      'readiness:network-policy',
      'readiness:certificate',
    ]);
  });

  it('takes the allow-list, issuer and namespaces from readiness.onboarding', async () => {
    const [onboard] = await start({
      readiness: {
        onboarding: {
          allowedNamespaces: ['analytics'],
          productionIssuer: 'corp-acme',
          ingressNamespace: 'traefik',
          vault: {
            baseUrl: 'http://127.0.0.1:1',
            token: 'not-used',
            kvMount: 'kv',
          },
        },
      },
    });
    const refused = actionContext({
      input: { name: 'superset', namespace: 'data-platform' },
      workspacePath: mockDir.resolve('a'),
    });
    await expect(onboard.handler(refused.ctx)).rejects.toThrow(
      "namespace: 'data-platform' is not allowed for onboarding; allowed: analytics",
    );
    const { ctx, outputs } = actionContext({
      input: {
        name: 'superset',
        namespace: 'analytics',
        hosts: ['superset.254carbon.com'],
      },
      workspacePath: mockDir.resolve('b'),
      isDryRun: true,
    });
    await onboard.handler(ctx);
    expect(outputs.catalogAnnotations['vault.io/secrets-path']).toBe(
      'analytics/superset',
    );
    expect(
      outputs.podAnnotations['vault.hashicorp.com/agent-inject-secret-config'],
    ).toBe('kv/data/analytics/superset/config');
    expect(outputs.readiness.passed).toBe(true);
    // No cluster is configured: the configured issuer is named in why it is not judged.
    expect(
      outputs.readiness.notCovered.find(
        (c: any) => c.checkId === 'SEC-CERT-ISSUER',
      ).reason,
    ).toContain('ClusterIssuer corp-acme');
  });
});
