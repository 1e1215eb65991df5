import { CustomErrorBase } from '@backstage/errors';

/**
 * 429 Too Many Requests. The backend's error handler takes the status from `statusCode`, so the
 * body keeps the standard Backstage error shape.
 */
export class TooManyRequestsError extends CustomErrorBase {
  readonly statusCode = 429;

  constructor(
    message: string,
    /** Whole seconds until the request may be repeated, for the Retry-After header. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * Allows one on-demand refresh per entity per interval. A refresh collects live facts from every
 * source for that entity, so repeating it in a loop would load the clusters and Vault; the
 * scheduled sweep keeps results current anyway. In-memory per replica: each replica protects
 * the sources from its own callers.
 */
export class RefreshLimiter {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a refresh of `entityRef`, or throws TooManyRequestsError if one was too recent. */
  take(entityRef: string): void {
    const now = this.now();
    const previous = this.last.get(entityRef);
    if (previous !== undefined && now - previous < this.intervalMs) {
      const retryAfterSeconds = Math.max(1, Math.ceil((previous + this.intervalMs - now) / 1000));
      throw new TooManyRequestsError(
        `${entityRef} was refreshed less than ${Math.round(this.intervalMs / 1000)} seconds ago; retry in ${retryAfterSeconds} seconds`,
        retryAfterSeconds,
      );
    }
    this.last.set(entityRef, now);
    if (this.last.size > 10_000) this.prune(now);
  }

  private prune(now: number) {
    for (const [ref, at] of this.last) {
      if (now - at >= this.intervalMs) this.last.delete(ref);
    }
  }
}
