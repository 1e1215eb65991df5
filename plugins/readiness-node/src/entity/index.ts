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
} from './exemptions';
export type { ExemptionConfig } from './exemptions';
