import { capEvidence, kubernetesUnknown } from '../../engine/outcome';
import { describeObject } from '../../engine/objects';
import { isPodHealthy, podStateText, waitingProblems } from '../../engine/pods';
import type { PlatformCheck } from '../../engine/types';

/** Crash loops and pull failures in a platform namespace fail the check whatever the ratio. */
const PLATFORM_FATAL = ['CrashLoopBackOff', 'ImagePullBackOff'];

const pct = (n: number) => `${Math.floor(n * 10) / 10}%`;

/** PLAT-PODS: share of healthy pods across the clusters, and crash loops in platform namespaces. */
export const platPods: PlatformCheck = ctx => {
  const read = ctx.all('pods');
  if (read.state === 'error') return kubernetesUnknown('pods', read.message);
  // A source that does not hold Pods (a manifests export) has not measured pod health.
  if (read.state === 'absent')
    return {
      status: 'n/a',
      evidence: [`pod health not judged: ${read.reason}`],
    };
  // Pods being deleted are on their way out and say nothing about health.
  const pods = read.value.filter(p => !(p.metadata as any).deletionTimestamp);
  if (pods.length === 0) {
    return {
      status: 'n/a',
      evidence: [
        'pod health not judged: the source holds no pods objects at all (a manifests export or GitOps repo)',
      ],
    };
  }

  const unhealthy = pods.filter(p => !isPodHealthy(p));
  const healthyShare = ((pods.length - unhealthy.length) / pods.length) * 100;
  const platformNs = new Set(ctx.platform.platformNamespaces);
  const fatal = pods.flatMap(p =>
    platformNs.has(p.metadata.namespace ?? '')
      ? waitingProblems(p, PLATFORM_FATAL).map(problem => ({ pod: p, problem }))
      : [],
  );

  const evidence = [
    `${pods.length - unhealthy.length}/${pods.length} pods healthy (${pct(
      healthyShare,
    )}; pass ≥ ${ctx.thresholds.podHealthyPass}%, warn ≥ ${
      ctx.thresholds.podHealthyWarn
    }%)`,
    ...fatal.map(
      f =>
        `${describeObject(f.pod)} container ${f.problem.container}: ${
          f.problem.reason
        } in platform namespace (restarts ${f.problem.restarts})`,
    ),
    ...unhealthy
      .filter(p => !fatal.some(f => f.pod === p))
      .map(p => `${describeObject(p)}: ${podStateText(p)}`),
  ];

  let status: 'pass' | 'warn' | 'fail';
  if (fatal.length > 0 || healthyShare < ctx.thresholds.podHealthyWarn)
    status = 'fail';
  else if (healthyShare < ctx.thresholds.podHealthyPass) status = 'warn';
  else status = 'pass';
  return { status, evidence: capEvidence(evidence) };
};
