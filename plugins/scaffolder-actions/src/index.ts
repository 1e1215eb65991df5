/**
 * Scaffolder actions that onboard a service already production-ready: ServiceAccount, Vault role
 * and policy, NetworkPolicies, Certificate and Ingress, checked by the readiness engine.
 *
 * @packageDocumentation
 */
export { scaffolderModuleReadinessOnboarding as default } from './module';
export * from './actions';
export { buildBundle } from './bundle';
export type {
  Bundle,
  Manifest,
  Piece,
  VaultPiece,
  VaultRoleBody,
} from './bundle';
export { readOnboardingSettings } from './settings';
export type { OnboardingSettings } from './settings';
export type { OnboardingSpec } from './input';
