import type { KubeObject, Read } from '../../facts';
import {
  describeObject,
  desiredReplicas,
  readyReplicas,
} from '../../engine/objects';
import { kubernetesUnknown } from '../../engine/outcome';
import { matches, parseSelector } from '../../engine/selectors';
import type { ComponentLocator } from '../../engine/settings';
import type { CheckOutcome, PlatformContext } from '../../engine/types';

export type ComponentState = 'available' | 'degraded' | 'down';

export interface ComponentReport {
  state: ComponentState;
  workloads: KubeObject[];
  evidence: string[];
}

const WORKLOAD_KINDS = ['deployments', 'statefulsets', 'daemonsets'] as const;

/**
 * Finds a platform component's workloads (Deployments, StatefulSets, DaemonSets in the locator's
 * namespace, by label selector or names) and rates it: available when every workload has all
 * replicas ready, down when nothing is found or no replica is ready, degraded in between.
 * Returns the `unknown` outcome when a workload list could not be read.
 */
export function locateComponent(
  ctx: PlatformContext,
  label: string,
  locator: ComponentLocator,
): { outcome: CheckOutcome } | ComponentReport {
  let selector;
  try {
    selector = locator.labelSelector
      ? parseSelector(locator.labelSelector)
      : undefined;
  } catch (e) {
    return {
      outcome: {
        status: 'unknown',
        evidence: [`${label}: ${(e as Error).message}`],
        error: {
          source: 'kubernetes',
          message: `readiness.platform ${label} labelSelector: ${
            (e as Error).message
          }`,
        },
      },
    };
  }
  const workloads: KubeObject[] = [];
  for (const kind of WORKLOAD_KINDS) {
    const read: Read<KubeObject[]> = ctx.all(kind);
    if (read.state === 'error')
      return { outcome: kubernetesUnknown(kind, read.message) };
    if (read.state !== 'ok') continue;
    for (const w of read.value) {
      if (w.metadata.namespace !== locator.namespace) continue;
      const byName = locator.names?.includes(w.metadata.name) ?? false;
      const bySelector = selector
        ? matches(selector, w.metadata.labels)
        : false;
      if (byName || bySelector) workloads.push(w);
    }
  }
  const how = [
    locator.labelSelector ? `selector ${locator.labelSelector}` : undefined,
    locator.names?.length ? `names ${locator.names.join(', ')}` : undefined,
  ]
    .filter(Boolean)
    .join(' or ');
  if (workloads.length === 0) {
    return {
      state: 'down',
      workloads,
      evidence: [
        `${label}: no workload found in namespace ${locator.namespace} (${
          how || 'no locator configured'
        })`,
      ],
    };
  }
  let readySum = 0;
  let allReady = true;
  const evidence = workloads.map(w => {
    const desired = desiredReplicas(w);
    const ready = readyReplicas(w);
    readySum += ready;
    if (desired === 0 || ready < desired) allReady = false;
    return `${label}: ${describeObject(w)} ${ready}/${desired} ready`;
  });
  let state: ComponentState = 'degraded';
  if (allReady) state = 'available';
  else if (readySum === 0) state = 'down';
  return { state, workloads, evidence };
}

/** Outcome of a single-component platform check: available → pass, degraded → warn, down → fail. */
export function componentOutcome(
  ctx: PlatformContext,
  label: string,
  locator: ComponentLocator,
): CheckOutcome {
  const report = locateComponent(ctx, label, locator);
  if ('outcome' in report) return report.outcome;
  const status = { available: 'pass', degraded: 'warn', down: 'fail' } as const;
  return {
    status: status[report.state],
    evidence: [...report.evidence, `${label} ${report.state}`],
  };
}
