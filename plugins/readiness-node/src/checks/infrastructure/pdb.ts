import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import type { V1PodDisruptionBudgetSpec } from '@kubernetes/client-node';
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
 * Disruptions a PDB allows by its configuration for `replicas` desired pods, rounding
 * percentages up as the disruption controller does (for minAvailable and maxUnavailable alike).
 * The controller's live `status.disruptionsAllowed` is not used: it drops to 0 whenever one pod
 * is unready, so a correct budget would flap between pass and warn.
 */
export function allowedDisruptions(
  pdb: KubeObject,
  replicas: number,
): { allowed: number; from: string } {
  const spec: V1PodDisruptionBudgetSpec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    return {
      allowed: Math.min(
        replicas,
        Math.max(0, scaled(spec.maxUnavailable, replicas, true)),
      ),
      from: `maxUnavailable ${spec.maxUnavailable}`,
    };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    return {
      allowed: Math.max(
        0,
        replicas - scaled(spec.minAvailable, replicas, true),
      ),
      from: `minAvailable ${spec.minAvailable}`,
    };
  }
  // Neither set: policy/v1beta1 defaults minAvailable to 1.
  return { allowed: Math.max(0, replicas - 1), from: 'default minAvailable 1' };
}

/**
 * HA-PDB: each multi-replica workload has a PodDisruptionBudget (policy/v1 or v1beta1) whose
 * configuration, against the workload's desired replicas, allows at least one disruption; a
 * budget allowing 0 blocks every node drain. With an HPA the desired count is its minReplicas
 * (the fewest pods it runs, where a budget blocks first). Single-replica workloads are not judged
 * here (HA-REPLICAS fails them). An HPA list that cannot be read makes the check `unknown`:
 * the desired replicas are then not known.
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
  if (hpaRead.state === 'error')
    return kubernetesUnknown('horizontalpodautoscalers', hpaRead.message);
  const hpas = hpaRead.state === 'ok' ? hpaRead.value : [];
  const statuses: CheckStatus[] = [];
  const evidence: string[] = [];
  for (const w of found.workloads) {
    const hpa = hpaFor(w, hpas);
    const replicas = hpa
      ? Number(hpa.spec?.minReplicas ?? 1)
      : desiredReplicas(w);
    const size = `${replicas} desired replica${replicas === 1 ? '' : 's'}${
      hpa ? ` (HorizontalPodAutoscaler ${hpa.metadata.name} minReplicas)` : ''
    }`;
    const matching = pdbs.filter(p => pdbSelects(p, w));
    if (matching.length === 0) {
      if (replicas > 1) {
        statuses.push('fail');
        evidence.push(
          `${describeObject(
            w,
          )} (${size}): no PodDisruptionBudget selects its pods`,
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
      const live =
        typeof p.status?.disruptionsAllowed === 'number'
          ? `; live status.disruptionsAllowed ${p.status.disruptionsAllowed}`
          : '';
      const text = `${describeObject(w)} (${size}): ${
        p.apiVersion
      } PodDisruptionBudget ${
        p.metadata.name
      } by configuration allows ${allowed} disruption${
        allowed === 1 ? '' : 's'
      } (${from})${live}`;
      statuses.push(allowed >= 1 ? 'pass' : 'warn');
      evidence.push(allowed >= 1 ? text : `${text}; node drains will block`);
    }
  }
  return { status: worst(statuses), evidence: capEvidence(evidence) };
};
