import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import { formatDuration } from '../../engine/objects';
import { capEvidence, worst } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { estimateCronInterval } from './cronInterval';
import { schedulesFor, veleroView } from './velero';

/**
 * DR-BACKUP-SCHEDULE, per namespace of the service: an enabled, valid Velero Schedule includes it
 * and its longest gap between runs is within the RPO. Paused schedules, schedules Velero rejected
 * (FailedValidation) and cron expressions that do not parse do not count.
 */
export const drBackupSchedule: ServiceCheck = ctx => {
  const view = veleroView(ctx);
  if ('outcome' in view) return view.outcome;
  const rpoMinutes = ctx.thresholds.rpoHours * 60;
  const statuses: CheckStatus[] = [];
  const evidence: string[] = [];
  for (const ns of ctx.namespaces) {
    const schedules = schedulesFor(ctx, view.schedules, ns);
    if (schedules.length === 0) {
      statuses.push('fail');
      evidence.push(`no Velero Schedule includes namespace ${ns}`);
      continue;
    }
    let best: number | undefined;
    for (const s of schedules) {
      const name = `Schedule ${s.metadata.namespace}/${s.metadata.name} '${
        s.spec?.schedule ?? ''
      }'`;
      if (s.spec?.paused === true) {
        evidence.push(`${name} includes ${ns} but is paused`);
        continue;
      }
      if (s.status?.phase === 'FailedValidation') {
        const errors = (s.status?.validationErrors ?? []).join('; ');
        evidence.push(
          `${name} failed validation${errors ? `: ${errors}` : ''}`,
        );
        continue;
      }
      const expression = String(s.spec?.schedule ?? '');
      const estimate = ctx.memo(`velero:cron:${expression}`, () =>
        estimateCronInterval(expression, ctx.now),
      );
      if (!estimate.ok) {
        evidence.push(`${name} is invalid: ${estimate.error}`);
        continue;
      }
      evidence.push(
        `${name} includes ${ns}: runs at least every ${formatDuration(
          estimate.intervalMinutes * 60_000,
        )}${
          estimate.dstNote ? ` (${estimate.dstNote})` : ''
        } (RPO ${formatDuration(rpoMinutes * 60_000)})`,
      );
      best =
        best === undefined
          ? estimate.intervalMinutes
          : Math.min(best, estimate.intervalMinutes);
    }
    if (best === undefined) {
      statuses.push('fail');
      evidence.push(`no enabled, valid Schedule includes namespace ${ns}`);
    } else statuses.push(best <= rpoMinutes ? 'pass' : 'warn');
  }
  return { status: worst(statuses), evidence: capEvidence(evidence) };
};
