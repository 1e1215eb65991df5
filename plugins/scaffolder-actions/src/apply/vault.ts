import type { VaultRoleBody } from '../bundle';
import type { VaultSettings } from '../settings';
import type { ApplyResult } from './types';

/** What writing a policy and a role needs; an interface so tests and dry runs can swap it. */
export interface VaultWriter {
  /** The stored policy text, or undefined when there is none. */
  readPolicy(name: string): Promise<string | undefined>;
  /** The stored Kubernetes auth role, or undefined when there is none. */
  readRole(mount: string, name: string): Promise<Record<string, unknown> | undefined>;
  writePolicy(
    name: string,
    hcl: string,
    options: { dryRun: boolean },
  ): Promise<ApplyResult>;
  writeRole(
    mount: string,
    name: string,
    role: VaultRoleBody,
    options: { dryRun: boolean },
  ): Promise<ApplyResult>;
}

class VaultHttpError extends Error {}

/**
 * Vault over its HTTP API with the configured token. Reads first, and writes only what differs,
 * so a re-run reports `unchanged` and leaves Vault's audit log quiet. A dry run only reads.
 */
export class VaultHttpWriter implements VaultWriter {
  constructor(
    private readonly settings: VaultSettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async call(method: string, path: string, body?: unknown) {
    const url = `${this.settings.baseUrl.replace(/\/+$/, '')}/v1/${path}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: {
          'X-Vault-Token': this.settings.token,
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(15_000),
      });
    } catch (e) {
      throw new VaultHttpError(
        `Vault ${method} /v1/${path} failed: ${(e as Error).message}`,
      );
    }
    const text = await response.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json };
  }

  private fail(method: string, path: string, status: number, json: any): never {
    const errors: string[] = Array.isArray(json?.errors) ? json.errors : [];
    throw new VaultHttpError(
      `Vault ${method} /v1/${path} answered ${status}${
        errors.length ? `: ${errors.join('; ')}` : ''
      }`,
    );
  }

  /** The stored value, or undefined on 404 (Vault's "no such policy/role"). */
  private async read(path: string): Promise<any | undefined> {
    const r = await this.call('GET', path);
    if (r.status === 404) return undefined;
    if (r.status !== 200) this.fail('GET', path, r.status, r.json);
    return r.json?.data ?? r.json;
  }

  private async write(method: 'PUT' | 'POST', path: string, body: unknown) {
    const r = await this.call(method, path, body);
    if (r.status !== 200 && r.status !== 204)
      this.fail(method, path, r.status, r.json);
  }

  async readPolicy(name: string): Promise<string | undefined> {
    const existing = await this.read(`sys/policies/acl/${encodeURIComponent(name)}`);
    return existing === undefined ? undefined : String(existing.policy ?? existing.rules ?? '');
  }

  async readRole(mount: string, name: string) {
    return this.read(`auth/${mount}/role/${encodeURIComponent(name)}`);
  }

  async writePolicy(name: string, hcl: string, options: { dryRun: boolean }) {
    const path = `sys/policies/acl/${encodeURIComponent(name)}`;
    const existing = await this.read(path);
    const result = compare(existing, e => e.policy === hcl);
    if (result !== 'unchanged' && !options.dryRun)
      await this.write('PUT', path, { policy: hcl });
    return result;
  }

  async writeRole(
    mount: string,
    name: string,
    role: VaultRoleBody,
    options: { dryRun: boolean },
  ) {
    const path = `auth/${mount}/role/${encodeURIComponent(name)}`;
    const existing = await this.read(path);
    const result = compare(existing, e => roleMatches(e, role));
    if (result !== 'unchanged' && !options.dryRun)
      await this.write('POST', path, role);
    return result;
  }
}

function compare(existing: any, same: (e: any) => boolean): ApplyResult {
  if (existing === undefined) return 'created';
  return same(existing) ? 'unchanged' : 'updated';
}

const sameSet = (a: unknown, b: string[]) =>
  Array.isArray(a) &&
  a.length === b.length &&
  [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Compares only the fields we set: Vault returns many more (defaults), and returns durations in
 * seconds whatever form they were written in.
 */
export function roleMatches(stored: any, wanted: VaultRoleBody): boolean {
  return (
    sameSet(
      stored.bound_service_account_names,
      wanted.bound_service_account_names,
    ) &&
    sameSet(
      stored.bound_service_account_namespaces,
      wanted.bound_service_account_namespaces,
    ) &&
    sameSet(stored.token_policies, wanted.token_policies) &&
    (stored.audience ?? '') === wanted.audience &&
    Number(stored.token_ttl) === wanted.token_ttl &&
    Number(stored.token_max_ttl) === wanted.token_max_ttl
  );
}

export { VaultHttpError };
