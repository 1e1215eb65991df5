import type { KubeObject } from '../facts';

/** Waiting reasons that mean the container cannot run without someone fixing something. */
export const FATAL_WAITING_REASONS = [
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
];

export interface ContainerProblem {
  container: string;
  /** Waiting reason, or `OOMKilled` for a container killed for memory. */
  reason: string;
  restarts: number;
}

function statuses(pod: KubeObject): any[] {
  return [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
}

/** Containers of a pod in a fatal waiting state (CrashLoopBackOff, ImagePullBackOff, …). */
export function waitingProblems(
  pod: KubeObject,
  reasons = FATAL_WAITING_REASONS,
): ContainerProblem[] {
  return statuses(pod)
    .filter(s => reasons.includes(s?.state?.waiting?.reason))
    .map(s => ({
      container: String(s.name),
      reason: s.state.waiting.reason,
      restarts: Number(s.restartCount ?? 0),
    }));
}

/**
 * Whether a pod counts as healthy: Succeeded (a finished job), or Running with every container
 * ready. Pending, Failed (incl. Evicted), Unknown and Running-but-unready pods are not.
 */
export function isPodHealthy(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return true;
  if (phase !== 'Running') return false;
  const containers = pod.status?.containerStatuses ?? [];
  return (
    containers.length > 0 && containers.every((c: any) => c?.ready === true)
  );
}

/** "Running, 1/2 containers ready" / "Pending (Unschedulable)" / "Failed (Evicted)". */
export function podStateText(pod: KubeObject): string {
  const phase = pod.status?.phase ?? 'no status';
  const waiting = statuses(pod)
    .filter(s => s?.state?.waiting?.reason)
    .map(s => `${s.name}: ${s.state.waiting.reason}`);
  const reason =
    pod.status?.reason ??
    (pod.status?.conditions ?? []).find(
      (c: any) => c.reason && c.status === 'False',
    )?.reason;
  const containers = pod.status?.containerStatuses ?? [];
  const ready = containers.filter((c: any) => c?.ready).length;
  const parts = [phase];
  if (reason) parts.push(`(${reason})`);
  if (phase === 'Running')
    parts.push(`${ready}/${containers.length} containers ready`);
  if (waiting.length) parts.push(`[${waiting.join(', ')}]`);
  return parts.join(' ');
}
