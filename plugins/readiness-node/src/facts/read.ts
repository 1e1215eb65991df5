/**
 * The outcome of reading one thing from one source. Every fact the engine sees is wrapped in this,
 * so a check can tell "read and empty" from "could not read" (→ `unknown`) from "not installed"
 * (e.g. no cert-manager CRDs → `n/a` or `fail`, as the check decides).
 */
export type Read<T> =
  | { state: 'ok'; value: T }
  /** The API kind does not exist on the server (404 on the list URL): CRD not installed. */
  | { state: 'absent'; reason: string }
  /** The source failed: timeout, 403, 5xx, connection refused, malformed response. */
  | { state: 'error'; message: string };

export const ok = <T>(value: T): Read<T> => ({ state: 'ok', value });
export const absent = <T = never>(reason: string): Read<T> => ({
  state: 'absent',
  reason,
});
export const failed = <T = never>(message: string): Read<T> => ({
  state: 'error',
  message,
});
