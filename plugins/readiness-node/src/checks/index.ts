import type {
  BuiltInPlatformCheckId,
  BuiltInServiceCheckId,
} from '@254carbon/plugin-readiness-common';
import type { PlatformCheck, ServiceCheck } from '../engine/types';
import {
  haPdb,
  haReplicas,
  haSpread,
  infImages,
  infPodErrors,
  infProbes,
  infResources,
  infWorkload,
} from './infrastructure';
import {
  drBackupFresh,
  drBackupSchedule,
  drRestoreDrill,
  opsAlerts,
  opsMetrics,
  opsSloAvailability,
  opsSloLatency,
} from './operations';
import {
  platBackup,
  platIngress,
  platIssuer,
  platMonitoring,
  platNodes,
  platPods,
  platRegistry,
  platVault,
} from './platform';
import { SECURITY_CHECKS } from './security';

/** Platform check functions by catalog id. */
export const PLATFORM_CHECKS: Record<BuiltInPlatformCheckId, PlatformCheck> = {
  'PLAT-NODES': platNodes,
  'PLAT-PODS': platPods,
  'PLAT-VAULT': platVault,
  'PLAT-ISSUER': platIssuer,
  'PLAT-INGRESS': platIngress,
  'PLAT-REGISTRY': platRegistry,
  'PLAT-MONITORING': platMonitoring,
  'PLAT-BACKUP': platBackup,
};

/** Service check functions by catalog id: Infrastructure and Operations here, Security from ./security. */
export const SERVICE_CHECKS: Record<BuiltInServiceCheckId, ServiceCheck> = {
  'INF-WORKLOAD': infWorkload,
  'INF-POD-ERRORS': infPodErrors,
  'INF-IMAGES': infImages,
  'INF-RESOURCES': infResources,
  'INF-PROBES': infProbes,
  'HA-REPLICAS': haReplicas,
  'HA-SPREAD': haSpread,
  'HA-PDB': haPdb,
  ...SECURITY_CHECKS,
  'OPS-METRICS': opsMetrics,
  'OPS-ALERTS': opsAlerts,
  'OPS-SLO-AVAILABILITY': opsSloAvailability,
  'OPS-SLO-LATENCY': opsSloLatency,
  'DR-BACKUP-SCHEDULE': drBackupSchedule,
  'DR-BACKUP-FRESH': drBackupFresh,
  'DR-RESTORE-DRILL': drRestoreDrill,
};

export * from './platform';
export * from './infrastructure';
export * from './operations';
export { SECURITY_CHECKS };
