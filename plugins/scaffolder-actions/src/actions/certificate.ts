import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { certificateExamples } from './examples';
import { ActionOptions, runContext, runOnboarding } from './run';
import { inputFields as i, outputFields as o } from './schema';

export const CERTIFICATE_ACTION_ID = 'readiness:certificate';

/** A cert-manager Certificate `<name>-tls` from the production ClusterIssuer, and its Ingress. */
export function createCertificateAction(options: ActionOptions) {
  return createTemplateAction({
    id: CERTIFICATE_ACTION_ID,
    description:
      'Generates or applies a cert-manager Certificate <name>-tls for the hosts from the production ClusterIssuer, and the Ingress that serves its secret',
    examples: certificateExamples,
    supportsDryRun: true,
    schema: {
      input: {
        name: i.name,
        namespace: i.namespace,
        hosts: i.hosts,
        ports: i.ports,
        mode: i.mode,
        targetPath: i.targetPath,
      },
      output: {
        files: o.files,
        applied: o.applied,
        dryRun: o.dryRun,
        readiness: o.readiness,
        catalogAnnotations: o.catalogAnnotations,
        ingressTls: o.ingressTls,
        secretName: o.secretName,
      },
    },
    async handler(ctx) {
      const {
        mode = 'write',
        targetPath = '.',
        hosts = [],
        ports = [8080],
      } = ctx.input;
      await runOnboarding(
        runContext(ctx, { ...ctx.input, mode, targetPath, hosts, ports }),
        CERTIFICATE_ACTION_ID,
        ['certificate'],
        options,
      );
    },
  });
}
