/**
 * Estimates the longest gap between two runs of a Velero Schedule, to compare with the RPO.
 *
 * Velero parses `spec.schedule` with robfig/cron's standard parser: five fields (minute hour
 * day-of-month month day-of-week), names for months and weekdays, `*`, `?`, lists, ranges and
 * steps, the descriptors `@yearly @monthly @weekly @daily @hourly` and `@every <Go duration>`,
 * and an optional `CRON_TZ=`/`TZ=` prefix. Schedules run in a fixed zone, so the gap does not
 * depend on DST and is computed on UTC days.
 *
 * The worst gap, not the typical one, is what bounds data loss: `0 * * * 1-5` backs up hourly on
 * weekdays but leaves a 49 h hole over each weekend.
 */

export type CronEstimate =
  | { ok: true; intervalMinutes: number }
  | { ok: false; error: string };

const MONTHS = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Offset of names[0], e.g. JAN = 1. */
  namesFrom?: number;
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  // 7 is accepted as Sunday like Vixie cron; it is folded onto 0 below.
  { name: 'day-of-week', min: 0, max: 7, names: DAYS, namesFrom: 0 },
];

function value(text: string, spec: FieldSpec): number {
  const upper = text.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + (spec.namesFrom ?? 0);
  if (!/^\d+$/.test(text))
    throw new Error(`${spec.name} "${text}" is not a number`);
  const n = Number(text);
  if (n < spec.min || n > spec.max) {
    throw new Error(`${spec.name} ${n} is outside ${spec.min}-${spec.max}`);
  }
  return n;
}

/** Expands one field to the set of values it matches. */
function expand(field: string, spec: FieldSpec): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined || range === '')
      throw new Error(`${spec.name} "${part}" is malformed`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) {
        throw new Error(
          `${spec.name} step "${stepText}" must be a positive number`,
        );
      }
      step = Number(stepText);
    }
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = spec.min;
      hi = spec.name === 'day-of-week' ? 6 : spec.max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = value(a, spec);
      hi = value(b, spec);
      if (hi < lo)
        throw new Error(`${spec.name} range "${range}" runs backwards`);
    } else {
      lo = value(range, spec);
      // `5/15` means from 5 to the end in steps of 15.
      hi = stepText !== undefined ? spec.max : lo;
    }
    for (let v = lo; v <= hi; v += step)
      out.add(spec.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return out;
}

const GO_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses a Go duration such as `1h30m`, `90m` or `1.5h` into milliseconds. */
export function parseGoDuration(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    total += Number(m[1]) * GO_UNITS[m[2]];
    matched += m[0].length;
  }
  return matched === text.length && matched > 0 ? total : undefined;
}

/** Eight years of days: every date/weekday combination, including 29 February, repeats inside it. */
const HORIZON_DAYS = 8 * 366;

export function estimateCronInterval(
  expression: string,
  from: Date,
): CronEstimate {
  let expr = expression.trim().replace(/^(CRON_TZ|TZ)=\S+\s+/, '');
  if (expr.startsWith('@every')) {
    const ms = parseGoDuration(expr.slice('@every'.length).trim());
    if (ms === undefined || ms <= 0) {
      return {
        ok: false,
        error: `"${expression}": @every needs a Go duration such as 1h or 30m`,
      };
    }
    return { ok: true, intervalMinutes: ms / 60_000 };
  }
  if (expr.startsWith('@')) {
    const mapped = DESCRIPTORS[expr.toLowerCase()];
    if (!mapped)
      return {
        ok: false,
        error: `"${expression}": unknown descriptor ${expr}`,
      };
    expr = mapped;
  }
  const fields = expr.split(/\s+/);
  if (fields.length !== 5) {
    return {
      ok: false,
      error: `"${expression}" has ${fields.length} fields; Velero expects 5 (minute hour day-of-month month day-of-week)`,
    };
  }
  let sets: Set<number>[];
  try {
    sets = fields.map((f, i) => expand(f, FIELDS[i]));
  } catch (e) {
    return { ok: false, error: `"${expression}": ${(e as Error).message}` };
  }
  const [minutes, hours, doms, months, dows] = sets;
  const times = [...hours]
    .flatMap(h => [...minutes].map(m => h * 60 + m))
    .sort((a, b) => a - b);

  // Cron's rule: when both day fields are restricted a day matches either; otherwise both.
  const domAny = /^[*?]/.test(fields[2]);
  const dowAny = /^[*?]/.test(fields[4]);
  const start = Date.UTC(
    from.getUTCFullYear(),
    from.getUTCMonth(),
    from.getUTCDate(),
  );
  const days: number[] = [];
  for (let i = 0; i < HORIZON_DAYS; i++) {
    const d = new Date(start + i * 86_400_000);
    if (!months.has(d.getUTCMonth() + 1)) continue;
    const domOk = doms.has(d.getUTCDate());
    const dowOk = dows.has(d.getUTCDay());
    if (domAny || dowAny ? domOk && dowOk : domOk || dowOk) days.push(i);
  }
  if (days.length === 0) {
    return {
      ok: false,
      error: `"${expression}" never fires (no calendar day matches)`,
    };
  }
  let gap = 0;
  for (let i = 1; i < times.length; i++)
    gap = Math.max(gap, times[i] - times[i - 1]);
  for (let i = 1; i < days.length; i++) {
    gap = Math.max(
      gap,
      (days[i] - days[i - 1]) * 1440 - times[times.length - 1] + times[0],
    );
  }
  // A single matching day in eight years: rarer than anything an RPO could accept.
  if (days.length === 1) gap = HORIZON_DAYS * 1440;
  return { ok: true, intervalMinutes: gap };
}
