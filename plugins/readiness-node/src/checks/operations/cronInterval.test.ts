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
    ['61 * * * *', /minute 61 is outside 0-59/],
    ['*/0 * * * *', /step "0" must be a positive number/],
    ['0 0 31 2 *', /never fires/],
    ['@every soon', /Go duration/],
    ['@fortnightly', /unknown descriptor/],
  ])('rejects %s', (expr, message) => {
    const e = estimateCronInterval(expr, FROM);
    expect(e.ok).toBe(false);
    expect(!e.ok && e.error).toMatch(message);
  });

  it('parses Go durations', () => {
    expect(parseGoDuration('1h30m')).toBe(90 * 60_000);
    expect(parseGoDuration('1.5h')).toBe(90 * 60_000);
    expect(parseGoDuration('90')).toBeUndefined();
  });
});
