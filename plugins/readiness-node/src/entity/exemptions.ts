import { Exemption, getCheck } from '@254carbon/plugin-readiness-common';
import { z } from 'zod';

/** An exemption granted in app-config (`readiness.exemptions`), naming the entity it applies to. */
export interface ExemptionConfig {
  /** Entity ref, e.g. `component:default/doris` (compared case-insensitively, as Backstage does). */
  entityRef: string;
  check: string;
  reason: string;
  /** YYYY-MM-DD (end of that day, UTC) or a full ISO timestamp. */
  expires: string;
}

const dateString = z
  .union([z.string(), z.date()])
  .transform(v => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine(
    v =>
      !Number.isNaN(
        new Date(
          /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v,
        ).getTime(),
      ),
    {
      message: 'expires must be a date such as 2027-01-31',
    },
  );

const checkId = z.string().refine(
  id => Boolean(getCheck(id)),
  id => ({
    message: `unknown check "${id}"`,
  }),
);

/**
 * One exemption entry as written in the annotation (`expires` may be a YAML date).
 *
 * @public
 */
export interface ExemptionEntryInput {
  check: string;
  reason: string;
  expires: string | Date;
}

/**
 * One exemption entry as parsed: `expires` is a string.
 *
 * @public
 */
export type ExemptionEntry = Omit<ExemptionEntryInput, 'expires'> & { expires: string };

/**
 * One `readiness.exemptions` config entry as written.
 *
 * @public
 */
export type ExemptionConfigInput = ExemptionEntryInput & { entityRef: string };

const entryObject = z
  .object({
    check: checkId,
    reason: z
      .string()
      .trim()
      .min(1, 'reason must say why the check does not apply'),
    expires: dateString,
  })
  .strict();

// Declared types rather than inferred ones: the published API (and its report) then names them
// instead of spelling out an object type whose property order the compiler does not keep stable.

/** One exemption entry as written in the annotation. */
export const exemptionEntrySchema: z.ZodType<ExemptionEntry, z.ZodTypeDef, ExemptionEntryInput> =
  entryObject;

/** One `readiness.exemptions` config entry. */
export const exemptionConfigSchema: z.ZodType<ExemptionConfig, z.ZodTypeDef, ExemptionConfigInput> =
  entryObject.extend({ entityRef: z.string().min(1) }).strict();

/**
 * Reads the exemptions annotation's parsed YAML: a list of {check, reason, expires}. Invalid
 * entries are skipped with a message naming the entry and what is wrong.
 */
export function parseExemptions(
  raw: unknown,
  where: string,
): { exemptions: Exemption[]; errors: string[] } {
  if (!Array.isArray(raw)) {
    return {
      exemptions: [],
      errors: [
        `${where}: expected a list such as [{check: SEC-RBAC, reason: "...", expires: 2027-01-31}]`,
      ],
    };
  }
  const exemptions: Exemption[] = [];
  const errors: string[] = [];
  raw.forEach((entry, i) => {
    const parsed = exemptionEntrySchema.safeParse(entry);
    if (!parsed.success) {
      errors.push(
        `${where}: entry ${i + 1} ignored: ${parsed.error.issues
          .map(issue =>
            issue.path.length
              ? `${issue.path.join('.')}: ${issue.message}`
              : issue.message,
          )
          .join('; ')}`,
      );
      return;
    }
    exemptions.push({
      checkId: parsed.data.check,
      reason: parsed.data.reason,
      expires: parsed.data.expires,
      origin: 'annotation',
    });
  });
  return { exemptions, errors };
}

/** Longest an exemption may run, in days from now, unless `readiness.exemptionMaxDays` says otherwise. */
export const DEFAULT_MAX_EXEMPTION_DAYS = 90;

/**
 * Why an exemption runs too long (its expiry more than `maxDays` after `now`), or undefined. An
 * exemption is a dated promise to fix something, not a permanent opt-out.
 */
export function exemptionTooLong(
  exemption: Pick<Exemption, 'expires'>,
  maxDays: number,
  now: Date,
): string | undefined {
  const expiry = /^\d{4}-\d{2}-\d{2}$/.test(exemption.expires)
    ? new Date(`${exemption.expires}T23:59:59.999Z`)
    : new Date(exemption.expires);
  const days = (expiry.getTime() - now.getTime()) / 86_400_000;
  if (days <= maxDays) return undefined;
  return `expires ${exemption.expires}, ${Math.ceil(
    days,
  )} days ahead: longer than the ${maxDays}-day maximum (readiness.exemptionMaxDays)`;
}
