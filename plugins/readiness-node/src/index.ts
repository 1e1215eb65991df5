/**
 * The readiness check engine, shared by the readiness backend and the scaffolder actions.
 *
 * @packageDocumentation
 */
export * from './facts';
export * from './engine';
export { PLATFORM_CHECKS, SERVICE_CHECKS, SECURITY_CHECKS } from './checks';
export {
  classifyIssuer,
  parseImage,
  isAllowedRegistry,
  estimateCronInterval,
  parseGoDuration,
} from './checks';
export type { IssuerKind, ImageReference, CronEstimate } from './checks';
export * from './loader';
export * from './entity';
export * from './sanitize';
export * from './vault';
export * from './extensions';
export * from './regex';
