/**
 * A faithful stand-in for Vault's HTTP API, for tests only (no Vault server is installable here).
 *
 * @packageDocumentation
 */
export { VaultStandIn } from './VaultStandIn';
export type {
  RecordedRequest,
  VaultStandInOptions,
  VaultStandInState,
  InjectedFailure,
} from './VaultStandIn';
