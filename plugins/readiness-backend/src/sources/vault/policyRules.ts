import { parse } from '@cdktf/hcl2json';
import type { VaultPolicyRule } from '@254carbon/plugin-readiness-node';

/**
 * Parses an ACL policy (HCL, or the JSON form Vault also accepts) into its path rules. Several
 * blocks for one path are kept apart, as Vault merges them itself.
 */
export async function parsePolicy(name: string, text: string): Promise<VaultPolicyRule[]> {
  if (!text.trim()) return [];
  let doc: any;
  try {
    doc = text.trim().startsWith('{') ? JSON.parse(text) : await parse(`${name}.hcl`, text);
  } catch (e) {
    throw new Error(`policy ${name} is not valid HCL: ${(e as Error).message}`);
  }
  const rules: VaultPolicyRule[] = [];
  for (const [path, blocks] of Object.entries<any>(doc?.path ?? {})) {
    for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
      const capabilities = block?.capabilities;
      rules.push({
        path,
        capabilities: Array.isArray(capabilities) ? capabilities.map(String) : [],
      });
    }
  }
  return rules;
}
