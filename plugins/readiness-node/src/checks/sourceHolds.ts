import type { KindId } from '../facts';
import type { PlatformContext, ServiceContext } from '../engine/types';

/**
 * Kinds that only a running cluster has: an API server always holds some of them (the
 * `kubernetes` Service's Endpoints, the control plane's Pods), while a manifests export or a
 * GitOps repo usually holds none. Their absence from a source is not evidence of zero.
 */
export const RUNTIME_KINDS: readonly KindId[] = ['pods', 'endpoints', 'nodes'];

export type Holding = { holds: true } | { holds: false; why: string };

/**
 * Whether the source that produced this cluster's facts holds objects of a runtime kind at all.
 * `absent` (the source says it does not have the kind) and an empty list across the whole
 * cluster both mean "not provided": a check then judges without it and says so.
 */
export function sourceHolds(
  ctx: Pick<ServiceContext, 'all'> | Pick<PlatformContext, 'all'>,
  kind: KindId,
): Holding {
  const read = ctx.all(kind);
  if (read.state === 'absent') {
    return {
      holds: false,
      why: `the source holds no ${kind} (${read.reason})`,
    };
  }
  if (read.state === 'ok' && read.value.length === 0) {
    return {
      holds: false,
      why: `the source holds no ${kind} objects at all (a manifests export or GitOps repo)`,
    };
  }
  return { holds: true };
}
