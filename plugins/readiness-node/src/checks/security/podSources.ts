import type { KubeObject } from '../../facts';
import { describe, podTemplate } from '../../engine/objects';
import { readKinds } from '../../engine/outcome';
import type { CheckOutcome, ServiceContext } from '../../engine/types';
import { selectionText } from '../../engine/workloads';

/** One pod spec of the service: a workload's template, or a Pod no controller owns. */
export interface PodSource {
  obj: KubeObject;
  /** "Deployment data-platform/doris", for evidence. */
  ref: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: any;
  /** `spec.serviceAccountName` (or the deprecated `serviceAccount`), Kubernetes' default `default`. */
  serviceAccount: string;
}

/**
 * The service's pod specs: templates of its Deployments, StatefulSets and DaemonSets, plus bare
 * Pods (no owner). Pods created by those controllers are skipped: their template says the same,
 * and on old clusters they carry the injected `default-token-*` volume that no manifest asked for.
 */
export function podSources(
  ctx: ServiceContext,
): { outcome: CheckOutcome } | { sources: PodSource[] } {
  const read = readKinds({
    deployments: ctx.selected('deployments'),
    statefulsets: ctx.selected('statefulsets'),
    daemonsets: ctx.selected('daemonsets'),
    pods: ctx.selected('pods'),
  });
  if ('outcome' in read) return read;
  const { deployments, statefulsets, daemonsets, pods } = read.items;
  // List items from the API carry no `kind`: it is known from the list each came from.
  const groups: [string, KubeObject[]][] = [
    ['Deployment', deployments],
    ['StatefulSet', statefulsets],
    ['DaemonSet', daemonsets],
    ['Pod', pods.filter(p => !p.metadata.ownerReferences?.length)],
  ];
  const sources = groups.flatMap(([kind, objects]) =>
    objects.map(obj => {
      const typed = obj.kind ? obj : { ...obj, kind };
      const template = podTemplate(typed);
      const spec = template.spec ?? {};
      return {
        obj: typed,
        ref: describe(typed),
        namespace: obj.metadata.namespace ?? '',
        labels: template.metadata.labels ?? {},
        annotations: template.metadata.annotations ?? {},
        spec,
        serviceAccount: String(
          spec.serviceAccountName || spec.serviceAccount || 'default',
        ),
      };
    }),
  );
  return { sources };
}

/** The `n/a` outcome when the service has no pod spec to judge (INF-WORKLOAD reports it). */
export function noPods(ctx: ServiceContext): CheckOutcome {
  return {
    status: 'n/a',
    evidence: [
      `no Deployment, StatefulSet, DaemonSet or bare Pod selected by ${selectionText(
        ctx,
      )} (INF-WORKLOAD reports this)`,
    ],
  };
}

/** Distinct (namespace, service account) pairs of the service's pods. */
export function serviceAccountsOf(
  sources: PodSource[],
): { namespace: string; name: string }[] {
  const seen = new Map<string, { namespace: string; name: string }>();
  for (const s of sources) {
    seen.set(`${s.namespace}/${s.serviceAccount}`, {
      namespace: s.namespace,
      name: s.serviceAccount,
    });
  }
  return [...seen.values()];
}

/** Every container of a pod spec, init and ephemeral ones included (they run with the same rights). */
export function allContainers(spec: any): { name: string; container: any }[] {
  return ['initContainers', 'containers', 'ephemeralContainers'].flatMap(
    field =>
      (spec?.[field] ?? []).map((c: any) => ({
        name: String(c?.name ?? '?'),
        container: c ?? {},
      })),
  );
}
