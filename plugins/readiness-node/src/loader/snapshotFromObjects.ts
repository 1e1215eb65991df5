import {
  ClusterSnapshot,
  KINDS,
  KindId,
  KindSpec,
  KubeObject,
  Read,
  absent,
  kindNotInstalled,
  ok,
} from '../facts';
import { sanitizeObject } from '../sanitize';
import { BUILT_IN_GROUPS, KIND_NAMES } from './kindNames';

export interface SnapshotOptions {
  /** When the objects were read (ISO); default now. */
  fetchedAt?: string;
  /**
   * CRDs known to be installed although their definition is not among the objects, as
   * `<plural>.<group>` (e.g. `schedules.velero.io`) or a whole group (e.g. `velero.io`).
   */
  installedCrds?: string[];
  /**
   * The caller owns the objects (freshly parsed, no other reference kept): they are sanitised in
   * place instead of copied. The input array itself is never changed.
   */
  owned?: boolean;
}

const crdName = (spec: KindSpec) => `${spec.plural}.${spec.group}`;

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `v1 List` and `<Kind>List` documents (kubectl get -o yaml) are flattened into their items. */
function flatten(objects: readonly unknown[]): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  for (const obj of objects) {
    if (!isObject(obj)) continue;
    if (
      typeof obj.kind === 'string' &&
      obj.kind.endsWith('List') &&
      Array.isArray(obj.items)
    ) {
      out.push(...flatten(obj.items));
    } else out.push(obj);
  }
  return out;
}

/**
 * Builds a cluster snapshot from plain Kubernetes objects (manifests, `kubectl get -o yaml`
 * output, test fixtures), the same shape the live collector produces:
 * - core kinds are read-and-empty (`ok([])`) when no object of the kind is given;
 * - CRD-backed kinds are `absent` unless their CustomResourceDefinition is among the objects,
 *   named in `installedCrds`, or objects of the kind are given;
 * - Secrets are dropped whatever they contain: the suite never holds a secret;
 * - every kept object is sanitised.
 * Objects of kinds the engine does not read (and documents without apiVersion/kind) are ignored.
 * Throws when an object of a collected kind has no `metadata.name`.
 */
export function snapshotFromObjects(
  cluster: string,
  objects: readonly unknown[],
  options: SnapshotOptions = {},
): ClusterSnapshot {
  const byKey = new Map<string, KindSpec>();
  for (const spec of KINDS)
    byKey.set(`${spec.group}|${KIND_NAMES[spec.id]}`, spec);

  const installed = new Set(options.installedCrds ?? []);
  const lists = new Map<KindId, KubeObject[]>();
  for (const spec of KINDS) lists.set(spec.id, []);

  flatten(objects).forEach((raw, index) => {
    const { apiVersion, kind } = raw;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') return;
    const group = groupOf(apiVersion);
    if (kind === 'Secret' && group === '') return;
    if (
      kind === 'CustomResourceDefinition' &&
      group === 'apiextensions.k8s.io'
    ) {
      const name = raw.metadata?.name;
      if (typeof name === 'string') installed.add(name);
      return;
    }
    const spec = byKey.get(`${group}|${kind}`);
    if (!spec) return;
    if (
      !isObject(raw.metadata) ||
      typeof raw.metadata.name !== 'string' ||
      !raw.metadata.name
    ) {
      throw new Error(
        `${kind} #${
          index + 1
        } (${apiVersion}) has no metadata.name; every Kubernetes object needs one`,
      );
    }
    lists
      .get(spec.id)!
      .push(sanitizeObject(raw, undefined, { owned: options.owned }) as KubeObject);
  });

  const kinds = {} as Record<KindId, Read<KubeObject[]>>;
  for (const spec of KINDS) {
    const items = lists.get(spec.id)!;
    const crdBacked = !BUILT_IN_GROUPS.has(spec.group);
    const present =
      !crdBacked ||
      items.length > 0 ||
      installed.has(crdName(spec)) ||
      installed.has(spec.group);
    kinds[spec.id] = present
      ? ok(items)
      : absent(kindNotInstalled(spec));
  }

  return {
    cluster,
    fetchedAt: options.fetchedAt ?? new Date().toISOString(),
    kinds,
    apiCalls: 0,
  };
}
