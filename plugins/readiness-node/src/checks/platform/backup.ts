import { capEvidence, kubernetesUnknown } from '../../engine/outcome';
import type { PlatformCheck } from '../../engine/types';
import { locateComponent } from './components';

/** A Schedule that Velero will run: not paused and not rejected by validation. */
export function isScheduleEnabled(schedule: {
  spec?: any;
  status?: any;
}): boolean {
  return (
    schedule.spec?.paused !== true &&
    schedule.status?.phase !== 'FailedValidation'
  );
}

/** PLAT-BACKUP: Velero's CRDs and server are installed and at least one Schedule is enabled. */
export const platBackup: PlatformCheck = ctx => {
  const read = ctx.all('schedules');
  if (read.state === 'error')
    return kubernetesUnknown('schedules', read.message);
  if (read.state === 'absent') {
    return {
      status: 'fail',
      evidence: [`Velero not installed: ${read.reason}`],
    };
  }
  const report = locateComponent(ctx, 'Velero', ctx.platform.velero);
  if ('outcome' in report) return report.outcome;
  if (report.state === 'down') {
    return {
      status: 'fail',
      evidence: [
        ...report.evidence,
        'Velero CRDs are installed but the Velero server is not running',
      ],
      remediation:
        'Restore the Velero deployment (pods, backup storage location credentials).',
    };
  }
  const schedules = read.value;
  const enabled = schedules.filter(isScheduleEnabled);
  const evidence = [
    ...report.evidence,
    ...capEvidence(
      schedules.map(
        s =>
          `Schedule ${s.metadata.namespace}/${s.metadata.name} '${
            s.spec?.schedule ?? ''
          }': ${
            s.spec?.paused === true
              ? 'paused'
              : s.status?.phase ?? 'no phase yet'
          }`,
      ),
    ),
    `${enabled.length}/${schedules.length} Schedules enabled`,
  ];
  return { status: enabled.length > 0 ? 'pass' : 'warn', evidence };
};
