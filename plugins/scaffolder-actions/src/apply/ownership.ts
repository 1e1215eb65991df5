import type { OnboardingSpec } from '../input';
import type { VaultPiece } from '../bundle';

/** The first line of every policy this suite writes, naming the service it was written for. */
export function policyMarker(spec: Pick<OnboardingSpec, 'namespace' | 'name'>): string {
  return `# Managed by 254carbon-readiness for ${spec.namespace}/${spec.name}:`;
}

const sameSet = (a: unknown, b: string[]) =>
  Array.isArray(a) && a.length === b.length && [...a].map(String).sort().join('\n') === [...b].sort().join('\n');

/**
 * Why an existing Vault policy must not be overwritten for this service, or undefined when it may
 * be: absent, identical, or written earlier by this suite for the same service (its marker line).
 */
export function policyConflict(
  existing: string | undefined,
  piece: VaultPiece,
  spec: Pick<OnboardingSpec, 'namespace' | 'name'>,
): string | undefined {
  if (existing === undefined || existing === piece.policyHcl) return undefined;
  if (existing.split('\n', 1)[0] === policyMarker(spec)) return undefined;
  return `Vault policy '${piece.policyName}' already exists and was not written by this suite for ${spec.namespace}/${spec.name}`;
}

/**
 * Why an existing Kubernetes auth role must not be rebound to this service, or undefined when it
 * may be: absent, or bound to exactly this service's account in its namespace.
 */
export function roleConflict(
  existing: Record<string, unknown> | undefined,
  piece: VaultPiece,
  spec: Pick<OnboardingSpec, 'namespace' | 'name'>,
): string | undefined {
  if (existing === undefined) return undefined;
  const names = existing.bound_service_account_names;
  const namespaces = existing.bound_service_account_namespaces;
  if (sameSet(names, [spec.name]) && sameSet(namespaces, [spec.namespace])) return undefined;
  const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join(', ') : '(none)');
  return `Vault role 'auth/${piece.authMount}/role/${piece.roleName}' already exists, bound to service account(s) ${list(
    names,
  )} in namespace(s) ${list(namespaces)}, not only to ${spec.namespace}/${spec.name}`;
}
