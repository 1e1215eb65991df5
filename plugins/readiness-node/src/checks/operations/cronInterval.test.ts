import { estimateCronInterval, parseGoDuration } from './cronInterval';

const FROM = new Date('2026-11-26T12:00:00Z');
const minutes = (expr: string) => {
  const e = estimateCronInterval(expr, FROM);
  if (!e.ok) throw new Error(e.error);
  return e.intervalMinutes;
};

describe('estimateCronInterval', () => {
  it.each([
    ['0 * * * *', 60],
    ['*/15 * * * *', 15],
    ['0 */6 * * *', 360],
    ['30 2 * * *', 1440],
    ['0 0,12 * * *', 720],
    ['5/20 * * * *', 20],
    ['0 3 * * SUN', 7 * 1440],
    ['0 * * * 1-5', 49 * 60],
    ['@daily', 1440],
    ['@hourly', 60],
    ['@every 30m', 30],
    ['@every 1h30m', 90],
    ['CRON_TZ=Europe/Paris 0 * * * *', 60],
    ['TZ=Asia/Tokyo 0 3 * * *', 1440],
    ['@annually', 366 * 1440],
    ['@midnight', 1440],
    ['@weekly', 7 * 1440],
    ['@every 2h', 120],
    ['0 0 29 2 *', 4 * 366 * 1440 - 1440 * 3],
    ['0 0 1-31 * MON', 1440],
    ['0 0 1 * *', 31 * 1440],
    ['0 0 1 JAN,JUL *', 184 * 1440],
  ])('%s runs at least every %i minutes', (expr, expected) => {
    expect(minutes(expr)).toBe(expected);
  });

  it('treats 7 as Sunday and ORs restricted day-of-month and day-of-week', () => {
    expect(minutes('0 0 * * 7')).toBe(7 * 1440);
    // The 1st of the month OR every Monday: never more than 7 days apart.
    expect(minutes('0 0 1 * MON')).toBeLessThanOrEqual(7 * 1440);
  });

  it.each([
    ['0 * * *', /has 4 fields/],
    ['0 0 * * * *', /has 6 fields/],
    ['61 * * * *', /got value 61 expected range 0-59/],
    ['*/0 * * * *', /cannot repeat at every 0 time/],
    ['0 0 L * *', /"L" is not part of Velero's cron syntax/],
    ['0 0 * * 1#1', /"#" is not part of Velero's cron syntax/],
    ['H * * * *', /"H" is not part of Velero's cron syntax/],
    ['CRON_TZ=Mars/Olympus 0 * * * *', /unknown time zone Mars\/Olympus/],
    ['@every 1d', /Go duration/],
    ['0 0 31 2 *', /never fires/],
    ['@every soon', /Go duration/],
    ['@fortnightly', /unknown descriptor/],
  ])('rejects %s', (expr, message) => {
    const e = estimateCronInterval(expr, FROM);
    expect(e.ok).toBe(false);
    expect(!e.ok && e.error).toMatch(message);
  });

  it('adds the clock shift of a zone with daylight saving time to a daily gap, and says so', () => {
    const e = estimateCronInterval('CRON_TZ=Europe/Berlin 0 3 * * *', FROM);
    expect(e).toEqual({
      ok: true,
      intervalMinutes: 1440 + 60,
      dstNote: '+60 min when Europe/Berlin turns its clocks back',
    });
  });

  it('computes the worst gap month by month from the fields, never stepping through days', () => {
    // Each month of the 28-year cycle costs a couple of Date.UTC calls; a day scan would need
    // one per day (over 10,000).
    const utc = jest.spyOn(Date, 'UTC');
    try {
      const e = estimateCronInterval('0 0 13 * FRI', FROM);
      expect(e).toEqual({ ok: true, intervalMinutes: 7 * 1440 });
      expect(utc.mock.calls.length).toBeLessThanOrEqual(2 * 12 * 28 + 4);
    } finally {
      utc.mockRestore();
    }
  });

  it('parses Go durations', () => {
    expect(parseGoDuration('1h30m')).toBe(90 * 60_000);
    expect(parseGoDuration('1.5h')).toBe(90 * 60_000);
    expect(parseGoDuration('90')).toBeUndefined();
  });
});
