import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { namespaceRefusal, OnboardingSettings } from './settings';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** Another service this one calls: pods labelled `backstage.io/kubernetes-id=<name>`. */
export interface Dependency {
  /** As written in the input, e.g. `minio`, `data-platform/postgres:5432`. */
  ref: string;
  /** Undefined: the service's own namespace. */
  namespace?: string;
  name: string;
  /** Undefined: any port of those pods. */
  port?: number;
}

/** Validated input every generator works from. */
export interface OnboardingSpec {
  name: string;
  namespace: string;
  owner?: string;
  hosts: string[];
  /** KV path relative to the KV mount (the `vault.io/secrets-path` annotation). */
  secretsPath: string;
  dependencies: Dependency[];
  /** Ports the service listens on; the first one backs the Ingress. */
  ports: number[];
}

function dnsLabelIssue(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 63)
    return `'${value}' is ${value.length} characters; at most 63 are allowed`;
  if (!DNS_LABEL.test(value)) {
    return `'${value}' is not a DNS-1123 label: use lowercase letters, digits and '-', starting and ending with a letter or digit`;
  }
  return undefined;
}

function hostIssue(host: string): string | undefined {
  if (host.includes('*')) {
    return `'${host}' is a wildcard; wildcard hosts are not onboarded (a wildcard certificate needs a DNS-01 solver): list each host explicitly`;
  }
  if (host.length > 253) return `'${host}' is longer than 253 characters`;
  const labels = host.split('.');
  if (labels.length < 2) {
    return `'${host}' is not a fully qualified DNS name (expected e.g. lakefs.254carbon.com)`;
  }
  const bad = labels.find(l => dnsLabelIssue(l) !== undefined);
  if (bad !== undefined) {
    return `'${host}' is not a valid DNS name: label '${bad}' must be 1-63 lowercase letters, digits or '-', not starting or ending with '-'`;
  }
  return undefined;
}

function secretsPathIssue(path: string): string | undefined {
  if (path.startsWith('/'))
    return `'${path}' must be relative to the KV mount (no leading '/')`;
  if (path.includes('*'))
    return `'${path}' must not contain '*'; name the service's own path`;
  const segments = path.split('/');
  if (segments.some(s => s === '..' || s === '.')) {
    return `'${path}' must not contain '.' or '..' segments`;
  }
  if (segments.some(s => s === ''))
    return `'${path}' has an empty segment (a doubled or trailing '/')`;
  const bad = segments.find(s => !SAFE_SEGMENT.test(s));
  if (bad !== undefined) {
    return `'${path}' has an invalid segment '${bad}': use letters, digits, '.', '_' and '-'`;
  }
  return undefined;
}

const DEPENDENCY = /^(?:([^/:]+)\/)?([^/:]+)(?::(\d+))?$/;

function parseDependency(ref: string): Dependency | string {
  const m = DEPENDENCY.exec(ref);
  if (!m) {
    return `'${ref}' is not a dependency: write <name>, <namespace>/<name>, optionally followed by :<port>`;
  }
  const [, namespace, name, port] = m;
  const issue =
    (namespace !== undefined ? dnsLabelIssue(namespace) : undefined) ??
    dnsLabelIssue(name);
  if (issue) return `'${ref}': ${issue}`;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    return `'${ref}': port ${port} is outside 1-65535`;
  }
  return {
    ref,
    namespace,
    name,
    port: port !== undefined ? Number(port) : undefined,
  };
}

/** The zod schema of the input, bound to the namespace allow-list of the config. */
export function onboardingInputSchema(settings: OnboardingSettings) {
  return z
    .object({
      name: z
        .string({ required_error: 'is required' })
        .superRefine((v, ctx) => {
          const issue = dnsLabelIssue(v);
          if (issue) ctx.addIssue({ code: 'custom', message: issue });
        }),
      namespace: z
        .string({ required_error: 'is required' })
        .superRefine((v, ctx) => {
          const issue = dnsLabelIssue(v) ?? namespaceRefusal(v, settings);
          if (issue) ctx.addIssue({ code: 'custom', message: issue });
        }),
      owner: z
        .string()
        .superRefine((v, ctx) => {
          try {
            parseEntityRef(v, {
              defaultKind: 'group',
              defaultNamespace: 'default',
            });
          } catch (e) {
            ctx.addIssue({
              code: 'custom',
              message: `'${v}' is not an entity ref (expected e.g. group:default/data-platform): ${
                (e as Error).message
              }`,
            });
          }
        })
        .optional(),
      hosts: z
        .array(
          z.string().superRefine((v, ctx) => {
            const issue = hostIssue(v);
            if (issue) ctx.addIssue({ code: 'custom', message: issue });
          }),
        )
        .default([])
        .superRefine((v, ctx) => {
          const dup = v.find((h, i) => v.indexOf(h) !== i);
          if (dup)
            ctx.addIssue({
              code: 'custom',
              message: `'${dup}' is listed twice`,
            });
        }),
      secretsPath: z
        .string()
        .superRefine((v, ctx) => {
          const issue = secretsPathIssue(v);
          if (issue) ctx.addIssue({ code: 'custom', message: issue });
        })
        .optional(),
      dependencies: z
        .array(
          z.string().transform((v, ctx) => {
            const dep = parseDependency(v);
            if (typeof dep === 'string') {
              ctx.addIssue({ code: 'custom', message: dep });
              return z.NEVER;
            }
            return dep;
          }),
        )
        .default([]),
      ports: z
        .array(
          z
            .number({ invalid_type_error: 'must be a port number' })
            .int('must be a whole number')
            .min(1, 'must be between 1 and 65535')
            .max(65535, 'must be between 1 and 65535'),
        )
        .min(1, 'needs at least one port')
        .default([8080]),
    })
    .superRefine((v, ctx) => {
      // The service's secrets live under its own prefix: a template user must not be able to
      // grant a new service read access to another service's path.
      const own = `${v.namespace}/${v.name}`;
      if (v.secretsPath && v.secretsPath !== own && !v.secretsPath.startsWith(`${own}/`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['secretsPath'],
          message: `'${v.secretsPath}' is outside the service's own path: leave it empty for ${own}, or use a path under it (e.g. ${own}/db)`,
        });
      }
    })
    .transform(
      (v): OnboardingSpec => ({
        name: v.name,
        namespace: v.namespace,
        owner: v.owner,
        hosts: v.hosts,
        secretsPath: v.secretsPath ?? `${v.namespace}/${v.name}`,
        dependencies: v.dependencies,
        ports: [...new Set(v.ports)],
      }),
    );
}

function fieldPath(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => {
    if (typeof p === 'number') return `${acc}[${p}]`;
    return acc ? `${acc}.${p}` : p;
  }, '');
}

/**
 * Validates an action's input. Throws an InputError listing every problem as
 * "<field>: <what is wrong and how to fix it>".
 */
export function parseOnboardingInput(
  input: Record<string, unknown>,
  settings: OnboardingSettings,
  actionId: string,
): OnboardingSpec {
  const result = onboardingInputSchema(settings).safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    i => `${fieldPath(i.path) || '(input)'}: ${i.message}`,
  );
  throw new InputError(`Invalid input to ${actionId}: ${problems.join('; ')}`);
}

export type Mode = 'write' | 'apply';

export interface Delivery {
  mode: Mode;
  targetPath: string;
  /** Take over an existing Vault role/policy not written for this service (needs a permission). */
  adopt: boolean;
  /** Apply a namespace-wide default-deny even though running pods would be isolated by it. */
  confirmDefaultDeny: boolean;
}

/** How the bundle is delivered, checked before anything is generated. */
export function parseDelivery(
  input: { mode?: unknown; targetPath?: unknown; adopt?: unknown; confirmDefaultDeny?: unknown },
  actionId: string,
): Delivery {
  const { mode = 'write', targetPath = '.', adopt = false, confirmDefaultDeny = false } = input;
  const problems: string[] = [];
  if (typeof adopt !== 'boolean') problems.push('adopt: must be true or false');
  if (typeof confirmDefaultDeny !== 'boolean') {
    problems.push('confirmDefaultDeny: must be true or false');
  }
  if (mode !== 'write' && mode !== 'apply') {
    problems.push(
      `mode: '${String(
        mode,
      )}' is not a mode; use 'write' (files for a pull request) or 'apply' (server-side apply and Vault writes)`,
    );
  }
  if (typeof targetPath !== 'string') {
    problems.push('targetPath: must be a string');
  } else if (
    targetPath.startsWith('/') ||
    /^[A-Za-z]:/.test(targetPath) ||
    targetPath.split(/[\\/]/).includes('..')
  ) {
    problems.push(
      `targetPath: '${targetPath}' must be a relative path inside the workspace, without '..'`,
    );
  }
  if (problems.length)
    throw new InputError(
      `Invalid input to ${actionId}: ${problems.join('; ')}`,
    );
  return {
    mode: mode as Mode,
    targetPath: targetPath as string,
    adopt: adopt as boolean,
    confirmDefaultDeny: confirmDefaultDeny as boolean,
  };
}
