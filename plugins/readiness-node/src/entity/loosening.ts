import type { CheckResult } from '@254carbon/plugin-readiness-common';
import { getCheck } from '@254carbon/plugin-readiness-common';
import type {
  ServiceTarget,
  ThresholdOverride,
  Thresholds,
} from '../engine/settings';

/** Which way each threshold is loosened: a lower number, a higher number, or more list entries. */
const LOOSER: Record<keyof Thresholds, 'lower' | 'higher' | 'more'> = {
  certWarnDays: 'lower',
  certFailDays: 'lower',
  certIssuingWarnMinutes: 'higher',
  minReplicas: 'lower',
  rpoHours: 'higher',
  rtoHours: 'higher',
  restoreDrillMaxAgeDays: 'higher',
  allowedRegistries: 'more',
  productionIssuers: 'more',
  vaultAllowedPaths: 'more',
  vaultMaxTtlSeconds: 'higher',
  sloAvailabilityPass: 'lower',
  sloAvailabilityWarn: 'lower',
  sloLatencyPassMs: 'higher',
  sloLatencyWarnMs: 'higher',
  podHealthyPass: 'lower',
  podHealthyWarn: 'lower',
};

/**
 * The thresholds an entity annotation may loosen unless `readiness.annotationMayLoosen` says
 * otherwise: every number, but not the lists that decide whom to trust (registries, issuers,
 * Vault paths). A team must not be able to trust its own registry by annotation.
 */
export const DEFAULT_ANNOTATION_MAY_LOOSEN: (keyof Thresholds)[] = (
  Object.keys(LOOSER) as (keyof Thresholds)[]
).filter(k => LOOSER[k] !== 'more');

/** Whether `value` is looser than `base` for the threshold `key`. */
export function isLooser(
  key: keyof Thresholds,
  value: unknown,
  base: unknown,
): boolean {
  const way = LOOSER[key];
  if (way === 'more') {
    const before = new Set(Array.isArray(base) ? base : []);
    return (Array.isArray(value) ? value : []).some(v => !before.has(v));
  }
  if (typeof value !== 'number' || typeof base !== 'number') return false;
  return way === 'lower' ? value < base : value > base;
}

const show = (v: unknown) =>
  Array.isArray(v) ? `[${v.join(', ')}]` : String(v);

/**
 * Makes the annotation's threshold changes visible on each check that reads them: the result
 * carries them (`thresholdOverrides`) and its evidence says what was changed and from where.
 */
export function applyThresholdOverrides(
  result: CheckResult,
  target: ServiceTarget,
): void {
  const keys = getCheck(result.checkId)?.thresholds ?? [];
  const relevant = (target.thresholdOverrides ?? []).filter(o =>
    keys.includes(o.key),
  );
  if (relevant.length === 0) return;
  result.thresholdOverrides = relevant.map(o => ({ ...o }));
  for (const o of relevant) {
    result.evidence.push(
      `threshold ${o.key} ${o.loosened ? 'loosened' : 'tightened'} to ${show(
        o.value,
      )} (config ${show(o.base)}) by the ${o.origin}`,
    );
  }
}

export type { ThresholdOverride };
