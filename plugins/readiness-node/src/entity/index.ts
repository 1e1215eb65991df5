export { targetFromEntity } from './targetFromEntity';
export {
  thresholdsSchema,
  thresholdOverridesSchema,
  thresholdFields,
  mergeThresholds,
  parseThresholdOverrides,
  thresholdOrderErrors,
} from './thresholds';
export type { ThresholdOverrides } from './thresholds';
export {
  exemptionConfigSchema,
  exemptionEntrySchema,
  parseExemptions,
  exemptionTooLong,
  DEFAULT_MAX_EXEMPTION_DAYS,
} from './exemptions';
export {
  applyThresholdOverrides,
  DEFAULT_ANNOTATION_MAY_LOOSEN,
  isLooser,
} from './loosening';
export type {
  ExemptionConfig,
  ExemptionConfigInput,
  ExemptionEntry,
  ExemptionEntryInput,
} from './exemptions';
