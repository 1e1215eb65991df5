import { promises as fs } from 'fs';
import { join, relative } from 'path';
import { parseAllDocuments } from 'yaml';
import { ClusterSnapshot, KINDS, KindId, KubeObject, Read, failed } from '../facts';
import { snapshotFromObjects } from './snapshotFromObjects';

const MANIFEST = /\.(ya?ml|json)$/i;

/** One document of a manifest file, with the line it starts on (for warnings and SARIF). */
export interface ManifestDocument {
  value: unknown;
  line: number;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile() && MANIFEST.test(entry.name)) files.push(path);
  }
  return files;
}

function positionOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

/**
 * Parses one manifest file into its documents; a syntax error throws naming the file, line,
 * column and the parser's message.
 */
export function parseManifestDocuments(text: string, file: string): ManifestDocument[] {
  if (/\.json$/i.test(file)) {
    try {
      return [{ value: JSON.parse(text), line: 1 }];
    } catch (e) {
      const message = (e as Error).message;
      const offset = /position (\d+)/.exec(message);
      const at = offset ? positionOf(text, Number(offset[1])) : undefined;
      throw new Error(
        `${file}${at ? `:${at.line}:${at.col}` : ''}: invalid JSON: ${message}`,
      );
    }
  }
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const out: ManifestDocument[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const [error] = doc.errors;
    if (error) {
      const at = error.linePos?.[0] ?? positionOf(text, error.pos[0]);
      throw new Error(
        `${file}:${at.line}:${at.col}: invalid YAML: ${error.message.split('\n')[0]}`,
      );
    }
    const value = doc.toJS();
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    if (value !== null && value !== undefined) {
      out.push({ value, line: positionOf(text, start).line });
    }
  }
  return out;
}

/** Parses one manifest file into plain objects; a syntax error names the file, line and column. */
export function parseManifestFile(text: string, file: string): unknown[] {
  return parseManifestDocuments(text, file).map(d => d.value);
}

const isKubernetesObject = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as any).apiVersion === 'string' &&
  typeof (v as any).kind === 'string';

interface CachedFile {
  size: number;
  mtimeMs: number;
  docs: ManifestDocument[];
}

/**
 * Parsed files and built snapshots kept between sweeps, keyed by file size and mtime, so an
 * unchanged GitOps checkout is not re-parsed (YAML parsing was half of a sweep's CPU).
 */
export class ManifestCache {
  readonly files = new Map<string, CachedFile>();
  readonly clusters = new Map<string, { key: string; snapshot: ClusterSnapshot }>();
}

/** A cluster that could not be read: every kind fails with the reason, so its checks are `unknown`. */
export function unreadableSnapshot(cluster: string, reason: string): ClusterSnapshot {
  const kinds = {} as Record<KindId, Read<KubeObject[]>>;
  for (const spec of KINDS) kinds[spec.id] = failed(reason);
  return {
    cluster,
    fetchedAt: new Date().toISOString(),
    kinds,
    apiCalls: 0,
    error: reason,
  };
}

async function readCluster(
  dir: string,
  cluster: string,
  cache: ManifestCache,
): Promise<ClusterSnapshot> {
  const root = join(dir, cluster);
  const files = await listFiles(root);
  const stats = await Promise.all(files.map(f => fs.stat(f)));
  const key = files
    .map((f, i) => `${f}:${stats[i].size}:${stats[i].mtimeMs}`)
    .join('|');
  const cached = cache.clusters.get(cluster);
  if (cached && cached.key === key) return cached.snapshot;

  const objects: unknown[] = [];
  const warnings: string[] = [];
  for (const [i, file] of files.entries()) {
    const shown = relative(dir, file);
    const { size, mtimeMs } = stats[i];
    let entry = cache.files.get(file);
    if (!entry || entry.size !== size || entry.mtimeMs !== mtimeMs) {
      const text = await fs.readFile(file, 'utf8');
      entry = { size, mtimeMs, docs: parseManifestDocuments(text, shown) };
      cache.files.set(file, entry);
    }
    const kept: unknown[] = [];
    for (const doc of entry.docs) {
      if (isKubernetesObject(doc.value)) kept.push(doc.value);
      else {
        warnings.push(
          `${shown}:${doc.line}: not a Kubernetes object (no apiVersion and kind); skipped`,
        );
      }
    }
    try {
      // Validates this file's objects alone so that an error names the file.
      snapshotFromObjects(cluster, kept);
    } catch (e) {
      throw new Error(`${shown}: ${(e as Error).message}`);
    }
    objects.push(...kept);
  }
  if (objects.length === 0) {
    throw new Error(
      `cluster folder ${relative(dir, root) || cluster} holds no Kubernetes objects${
        files.length ? ` (${files.length} files read)` : ' (no .yaml, .yml or .json file)'
      }`,
    );
  }
  const snapshot = snapshotFromObjects(cluster, objects);
  if (warnings.length) snapshot.warnings = warnings;
  cache.clusters.set(cluster, { key, snapshot });
  return snapshot;
}

/**
 * Reads a directory of manifests as clusters: each subdirectory is one cluster named after the
 * folder, holding `*.yaml`, `*.yml` and `*.json` files at any depth (multi-document YAML and
 * `List` documents allowed). Each cluster folder is read on its own: a file that cannot be read
 * or parsed makes THAT cluster unreadable (its snapshot carries `error` and every kind fails with
 * it), never the others. Documents that are not Kubernetes objects are skipped with a warning.
 * Throws only when the directory itself is unusable (missing, no cluster folders, files at its top).
 */
export async function loadManifestsDirectory(
  dir: string,
  cache: ManifestCache = new ManifestCache(),
): Promise<ClusterSnapshot[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new Error(
      `cannot read manifests directory ${dir}: ${(e as Error).message}`,
    );
  }
  const stray = entries
    .filter(e => e.isFile() && MANIFEST.test(e.name))
    .map(e => e.name);
  if (stray.length) {
    throw new Error(
      `manifests directory ${dir}: ${stray.join(
        ', ',
      )} must be inside a cluster folder (${dir}/<cluster>/…); each subdirectory is one cluster`,
    );
  }
  const clusters = entries
    .filter(e => e.isDirectory())
    .map(e => e.name)
    .sort();
  if (clusters.length === 0) {
    throw new Error(
      `manifests directory ${dir} holds no cluster folder (expected ${dir}/<cluster>/*.yaml)`,
    );
  }
  return Promise.all(
    clusters.map(cluster =>
      readCluster(dir, cluster, cache).catch(e => {
        cache.clusters.delete(cluster);
        return unreadableSnapshot(cluster, (e as Error).message);
      }),
    ),
  );
}
