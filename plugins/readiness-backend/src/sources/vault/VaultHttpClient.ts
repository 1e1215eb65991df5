import { promises as fs } from 'fs';
import type { Dispatcher } from 'undici';
import { dispatcherFor, httpRequest, HttpResult } from '../http';

export interface VaultHttpClientOptions {
  baseUrl: string;
  timeoutMs: number;
  caFile?: string;
  /** A static token; or kubernetesAuth to log in with the pod's service account token. */
  token?: string;
  kubernetesAuth?: { role: string; mount: string; jwtPath: string };
}

/** A Vault answer that is not a success; the message carries Vault's own `errors`. */
export class VaultRequestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'VaultRequestError';
  }
}

/**
 * Read-only access to Vault's HTTP API. Only the endpoints the readiness checks need are used,
 * and the token only ever travels in the X-Vault-Token header: it is never logged or echoed in
 * an error message.
 */
export class VaultHttpClient {
  private dispatcher?: Promise<Dispatcher | undefined>;
  private token?: { value: string; expiresAt: number };
  private login?: Promise<string>;
  private calls = 0;

  constructor(private readonly options: VaultHttpClientOptions) {}

  /** HTTP requests sent to Vault since start (logins included), for the per-sweep metric. */
  get requests(): number {
    return this.calls;
  }

  get address(): string {
    return this.options.baseUrl.replace(/\/+$/, '');
  }

  /** A raw GET of `/v1/<path>`; the status is returned, not thrown (sys/health needs it). */
  async get(
    path: string,
    options: { authenticated?: boolean } = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.authenticated !== false)
      headers['X-Vault-Token'] = await this.getToken();
    this.calls += 1;
    return httpRequest(`${this.address}/v1/${path}`, {
      headers,
      timeoutMs: this.options.timeoutMs,
      dispatcher: await this.getDispatcher(),
    });
  }

  /** GET that must answer 200 (or 404 when `notFound` is given, which is then returned). */
  async read<T>(path: string, notFound?: T): Promise<any | T> {
    const result = await this.get(path);
    if (result.status === 404 && notFound !== undefined) return notFound;
    if (result.status !== 200) {
      throw new VaultRequestError(
        result.status,
        describeVaultError('GET', path, result),
      );
    }
    return result.json;
  }

  /** Vault's LIST, sent as `GET ?list=true`; a 404 means an empty list. */
  async list(path: string): Promise<string[]> {
    const body = await this.read(`${path}?list=true`, null);
    if (body === null) return [];
    const keys = body?.data?.keys;
    if (!Array.isArray(keys)) {
      throw new Error(`Vault LIST ${path}: response has no data.keys`);
    }
    return keys.map(String);
  }

  private getDispatcher() {
    this.dispatcher ??= dispatcherFor(this.options.caFile);
    return this.dispatcher;
  }

  private async getToken(): Promise<string> {
    if (this.options.token) return this.options.token;
    const auth = this.options.kubernetesAuth;
    if (!auth) throw new Error('no Vault token configured');
    if (this.token && Date.now() < this.token.expiresAt)
      return this.token.value;
    // Concurrent reads share one login.
    this.login ??= this.kubernetesLogin(auth).finally(() => {
      this.login = undefined;
    });
    return this.login;
  }

  private async kubernetesLogin(auth: {
    role: string;
    mount: string;
    jwtPath: string;
  }): Promise<string> {
    let jwt: string;
    try {
      jwt = (await fs.readFile(auth.jwtPath, 'utf8')).trim();
    } catch (e) {
      throw new Error(
        `cannot read the service account token for Vault Kubernetes auth at ${
          auth.jwtPath
        }: ${(e as Error).message}`,
      );
    }
    const path = `auth/${auth.mount}/login`;
    this.calls += 1;
    const result = await httpRequest(`${this.address}/v1/${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify({ role: auth.role, jwt }),
      timeoutMs: this.options.timeoutMs,
      dispatcher: await this.getDispatcher(),
    });
    const token = result.json?.auth?.client_token;
    if (result.status !== 200 || typeof token !== 'string') {
      throw new VaultRequestError(
        result.status,
        `${describeVaultError(
          'POST',
          path,
          result,
        )} (Kubernetes auth login as role ${auth.role})`,
      );
    }
    const leaseSeconds = Number(result.json.auth.lease_duration) || 300;
    // Renew well before expiry so a long sweep does not run out of token half-way.
    this.token = { value: token, expiresAt: Date.now() + leaseSeconds * 800 };
    return token;
  }
}

/** `Vault GET sys/policies/acl: 403 permission denied` from Vault's `{"errors": [...]}` body. */
export function describeVaultError(
  method: string,
  path: string,
  result: HttpResult,
): string {
  const errors: unknown = result.json?.errors;
  const detail =
    Array.isArray(errors) && errors.length
      ? errors.map(String).join('; ')
      : result.text.trim().slice(0, 200) || 'no response body';
  const hint =
    result.status === 403
      ? ' (the token lacks read/list on this path: grant it in the readiness policy)'
      : '';
  return `Vault ${method} ${path.replace(/\?.*$/, '')}: ${
    result.status
  } ${detail}${hint}`;
}
