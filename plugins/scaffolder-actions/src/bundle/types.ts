/** A Kubernetes object as the generators emit it: plain JSON, ready for YAML or server-side apply. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** Body of `POST /v1/auth/<mount>/role/<name>` for the Kubernetes auth method. */
export interface VaultRoleBody {
  bound_service_account_names: string[];
  bound_service_account_namespaces: string[];
  audience: string;
  token_ttl: number;
  token_max_ttl: number;
  token_policies: string[];
}

/** One `path` block of a Vault ACL policy. */
export interface VaultPolicyRule {
  path: string;
  capabilities: string[];
}

export interface VaultPiece {
  authMount: string;
  roleName: string;
  role: VaultRoleBody;
  policyName: string;
  /** The rules, and the HCL rendered from them (what Vault stores). */
  policyRules: VaultPolicyRule[];
  policyHcl: string;
}
