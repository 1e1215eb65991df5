import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { SweepInfo } from '@254carbon/plugin-readiness-common';
import type { ReadinessStore } from '../store/ReadinessStore';

/** The scheduler task that runs the sweep; one replica runs it at a time on a shared database. */
export const SWEEP_TASK_ID = 'readiness-sweep';

/** How many extra sweeps a backend process asks for while the catalog is still filling up. */
const WARM_UP_SWEEPS = 12;

/**
 * Schedules the sweep. On a fresh instance the catalog ingests its locations only after the
 * backend starts, so the first sweeps may find none or only some of the services. While the count
 * is still moving, another sweep is asked for shortly (through `triggerTask`, so replicas still
 * take turns) instead of leaving the views incomplete for a whole interval.
 *
 * "Still moving" compares with the sweep stored before this one, whichever replica ran it: a
 * per-process count would make every replica ask for its own warm-up sweeps.
 */
export async function scheduleSweep(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  run: (signal?: AbortSignal) => Promise<SweepInfo>;
  store: Pick<ReadinessStore, 'lastSweep'>;
  logger: LoggerService;
  warmUpDelayMs?: number;
}): Promise<void> {
  const { scheduler, schedule, run, store, logger, warmUpDelayMs = 10_000 } = options;
  let warmUpLeft = WARM_UP_SWEEPS;
  await scheduler.scheduleTask({
    id: SWEEP_TASK_ID,
    ...schedule,
    fn: async signal => {
      // Only while warming up: afterwards a sweep reads nothing more than it needs.
      const previous = warmUpLeft > 0 ? await store.lastSweep().catch(() => undefined) : undefined;
      const info = await run(signal);
      if (info.status !== 'succeeded' || warmUpLeft === 0) return;
      const settled = info.services > 0 && previous?.status === 'succeeded' && previous.services === info.services;
      if (settled) {
        warmUpLeft = 0;
        return;
      }
      warmUpLeft -= 1;
      setTimeout(() => {
        Promise.resolve(scheduler.triggerTask(SWEEP_TASK_ID)).catch(e =>
          logger.warn(`readiness: could not trigger a warm-up sweep: ${e}`),
        );
      }, warmUpDelayMs).unref();
    },
  });
}
