/** KV v2 sub-paths: `<mount>/<kind>/<secret path>`. */
const KV_V2_KINDS = [
  'data',
  'metadata',
  'subkeys',
  'delete',
  'undelete',
  'destroy',
];

/**
 * Self-service token and lease endpoints every token needs (they are in Vault's own `default`
 * policy); granting them again is not access to `sys/` or `auth/`.
 */
const SELF_ENDPOINTS = new Set([
  'auth/token/lookup-self',
  'auth/token/renew-self',
  'auth/token/revoke-self',
  'sys/capabilities-self',
  'sys/leases/renew',
  'sys/leases/lookup',
  'sys/renew',
]);

export type PathScope = 'wildcard-root' | 'system' | 'self' | 'own' | 'outside';

/**
 * Where a policy path points, relative to the service's own KV path. A glob (`*` suffix, `+`
 * segment) is judged by everything it can match, so `secret/data/doris*` reaches `doris-admin`
 * and is outside. Any path that is not the own KV v2 path family is `outside`: another
 * service's KV path and any other engine alike (database creds, PKI, transit…), unless config
 * allows it (see `allowedBy`).
 */
export function pathScope(
  path: string,
  kvMount: string,
  ownPath: string | undefined,
): PathScope {
  const p = path.replace(/^\/+/, '');
  if (/^[*+]/.test(p)) return 'wildcard-root';
  if (SELF_ENDPOINTS.has(p)) return 'self';
  if (
    p === 'sys' ||
    p.startsWith('sys/') ||
    p === 'auth' ||
    p.startsWith('auth/')
  )
    return 'system';
  if (!ownPath) return 'outside';
  const mount = kvMount.replace(/^\/+|\/+$/g, '');
  const own = ownPath.replace(/^\/+|\/+$/g, '');
  const glob = p.endsWith('*');
  const body = glob ? p.slice(0, -1) : p;
  if (body.includes('+') || body.includes('*')) return 'outside';
  for (const kind of KV_V2_KINDS) {
    const root = `${mount}/${kind}/${own}`;
    if (
      glob
        ? body.startsWith(`${root}/`)
        : body === root || body.startsWith(`${root}/`)
    )
      return 'own';
  }
  return 'outside';
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The allowed pattern (from `thresholds.vaultAllowedPaths`, placeholders filled in) that covers
 * every path `path` can match, or undefined. A pattern's `+` matches one segment and a final `*`
 * anything; a policy path ending in `*` is covered only by a pattern ending in `*`.
 */
export function allowedBy(
  path: string,
  patterns: readonly string[],
  values: { namespaces: readonly string[]; name?: string },
): string | undefined {
  const p = path.replace(/^\/+/, '');
  for (const raw of patterns) {
    if (raw.includes('{name}') && !values.name) continue;
    const namespaces = raw.includes('{namespace}') ? values.namespaces : [''];
    for (const ns of namespaces) {
      const pattern = raw
        .replace(/\{namespace\}/g, ns)
        .replace(/\{name\}/g, values.name ?? '')
        .replace(/^\/+/, '');
      const glob = pattern.endsWith('*');
      if (p.endsWith('*') && !glob) continue;
      const body = glob ? pattern.slice(0, -1) : pattern;
      const re = new RegExp(
        `^${body.split('+').map(escape).join('[^/]+')}${glob ? '.*' : ''}$`,
      );
      if (re.test(p)) return pattern;
    }
  }
  return undefined;
}
