import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RenderedFile } from './render';

export type WriteResult = 'created' | 'updated' | 'unchanged';

export interface WrittenFile {
  path: string;
  result: WriteResult;
}

/** Resolves every path inside the workspace first, so a bad targetPath writes nothing at all. */
export function resolveInWorkspace(
  workspacePath: string,
  files: RenderedFile[],
) {
  return files.map(f => {
    try {
      return { ...f, absolute: resolveSafeChildPath(workspacePath, f.path) };
    } catch {
      throw new InputError(
        `targetPath: '${f.path}' resolves outside the workspace; use a relative path without '..'`,
      );
    }
  });
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Writes the files and says for each whether it was created, changed or already identical, so a
 * re-run is visibly a no-op.
 */
export async function writeFiles(
  workspacePath: string,
  files: RenderedFile[],
): Promise<WrittenFile[]> {
  const resolved = resolveInWorkspace(workspacePath, files);
  const results: WrittenFile[] = [];
  for (const f of resolved) {
    const existing = await readIfExists(f.absolute);
    let result: WriteResult = 'unchanged';
    if (existing === undefined) result = 'created';
    else if (existing !== f.content) result = 'updated';
    if (result !== 'unchanged') {
      await fs.mkdir(path.dirname(f.absolute), { recursive: true });
      await fs.writeFile(f.absolute, f.content, 'utf8');
    }
    results.push({ path: f.path, result });
  }
  return results;
}
