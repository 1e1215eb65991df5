import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import type { KubeObject } from '../../facts';
import { formatDuration, parseTime } from '../../engine/objects';
import { capEvidence, worst } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import {
  backupsFor,
  byRecency,
  coversNamespace,
  schedulesFor,
  veleroView,
} from './velero';

/**
 * DR-RESTORE-DRILL, per namespace: a Restore from one of its backups (named directly, through its
 * schedule, or by Velero's `<schedule>-<timestamp>` backup naming, since drilled backups may have
 * expired since) completed within `restoreDrillMaxAgeDays` and took no longer than the RTO.
 * Older or slower drills, or only partially failed ones, warn; none that succeeded fails.
 */
export const drRestoreDrill: ServiceCheck = ctx => {
  const view = veleroView(ctx);
  if ('outcome' in view) return view.outcome;
  const rtoMs = ctx.thresholds.rtoHours * 3_600_000;
  const maxAgeMs = ctx.thresholds.restoreDrillMaxAgeDays * 86_400_000;
  const statuses: CheckStatus[] = [];
  const evidence: string[] = [];
  for (const ns of ctx.namespaces) {
    const schedules = schedulesFor(ctx, view.schedules, ns);
    const scheduleNames = new Set(schedules.map(s => s.metadata.name));
    const backupNames = new Set(
      backupsFor(view.backups, schedules, ns).map(b => b.metadata.name),
    );
    const fromOurBackups = (r: KubeObject) => {
      const backup = String(r.spec?.backupName ?? '');
      return (
        backupNames.has(backup) ||
        scheduleNames.has(String(r.spec?.scheduleName ?? '')) ||
        [...scheduleNames].some(s =>
          new RegExp(
            `^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{14}$`,
          ).test(backup),
        )
      );
    };
    const restores = view.restores
      .filter(r => fromOurBackups(r) && coversNamespace(r.spec, ns))
      .sort(byRecency);
    const done = restores.filter(r =>
      ['Completed', 'PartiallyFailed'].includes(r.status?.phase),
    );
    if (done.length === 0) {
      statuses.push('fail');
      evidence.push(
        restores.length
          ? `no successful restore drill for ${ns}: ${restores
              .map(
                r => `Restore ${r.metadata.name} ${r.status?.phase ?? 'New'}`,
              )
              .join(', ')}`
          : `no Velero Restore from a backup of ${ns} was ever run`,
      );
      continue;
    }
    const rated = done.map(r => {
      const start = parseTime(r.status?.startTimestamp);
      const end = parseTime(r.status?.completionTimestamp);
      const durationMs =
        start && end ? end.getTime() - start.getTime() : undefined;
      const ageMs = end ? ctx.now.getTime() - end.getTime() : undefined;
      const good =
        r.status?.phase === 'Completed' &&
        durationMs !== undefined &&
        durationMs <= rtoMs &&
        ageMs !== undefined &&
        ageMs <= maxAgeMs;
      const text = `Restore ${r.metadata.namespace}/${r.metadata.name} from ${
        r.spec?.backupName ?? r.spec?.scheduleName
      } into ${ns}: ${r.status?.phase}, ${
        ageMs !== undefined
          ? `${formatDuration(ageMs)} ago`
          : 'no completion time'
      }, took ${
        durationMs !== undefined ? formatDuration(durationMs) : 'unknown time'
      } (RTO ${formatDuration(rtoMs)}, max age ${
        ctx.thresholds.restoreDrillMaxAgeDays
      } d)`;
      return { good, text };
    });
    const best = rated.find(r => r.good) ?? rated[0];
    evidence.push(best.text);
    statuses.push(best.good ? 'pass' : 'warn');
  }
  return { status: worst(statuses), evidence: capEvidence(evidence) };
};
