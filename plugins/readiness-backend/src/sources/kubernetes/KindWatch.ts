import type * as https from 'https';
import * as http from 'http';
import * as httpsTransport from 'https';
import { KubeObject, ok, Read } from '@254carbon/plugin-readiness-node';

/** One sanitised object as kept between sweeps, with the resourceVersion it was read at. */
export interface Kept {
  rv: string;
  obj: KubeObject;
}

export interface KindWatchOptions {
  /** The kind's list path in the version the list was served in (`/apis/apps/v1/deployments`). */
  path: string;
  /** apiVersion and kind restored on watched objects, as on listed ones. */
  apiVersion: string;
  kind?: string;
  /** Turns a raw object into what is kept; raw objects (and any secret value) go no further. */
  sanitize: (raw: any) => KubeObject;
  /** Fresh request options (credentials) and server address for each (re)connection. */
  connect: () => Promise<{ server: string; base: https.RequestOptions }>;
  /** Server-side watch duration before a reconnect; jitter is added so kinds do not align. */
  timeoutSeconds: number;
  /** Called once when the watch stops being trustworthy, with why (for the log). */
  onLost: (reason: string) => void;
}

/**
 * Keeps one kind of one cluster current between sweeps, the way an informer does: it starts from
 * a complete list (its objects and resourceVersion), then applies the API server's watch events
 * from that resourceVersion on, so no change between the list and the watch is missed. A sweep
 * then reads the kept objects without a list call.
 *
 * It is `healthy` while every event since the list has been applied. A watch the server ends
 * normally (its timeout) reconnects from the last resourceVersion seen; anything else (410 Gone
 * when the version was compacted, a refused or dropped connection, 401/403) makes it unhealthy
 * and stops it, and the collector lists the kind again at the next sweep, reporting any failure
 * then, as without watches. Objects are sanitised as each event arrives: nothing raw is kept.
 */
export class KindWatch {
  private objects: Map<string, Kept>;
  private resourceVersion: string;
  private request?: http.ClientRequest;
  private stopped = false;
  private lost?: string;
  /** The Read handed out at the last sweep, reused while no event changed anything. */
  private read?: Read<KubeObject[]>;

  constructor(
    private readonly options: KindWatchOptions,
    listed: Map<string, Kept>,
    resourceVersion: string,
  ) {
    this.objects = listed;
    this.resourceVersion = resourceVersion;
  }

  get healthy(): boolean {
    return !this.stopped && !this.lost;
  }

  /** Why the watch stopped being trustworthy, if it did. */
  get lostReason(): string | undefined {
    return this.lost;
  }

  /**
   * The kind's objects as of now. The same Read object while nothing changed, so indexes built
   * from it at the previous sweep can be reused.
   */
  current(): Read<KubeObject[]> {
    this.read ??= ok([...this.objects.values()].map(k => k.obj));
    return this.read;
  }

  start(): void {
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.request?.destroy();
    this.request = undefined;
  }

  private fail(reason: string) {
    if (this.stopped || this.lost) return;
    this.lost = reason;
    this.request?.destroy();
    this.request = undefined;
    this.options.onLost(reason);
  }

  private async connect(): Promise<void> {
    if (!this.healthy) return;
    let target: { server: string; base: https.RequestOptions };
    try {
      target = await this.options.connect();
    } catch (e) {
      this.fail(`cannot prepare credentials: ${(e as Error).message}`);
      return;
    }
    if (!this.healthy) return;
    const jitter = Math.floor(Math.random() * this.options.timeoutSeconds * 0.2);
    const query = new URLSearchParams({
      watch: '1',
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(this.options.timeoutSeconds + jitter),
    });
    const url = new URL(`${this.options.path}?${query}`, target.server);
    const transport = url.protocol === 'http:' ? http : httpsTransport;
    const req = transport.request(url, {
      ...target.base,
      method: 'GET',
      headers: { ...target.base.headers, Accept: 'application/json' },
    });
    this.request = req;
    // A connection silent well past the server's own timeout is dead (a cut network sends nothing).
    req.setTimeout((this.options.timeoutSeconds + jitter + 30) * 1000, () =>
      this.fail(`the watch on ${this.options.path} went silent`),
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (req === this.request) this.fail(`watching ${this.options.path}: ${e.code ? `${e.code}: ` : ''}${e.message}`);
    });
    req.on('response', res => {
      if (res.statusCode !== 200) {
        res.resume();
        this.fail(`watching ${this.options.path} answered HTTP ${res.statusCode}`);
        return;
      }
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          if (line.trim()) this.apply(line);
          newline = buffered.indexOf('\n');
        }
      });
      res.on('end', () => {
        if (req !== this.request) return;
        this.request = undefined;
        // The server's timeout ended the watch: resume from where it stopped.
        if (this.healthy) void this.connect();
      });
      res.on('error', e => {
        if (req === this.request) this.fail(`watching ${this.options.path}: ${e.message}`);
      });
    });
    req.end();
  }

  private apply(line: string) {
    let event: { type?: string; object?: any };
    try {
      event = JSON.parse(line);
    } catch {
      this.fail(`the watch on ${this.options.path} sent a line that is not JSON`);
      return;
    }
    const object = event.object ?? {};
    const rv: string | undefined = object.metadata?.resourceVersion;
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED': {
        const uid: string | undefined = object.metadata?.uid;
        if (!uid || !rv) return;
        const obj = this.options.sanitize({
          ...object,
          apiVersion: object.apiVersion ?? this.options.apiVersion,
          kind: object.kind ?? this.options.kind,
        });
        this.objects.set(uid, { rv, obj });
        this.read = undefined;
        this.resourceVersion = rv;
        return;
      }
      case 'DELETED': {
        const uid: string | undefined = object.metadata?.uid;
        if (uid && this.objects.delete(uid)) this.read = undefined;
        if (rv) this.resourceVersion = rv;
        return;
      }
      case 'BOOKMARK':
        if (rv) this.resourceVersion = rv;
        return;
      case 'ERROR':
        // A Status: 410 Gone when the resourceVersion was compacted away, or another failure.
        this.fail(
          `the watch on ${this.options.path} ended with ${object.code ?? 'an error'}: ${object.message ?? object.reason ?? 'no message'}`,
        );
        return;
      default:
        return;
    }
  }
}
