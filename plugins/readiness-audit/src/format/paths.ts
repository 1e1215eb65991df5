import { isAbsolute, relative, sep } from 'path';
import { pathToFileURL } from 'url';

/**
 * A file as reports show it: relative to the working directory with `/` separators (what CI
 * annotations and SARIF `%SRCROOT%` expect), or a file: URI when it lies outside it.
 */
export function shownPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return pathToFileURL(file).href;
  return rel.split(sep).join('/');
}
