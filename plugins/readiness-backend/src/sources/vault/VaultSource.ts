import type { VaultSnapshot } from '@254carbon/plugin-readiness-node';

/** Produces one sweep's Vault facts for the given `vault.io/secrets-path` values. */
export interface VaultSource {
  collect(secretPaths: string[]): Promise<VaultSnapshot>;
  /** Requests sent to Vault since start; absent for sources that call no Vault (a snapshot file). */
  readonly requests?: number;
}
