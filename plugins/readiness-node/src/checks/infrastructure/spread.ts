import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import type { KubeObject } from '../../facts';
import { describeObject, podsOf, podTemplate } from '../../engine/objects';
import { capEvidence, kubernetesUnknown, worst } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { noWorkload, serviceWorkloads } from '../../engine/workloads';

/** Topology keys that separate pods by failure domain. */
const SPREAD_KEYS = [
  'kubernetes.io/hostname',
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
];

/** The rules in a pod spec that spread its replicas: topology spread constraints or anti-affinity. */
export function spreadRules(podSpec: any): string[] {
  const rules: string[] = [];
  for (const c of podSpec?.topologySpreadConstraints ?? []) {
    if (SPREAD_KEYS.includes(c?.topologyKey)) {
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
    if (SPREAD_KEYS.includes(term?.topologyKey))
      rules.push(`required podAntiAffinity on ${term.topologyKey}`);
  }
  for (const weighted of anti?.preferredDuringSchedulingIgnoredDuringExecution ??
    []) {
    const key = weighted?.podAffinityTerm?.topologyKey;
    if (SPREAD_KEYS.includes(key))
      rules.push(`preferred podAntiAffinity on ${key}`);
  }
  return rules;
}

function rate(
  w: KubeObject,
  pods: KubeObject[],
): { status: CheckStatus; line: string } {
  const rules = spreadRules(podTemplate(w).spec);
  const nodes = [
    ...new Set(pods.map(p => p.spec?.nodeName).filter(Boolean)),
  ].sort();
  const placement = nodes.length
    ? `${pods.length} pod${pods.length === 1 ? '' : 's'} on ${
        nodes.length
      } node${nodes.length === 1 ? '' : 's'} (${nodes.join(', ')})`
    : 'no scheduled pods';
  const rule = rules.length ? rules.join('; ') : 'no spread rule';
  const line = `${describeObject(w)}: ${placement}; ${rule}`;
  if (rules.length && nodes.length >= 2) return { status: 'pass', line };
  if (rules.length) return { status: 'warn', line: `${line}; pods co-located` };
  if (nodes.length >= 2)
    return { status: 'warn', line: `${line}; spread only by chance` };
  return { status: 'fail', line };
}

/**
 * HA-SPREAD: where the service's pods run and whether a rule keeps them apart. A rule with all
 * pods on one node warns (e.g. a one-node cluster, or a preferred rule the scheduler ignored);
 * pods that happen to be spread without a rule warn too, since the next reschedule may stack them.
 */
export const haSpread: ServiceCheck = ctx => {
  const found = serviceWorkloads(ctx);
  if ('outcome' in found) return found.outcome;
  if (found.workloads.length === 0) return noWorkload(ctx);
  const podRead = ctx.inNamespaces('pods');
  if (podRead.state === 'error')
    return kubernetesUnknown('pods', podRead.message);
  const pods = podRead.state === 'ok' ? podRead.value : [];
  const rated = found.workloads.map(w =>
    rate(
      w,
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
