import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { vaultExamples } from './examples';
import { ActionOptions, runContext, runOnboarding } from './run';
import { inputFields as i, outputFields as o } from './schema';

export const VAULT_ACTION_ID = 'readiness:vault';

/** A Vault Kubernetes auth role bound to the service's ServiceAccount and a read-only policy. */
export function createVaultAction(options: ActionOptions) {
  return createTemplateAction({
    id: VAULT_ACTION_ID,
    description:
      "Generates or writes a Vault Kubernetes auth role bound to exactly the service's ServiceAccount and namespace (audience vault, 1 h tokens) and an ACL policy granting read and list on its own KV path only",
    examples: vaultExamples,
    supportsDryRun: true,
    schema: {
      input: {
        name: i.name,
        namespace: i.namespace,
        secretsPath: i.secretsPath,
        mode: i.mode,
        adopt: i.adopt,
        targetPath: i.targetPath,
      },
      output: {
        adopted: o.adopted,
        files: o.files,
        applied: o.applied,
        dryRun: o.dryRun,
        readiness: o.readiness,
        catalogAnnotations: o.catalogAnnotations,
        podAnnotations: o.podAnnotations,
        vaultRole: o.vaultRole,
        vaultPolicy: o.vaultPolicy,
      },
    },
    async handler(ctx) {
      const { mode = 'write', targetPath = '.' } = ctx.input;
      await runOnboarding(
        runContext(ctx, { ...ctx.input, mode, targetPath }),
        VAULT_ACTION_ID,
        ['vault'],
        options,
      );
    },
  });
}
