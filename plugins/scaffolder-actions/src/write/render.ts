import { stringify } from 'yaml';
import type { Bundle, Manifest } from '../bundle';

export interface RenderedFile {
  /** Relative to the workspace, with forward slashes. */
  path: string;
  content: string;
}

function join(base: string, ...parts: string[]): string {
  const prefix = base.replace(/\\/g, '/').replace(/\/+$/, '');
  return [prefix === '' || prefix === '.' ? undefined : prefix, ...parts]
    .filter(Boolean)
    .join('/');
}

export function manifestFileName(m: Manifest): string {
  return `${m.kind.toLowerCase()}-${m.metadata.name}.yaml`;
}

export function renderManifest(m: Manifest): string {
  // No anchors/aliases: reviewers and GitOps tools read each object on its own.
  return stringify(m, { lineWidth: 0, aliasDuplicateObjects: false });
}

/**
 * One file per object under `<targetPath>/k8s/`, and the Vault policy and role under
 * `<targetPath>/vault/`, as a pull request would carry them.
 */
export function renderFiles(
  bundle: Bundle,
  targetPath: string,
): RenderedFile[] {
  const files = bundle.manifests.map(m => ({
    path: join(targetPath, 'k8s', manifestFileName(m)),
    content: renderManifest(m),
  }));
  const v = bundle.vault;
  if (v) {
    files.push(
      {
        path: join(targetPath, 'vault', `policy-${v.policyName}.hcl`),
        content: [
          `# Apply with: vault policy write ${v.policyName} vault/policy-${v.policyName}.hcl`,
          v.policyHcl,
        ].join('\n'),
      },
      {
        path: join(targetPath, 'vault', `role-${v.roleName}.json`),
        content: `${JSON.stringify(v.role, null, 2)}\n`,
      },
    );
  }
  return files;
}
