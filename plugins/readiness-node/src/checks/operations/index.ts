export { opsMetrics } from './metrics';
export { opsAlerts } from './alerts';
export { opsSloAvailability, opsSloLatency } from './slo';
export { drBackupSchedule } from './backupSchedule';
export { drBackupFresh } from './backupFresh';
export { drRestoreDrill } from './restoreDrill';
export { estimateCronInterval, parseGoDuration } from './cronInterval';
export type { CronEstimate } from './cronInterval';
export { coversNamespace } from './velero';
