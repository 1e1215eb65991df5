import { z } from 'zod';
import type { Thresholds } from '../engine/settings';

const days = z.number().positive();
const percent = z.number().min(0).max(100);
const ms = z.number().positive();
const names = z.array(z.string().min(1));

/** Each threshold's schema; the shape of `readiness.thresholds` and of the thresholds annotation. */
export const thresholdFields = {
  certWarnDays: days,
  certFailDays: z.number().min(0),
  certIssuingWarnMinutes: z.number().positive(),
  minReplicas: z.number().int().min(1),
  rpoHours: z.number().positive(),
  rtoHours: z.number().positive(),
  restoreDrillMaxAgeDays: days,
  allowedRegistries: names,
  productionIssuers: names,
  vaultAllowedPaths: z.array(
    z
      .string()
      .min(1)
      .regex(
        /^[^*]*\*?$/,
        'a Vault path pattern may hold "*" only at its end (use "+" for one segment)',
      ),
  ),
  vaultMaxTtlSeconds: z.number().int().positive(),
  sloAvailabilityPass: percent,
  sloAvailabilityWarn: percent,
  sloLatencyPassMs: ms,
  sloLatencyWarnMs: ms,
  podHealthyPass: percent,
  podHealthyWarn: percent,
} satisfies Record<keyof Thresholds, z.ZodTypeAny>;

/** Pairs where the pass bound must be at least as strict as the warn bound. */
const ORDER: {
  stricter: keyof Thresholds;
  looser: keyof Thresholds;
  rule: string;
}[] = [
  {
    stricter: 'certWarnDays',
    looser: 'certFailDays',
    rule: 'certWarnDays must be ≥ certFailDays',
  },
  {
    stricter: 'sloAvailabilityPass',
    looser: 'sloAvailabilityWarn',
    rule: 'sloAvailabilityPass must be ≥ sloAvailabilityWarn',
  },
  {
    stricter: 'sloLatencyWarnMs',
    looser: 'sloLatencyPassMs',
    rule: 'sloLatencyWarnMs must be ≥ sloLatencyPassMs',
  },
  {
    stricter: 'podHealthyPass',
    looser: 'podHealthyWarn',
    rule: 'podHealthyPass must be ≥ podHealthyWarn',
  },
];

/** Violations of the pass/warn ordering, as readable messages. */
export function thresholdOrderErrors(t: Partial<Thresholds>): string[] {
  return ORDER.filter(
    o =>
      t[o.stricter] !== undefined &&
      t[o.looser] !== undefined &&
      (t[o.stricter] as number) < (t[o.looser] as number),
  ).map(o => `${o.rule} (got ${t[o.stricter]} and ${t[o.looser]})`);
}

/**
 * A complete Thresholds object (a plain ZodObject so callers can `.partial()` it). The pass/warn
 * ordering between fields is checked by `thresholdOrderErrors`, which zod objects cannot express
 * without losing `.partial()`.
 */
export const thresholdsSchema = z.object(thresholdFields).strict();

/** Partial overrides (app-config `readiness.thresholds`): unknown keys are rejected. */
export const thresholdOverridesSchema = thresholdsSchema.partial();

export type ThresholdOverrides = Partial<Thresholds>;

/** Later overrides win; undefined values never erase a default. */
export function mergeThresholds(
  base: Thresholds,
  ...overrides: (ThresholdOverrides | undefined)[]
): Thresholds {
  const result: Thresholds = { ...base };
  for (const o of overrides) {
    if (!o) continue;
    for (const [key, value] of Object.entries(o)) {
      if (value !== undefined) (result as any)[key] = value;
    }
  }
  return result;
}

/**
 * Validates overrides key by key, keeping the valid ones: an unknown key or a wrong type is
 * reported (with `where`, e.g. the annotation name) and only that key is ignored.
 */
export function parseThresholdOverrides(
  raw: unknown,
  where: string,
): { overrides: ThresholdOverrides; errors: string[] } {
  const errors: string[] = [];
  const overrides: ThresholdOverrides = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      overrides,
      errors: [
        `${where}: expected a map such as {minReplicas: 3, rpoHours: 4}, got ${
          Array.isArray(raw) ? 'a list' : typeof raw
        }`,
      ],
    };
  }
  const known = Object.keys(thresholdFields);
  for (const [key, value] of Object.entries(raw)) {
    const schema = (thresholdFields as Record<string, z.ZodTypeAny>)[key];
    if (!schema) {
      errors.push(
        `${where}: unknown key "${key}" ignored (known keys: ${known.join(
          ', ',
        )})`,
      );
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      errors.push(
        `${where}: "${key}" ignored: ${parsed.error.issues
          .map(i => i.message)
          .join('; ')} (got ${JSON.stringify(value)})`,
      );
      continue;
    }
    (overrides as any)[key] = parsed.data;
  }
  return { overrides, errors };
}
