import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import type { KubeObject } from '../../facts';
import {
  containersOf,
  describeObject,
  podTemplate,
} from '../../engine/objects';
import { capEvidence, kubernetesUnknown } from '../../engine/outcome';
import type {
  CheckOutcome,
  ServiceCheck,
  ServiceContext,
} from '../../engine/types';
import { noWorkload, serviceWorkloads } from '../../engine/workloads';
import { isAllowedRegistry, parseImage } from './imageReference';

/** The objects whose pod specs define the service's containers: workloads, else bare pods. */
export function podSpecOwners(
  ctx: ServiceContext,
): { outcome: CheckOutcome } | { owners: KubeObject[] } {
  const found = serviceWorkloads(ctx);
  if ('outcome' in found) return found;
  if (found.workloads.length) return { owners: found.workloads };
  const pods = ctx.selected('pods');
  if (pods.state === 'error')
    return { outcome: kubernetesUnknown('pods', pods.message) };
  return { owners: pods.state === 'ok' ? pods.value : [] };
}

/**
 * INF-IMAGES: every container (init containers included: they run the same supply chain) uses an
 * allowed registry and a pinned tag or digest. `:latest` or no tag fails; a digest pins the image
 * even when a `latest` tag is also written.
 */
export const infImages: ServiceCheck = ctx => {
  const found = podSpecOwners(ctx);
  if ('outcome' in found) return found.outcome;
  if (found.owners.length === 0) return noWorkload(ctx);
  const fails: string[] = [];
  const warns: string[] = [];
  const passes: string[] = [];
  for (const owner of found.owners) {
    for (const { name, container, init } of containersOf(
      podTemplate(owner).spec,
      true,
    )) {
      const image = String(container.image ?? '');
      const where = `${describeObject(owner)} ${
        init ? 'init container' : 'container'
      } ${name}: ${image || '(no image)'}`;
      const ref = parseImage(image);
      if (!ref.digest && (!ref.tag || ref.tag === 'latest')) {
        fails.push(
          `${where} is not pinned (${ref.tag ? ':latest' : 'no tag'})`,
        );
      } else if (ctx.thresholds.allowedRegistries.length === 0) {
        passes.push(`${where} pinned (registry not judged: no readiness.thresholds.allowedRegistries configured)`);
      } else if (!isAllowedRegistry(ref, ctx.thresholds.allowedRegistries)) {
        warns.push(
          `${where} is from ${
            ref.registry
          }, not an allowed registry (${ctx.thresholds.allowedRegistries.join(
            ', ',
          )})`,
        );
      } else {
        passes.push(`${where} pinned, allowed registry`);
      }
    }
  }
  let status: CheckStatus = 'pass';
  if (fails.length) status = 'fail';
  else if (warns.length) status = 'warn';
  return { status, evidence: capEvidence([...fails, ...warns, ...passes]) };
};
