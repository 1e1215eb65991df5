import { mockServices } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskFunction } from '@backstage/backend-plugin-api';
import type { SweepInfo } from '@254carbon/plugin-readiness-common';
import { scheduleSweep, SWEEP_TASK_ID } from './scheduleSweep';

const sweep = (services: number, status: SweepInfo['status'] = 'succeeded'): SweepInfo => ({
  startedAt: '2026-11-28T10:00:00.000Z',
  finishedAt: '2026-11-28T10:00:01.000Z',
  status,
  services,
  sourceErrors: [],
});

/**
 * One replica's sweep task over a sweeps table shared with other replicas: `stored` is that
 * table's rows, newest last; the replica's own runs append to it, and so can the test (another
 * replica's sweep).
 */
async function replica(
  counts: () => number,
  stored: SweepInfo[],
  run = async () => {
    const info = sweep(counts());
    stored.push(info);
    return info;
  },
) {
  const lastSweep = jest.fn(async () => stored[stored.length - 1]);
  let fn: SchedulerServiceTaskFunction | undefined;
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: jest.fn(async task => {
      fn = task.fn as SchedulerServiceTaskFunction;
    }),
  });
  await scheduleSweep({
    scheduler,
    schedule: { frequency: { minutes: 5 }, timeout: { minutes: 4 } },
    run,
    store: { lastSweep },
    logger: mockServices.logger.mock(),
    warmUpDelayMs: 1000,
  });
  return {
    scheduler,
    lastSweep,
    async run() {
      await fn!(new AbortController().signal);
      jest.advanceTimersByTime(1000);
    },
  };
}

describe('scheduleSweep', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('asks for another sweep soon while the service count moves, and stops once it holds', async () => {
    const counts = [0, 3, 7, 7];
    const r = await replica(() => counts.shift()!, []);
    await r.run(); // 0 services: the catalog has delivered nothing yet
    await r.run(); // 3, was 0
    await r.run(); // 7, was 3
    expect(r.scheduler.triggerTask).toHaveBeenCalledTimes(3);
    expect(r.scheduler.triggerTask).toHaveBeenCalledWith(SWEEP_TASK_ID);
    await r.run(); // 7 again: settled
    await r.run();
    expect(r.scheduler.triggerTask).toHaveBeenCalledTimes(3);
  });

  it('counts a sweep another replica stored as the previous one', async () => {
    const stored = [sweep(7)]; // the other replica's last sweep
    const r = await replica(() => 7, stored);
    await r.run();
    expect(r.scheduler.triggerTask).not.toHaveBeenCalled();
  });

  it('does not take a failed or still-running previous sweep as settled', async () => {
    const stored = [sweep(7, 'failed')];
    const r = await replica(() => 7, stored);
    await r.run();
    expect(r.scheduler.triggerTask).toHaveBeenCalledTimes(1);
    stored.push(sweep(7, 'running'));
    const other = await replica(() => 7, stored.slice());
    await other.run();
    expect(other.scheduler.triggerTask).toHaveBeenCalledTimes(1);
  });

  it('gives up the warm-up after twelve extra sweeps when the count never holds', async () => {
    let n = 0;
    const r = await replica(() => ++n, []);
    for (let k = 0; k < 20; k++) await r.run();
    expect(r.scheduler.triggerTask).toHaveBeenCalledTimes(12);
  });

  it('asks for nothing after a failed sweep: the next interval retries it', async () => {
    const r = await replica(() => 0, [], async () => sweep(0, 'failed'));
    await r.run();
    expect(r.scheduler.triggerTask).not.toHaveBeenCalled();
  });

  it('reads the previous sweep only while warming up', async () => {
    const r = await replica(() => 7, [sweep(7)]);
    await r.run(); // settled at once
    await r.run();
    await r.run();
    expect(r.lastSweep).toHaveBeenCalledTimes(1);
  });
});
