import { mockServices } from '@backstage/backend-test-utils';
import type { SummaryService } from './summary';
import { summaryPrimer } from './summaryPrimer';

describe('summaryPrimer', () => {
  const stats = {
    info: { startedAt: '2026-11-28T08:00:00.000Z', status: 'succeeded' as const, services: 0, sourceErrors: [] },
    durationMs: 1,
    kubernetesCalls: 0,
    vaultCalls: 0,
  };

  it('primes the summary when a sweep has finished, and the sweep waits for it', async () => {
    let release!: () => void;
    const prime = jest.fn(() => new Promise<void>(done => (release = done)));
    const observer = summaryPrimer({ prime } as unknown as SummaryService, mockServices.logger.mock());
    let finished = false;
    const done = Promise.resolve(observer.onSweepFinished!(stats)).then(() => (finished = true));
    await new Promise(r => setImmediate(r));
    expect(prime).toHaveBeenCalledTimes(1);
    expect(finished).toBe(false);
    release();
    await done;
    expect(finished).toBe(true);
  });

  it('does not react to stored results (a refresh of one service is left to the next request)', () => {
    const observer = summaryPrimer({ prime: jest.fn() } as unknown as SummaryService, mockServices.logger.mock());
    expect(observer.onResults).toBeUndefined();
  });

  it('logs a priming failure instead of failing the sweep', async () => {
    const logger = mockServices.logger.mock();
    const prime = jest.fn(async () => {
      throw new Error('database is locked');
    });
    await expect(
      Promise.resolve(summaryPrimer({ prime } as unknown as SummaryService, logger).onSweepFinished!(stats)),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith('readiness: could not prepare the summary view: database is locked');
  });
});
