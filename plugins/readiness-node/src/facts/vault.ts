import type { Read } from './read';

/** `GET /v1/sys/health` as observed: the HTTP status code carries the meaning (200/429/472/473/474/501/503). */
export interface VaultHealth {
  code: number;
  initialized?: boolean;
  sealed?: boolean;
  standby?: boolean;
  version?: string;
}

/** A Kubernetes auth role (`GET /v1/auth/<mount>/role/<name>` → `data`), the fields we read. */
export interface VaultKubernetesRole {
  bound_service_account_names: string[];
  bound_service_account_namespaces: string[];
  audience?: string;
  token_ttl?: number;
  token_max_ttl?: number;
  token_policies: string[];
}

/**
 * The capabilities an ACL policy grants on one path (`path "..." { capabilities = [...] }`, or
 * the legacy `policy = "..."`), one rule per path with repeated blocks merged and `deny` winning,
 * as `parseVaultPolicy` produces them.
 */
export interface VaultPolicyRule {
  path: string;
  capabilities: string[];
}

/** What the Vault collector gathered in one sweep. Never holds secret data: KV is read via metadata. */
export interface VaultSnapshot {
  address: string;
  fetchedAt: string;
  /** Mount of the Kubernetes auth method, default `kubernetes`. */
  authMount: string;
  /** Mount of the KV v2 engine, default `secret`. */
  kvMount: string;
  health: Read<VaultHealth>;
  /** Roles by name (the LIST, then one read per role: Vault has no bulk read). */
  roles: Read<Record<string, VaultKubernetesRole>>;
  /** ACL policies by name, parsed from HCL. */
  policies: Read<Record<string, VaultPolicyRule[]>>;
  /**
   * KV v2 metadata listing by service path (as in `vault.io/secrets-path`): the key names under
   * `<kvMount>/metadata/<path>`; an empty list when the path holds nothing (404 on LIST).
   */
  kv: Read<Record<string, string[]>>;
  /**
   * Entries that were listed but could not be read (a 403 on one role, one unparsable policy, a
   * 403 on one service's KV path), by role name, policy name and secrets path. Only the services
   * that need such an entry are `unknown`; the Read above fails only when the whole list does.
   */
  roleErrors?: Record<string, string>;
  policyErrors?: Record<string, string>;
  kvErrors?: Record<string, string>;
}
