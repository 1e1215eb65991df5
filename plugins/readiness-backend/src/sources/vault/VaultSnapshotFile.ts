import { promises as fs } from 'fs';
import { failed, VaultSnapshot } from '@254carbon/plugin-readiness-node';
import type { VaultSource } from './VaultSource';

const PARTS = ['health', 'roles', 'policies', 'kv'] as const;

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
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new Error(
        `Vault snapshot file ${this.file} must hold a JSON object`,
      );
    }
    const snapshot = {
      address: String(raw.address ?? `file:${this.file}`),
      fetchedAt: String(raw.fetchedAt ?? new Date().toISOString()),
      authMount: String(raw.authMount ?? 'kubernetes'),
      kvMount: String(raw.kvMount ?? 'secret'),
    } as VaultSnapshot;
    for (const part of PARTS) {
      const read = raw[part];
      const valid =
        read &&
        ((read.state === 'ok' && 'value' in read) ||
          (read.state === 'absent' && typeof read.reason === 'string') ||
          (read.state === 'error' && typeof read.message === 'string'));
      (snapshot as any)[part] = valid
        ? read
        : failed(
            `${part} missing or malformed in Vault snapshot file ${this.file} (expected {"state":"ok","value":…})`,
          );
    }
    return snapshot;
  }
}
