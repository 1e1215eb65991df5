import type { KubernetesObject } from '@kubernetes/client-node';
import { DEFAULT_DENY_NAME, Manifest } from '../bundle';

type Direction = 'Ingress' | 'Egress';

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Kubernetes label selector semantics; an empty selector selects everything. */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    if (e.operator === 'In' && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** The directions a NetworkPolicy governs: policyTypes, else Ingress plus Egress if it has rules. */
function directions(policy: any): Direction[] {
  const types = policy.spec?.policyTypes;
  if (Array.isArray(types) && types.length) return types;
  return policy.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

export interface IsolatedPod {
  name: string;
  /** Traffic the pod loses once the default-deny applies. */
  loses: Direction[];
}

/**
 * The running pods of a namespace that a namespace-wide default-deny would cut off: for each
 * direction, those no other NetworkPolicy (existing, or applied with the bundle) selects.
 */
export function podsIsolatedByDefaultDeny(
  pods: KubernetesObject[],
  existingPolicies: KubernetesObject[],
  bundlePolicies: Manifest[],
): IsolatedPod[] {
  const policies = [...existingPolicies, ...bundlePolicies].filter(
    p => p.metadata?.name !== DEFAULT_DENY_NAME,
  ) as any[];
  const isolated: IsolatedPod[] = [];
  for (const pod of pods as any[]) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const labels = pod.metadata?.labels ?? {};
    const loses = (['Ingress', 'Egress'] as Direction[]).filter(
      d => !policies.some(p => directions(p).includes(d) && selects(p.spec?.podSelector, labels)),
    );
    if (loses.length) isolated.push({ name: String(pod.metadata?.name), loses });
  }
  return isolated.sort((a, b) => a.name.localeCompare(b.name));
}
