import { mockServices } from '@backstage/backend-test-utils';
import type { SummaryService } from './summary';
import { summaryPrimer } from './summaryPrimer';

describe('summaryPrimer', () => {
  const stored = { origin: 'sweep' as const, measuredAt: new Date(), services: [] };

  it('primes the summary when results are stored, without holding up the sweep', async () => {
    let release!: () => void;
    const prime = jest.fn(() => new Promise<void>(done => (release = done)));
    const observer = summaryPrimer({ prime } as unknown as SummaryService, mockServices.logger.mock());
    // Returns at once although priming has not finished.
    expect(observer.onResults!(stored)).toBeUndefined();
    expect(prime).toHaveBeenCalledTimes(1);
    release();
  });

  it('leaves a one-service refresh to the next request', () => {
    const prime = jest.fn(async () => {});
    summaryPrimer({ prime } as unknown as SummaryService, mockServices.logger.mock()).onResults!({
      ...stored,
      origin: 'refresh',
    });
    expect(prime).not.toHaveBeenCalled();
  });

  it('logs a priming failure instead of failing anything', async () => {
    const logger = mockServices.logger.mock();
    const prime = jest.fn(async () => {
      throw new Error('database is locked');
    });
    summaryPrimer({ prime } as unknown as SummaryService, logger).onResults!(stored);
    await new Promise(r => setImmediate(r));
    expect(logger.warn).toHaveBeenCalledWith('readiness: could not prepare the summary view: database is locked');
  });
});
