import { promises as fs } from 'fs';
import { join, relative } from 'path';
import { parseAllDocuments } from 'yaml';
import type { ClusterSnapshot } from '../facts';
import { snapshotFromObjects } from './snapshotFromObjects';

const MANIFEST = /\.(ya?ml|json)$/i;

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

function lineOfOffset(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Parses one manifest file into plain objects; a syntax error names the file and line. */
export function parseManifestFile(text: string, file: string): unknown[] {
  if (/\.json$/i.test(file)) {
    try {
      return [JSON.parse(text)];
    } catch (e) {
      const message = (e as Error).message;
      const position = /position (\d+)/.exec(message);
      const line = position
        ? `:${lineOfOffset(text, Number(position[1]))}`
        : '';
      throw new Error(`${file}${line}: invalid JSON: ${message}`);
    }
  }
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const objects: unknown[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const [error] = doc.errors;
    if (error) {
      const line = error.linePos?.[0]?.line ?? lineOfOffset(text, error.pos[0]);
      throw new Error(
        `${file}:${line}: invalid YAML: ${error.message.split('\n')[0]}`,
      );
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) objects.push(value);
  }
  return objects;
}

/**
 * Reads a directory of manifests as clusters: each subdirectory is one cluster named after the
 * folder, holding `*.yaml`, `*.yml` and `*.json` files at any depth (multi-document YAML and
 * `List` documents allowed). Used to evaluate manifests before they are applied, and by tests.
 */
export async function loadManifestsDirectory(
  dir: string,
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
  const snapshots: ClusterSnapshot[] = [];
  const clusters = entries
    .filter(e => e.isDirectory())
    .map(e => e.name)
    .sort();
  for (const cluster of clusters) {
    const root = join(dir, cluster);
    const objects: unknown[] = [];
    for (const file of await listFiles(root)) {
      const text = await fs.readFile(file, 'utf8');
      const shown = relative(dir, file);
      const parsed = parseManifestFile(text, shown);
      try {
        // Validates this file's objects alone so that an error names the file.
        snapshotFromObjects(cluster, parsed);
      } catch (e) {
        throw new Error(`${shown}: ${(e as Error).message}`);
      }
      objects.push(...parsed);
    }
    snapshots.push(snapshotFromObjects(cluster, objects));
  }
  return snapshots;
}
