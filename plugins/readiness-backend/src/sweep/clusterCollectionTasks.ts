import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Duration } from 'luxon';
import type { KubeCluster, ClusterCollector } from '../sources/kubernetes';
import type { ReadinessStore } from '../store/ReadinessStore';

/** How old a stored collection may be before the sweep treats its cluster as unreadable. */
export function maxCollectionAgeMs(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
): number {
  // Three missed collections; a cron or manual schedule gets an hour.
  if ('cron' in frequency || 'trigger' in frequency) return 60 * 60_000;
  const duration = frequency instanceof Duration ? frequency : Duration.fromObject(frequency as object);
  return 3 * duration.as('milliseconds');
}

/**
 * One scheduled task per live cluster (`readiness-collect:<cluster>`): it lists the cluster and
 * stores the collection. With several backend replicas on one PostgreSQL the scheduler runs each
 * task on one replica at a time, so the clusters' collection is spread over the replicas and a
 * slow or unreachable cluster holds up only its own task; the sweep evaluates what is stored.
 */
export async function scheduleClusterCollections(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  clusters: KubeCluster[];
  collector: ClusterCollector;
  store: ReadinessStore;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, schedule, clusters, collector, store, logger } = options;
  for (const cluster of clusters) {
    await scheduler.scheduleTask({
      id: `readiness-collect:${cluster.name}`,
      frequency: schedule.frequency,
      timeout: schedule.timeout,
      initialDelay: { seconds: 0 },
      fn: async () => {
        const started = Date.now();
        const snapshot = await collector.collect(cluster);
        await store.saveClusterSnapshot(snapshot);
        logger.info(
          `readiness: collected cluster ${cluster.name}: ${snapshot.apiCalls} API calls, ${Date.now() - started} ms${
            snapshot.error ? ` (unreadable: ${snapshot.error})` : ''
          }`,
        );
      },
    });
  }
}
