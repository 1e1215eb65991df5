import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SweepObserver } from '../sweep/SweepObserver';
import type { SummaryService } from './summary';

/**
 * Rebuilds /summary's cached view as soon as a sweep stored its results, when every open view
 * asks for it at once. Not after a refresh of one service: the next request rebuilds then, and
 * refreshes nobody is looking at do not each reload every entry. Detached: the sweep does not wait,
 * and a failure only means the first request builds the view itself.
 */
export function summaryPrimer(summary: SummaryService, logger: LoggerService): SweepObserver {
  return {
    name: 'summary-primer',
    onResults({ origin }) {
      if (origin !== 'sweep') return;
      summary.prime().catch(e =>
        logger.warn(`readiness: could not prepare the summary view: ${(e as Error).message ?? e}`),
      );
    },
  };
}
