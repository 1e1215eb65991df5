import { promises as fs } from 'fs';
import { rootCertificates } from 'tls';
import { Agent, Dispatcher } from 'undici';

/** An HTTP answer read in full: status and parsed JSON (or the raw text when it is not JSON). */
export interface HttpResult {
  status: number;
  json?: any;
  text: string;
}

/**
 * A dispatcher trusting an extra CA (a private Vault or Prometheus), on top of the system's. Node's
 * global fetch is undici, so an undici Agent is how a custom CA reaches it.
 */
export async function dispatcherFor(caFile?: string): Promise<Dispatcher | undefined> {
  if (!caFile) return undefined;
  let ca: string;
  try {
    ca = await fs.readFile(caFile, 'utf8');
  } catch (e) {
    throw new Error(`cannot read CA file ${caFile}: ${(e as Error).message}`);
  }
  return new Agent({ connect: { ca: [...rootCertificates, ca] } });
}

/** Turns fetch's opaque "fetch failed" into the underlying reason (ECONNREFUSED, cert errors…). */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: any };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return `timed out after ${timeoutMs} ms`;
  }
  const cause = e?.cause;
  if (cause) {
    const code = cause.code ? `${cause.code}: ` : '';
    return `${code}${cause.message ?? String(cause)}`;
  }
  return e?.message ?? String(error);
}

/** GET/POST with a timeout; never throws on an HTTP status, only on transport failure. */
export async function httpRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs: number;
    dispatcher?: Dispatcher;
  },
): Promise<HttpResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
      // `dispatcher` is undici's extension of RequestInit, honoured by Node's fetch.
      ...(options.dispatcher ? ({ dispatcher: options.dispatcher } as object) : {}),
    });
  } catch (error) {
    throw new Error(describeFetchError(error, options.timeoutMs));
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new Error(describeFetchError(error, options.timeoutMs));
  }
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}
