import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SweepObserver } from '../sweep/SweepObserver';
import type { SummaryService } from './summary';

/**
 * Rebuilds /summary's cached view as soon as results are stored. Detached: the sweep or refresh
 * does not wait for it, and a failure only means the first request builds the view itself.
 */
export function summaryPrimer(summary: SummaryService, logger: LoggerService): SweepObserver {
  return {
    name: 'summary-primer',
    onResults() {
      summary.prime().catch(e =>
        logger.warn(`readiness: could not prepare the summary view: ${(e as Error).message ?? e}`),
      );
    },
  };
}
