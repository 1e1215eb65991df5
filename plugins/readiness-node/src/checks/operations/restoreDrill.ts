import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import type { KubeObject } from '../../facts';
import { formatDuration, parseTime } from '../../engine/objects';
import { capEvidence, worst } from '../../engine/outcome';
import type { ServiceCheck, ServiceContext } from '../../engine/types';
import {
  backupsFor,
  byRecency,
  coversNamespace,
  schedulesFor,
  veleroView,
} from './velero';
import { listText } from '../listText';

/**
 * DR-RESTORE-DRILL, per namespace: a Restore from one of its backups (named directly, through its
 * schedule, or by Velero's `<schedule>-<timestamp>` backup naming, since drilled backups may have
 * expired since) completed within `restoreDrillMaxAgeDays` and took no longer than the RTO.
 * Older or slower drills warn; none Completed fails (PartiallyFailed and Failed are not drills).
 */
/** Restores by the backup and the schedule they came from, once per cluster and sweep. */
function restoresByOrigin(
  ctx: ServiceContext,
  restores: KubeObject[],
): Map<string, KubeObject[]> {
  return ctx.memo('velero:restores-by-origin', () => {
    const index = new Map<string, KubeObject[]>();
    const add = (key: string, r: KubeObject) => {
      const list = index.get(key);
      if (list) list.push(r);
      else index.set(key, [r]);
    };
    for (const r of restores) {
      const backup = String(r.spec?.backupName ?? '');
      const schedule = String(r.spec?.scheduleName ?? '');
      if (backup) add(`backup:${backup}`, r);
      const named = /^(.+)-\d{14}$/.exec(backup)?.[1];
      for (const s of new Set([schedule, named].filter(Boolean) as string[]))
        add(`schedule:${s}`, r);
    }
    return index;
  });
}

export const drRestoreDrill: ServiceCheck = ctx => {
  const view = veleroView(ctx);
  if ('outcome' in view) return view.outcome;
  const rtoMs = ctx.thresholds.rtoHours * 3_600_000;
  const maxAgeMs = ctx.thresholds.restoreDrillMaxAgeDays * 86_400_000;
  const statuses: CheckStatus[] = [];
  const evidence: string[] = [];
  for (const ns of ctx.namespaces) {
    const schedules = schedulesFor(ctx, view.schedules, ns);
    // A drilled backup may have expired since: Velero names scheduled backups
    // `<schedule>-<yyyyMMddHHmmss>`, so the schedule is recognised from the name too.
    const index = restoresByOrigin(ctx, view.restores);
    const candidates = new Set<KubeObject>([
      ...schedules.flatMap(s => index.get(`schedule:${s.metadata.name}`) ?? []),
      ...backupsFor(ctx, view.backups, schedules).flatMap(
        b => index.get(`backup:${b.metadata.name}`) ?? [],
      ),
    ]);
    const restores = [...candidates]
      .filter(r => coversNamespace(r.spec, ns))
      .sort(byRecency);
    // PartiallyFailed or Failed is not a completed drill: some objects did not come back.
    const done = restores.filter(r => r.status?.phase === 'Completed');
    if (done.length === 0) {
      statuses.push('fail');
      evidence.push(
        restores.length
          ? `no successful restore drill for ${ns}: ${listText(
              restores.map(
                r => `Restore ${r.metadata.name} ${r.status?.phase ?? 'New'}`,
              ),
            )} (only a Completed restore is a drill)`
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
