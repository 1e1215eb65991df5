import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';

type FieldMap = NonNullable<
  NonNullable<TemplateActionOptions['schema']>['input']
>;
/** The zod the scaffolder hands to schema callbacks (its own copy, not this package's). */
type Z = Parameters<Extract<FieldMap, Record<string, unknown>>[string]>[0];
/**
 * A field as the scaffolder takes it. Annotated rather than inferred so the exported maps do not
 * name the scaffolder's private zod copy; the handlers validate the values themselves anyway.
 */
type Field = Extract<FieldMap, Record<string, unknown>>[string];

/**
 * The input fields as the scaffolder shows and documents them. They only describe: the handler
 * validates everything again (DNS names, the namespace allow-list, paths), since these schemas
 * become JSON Schema and lose the refinements.
 */
export const inputFields: Record<
  | 'name'
  | 'namespace'
  | 'owner'
  | 'hosts'
  | 'secretsPath'
  | 'dependencies'
  | 'ports'
  | 'mode'
  | 'targetPath'
  | 'adopt'
  | 'confirmDefaultDeny',
  Field
> = {
  name: (z: Z) =>
    z
      .string()
      .describe(
        'Service name (DNS-1123 label): the ServiceAccount, Vault role and policy, and the backstage.io/kubernetes-id',
      ),
  namespace: (z: Z) =>
    z
      .string()
      .describe(
        'Namespace to onboard into; must be in readiness.onboarding.allowedNamespaces',
      ),
  owner: (z: Z) =>
    z
      .string()
      .optional()
      .describe('Owner entity ref, e.g. group:default/data-platform'),
  hosts: (z: Z) =>
    z
      .array(z.string())
      .optional()
      .describe('Public DNS names served over TLS (no wildcards)'),
  secretsPath: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Vault KV path relative to the KV mount; default <namespace>/<name>',
      ),
  dependencies: (z: Z) =>
    z
      .array(z.string())
      .optional()
      .describe(
        'Services it calls: <name> or <namespace>/<name>, optionally :<port>',
      ),
  ports: (z: Z) =>
    z
      .array(z.number())
      .optional()
      .describe('Ports the service listens on; default [8080]'),
  mode: (z: Z) =>
    z
      .enum(['write', 'apply'])
      .optional()
      .describe(
        "'write' (default): files for a pull request; 'apply': server-side apply and Vault writes",
      ),
  targetPath: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Workspace directory the files are written under (write mode); default .',
      ),
  adopt: (z: Z) =>
    z
      .boolean()
      .optional()
      .describe(
        'apply mode: take over a Vault role or policy of the same name that this suite did not write for this service (needs the readiness.onboarding.adopt permission); default false',
      ),
  confirmDefaultDeny: (z: Z) =>
    z
      .boolean()
      .optional()
      .describe(
        'apply mode: apply the namespace-wide default-deny even though it cuts off running pods no other NetworkPolicy allows (they are listed in isolatedPods); default false',
      ),
};

const applied = (z: Z) =>
  z
    .array(
      z.object({
        kind: z.string(),
        namespace: z.string().optional(),
        name: z.string(),
        result: z.enum(['created', 'updated', 'unchanged']),
      }),
    )
    .describe(
      'apply mode: each object and Vault write, and whether it was created, updated or already identical',
    );

const files = (z: Z) =>
  z
    .array(
      z.object({
        path: z.string(),
        result: z.enum(['created', 'updated', 'unchanged']),
      }),
    )
    .describe('write mode: each file, relative to the workspace');

export const outputFields: Record<
  | 'applied'
  | 'files'
  | 'dryRun'
  | 'readiness'
  | 'catalogAnnotations'
  | 'podAnnotations'
  | 'ingressTls'
  | 'secretName'
  | 'vaultRole'
  | 'vaultPolicy'
  | 'serviceAccountName'
  | 'adopted'
  | 'isolatedPods',
  Field
> = {
  applied,
  files,
  dryRun: (z: Z) =>
    z.boolean().describe('Nothing was changed: the results say what would be'),
  readiness: (z: Z) =>
    z
      .object({
        passed: z.boolean(),
        covered: z.array(z.any()),
        notCovered: z.array(z.any()),
        assumptions: z.array(z.string()),
      })
      .describe('The readiness Security checks run over the generated objects'),
  catalogAnnotations: (z: Z) =>
    z.record(z.string()).describe('Annotations for catalog-info.yaml'),
  podAnnotations: (z: Z) =>
    z
      .record(z.string())
      .describe('Vault agent annotations for the pod template'),
  ingressTls: (z: Z) =>
    z
      .object({ hosts: z.array(z.string()), secretName: z.string() })
      .describe('The Ingress spec.tls entry serving the Certificate'),
  secretName: (z: Z) =>
    z.string().describe('The TLS secret the Certificate fills'),
  vaultRole: (z: Z) =>
    z.string().describe('auth/<mount>/role/<name> created for the service'),
  vaultPolicy: (z: Z) => z.string().describe('Name of the ACL policy'),
  serviceAccountName: (z: Z) =>
    z.string().describe('The ServiceAccount pods must run as'),
  adopted: (z: Z) =>
    z
      .array(z.string())
      .describe('apply mode with adopt: true: the existing Vault objects taken over'),
  isolatedPods: (z: Z) =>
    z
      .array(z.object({ name: z.string(), loses: z.array(z.string()) }))
      .describe(
        'apply mode with confirmDefaultDeny: true: the running pods the default-deny cuts off',
      ),
};
