import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import type { KubeObject } from '../../facts';
import { describeObject, desiredReplicas } from '../../engine/objects';
import { capEvidence, kubernetesUnknown, worst } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { noWorkload, serviceWorkloads } from '../../engine/workloads';

/** The HPA scaling a workload (`scaleTargetRef` kind and name in its namespace), if any. */
export function hpaFor(
  workload: KubeObject,
  hpas: readonly KubeObject[],
): KubeObject | undefined {
  return hpas.find(
    h =>
      h.metadata.namespace === workload.metadata.namespace &&
      h.spec?.scaleTargetRef?.kind === workload.kind &&
      h.spec?.scaleTargetRef?.name === workload.metadata.name,
  );
}

/**
 * HA-REPLICAS: replicas (or the HPA's minReplicas, which is what the service falls back to at
 * night) against the required minimum; an HPA running at its maximum warns because it has no
 * headroom left for a node loss or a traffic spike.
 */
export const haReplicas: ServiceCheck = ctx => {
  const found = serviceWorkloads(ctx);
  if ('outcome' in found) return found.outcome;
  if (found.workloads.length === 0) return noWorkload(ctx);
  const hpaRead = ctx.inNamespaces('horizontalpodautoscalers');
  if (hpaRead.state === 'error')
    return kubernetesUnknown('horizontalpodautoscalers', hpaRead.message);
  const hpas = hpaRead.state === 'ok' ? hpaRead.value : [];
  const required = ctx.thresholds.minReplicas;
  const statuses: CheckStatus[] = [];
  const evidence: string[] = [];
  for (const w of found.workloads) {
    const hpa = hpaFor(w, hpas);
    if (hpa) {
      const min = Number(hpa.spec?.minReplicas ?? 1);
      const max = Number(hpa.spec?.maxReplicas ?? min);
      const current = Number(hpa.status?.currentReplicas ?? desiredReplicas(w));
      const text = `${describeObject(w)} scaled by HorizontalPodAutoscaler ${
        hpa.metadata.name
      }: min ${min}, max ${max}, current ${current} (required ${required})`;
      if (min < required) {
        statuses.push('fail');
        evidence.push(`${text}; minReplicas below the required minimum`);
      } else if (current >= max) {
        statuses.push('warn');
        evidence.push(`${text}; pinned at its maximum, no headroom`);
      } else {
        statuses.push('pass');
        evidence.push(text);
      }
    } else {
      const replicas = desiredReplicas(w);
      statuses.push(replicas >= required ? 'pass' : 'fail');
      evidence.push(
        `${describeObject(w)} replicas ${replicas} (required ${required})`,
      );
    }
  }
  return { status: worst(statuses), evidence: capEvidence(evidence) };
};
