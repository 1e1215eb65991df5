import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Bundle, Manifest } from '../bundle';
import type { ObjectApplier } from './kubernetes';
import { AppliedItem, ApplyResult, PartialApplyError } from './types';
import type { VaultWriter } from './vault';

/** `ctx.checkpoint` of the scaffolder: a resumed task gets the stored result instead of a re-run. */
export type Checkpoint = <T extends AppliedItem>(opts: {
  key: string;
  fn: () => Promise<T>;
}) => Promise<T>;

interface Step {
  kind: string;
  namespace?: string;
  name: string;
  run: () => Promise<ApplyResult>;
}

/**
 * The side effects of a bundle in a safe order: the ServiceAccount, then the Vault policy before
 * the role that names it, then the service's NetworkPolicy before the namespace-wide deny, then
 * the Certificate before the Ingress that serves its secret.
 */
export function applySteps(
  bundle: Bundle,
  targets: { kube?: ObjectApplier; vault?: VaultWriter },
  dryRun: boolean,
): Step[] {
  const kubeStep = (m: Manifest): Step => ({
    kind: m.kind,
    namespace: m.metadata.namespace,
    name: m.metadata.name,
    run: () => targets.kube!.apply(m, { dryRun }),
  });
  const [accounts, others] = [
    bundle.manifests.filter(m => m.kind === 'ServiceAccount'),
    bundle.manifests.filter(m => m.kind !== 'ServiceAccount'),
  ];
  const v = bundle.vault;
  const vaultSteps: Step[] = v
    ? [
        {
          kind: 'VaultPolicy',
          name: v.policyName,
          run: () =>
            targets.vault!.writePolicy(v.policyName, v.policyHcl, { dryRun }),
        },
        {
          kind: 'VaultRole',
          namespace: `auth/${v.authMount}`,
          name: v.roleName,
          run: () =>
            targets.vault!.writeRole(v.authMount, v.roleName, v.role, {
              dryRun,
            }),
        },
      ]
    : [];
  return [...accounts.map(kubeStep), ...vaultSteps, ...others.map(kubeStep)];
}

export async function applyBundle(options: {
  bundle: Bundle;
  kube?: ObjectApplier;
  vault?: VaultWriter;
  dryRun: boolean;
  checkpoint: Checkpoint;
  logger: LoggerService;
}): Promise<AppliedItem[]> {
  const { bundle, dryRun, logger } = options;
  const steps = applySteps(bundle, options, dryRun);
  const applied: AppliedItem[] = [];
  for (const [i, step] of steps.entries()) {
    const id = `${step.kind} ${step.namespace ? `${step.namespace}/` : ''}${
      step.name
    }`;
    try {
      const item = await options.checkpoint({
        key: `readiness.apply.${dryRun ? 'dry-run.' : ''}${step.kind}.${
          step.namespace ?? ''
        }.${step.name}`,
        fn: async (): Promise<AppliedItem> => ({
          kind: step.kind,
          ...(step.namespace ? { namespace: step.namespace } : {}),
          name: step.name,
          result: await step.run(),
        }),
      });
      applied.push(item);
      logger.info(
        `${dryRun ? '[dry run] would be ' : ''}${item.result}: ${id}`,
      );
    } catch (e) {
      throw new PartialApplyError(
        applied,
        {
          kind: step.kind,
          namespace: step.namespace,
          name: step.name,
          reason: (e as Error).message,
        },
        steps
          .slice(i + 1)
          .map(({ kind, namespace, name }) => ({ kind, namespace, name })),
      );
    }
  }
  return applied;
}
