import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SweepObserver } from '../sweep/SweepObserver';
import type { SummaryService } from './summary';

/**
 * Rebuilds /summary's cached view when a sweep has finished (its last write, so the revision the
 * view is built for is the one requests will ask for), before the sweep task returns: the first
 * requests after a sweep find it ready instead of each waiting for thousands of entries to be read
 * and sorted. Not after a refresh of one service: the next request rebuilds then, and refreshes
 * nobody is looking at do not each reload every entry. A failure is logged; the first request then
 * builds the view itself.
 */
export function summaryPrimer(summary: SummaryService, logger: LoggerService): SweepObserver {
  return {
    name: 'summary-primer',
    async onSweepFinished() {
      try {
        await summary.prime();
      } catch (e) {
        logger.warn(`readiness: could not prepare the summary view: ${(e as Error).message ?? e}`);
      }
    },
  };
}
