import { failed, VaultSnapshot } from '../facts';

const PARTS = ['health', 'roles', 'policies', 'kv'] as const;

/**
 * Reads a Vault snapshot (the JSON shape of `VaultSnapshot`, e.g. demo/vault-snapshot.json) from
 * parsed JSON: defaults for the addressing fields, and each part that is missing or not a valid
 * Read replaced by an `error` Read naming it. Callers decide whether an invalid part is an input
 * error (the CI audit) or an `unknown` result (the backend's offline Vault source).
 */
export function parseVaultSnapshot(
  raw: unknown,
  source: string,
): { snapshot: VaultSnapshot; invalidParts: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`${source} must hold a JSON object shaped like a Vault snapshot`);
  }
  const value = raw as Record<string, any>;
  const snapshot = {
    ...value,
    address: String(value.address ?? `file:${source}`),
    fetchedAt: String(value.fetchedAt ?? new Date().toISOString()),
    authMount: String(value.authMount ?? 'kubernetes'),
    kvMount: String(value.kvMount ?? 'secret'),
  } as VaultSnapshot;
  const invalidParts: string[] = [];
  for (const part of PARTS) {
    const read = value[part];
    const valid =
      read &&
      ((read.state === 'ok' && 'value' in read) ||
        (read.state === 'absent' && typeof read.reason === 'string') ||
        (read.state === 'error' && typeof read.message === 'string'));
    if (!valid) {
      invalidParts.push(part);
      (snapshot as any)[part] = failed(
        `${part} missing or malformed in Vault snapshot ${source} (expected {"state":"ok","value":…})`,
      );
    }
  }
  return { snapshot, invalidParts };
}
