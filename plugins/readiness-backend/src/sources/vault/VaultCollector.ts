import {
  failed,
  ok,
  parseVaultPolicy,
  Read,
  VaultHealth,
  VaultKubernetesRole,
  VaultPolicyRule,
  VaultSnapshot,
} from '@254carbon/plugin-readiness-node';
import pLimit from 'p-limit';
import { describeVaultError, VaultHttpClient } from './VaultHttpClient';
import type { VaultSource } from './VaultSource';

/** The codes sys/health answers with by design; anything else is a proxy or transport problem. */
const HEALTH_CODES = new Set([200, 429, 472, 473, 474, 501, 503, 530]);

// Vault's defaults, spelled out so a proxy or a future default change cannot alter what we read:
// a standby must not masquerade as active (standbyok=false).
const HEALTH_QUERY = new URLSearchParams({
  standbyok: 'false',
  perfstandbyok: 'false',
  activecode: '200',
  standbycode: '429',
  drsecondarycode: '472',
  performancestandbycode: '473',
  sealedcode: '503',
  uninitcode: '501',
}).toString();

const segments = (path: string) =>
  path.split('/').filter(Boolean).map(encodeURIComponent).join('/');

async function attempt<T>(fn: () => Promise<T>): Promise<Read<T>> {
  try {
    return ok(await fn());
  } catch (e) {
    return failed((e as Error).message);
  }
}

function toRole(data: any): VaultKubernetesRole {
  const list = (v: unknown): string[] => {
    if (Array.isArray(v)) return v.map(String);
    // Vault also accepts (and older servers return) comma-separated strings.
    return typeof v === 'string' && v ? v.split(',') : [];
  };
  const seconds = (v: unknown) =>
    v === undefined || v === null || v === '' ? undefined : Number(v);
  return {
    bound_service_account_names: list(data?.bound_service_account_names),
    bound_service_account_namespaces: list(
      data?.bound_service_account_namespaces,
    ),
    audience: data?.audience || undefined,
    token_ttl: seconds(data?.token_ttl ?? data?.ttl),
    token_max_ttl: seconds(data?.token_max_ttl ?? data?.max_ttl),
    // `policies` is the pre-1.2 name of token_policies, still returned by older servers.
    token_policies: list(
      data?.token_policies?.length ? data.token_policies : data?.policies,
    ),
  };
}

/**
 * Reads Vault over HTTP: health, Kubernetes auth roles, ACL policies and KV v2 metadata
 * listings. Each part is its own Read so one forbidden endpoint leaves the others usable, and KV
 * is only ever listed through `metadata/` (never `data/`): no secret value is read.
 */
export class VaultCollector implements VaultSource {
  constructor(
    private readonly client: VaultHttpClient,
    private readonly options: {
      authMount: string;
      kvMount: string;
      concurrency: number;
    },
  ) {}

  get requests(): number {
    return this.client.requests;
  }

  async collect(secretPaths: string[]): Promise<VaultSnapshot> {
    const limit = pLimit(this.options.concurrency);
    const [health, roles, policies, kv] = await Promise.all([
      this.health(),
      attempt(() => this.roles(limit)),
      attempt(() => this.policies(limit)),
      attempt(() => this.kv(secretPaths, limit)),
    ]);
    // A failed LIST fails the whole part; a failed entry only names itself, so only the
    // services that need that entry become unknown.
    const split = <T>(read: Read<Entries<T>>) =>
      read.state === 'ok'
        ? { read: ok(read.value.values), errors: read.value.errors }
        : { read: read as Read<Record<string, T>>, errors: {} };
    const r = split(roles);
    const p = split(policies);
    const k = split(kv);
    return {
      address: this.client.address,
      fetchedAt: new Date().toISOString(),
      authMount: this.options.authMount,
      kvMount: this.options.kvMount,
      health,
      roles: r.read,
      policies: p.read,
      kv: k.read,
      ...(Object.keys(r.errors).length ? { roleErrors: r.errors } : {}),
      ...(Object.keys(p.errors).length ? { policyErrors: p.errors } : {}),
      ...(Object.keys(k.errors).length ? { kvErrors: k.errors } : {}),
    };
  }

  private async health(): Promise<Read<VaultHealth>> {
    const path = `sys/health?${HEALTH_QUERY}`;
    try {
      const result = await this.client.get(path, { authenticated: false });
      if (!HEALTH_CODES.has(result.status)) {
        return failed(describeVaultError('GET', path, result));
      }
      const body = result.json ?? {};
      return ok({
        code: result.status,
        initialized: body.initialized,
        sealed: body.sealed,
        standby: body.standby,
        version: body.version,
      });
    } catch (e) {
      return failed(
        `Vault ${this.client.address} unreachable: ${(e as Error).message}`,
      );
    }
  }

  private async roles(
    limit: pLimit.Limit,
  ): Promise<Entries<VaultKubernetesRole>> {
    const base = `auth/${segments(this.options.authMount)}/role`;
    const names = await this.client.list(base);
    return entries(names, limit, async name => {
      const body = await this.client.read(
        `${base}/${encodeURIComponent(name)}`,
      );
      return toRole(body?.data);
    });
  }

  private async policies(
    limit: pLimit.Limit,
  ): Promise<Entries<VaultPolicyRule[]>> {
    const names = await this.client.list('sys/policies/acl');
    // root is built in and has no HCL to read.
    return entries(
      names.filter(name => name !== 'root'),
      limit,
      async name => {
        const body = await this.client.read(
          `sys/policies/acl/${encodeURIComponent(name)}`,
        );
        const text = body?.data?.policy ?? body?.policy ?? '';
        return parseVaultPolicy(name, String(text));
      },
    );
  }

  private async kv(
    paths: string[],
    limit: pLimit.Limit,
  ): Promise<Entries<string[]>> {
    // Keyed by the annotation's own spelling, which is what the checks look up.
    const distinct = [...new Set(paths)].filter(p => segments(p));
    const mount = segments(this.options.kvMount);
    return entries(distinct, limit, path =>
      this.client.list(`${mount}/metadata/${segments(path)}`),
    );
  }
}

interface Entries<T> {
  values: Record<string, T>;
  errors: Record<string, string>;
}

/**
 * Reads each named entry; one that fails is recorded under its name and the others still count,
 * so a 403 on one role, policy or KV path makes only the services that need it unknown.
 */
async function entries<T>(
  names: string[],
  limit: pLimit.Limit,
  read: (name: string) => Promise<T>,
): Promise<Entries<T>> {
  const result: Entries<T> = { values: {}, errors: {} };
  await Promise.all(
    names.map(name =>
      limit(async () => {
        try {
          result.values[name] = await read(name);
        } catch (e) {
          result.errors[name] = (e as Error).message;
        }
      }),
    ),
  );
  const failedNames = Object.keys(result.errors);
  // Every entry failing is not a partial failure (a revoked token, Vault down): the part fails.
  if (names.length > 0 && failedNames.length === names.length) {
    throw new Error(result.errors[failedNames[0]]);
  }
  return result;
}
