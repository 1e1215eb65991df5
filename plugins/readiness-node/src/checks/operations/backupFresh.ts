import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import { formatDuration } from '../../engine/objects';
import { capEvidence, worst } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import {
  backupsFor,
  byRecency,
  finishedAt,
  SCHEDULE_LABEL,
  schedulesFor,
  veleroView,
} from './velero';

const FINISHED = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];

/**
 * DR-BACKUP-FRESH, per namespace: the latest finished Backup of a Schedule covering it (by the
 * `velero.io/schedule-name` label; ad-hoc backups do not count). Completed within
 * the RPO passes; PartiallyFailed, or Completed 1–2× RPO ago, warns; Failed, none, or older than
 * 2× RPO fails. Backups still running are mentioned but not judged.
 */
export const drBackupFresh: ServiceCheck = ctx => {
  const view = veleroView(ctx);
  if ('outcome' in view) return view.outcome;
  const rpoMs = ctx.thresholds.rpoHours * 3_600_000;
  const statuses: CheckStatus[] = [];
  const evidence: string[] = [];
  for (const ns of ctx.namespaces) {
    const schedules = schedulesFor(ctx, view.schedules, ns);
    const backups = backupsFor(ctx, view.backups, schedules).sort(byRecency);
    const running = backups.filter(b => !FINISHED.includes(b.status?.phase));
    const latest = backups.find(b => FINISHED.includes(b.status?.phase));
    if (running.length) {
      evidence.push(
        `Backup ${running[0].metadata.name} of ${ns} is ${
          running[0].status?.phase ?? 'New'
        }`,
      );
    }
    if (!latest) {
      statuses.push('fail');
      evidence.push(
        schedules.length
          ? `no finished Backup of Schedule ${schedules
              .map(x => x.metadata.name)
              .join(', ')} (which include${
              schedules.length === 1 ? 's' : ''
            } ${ns})`
          : `no Velero Schedule includes namespace ${ns}, so no scheduled Backup of it exists (ad-hoc backups do not count)`,
      );
      continue;
    }
    const at = finishedAt(latest);
    const ageMs = at
      ? ctx.now.getTime() - at.getTime()
      : Number.POSITIVE_INFINITY;
    const phase = latest.status?.phase;
    const schedule = latest.metadata.labels?.[SCHEDULE_LABEL];
    const problems = [
      latest.status?.errors ? `${latest.status.errors} errors` : undefined,
      latest.status?.warnings
        ? `${latest.status.warnings} warnings`
        : undefined,
      latest.status?.failureReason
        ? `reason: ${latest.status.failureReason}`
        : undefined,
    ].filter(Boolean);
    evidence.push(
      `latest Backup ${latest.metadata.namespace}/${latest.metadata.name}${
        schedule ? ` (schedule ${schedule})` : ''
      } of ${ns}: ${phase}, ${
        at ? `finished ${formatDuration(ageMs)} ago` : 'no completion time'
      } (RPO ${formatDuration(rpoMs)})${
        problems.length ? `, ${problems.join(', ')}` : ''
      }`,
    );
    if (phase === 'Failed' || phase === 'FailedValidation' || ageMs > 2 * rpoMs)
      statuses.push('fail');
    else if (phase === 'PartiallyFailed' || ageMs > rpoMs)
      statuses.push('warn');
    else statuses.push('pass');
  }
  return { status: worst(statuses), evidence: capEvidence(evidence) };
};
