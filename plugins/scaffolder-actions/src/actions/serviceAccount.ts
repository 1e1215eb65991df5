import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { serviceAccountExamples } from './examples';
import { ActionOptions, runContext, runOnboarding } from './run';
import { inputFields as i, outputFields as o } from './schema';

export const SERVICE_ACCOUNT_ACTION_ID = 'readiness:service-account';

/** The service's own ServiceAccount, so its pods never run as `default`. */
export function createServiceAccountAction(options: ActionOptions) {
  return createTemplateAction({
    id: SERVICE_ACCOUNT_ACTION_ID,
    description:
      'Generates or applies a dedicated ServiceAccount <name> labelled for the Kubernetes plugin, without an automounted API token',
    examples: serviceAccountExamples,
    supportsDryRun: true,
    schema: {
      input: {
        name: i.name,
        namespace: i.namespace,
        mode: i.mode,
        targetPath: i.targetPath,
      },
      output: {
        files: o.files,
        applied: o.applied,
        dryRun: o.dryRun,
        readiness: o.readiness,
        catalogAnnotations: o.catalogAnnotations,
        serviceAccountName: o.serviceAccountName,
      },
    },
    async handler(ctx) {
      const { mode = 'write', targetPath = '.' } = ctx.input;
      await runOnboarding(
        runContext(ctx, { ...ctx.input, mode, targetPath }),
        SERVICE_ACCOUNT_ACTION_ID,
        ['service-account'],
        options,
      );
    },
  });
}
