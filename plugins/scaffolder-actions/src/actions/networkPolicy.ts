import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { networkPolicyExamples } from './examples';
import { ActionOptions, runContext, runOnboarding } from './run';
import { inputFields as i, outputFields as o } from './schema';

export const NETWORK_POLICY_ACTION_ID = 'readiness:network-policy';

/** The namespace's default-deny and the service's own NetworkPolicy. */
export function createNetworkPolicyAction(options: ActionOptions) {
  return createTemplateAction({
    id: NETWORK_POLICY_ACTION_ID,
    description:
      'Generates or applies a default-deny NetworkPolicy for the namespace and one for the service: ingress from the ingress controller and monitoring on its ports, egress to DNS, Vault and its declared dependencies only',
    examples: networkPolicyExamples,
    supportsDryRun: true,
    schema: {
      input: {
        name: i.name,
        namespace: i.namespace,
        hosts: i.hosts,
        ports: i.ports,
        dependencies: i.dependencies,
        mode: i.mode,
        confirmDefaultDeny: i.confirmDefaultDeny,
        targetPath: i.targetPath,
      },
      output: {
        isolatedPods: o.isolatedPods,
        files: o.files,
        applied: o.applied,
        dryRun: o.dryRun,
        readiness: o.readiness,
        catalogAnnotations: o.catalogAnnotations,
      },
    },
    async handler(ctx) {
      const {
        mode = 'write',
        targetPath = '.',
        hosts = [],
        dependencies = [],
        ports = [8080],
      } = ctx.input;
      await runOnboarding(
        runContext(ctx, {
          ...ctx.input,
          mode,
          targetPath,
          hosts,
          dependencies,
          ports,
        }),
        NETWORK_POLICY_ACTION_ID,
        ['network-policy'],
        options,
      );
    },
  });
}
