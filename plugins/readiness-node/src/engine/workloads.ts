import type { KubeObject } from '../facts';
import { readKinds } from './outcome';
import type { CheckOutcome, ServiceContext } from './types';

/** How the service's objects are found, for evidence: "backstage.io/kubernetes-id=doris in data-platform". */
export function selectionText(ctx: ServiceContext): string {
  const { target } = ctx;
  const selector =
    target.labelSelector ??
    `backstage.io/kubernetes-id=${target.kubernetesId ?? '?'}`;
  const where = target.namespace
    ? `namespace ${target.namespace}`
    : 'any namespace';
  return `${selector} in ${where}`;
}

/**
 * The service's Deployments and StatefulSets (the workloads the catalog's checks measure),
 * or the `unknown` outcome when either list could not be read.
 */
export function serviceWorkloads(
  ctx: ServiceContext,
): { outcome: CheckOutcome } | { workloads: KubeObject[] } {
  const read = readKinds({
    deployments: ctx.selected('deployments'),
    statefulsets: ctx.selected('statefulsets'),
  });
  if ('outcome' in read) return read;
  return { workloads: [...read.items.deployments, ...read.items.statefulsets] };
}

/** The `n/a` outcome of a workload-level check when the service has no workload (INF-WORKLOAD fails it). */
export function noWorkload(ctx: ServiceContext): CheckOutcome {
  return {
    status: 'n/a',
    evidence: [
      `no Deployment or StatefulSet selected by ${selectionText(
        ctx,
      )} (INF-WORKLOAD reports this)`,
    ],
  };
}
