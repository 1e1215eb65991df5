import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Duration } from 'luxon';

/** "5 minutes", "cron 0 * * * *" — for messages that tell users when to expect a measurement. */
export function describeFrequency(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
): string {
  if ('cron' in frequency) return `cron ${frequency.cron}`;
  if ('trigger' in frequency) return 'manual trigger';
  const duration =
    frequency instanceof Duration ? frequency : Duration.fromObject(frequency as object);
  return duration.rescale().toHuman({ unitDisplay: 'long' });
}
