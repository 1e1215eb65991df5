import type { VaultPolicyRule } from '../facts';

type Hcl2Json = typeof import('@cdktf/hcl2json');
let hcl: Hcl2Json | undefined;

/**
 * The HCL parser, loaded at the first HCL policy: the package starts a Go WebAssembly runtime as
 * soon as it is required (about 48 MB of RSS), which a backend reading no Vault policy (manifests
 * only, or no Vault configured) should not carry. `require`, not `import()`: the package is
 * CommonJS and so are jest's module sandboxes.
 */
function hclParser(): Hcl2Json {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  hcl ??= require('@cdktf/hcl2json') as Hcl2Json;
  return hcl;
}

/**
 * Vault's pre-0.9 `policy = "…"` values and the capabilities each stands for, as Vault expands
 * them when it parses a policy.
 */
const LEGACY_POLICY: Record<string, string[]> = {
  deny: ['deny'],
  read: ['read', 'list'],
  write: ['create', 'read', 'update', 'delete', 'list'],
  sudo: ['create', 'read', 'update', 'delete', 'list', 'sudo'],
};

/** The error of a policy that cannot be judged; its message names the policy and the cause. */
export class VaultPolicyParseError extends Error {
  constructor(name: string, cause: string) {
    super(`policy ${name} cannot be parsed: ${cause}`);
    this.name = 'VaultPolicyParseError';
  }
}

/**
 * Merges rules as Vault's ACL does: capabilities of every block for one path are unioned, and
 * `deny` on a path wins over every grant on it. The result has one rule per path, in first-seen
 * order. Used within one policy (repeated `path` blocks) and across a token's policies.
 */
export function mergePolicyRules(
  rules: readonly VaultPolicyRule[],
): VaultPolicyRule[] {
  const byPath = new Map<string, Set<string>>();
  for (const rule of rules) {
    const caps = byPath.get(rule.path) ?? new Set<string>();
    for (const c of rule.capabilities) caps.add(c.toLowerCase());
    byPath.set(rule.path, caps);
  }
  return [...byPath].map(([path, caps]) => ({
    path,
    capabilities: caps.has('deny') ? ['deny'] : [...caps],
  }));
}

/**
 * Parses a Vault ACL policy (HCL, or the JSON form Vault also accepts) into its path rules, one
 * per path: `capabilities = [...]` and the legacy `policy = "read|write|sudo|deny"` are both
 * read (and combined when a block has both, as Vault does), repeated blocks for one path are
 * merged, and `deny` wins. The one parser for the readiness backend and the scaffolder's closed
 * loop, so both judge the same text the same way.
 *
 * @throws VaultPolicyParseError - the text is not HCL/JSON, or a block is malformed
 */
export async function parseVaultPolicy(
  name: string,
  text: string,
): Promise<VaultPolicyRule[]> {
  if (!text.trim()) return [];
  let doc: any;
  try {
    doc = text.trim().startsWith('{')
      ? JSON.parse(text)
      : await hclParser().parse(`${name}.hcl`, text);
  } catch (e) {
    throw new VaultPolicyParseError(name, (e as Error).message);
  }
  const rules: VaultPolicyRule[] = [];
  const paths = doc?.path ?? {};
  if (typeof paths !== 'object' || Array.isArray(paths)) {
    throw new VaultPolicyParseError(name, '"path" must be a block per path');
  }
  for (const [path, blocks] of Object.entries<any>(paths)) {
    for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
      const capabilities: string[] = [];
      if (block?.capabilities !== undefined) {
        if (!Array.isArray(block.capabilities)) {
          throw new VaultPolicyParseError(
            name,
            `path "${path}": capabilities must be a list`,
          );
        }
        capabilities.push(...block.capabilities.map(String));
      }
      if (block?.policy !== undefined) {
        const legacy = LEGACY_POLICY[String(block.policy).toLowerCase()];
        if (!legacy) {
          throw new VaultPolicyParseError(
            name,
            `path "${path}": policy = "${block.policy}" is not one of deny, read, write, sudo`,
          );
        }
        capabilities.push(...legacy);
      }
      rules.push({ path, capabilities });
    }
  }
  return mergePolicyRules(rules);
}
