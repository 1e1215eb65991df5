import { parse } from '@cdktf/hcl2json';
import type { VaultPolicyRule } from '../bundle';

/**
 * Parses Vault ACL HCL back into rules with HashiCorp's own HCL parser, so the closed loop judges
 * the text Vault will store, not the data it was rendered from.
 */
export async function parsePolicyHcl(hcl: string): Promise<VaultPolicyRule[]> {
  const json = (await parse('policy.hcl', hcl)) as {
    path?: Record<string, { capabilities?: string[] }[]>;
  };
  return Object.entries(json.path ?? {}).map(([path, blocks]) => ({
    path,
    capabilities: blocks.flatMap(b => b.capabilities ?? []),
  }));
}
