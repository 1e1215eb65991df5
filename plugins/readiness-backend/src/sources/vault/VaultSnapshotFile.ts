import { promises as fs } from 'fs';
import { parseVaultSnapshot, VaultSnapshot } from '@254carbon/plugin-readiness-node';
import type { VaultSource } from './VaultSource';

/**
 * An offline Vault: a JSON file shaped like VaultSnapshot (e.g. exported by a job that has Vault
 * access), re-read every sweep so it can be updated without a restart. A part missing from the
 * file becomes an `error` Read rather than a guess.
 */
export class VaultSnapshotFile implements VaultSource {
  constructor(private readonly file: string) {}

  async collect(): Promise<VaultSnapshot> {
    let raw: any;
    try {
      raw = JSON.parse(await fs.readFile(this.file, 'utf8'));
    } catch (e) {
      throw new Error(
        `cannot read Vault snapshot file ${this.file}: ${(e as Error).message}`,
      );
    }
    try {
      return parseVaultSnapshot(raw, `file ${this.file}`).snapshot;
    } catch (e) {
      throw new Error(`Vault snapshot ${(e as Error).message}`);
    }
  }
}
