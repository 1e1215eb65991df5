import { promises as fs } from 'fs';
import { join, relative } from 'path';
import { Composer, Parser } from 'yaml';
import { ClusterSnapshot, KINDS, KindId, KubeObject, Read, failed, ok } from '../facts';
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

/** Offsets where each line starts, so a position lookup is a binary search, not a re-scan. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionIn(starts: number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo] + 1 };
}

const positionOf = (text: string, offset: number) => positionIn(lineStarts(text), offset);

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
  const starts = lineStarts(text);
  const out: ManifestDocument[] = [];
  // One document at a time: each one's syntax tree is garbage as soon as its value is taken, so a
  // large file does not hold every document's tree at once (those trees outlived young-generation
  // collections and grew the old generation by ~100 MB per 1,000 services on a cold sweep).
  const composer = new Composer();
  for (const doc of composer.compose(new Parser().parse(text), true, text.length)) {
    const [error] = doc.errors;
    if (error) {
      const at = positionIn(starts, error.pos[0]);
      throw new Error(
        `${file}:${at.line}:${at.col}: invalid YAML: ${error.message.split('\n')[0]}`,
      );
    }
    const value = doc.toJS();
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    if (value !== null && value !== undefined) {
      out.push({ value, line: positionIn(starts, start).line });
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

/**
 * One file as read: its objects already sanitised and sorted by kind (a one-file snapshot), and
 * the documents skipped. The raw parse is not kept: memory holds each object once.
 */
interface CachedFile {
  size: number;
  mtimeMs: number;
  snapshot: ClusterSnapshot;
  objects: number;
  warnings: string[];
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

  const parts: CachedFile[] = [];
  for (const [i, file] of files.entries()) {
    const { size, mtimeMs } = stats[i];
    let entry = cache.files.get(file);
    if (!entry || entry.size !== size || entry.mtimeMs !== mtimeMs) {
      entry = await readFile(dir, file, cluster, size, mtimeMs);
      cache.files.set(file, entry);
    }
    parts.push(entry);
  }
  const objects = parts.reduce((n, p) => n + p.objects, 0);
  if (objects === 0) {
    throw new Error(
      `cluster folder ${relative(dir, root) || cluster} holds no Kubernetes objects${
        files.length ? ` (${files.length} files read)` : ' (no .yaml, .yml or .json file)'
      }`,
    );
  }
  const snapshot = mergeFileSnapshots(cluster, parts.map(p => p.snapshot));
  const warnings = parts.flatMap(p => p.warnings);
  if (warnings.length) snapshot.warnings = warnings;
  cache.clusters.set(cluster, { key, snapshot });
  return snapshot;
}

async function readFile(
  dir: string,
  file: string,
  cluster: string,
  size: number,
  mtimeMs: number,
): Promise<CachedFile> {
  const shown = relative(dir, file);
  const docs = parseManifestDocuments(await fs.readFile(file, 'utf8'), shown);
  const kept: unknown[] = [];
  const warnings: string[] = [];
  for (const doc of docs) {
    if (isKubernetesObject(doc.value)) kept.push(doc.value);
    else {
      warnings.push(
        `${shown}:${doc.line}: not a Kubernetes object (no apiVersion and kind); skipped`,
      );
    }
  }
  let snapshot: ClusterSnapshot;
  try {
    // Copied although nothing else holds these documents: the YAML parser's strings are slices of
    // the file's text, so objects kept as parsed would keep every file's whole text alive (90 MB
    // more live heap at 5,000 services); the copy's strings are their own.
    snapshot = snapshotFromObjects(cluster, kept);
  } catch (e) {
    throw new Error(`${shown}: ${(e as Error).message}`);
  }
  return { size, mtimeMs, snapshot, objects: kept.length, warnings };
}

/**
 * One cluster from its files' snapshots: a kind is present when any file has it (its objects, or
 * its CustomResourceDefinition), as if every object had been read together.
 */
function mergeFileSnapshots(cluster: string, parts: ClusterSnapshot[]): ClusterSnapshot {
  const kinds = {} as Record<KindId, Read<KubeObject[]>>;
  for (const spec of KINDS) {
    const reads = parts.map(p => p.kinds[spec.id]);
    const present = reads.filter(r => r.state === 'ok');
    kinds[spec.id] = present.length
      ? ok(present.flatMap(r => (r.state === 'ok' ? r.value : [])))
      : reads.find(r => r.state !== 'ok') ?? ok([]);
  }
  return { cluster, fetchedAt: new Date().toISOString(), kinds, apiCalls: 0 };
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

/** Where one object of a manifests directory is written: its file and the line its document starts on. */
export interface ManifestLocation {
  /** The cluster folder the file is in. */
  cluster: string;
  /** The object's kind, e.g. `Deployment`. */
  kind: string;
  /** metadata.namespace; undefined for cluster-scoped objects (or namespaced ones written without it). */
  namespace?: string;
  /** metadata.name. */
  name: string;
  /** Absolute path of the file. */
  file: string;
  /** 1-based line the object's YAML document (or its List) starts on. */
  line: number;
}

/**
 * Every Kubernetes object of a manifests directory (laid out as `loadManifestsDirectory` reads it)
 * with its file and line, so a report can point at the object at fault. Kept apart from the
 * snapshots so the engine's inputs and outputs stay the same; a file that cannot be parsed is
 * left out here (the sweep already reports that cluster as unreadable).
 */
export async function locateManifestObjects(dir: string): Promise<ManifestLocation[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const out: ManifestLocation[] = [];
  for (const cluster of entries.filter(e => e.isDirectory()).map(e => e.name).sort()) {
    for (const file of await listFiles(join(dir, cluster))) {
      let docs: ManifestDocument[];
      try {
        docs = parseManifestDocuments(await fs.readFile(file, 'utf8'), file);
      } catch {
        continue;
      }
      for (const doc of docs) {
        const value = doc.value as any;
        if (!isKubernetesObject(value)) continue;
        // A List document holds its objects under items; they all start at the List's line.
        const objects: any[] =
          value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
        for (const o of objects) {
          if (!isKubernetesObject(o) || typeof o.metadata?.name !== 'string') continue;
          out.push({
            cluster,
            kind: o.kind,
            namespace: o.metadata.namespace,
            name: o.metadata.name,
            file,
            line: doc.line,
          });
        }
      }
    }
  }
  return out;
}
