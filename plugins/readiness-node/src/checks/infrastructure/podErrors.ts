import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import { capEvidence, kubernetesUnknown } from '../../engine/outcome';
import {
  describeObject,
  parseTime,
  formatDuration,
} from '../../engine/objects';
import { waitingProblems } from '../../engine/pods';
import type { ServiceCheck } from '../../engine/types';
import { selectionText } from '../../engine/workloads';
import { sourceHolds } from '../sourceHolds';

const DAY_MS = 24 * 3600_000;

/**
 * INF-POD-ERRORS: fatal waiting reasons (CrashLoopBackOff, ImagePullBackOff, ErrImagePull,
 * CreateContainerConfigError, …) and OOM kills fail; other restarts within 24 h warn. A restart
 * is dated by the last termination's `finishedAt`; an undated restart counts as recent, since
 * a restart count alone cannot prove it is old.
 */
export const infPodErrors: ServiceCheck = ctx => {
  const read = ctx.selected('pods');
  if (read.state === 'error') return kubernetesUnknown('pods', read.message);
  const pods = read.state === 'ok' ? read.value : [];
  if (pods.length === 0) {
    const held = sourceHolds(ctx, 'pods');
    if (!held.holds) {
      return {
        status: 'n/a',
        evidence: [`pod errors not judged: ${held.why}`],
      };
    }
    return {
      status: 'n/a',
      evidence: [`no pods selected by ${selectionText(ctx)}`],
    };
  }
  const failures: string[] = [];
  const warnings: string[] = [];
  let restartsTotal = 0;
  for (const pod of pods) {
    for (const p of waitingProblems(pod)) {
      failures.push(
        `${describeObject(pod)} container ${p.container}: ${
          p.reason
        } (restarts ${p.restarts})`,
      );
    }
    const statuses = [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ];
    for (const s of statuses) {
      const restarts = Number(s?.restartCount ?? 0);
      restartsTotal += restarts;
      const current = s?.state?.terminated;
      const last = s?.lastState?.terminated;
      const finished = parseTime(last?.finishedAt);
      const recent = finished
        ? ctx.now.getTime() - finished.getTime() <= DAY_MS
        : true;
      if (
        current?.reason === 'OOMKilled' ||
        (last?.reason === 'OOMKilled' && recent)
      ) {
        failures.push(
          `${describeObject(pod)} container ${s.name}: OOMKilled${
            finished
              ? ` ${formatDuration(ctx.now.getTime() - finished.getTime())} ago`
              : ''
          } (restarts ${restarts})`,
        );
        continue;
      }
      if (
        restarts > 0 &&
        recent &&
        !waitingProblems(pod).some(p => p.container === s.name)
      ) {
        warnings.push(
          `${describeObject(pod)} container ${s.name}: ${restarts} restart${
            restarts === 1 ? '' : 's'
          }, last ${
            finished
              ? `${formatDuration(ctx.now.getTime() - finished.getTime())} ago`
              : 'at an unknown time'
          }${
            last?.reason
              ? ` (${last.reason}, exit ${last.exitCode ?? '?'})`
              : ''
          }`,
        );
      }
    }
  }
  let status: CheckStatus = 'pass';
  if (failures.length) status = 'fail';
  else if (warnings.length) status = 'warn';
  const summary = `${pods.length} pod${
    pods.length === 1 ? '' : 's'
  }, ${restartsTotal} restart${restartsTotal === 1 ? '' : 's'} in total`;
  return {
    status,
    evidence: capEvidence([
      ...failures,
      ...warnings,
      status === 'pass'
        ? `${summary}, no errors and no restarts in the last 24 h`
        : summary,
    ]),
  };
};
