import { CronExpressionParser } from 'cron-parser';
import { DateTime, IANAZone } from 'luxon';

/**
 * The longest gap between two runs of a Velero Schedule, to compare with the RPO.
 *
 * Velero parses `spec.schedule` with robfig/cron's standard parser. The fields (names, lists,
 * ranges, steps, `?`) are parsed by the `cron-parser` library; on top of it this file applies
 * the differences of Velero's dialect: exactly five fields, no `L`/`#`/`H` (cron-parser
 * extensions Velero rejects), the descriptors `@yearly @annually @monthly @weekly @daily
 * @midnight @hourly` and `@every <Go duration>`, an optional `CRON_TZ=`/`TZ=` zone prefix, and
 * robfig's day rule (when both day-of-month and day-of-week are restricted, a day matching either
 * fires; a field is unrestricted only when written `*` or `?`).
 *
 * The worst gap, not the typical one, bounds data loss: `0 * * * 1-5` backs up hourly on weekdays
 * but leaves a 49 h hole over each weekend. It is computed from the parsed fields, month by
 * month over one 28-year calendar cycle with bit masks, never by stepping through days.
 */
export type CronEstimate =
  | {
      ok: true;
      intervalMinutes: number;
      /** Set when a zone with daylight saving time lengthens the worst gap. */
      dstNote?: string;
    }
  | { ok: false; error: string };

/** robfig/cron's descriptors, as cron-parser spells them; @every is handled separately. */
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const GO_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go duration (`1h30m`, `90m`, `1.5h`) into milliseconds, exactly as Go's
 * time.ParseDuration accepts it (no days, no spaces). No npm library implements Go's grammar:
 * the common duration parsers also accept `1d` or `1 hour`, which Velero would reject.
 */
export function parseGoDuration(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    total += Number(m[1]) * GO_UNITS[m[2]];
    matched += m[0].length;
  }
  if (text === '0') return 0;
  return matched === text.length && matched > 0 ? total : undefined;
}

const DAY_MS = 86_400_000;
/** Years after which weekdays and leap days repeat (within 1901–2099). */
const CYCLE_YEARS = 28;
const FULL = 0x7fffffff;

const isStar = (field: string) => field === '*' || field === '?';

/** For each weekday of the 1st of a month, the 31-bit mask of days matching the weekday set. */
function weekdayMasks(weekdays: Set<number>): number[] {
  return Array.from({ length: 7 }, (_, first) => {
    let mask = 0;
    for (let d = 0; d < 31; d++) {
      if (weekdays.has((first + d) % 7)) mask |= 1 << d;
    }
    return mask;
  });
}

/**
 * The longest gap in whole days between consecutive firing days over one calendar cycle
 * (including the wrap into the next cycle), or undefined when no day ever fires.
 */
function maxDayGap(
  doms: Set<number>,
  months: Set<number>,
  weekdays: Set<number>,
  domStar: boolean,
  dowStar: boolean,
  fromYear: number,
): number | undefined {
  let domMask = 0;
  for (const d of doms) domMask |= 1 << (d - 1);
  const dowMasks = weekdayMasks(weekdays);
  let first: number | undefined;
  let last: number | undefined;
  let gap = 0;
  for (let y = fromYear; y < fromYear + CYCLE_YEARS; y++) {
    for (let m = 1; m <= 12; m++) {
      if (!months.has(m)) continue;
      const start = Date.UTC(y, m - 1, 1);
      const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const lengthMask = length === 31 ? FULL : (1 << length) - 1;
      const dow = dowMasks[new Date(start).getUTCDay()];
      const dom = domStar ? FULL : domMask;
      const wd = dowStar ? FULL : dow;
      const days = (domStar || dowStar ? dom & wd : dom | wd) & lengthMask;
      if (!days) continue;
      const base = start / DAY_MS;
      for (let bits = days; bits; bits &= bits - 1) {
        const day = base + 31 - Math.clz32(bits & -bits);
        if (last !== undefined) gap = Math.max(gap, day - last);
        else first = day;
        last = day;
      }
    }
  }
  if (first === undefined || last === undefined) return undefined;
  const cycleDays =
    (Date.UTC(fromYear + CYCLE_YEARS, 0, 1) - Date.UTC(fromYear, 0, 1)) /
    DAY_MS;
  return Math.max(gap, first + cycleDays - last);
}

/** Hours a zone's clocks move at a daylight-saving change (0 without DST). */
function dstShiftMinutes(zone: string, year: number): number {
  const jan = DateTime.fromObject({ year, month: 1, day: 15 }, { zone }).offset;
  const jul = DateTime.fromObject({ year, month: 7, day: 15 }, { zone }).offset;
  return Math.abs(jan - jul);
}

export function estimateCronInterval(
  expression: string,
  from: Date,
): CronEstimate {
  const fail = (why: string): CronEstimate => ({
    ok: false,
    error: `"${expression}": ${why}`,
  });
  let expr = expression.trim();
  let zone: string | undefined;
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(expr);
  if (tz) {
    zone = tz[1];
    if (!IANAZone.isValidZone(zone))
      return fail(
        `unknown time zone ${zone} (use an IANA name such as Europe/Paris)`,
      );
    expr = expr.slice(tz[0].length).trim();
  }
  if (expr.startsWith('@every')) {
    const ms = parseGoDuration(expr.slice('@every'.length).trim());
    if (ms === undefined || ms <= 0)
      return fail('@every needs a Go duration such as 1h or 30m');
    // robfig/cron runs @every at least once a second.
    return { ok: true, intervalMinutes: Math.max(ms, 1000) / 60_000 };
  }
  if (expr.startsWith('@')) {
    const mapped = DESCRIPTORS[expr.toLowerCase()];
    if (!mapped) return fail(`unknown descriptor ${expr}`);
    expr = mapped;
  }
  const fields = expr.split(/\s+/);
  if (fields.length !== 5) {
    return fail(
      `has ${fields.length} fields; Velero expects 5 (minute hour day-of-month month day-of-week)`,
    );
  }
  const unsupported = /[LW#H]/i.exec(
    fields.map(f => f.replace(/[A-Za-z]{3}/g, '')).join(' '),
  );
  if (unsupported) {
    return fail(
      `"${unsupported[0]}" is not part of Velero's cron syntax (robfig/cron standard parser)`,
    );
  }
  let parsed;
  try {
    parsed = CronExpressionParser.parse(expr, { tz: 'UTC' }).fields;
  } catch (e) {
    const message = (e as Error).message;
    return fail(
      /day of month/i.test(message)
        ? `never fires: ${message} (no month has that day)`
        : message,
    );
  }
  const numbers = (values: readonly (number | string)[]) =>
    values.filter((v): v is number => typeof v === 'number');
  const times = numbers(parsed.hour.values)
    .flatMap(h => numbers(parsed.minute.values).map(m => h * 60 + m))
    .sort((a, b) => a - b);
  const dayGap = maxDayGap(
    new Set(numbers(parsed.dayOfMonth.values)),
    new Set(numbers(parsed.month.values)),
    new Set(numbers(parsed.dayOfWeek.values).map(d => d % 7)),
    isStar(fields[2]),
    isStar(fields[4]),
    from.getUTCFullYear(),
  );
  if (dayGap === undefined || times.length === 0)
    return fail('never fires (no calendar day matches)');
  let gap = dayGap * 1440 - times[times.length - 1] + times[0];
  for (let i = 1; i < times.length; i++)
    gap = Math.max(gap, times[i] - times[i - 1]);
  // robfig/cron steps minutes and hours in real time but days on the wall clock, so a clock
  // turned back lengthens a gap of more than an hour (a daily run is 25 h apart once a year).
  const shift =
    zone && gap > 60 ? dstShiftMinutes(zone, from.getUTCFullYear()) : 0;
  if (shift > 0) {
    return {
      ok: true,
      intervalMinutes: gap + shift,
      dstNote: `+${shift} min when ${zone} turns its clocks back`,
    };
  }
  return { ok: true, intervalMinutes: gap };
}
