import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import type { KubeObject } from '../../facts';
import {
  describeObject,
  desiredReplicas,
  podTemplate,
} from '../../engine/objects';
import { capEvidence, kubernetesUnknown, worst } from '../../engine/outcome';
import { fromLabelSelector, matches } from '../../engine/selectors';
import type { ServiceCheck } from '../../engine/types';
import { noWorkload, serviceWorkloads } from '../../engine/workloads';
import { hpaFor } from './replicas';

/**
 * Whether a PDB selects a workload's pods (by its pod template labels). An empty selector
 * selects every pod in policy/v1 but none in policy/v1beta1, as the API server treats them.
 */
export function pdbSelects(pdb: KubeObject, workload: KubeObject): boolean {
  if (pdb.metadata.namespace !== workload.metadata.namespace) return false;
  const selector = fromLabelSelector(pdb.spec?.selector);
  if (!selector) return false;
  if (selector.length === 0 && pdb.apiVersion === 'policy/v1beta1')
    return false;
  return matches(selector, podTemplate(workload).metadata.labels);
}

function scaled(
  value: number | string,
  replicas: number,
  roundUp: boolean,
): number {
  if (typeof value === 'number') return value;
  const pct = /^(\d+)%$/.exec(String(value).trim());
  if (!pct) return Number(value);
  const exact = (replicas * Number(pct[1])) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * Disruptions a PDB allows. The controller's `status.disruptionsAllowed` when present (a live
 * cluster); otherwise computed from the spec for `replicas` healthy pods, rounding percentages as
 * the disruption controller does (minAvailable and maxUnavailable both round up).
 */
export function allowedDisruptions(
  pdb: KubeObject,
  replicas: number,
): { allowed: number; from: string } {
  if (typeof pdb.status?.disruptionsAllowed === 'number') {
    return {
      allowed: pdb.status.disruptionsAllowed,
      from: 'status.disruptionsAllowed',
    };
  }
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined) {
    return {
      allowed: Math.max(0, scaled(spec.maxUnavailable, replicas, true)),
      from: `maxUnavailable ${spec.maxUnavailable}`,
    };
  }
  if (spec.minAvailable !== undefined) {
    return {
      allowed: Math.max(
        0,
        replicas - scaled(spec.minAvailable, replicas, true),
      ),
      from: `minAvailable ${spec.minAvailable}`,
    };
  }
  // Neither set: the API defaults minAvailable to 1 in v1beta1 and rejects it in v1.
  return { allowed: Math.max(0, replicas - 1), from: 'default minAvailable 1' };
}

/**
 * HA-PDB: each multi-replica workload has a PodDisruptionBudget (policy/v1 or v1beta1) that
 * allows at least one disruption; a budget allowing 0 blocks every node drain. Single-replica
 * workloads are not judged here (HA-REPLICAS fails them) unless a PDB blocks their drains.
 */
export const haPdb: ServiceCheck = ctx => {
  const found = serviceWorkloads(ctx);
  if ('outcome' in found) return found.outcome;
  if (found.workloads.length === 0) return noWorkload(ctx);
  const read = ctx.inNamespaces('poddisruptionbudgets');
  if (read.state === 'error')
    return kubernetesUnknown('poddisruptionbudgets', read.message);
  const pdbs = read.state === 'ok' ? read.value : [];
  const hpaRead = ctx.inNamespaces('horizontalpodautoscalers');
  const hpas = hpaRead.state === 'ok' ? hpaRead.value : [];
  const statuses: CheckStatus[] = [];
  const evidence: string[] = [];
  for (const w of found.workloads) {
    const hpa = hpaFor(w, hpas);
    const replicas = hpa
      ? Number(hpa.spec?.minReplicas ?? 1)
      : desiredReplicas(w);
    const matching = pdbs.filter(p => pdbSelects(p, w));
    if (matching.length === 0) {
      if (replicas > 1) {
        statuses.push('fail');
        evidence.push(
          `${describeObject(
            w,
          )} (${replicas} replicas): no PodDisruptionBudget selects its pods`,
        );
      } else {
        statuses.push('n/a');
        evidence.push(
          `${describeObject(
            w,
          )}: single replica, no PodDisruptionBudget (HA-REPLICAS covers it)`,
        );
      }
      continue;
    }
    for (const p of matching) {
      const { allowed, from } = allowedDisruptions(p, replicas);
      const text = `${describeObject(w)} (${replicas} replica${
        replicas === 1 ? '' : 's'
      }): ${p.apiVersion} PodDisruptionBudget ${
        p.metadata.name
      } allows ${allowed} disruption${allowed === 1 ? '' : 's'} (${from})`;
      statuses.push(allowed >= 1 ? 'pass' : 'warn');
      evidence.push(allowed >= 1 ? text : `${text}; node drains will block`);
    }
  }
  return { status: worst(statuses), evidence: capEvidence(evidence) };
};
