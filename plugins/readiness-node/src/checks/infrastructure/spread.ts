import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import type { V1PodSpec } from '@kubernetes/client-node';
import type { KubeObject } from '../../facts';
import { describeObject, podsOf, podTemplate } from '../../engine/objects';
import { capEvidence, kubernetesUnknown, worst } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { noWorkload, serviceWorkloads } from '../../engine/workloads';
import { sourceHolds } from '../sourceHolds';
import { listText } from '../listText';

const hasKey = (key: unknown): key is string =>
  typeof key === 'string' && key.length > 0;

/**
 * The rules in a pod spec that spread its replicas: topology spread constraints or pod
 * anti-affinity, on whatever topology key (hostname, zone, rack, a custom label).
 */
export function spreadRules(podSpec: V1PodSpec | undefined): string[] {
  const rules: string[] = [];
  for (const c of podSpec?.topologySpreadConstraints ?? []) {
    if (hasKey(c?.topologyKey)) {
      rules.push(
        `topologySpreadConstraint ${c.topologyKey} maxSkew ${c.maxSkew ?? 1} ${
          c.whenUnsatisfiable ?? 'DoNotSchedule'
        }`,
      );
    }
  }
  const anti = podSpec?.affinity?.podAntiAffinity;
  for (const term of anti?.requiredDuringSchedulingIgnoredDuringExecution ??
    []) {
    if (hasKey(term?.topologyKey))
      rules.push(`required podAntiAffinity on ${term.topologyKey}`);
  }
  for (const weighted of anti?.preferredDuringSchedulingIgnoredDuringExecution ??
    []) {
    const key = weighted?.podAffinityTerm?.topologyKey;
    if (hasKey(key)) rules.push(`preferred podAntiAffinity on ${key}`);
  }
  return rules;
}

function rate(
  w: KubeObject,
  pods: KubeObject[] | undefined,
): { status: CheckStatus; line: string } {
  const rules = spreadRules(podTemplate(w).spec);
  const rule = rules.length ? rules.join('; ') : 'no spread rule';
  if (!pods) {
    // Placement is runtime state the source does not hold: the rule alone is judged.
    const line = `${describeObject(
      w,
    )}: pod placement not in the source; ${rule}`;
    return rules.length
      ? { status: 'pass', line }
      : { status: 'warn', line: `${line}; nothing keeps its pods apart` };
  }
  const nodes = [
    ...new Set(pods.map(p => p.spec?.nodeName).filter(Boolean)),
  ].sort();
  const placement = nodes.length
    ? `${pods.length} pod${pods.length === 1 ? '' : 's'} on ${
        nodes.length
      } node${nodes.length === 1 ? '' : 's'} (${listText(nodes)})`
    : 'no scheduled pods';
  const line = `${describeObject(w)}: ${placement}; ${rule}`;
  if (rules.length && nodes.length >= 2) return { status: 'pass', line };
  if (rules.length) return { status: 'warn', line: `${line}; pods co-located` };
  if (nodes.length >= 2)
    return { status: 'warn', line: `${line}; spread only by chance` };
  return { status: 'fail', line };
}

/**
 * HA-SPREAD: where the service's pods run and whether a rule keeps them apart. Any topology
 * key counts as a rule (hostname, zone, rack or a custom node label): each spreads over the
 * failure domains the cluster defines. A rule with all pods on one node warns (e.g. a one-node
 * cluster, or a preferred rule the scheduler ignored); pods that happen to be spread without a
 * rule warn too, since the next reschedule may stack them. When the source holds no Pods (a
 * manifests export), placement is unknown and the rule alone is judged.
 */
export const haSpread: ServiceCheck = ctx => {
  const found = serviceWorkloads(ctx);
  if ('outcome' in found) return found.outcome;
  if (found.workloads.length === 0) return noWorkload(ctx);
  const podRead = ctx.inNamespaces('pods');
  if (podRead.state === 'error')
    return kubernetesUnknown('pods', podRead.message);
  const pods =
    podRead.state === 'ok' && sourceHolds(ctx, 'pods').holds
      ? podRead.value
      : undefined;
  const rated = found.workloads.map(w =>
    rate(
      w,
      pods &&
        podsOf(w, pods).filter(
          p =>
            p.spec?.nodeName &&
            p.status?.phase !== 'Succeeded' &&
            p.status?.phase !== 'Failed',
        ),
    ),
  );
  return {
    status: worst(rated.map(r => r.status)),
    evidence: capEvidence(rated.map(r => r.line)),
  };
};
