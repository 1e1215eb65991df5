import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ALL_PIECES } from '../bundle';
import { onboardExamples } from './examples';
import { ActionOptions, runContext, runOnboarding } from './run';
import { inputFields as i, outputFields as o } from './schema';

export const ONBOARD_ACTION_ID = 'readiness:onboard';

/** Everything in one step: ServiceAccount, Vault role and policy, NetworkPolicies, Certificate and Ingress. */
export function createOnboardAction(options: ActionOptions) {
  return createTemplateAction({
    id: ONBOARD_ACTION_ID,
    description:
      'Generates (mode write) or applies (mode apply) everything a service needs to pass the readiness Security checks: ServiceAccount, Vault Kubernetes auth role and read-only policy, default-deny and service NetworkPolicies, a production Certificate and its Ingress; then runs those checks over the result',
    examples: onboardExamples,
    supportsDryRun: true,
    schema: {
      input: {
        name: i.name,
        namespace: i.namespace,
        owner: i.owner,
        hosts: i.hosts,
        secretsPath: i.secretsPath,
        dependencies: i.dependencies,
        ports: i.ports,
        mode: i.mode,
        adopt: i.adopt,
        confirmDefaultDeny: i.confirmDefaultDeny,
        targetPath: i.targetPath,
      },
      output: {
        adopted: o.adopted,
        isolatedPods: o.isolatedPods,
        files: o.files,
        applied: o.applied,
        dryRun: o.dryRun,
        readiness: o.readiness,
        catalogAnnotations: o.catalogAnnotations,
        podAnnotations: o.podAnnotations,
        ingressTls: o.ingressTls,
        secretName: o.secretName,
        vaultRole: o.vaultRole,
        vaultPolicy: o.vaultPolicy,
        serviceAccountName: o.serviceAccountName,
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
        ONBOARD_ACTION_ID,
        ALL_PIECES,
        options,
      );
    },
  });
}
