import type { KubeObject } from '../facts';
import { fromLabelSelector, matches } from './selectors';

/** "Deployment data-platform/doris": how evidence names an object. */
export function describeObject(obj: KubeObject): string {
  const ns = obj.metadata.namespace ? `${obj.metadata.namespace}/` : '';
  return `${obj.kind ?? 'Object'} ${ns}${obj.metadata.name}`;
}

/** The Pod template of a Deployment/StatefulSet/DaemonSet, or a Pod's own spec as a template. */
export function podTemplate(obj: KubeObject): {
  metadata: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: any;
} {
  if (obj.kind === 'Pod')
    return { metadata: obj.metadata, spec: obj.spec ?? {} };
  const template = obj.spec?.template ?? {};
  return { metadata: template.metadata ?? {}, spec: template.spec ?? {} };
}

export interface ContainerRef {
  name: string;
  container: any;
  init: boolean;
}

/** Containers of a pod spec; init containers are included only when asked (they never serve). */
export function containersOf(podSpec: any, withInit = false): ContainerRef[] {
  const main = (podSpec?.containers ?? []).map((c: any) => ({
    name: String(c?.name ?? '?'),
    container: c ?? {},
    init: false,
  }));
  if (!withInit) return main;
  const init = (podSpec?.initContainers ?? []).map((c: any) => ({
    name: String(c?.name ?? '?'),
    container: c ?? {},
    init: true,
  }));
  return [...init, ...main];
}

/** Desired replicas of a workload; Kubernetes defaults `spec.replicas` to 1. */
export function desiredReplicas(workload: KubeObject): number {
  if (workload.kind === 'DaemonSet')
    return Number(workload.status?.desiredNumberScheduled ?? 0);
  const replicas = workload.spec?.replicas;
  return typeof replicas === 'number' ? replicas : 1;
}

/** Ready replicas as the controller reports them. */
export function readyReplicas(workload: KubeObject): number {
  if (workload.kind === 'DaemonSet')
    return Number(workload.status?.numberReady ?? 0);
  return Number(workload.status?.readyReplicas ?? 0);
}

/** The pods a workload owns, by its `spec.selector` within its namespace. */
export function podsOf(
  workload: KubeObject,
  pods: readonly KubeObject[],
): KubeObject[] {
  const selector = fromLabelSelector(workload.spec?.selector);
  // A workload without a selector is invalid for the API server; select nothing rather than all.
  if (!selector || selector.length === 0) return [];
  return pods.filter(
    p =>
      p.metadata.namespace === workload.metadata.namespace &&
      matches(selector, p.metadata.labels),
  );
}

/** Whether a condition of `type` has status "True". */
export function conditionTrue(
  obj: KubeObject,
  type: string,
): boolean | undefined {
  const c = (obj.status?.conditions ?? []).find((x: any) => x?.type === type);
  if (!c) return undefined;
  return c.status === 'True';
}

export function condition(obj: KubeObject, type: string): any | undefined {
  return (obj.status?.conditions ?? []).find((x: any) => x?.type === type);
}

/** Parses a Kubernetes timestamp; undefined when missing or malformed. */
export function parseTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "3 h", "2 d 4 h", "25 min": durations as people read them in evidence. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${days} d ${h} h` : `${days} d`;
}

/** Alias of `describeObject`, kept for callers inside the package. */
export const describe = describeObject;
