import type { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { readinessReadPermission } from '@254carbon/plugin-readiness-common';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** Which measured entities a caller may read: all of them, or exactly `refs`. */
export type Visibility =
  | { all: true; key: 'all' }
  | {
      all: false;
      /** Changes whenever the set changes, so views computed from it can be cached by it. */
      key: string;
      refs: ReadonlySet<string>;
    };

/**
 * Decisions are fresh for this long per caller: what keeps /summary to one permission round trip
 * per caller and interval instead of one per request.
 */
export const VISIBILITY_TTL_MS = 10_000;

/**
 * Past the TTL, decisions are still served while a fresh set is computed in the background (a
 * conditional policy over thousands of entities takes seconds; no request waits for it), up to
 * this age. It bounds how long a revoked grant or a changed catalog ownership keeps showing rows.
 */
export const VISIBILITY_MAX_STALE_MS = 60_000;

/**
 * Refs per authorize call. The permission backend and the catalog's apply-conditions endpoint
 * parse JSON bodies with express' default 100 kB limit; 200 items with their conditions stay
 * well under it.
 */
const CHUNK = 200;

interface Cached {
  /** When the decision was asked for. */
  at: number;
  /** A fresh decision is being computed in the background. */
  revalidating?: boolean;
  decision: Promise<
    | { result: AuthorizeResult.ALLOW | AuthorizeResult.DENY }
    | { result: AuthorizeResult.CONDITIONAL; decided: Map<string, boolean> }
  >;
  /** The last visibility handed out, reused while the decided refs do not change. */
  last?: { refs: readonly string[]; visibility: Visibility };
  /** Authorization of new refs in flight, shared by concurrent requests of the same caller. */
  pending?: Promise<void>;
}

let generation = 0;

function principalKey(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
    accessRestrictions?: unknown;
  };
  if (p.type === 'user') return `user:${p.userEntityRef}`;
  if (p.type === 'service') return `service:${p.subject}:${JSON.stringify(p.accessRestrictions ?? null)}`;
  return p.type;
}

/**
 * Resolves which measured entities a caller may read under `readiness.read`, a resource
 * permission on catalog entities. One conditional query tells whether the policy allows all,
 * none, or depends on the entity; only in the last case are the entities authorized, in batches,
 * and the per-entity answers kept (fresh for VISIBILITY_TTL_MS, then renewed in the background).
 */
export class EntityVisibility {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly permissions: PermissionsService,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws NotAllowedError when the policy denies readiness.read outright. */
  async resolve(credentials: BackstageCredentials, refs: readonly string[]): Promise<Visibility> {
    const key = principalKey(credentials);
    const now = this.now();
    let cached = this.cache.get(key);
    if (!cached || now - cached.at >= VISIBILITY_MAX_STALE_MS) {
      if (this.cache.size > 1000) this.prune(now);
      cached = { at: now, decision: this.decide(credentials) };
      this.cache.set(key, cached);
      cached.decision.catch(() => this.cache.delete(key));
    } else if (now - cached.at >= VISIBILITY_TTL_MS && !cached.revalidating) {
      this.revalidate(key, credentials, cached, refs);
    }
    const decision = await cached.decision;
    if (!('decided' in decision)) {
      if (decision.result === AuthorizeResult.ALLOW) return { all: true, key: 'all' };
      throw new NotAllowedError(`Not allowed: ${readinessReadPermission.name} is required`);
    }
    const { decided } = decision;

    let asked = false;
    for (;;) {
      const unknown = refs.filter(ref => !decided.has(ref));
      if (!unknown.length) break;
      asked = true;
      const entry = cached;
      entry.pending ??= this.authorizeEach(credentials, unknown, decided).finally(() => {
        entry.pending = undefined;
      });
      await entry.pending;
    }
    if (cached.last && !asked && sameRefs(cached.last.refs, refs)) {
      return cached.last.visibility;
    }
    const visible = new Set(refs.filter(ref => decided.get(ref)));
    const visibility: Visibility = { all: false, key: `${key}#${++generation}`, refs: visible };
    cached.last = { refs, visibility };
    return visibility;
  }

  /** Computes a fresh decision for the caller's current entities and swaps it in when done. */
  private revalidate(
    key: string,
    credentials: BackstageCredentials,
    stale: Cached,
    refs: readonly string[],
  ) {
    stale.revalidating = true;
    const next: Cached = { at: this.now(), decision: this.decide(credentials) };
    (async () => {
      const decision = await next.decision;
      if ('decided' in decision) await this.authorizeEach(credentials, [...refs], decision.decided);
      if (this.cache.get(key) === stale) this.cache.set(key, next);
    })().catch(() => {
      // The stale decision stays until the next attempt (or VISIBILITY_MAX_STALE_MS).
      stale.revalidating = false;
    });
  }

  private async decide(credentials: BackstageCredentials): Promise<Awaited<Cached['decision']>> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: readinessReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return { result: AuthorizeResult.CONDITIONAL, decided: new Map() };
    }
    return { result: decision.result };
  }

  private async authorizeEach(
    credentials: BackstageCredentials,
    refs: string[],
    decided: Map<string, boolean>,
  ) {
    for (let i = 0; i < refs.length; i += CHUNK) {
      const chunk = refs.slice(i, i + CHUNK);
      const decisions = await this.permissions.authorize(
        chunk.map(resourceRef => ({ permission: readinessReadPermission, resourceRef })),
        { credentials },
      );
      chunk.forEach((ref, j) => decided.set(ref, decisions[j].result === AuthorizeResult.ALLOW));
    }
  }

  private prune(now: number) {
    for (const [key, entry] of this.cache) {
      if (now - entry.at >= VISIBILITY_MAX_STALE_MS) this.cache.delete(key);
    }
  }
}

function sameRefs(a: readonly string[], b: readonly string[]) {
  return a === b || (a.length === b.length && a.every((v, i) => v === b[i]));
}
