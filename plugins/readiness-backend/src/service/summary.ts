import {
  CheckStatus,
  getCheck,
  Layer,
  LAYERS,
  PlatformReadiness,
  scoreResults,
  ServiceSummaryRow,
  SummaryQuery,
  SummaryResponse,
  summaryAggregate,
} from '@254carbon/plugin-readiness-common';
import type { ReadinessStore } from '../store/ReadinessStore';
import type { Visibility } from './EntityVisibility';
import type { SummaryEntry } from './summaryEntry';

export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 100;

type Entry = SummaryEntry & { stale: boolean };

/** The summary's query plus what only the report filters on (a cluster the service runs in). */
export type ScopedQuery = SummaryQuery & { cluster?: string };

/** The services one caller and query select, with everything computed over them. */
export interface ScopedSummary {
  /** Matching entries in the query's sort order. */
  entries: Entry[];
  aggregate: SummaryResponse['aggregate'];
  platform?: PlatformReadiness;
  lastSweep?: SummaryResponse['lastSweep'];
}

interface Snapshot {
  revision: number;
  entries: Entry[];
  /** Entity refs of `entries`, in the same order (what visibility is resolved for). */
  refs: string[];
  facets: SummaryResponse['facets'];
  platform?: PlatformReadiness;
  platformLayers: Record<Layer, number | null>;
  platformOverall: number | null;
  /** Filtered, sorted and aggregated views of this revision, by visibility and query. */
  views: Map<string, View>;
  /** Serialised pages of those views (GET /summary's body without lastSweep), by view and page. */
  pages: Map<string, string>;
  /** Characters held in `pages`. */
  pageChars: number;
}

/** Everything about one (visibility, filter, sort) combination but the page. */
interface View {
  /** Identifies the view within its snapshot (visibility key, filters, sort). */
  key: string;
  matching: Entry[];
  aggregate: SummaryResponse['aggregate'];
  facets: SummaryResponse['facets'];
}

/** Views kept per revision; the least recently used goes first. */
const MAX_VIEWS = 256;
/** Serialised pages kept per revision, in characters (about 8 MB of one-byte JSON); the oldest go first. */
const MAX_PAGE_CHARS = 8_000_000;

function pageOf(query: SummaryQuery) {
  return {
    offset: Math.max(0, query.offset ?? 0),
    limit: Math.min(MAX_LIMIT, Math.max(1, query.limit ?? DEFAULT_LIMIT)),
  };
}

const distinct = (values: (string | undefined)[]) =>
  [...new Set(values.filter((v): v is string => Boolean(v)))].sort();

/** Nulls last whatever the direction: a service with nothing scored is not "best" or "worst". */
function compareNullable(a: number | null, b: number | null, dir: number): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a - b) * dir;
}

function matches(entry: Entry, query: ScopedQuery, q?: string): boolean {
  const { row } = entry;
  if (query.cluster && !(entry.clusters ?? []).includes(query.cluster)) return false;
  if (query.owner && row.owner !== query.owner) return false;
  if (query.system && row.system !== query.system) return false;
  if (query.lifecycle && row.lifecycle !== query.lifecycle) return false;
  if (query.namespace && !entry.namespaces.includes(query.namespace)) return false;
  if (q && !row.entityRef.toLocaleLowerCase().includes(q) && !row.title?.toLocaleLowerCase().includes(q)) {
    return false;
  }
  if (query.check) {
    const status = entry.statuses[query.check];
    return query.status ? status === query.status : status === 'fail';
  }
  if (query.status || query.layer) {
    // A layer alone keeps services with a problem (fail, warn, unknown) in that layer.
    const wanted = (s: CheckStatus) =>
      query.status ? s === query.status : s === 'fail' || s === 'warn' || s === 'unknown';
    return Object.entries(entry.statuses).some(
      ([checkId, status]) =>
        wanted(status) &&
        !entry.exempt.includes(checkId) &&
        (!query.layer || getCheck(checkId)?.layer === query.layer),
    );
  }
  return true;
}

function sorter(sort: string | undefined): (a: Entry, b: Entry) => number {
  const key = (sort ?? 'overall').replace(/^-/, '');
  const dir = sort?.startsWith('-') ? -1 : 1;
  const byName = (a: Entry, b: Entry) => a.row.entityRef.localeCompare(b.row.entityRef);
  if (key === 'name') return (a, b) => byName(a, b) * dir;
  if ((LAYERS as readonly string[]).includes(key)) {
    const layer = key as Layer;
    return (a, b) => compareNullable(a.row.layers[layer], b.row.layers[layer], dir) || byName(a, b);
  }
  return (a, b) => compareNullable(a.row.overall, b.row.overall, dir) || byName(a, b);
}

/**
 * Builds GET /summary from the latest results. Everything is cached per store revision (one
 * cheap query per request tells whether a sweep or a refresh wrote since): the parsed entries,
 * and each filtered, sorted and aggregated view a caller asked for, so the next page of the same
 * view, or the same view for another client, is a slice.
 */
export class SummaryService {
  /**
   * The newest snapshot asked for, by the revision its first caller probed. Concurrent callers
   * share it; a caller that probed an older revision (its probe finished before a later one)
   * takes it too, so an older snapshot never replaces a newer one and nobody builds twice.
   */
  private current?: { revision: number; snapshot: Promise<Snapshot> };
  /** The freshness probe in flight, shared by concurrent requests (one query pair, not twenty). */
  private probe?: Promise<{ revision: number; lastSweep: SummaryResponse['lastSweep'] }>;

  constructor(private readonly store: ReadinessStore) {}

  private fresh() {
    this.probe ??= Promise.all([this.store.getRevision(), this.store.lastSweep()])
      .then(([revision, lastSweep]) => ({ revision, lastSweep }))
      .finally(() => {
        this.probe = undefined;
      });
    return this.probe;
  }

  private load(revision: number): Promise<Snapshot> {
    if (this.current && this.current.revision >= revision) return this.current.snapshot;
    const entry = { revision, snapshot: this.build() };
    this.current = entry;
    // A failed build is not kept: the next caller tries again.
    entry.snapshot.catch(() => {
      if (this.current === entry) this.current = undefined;
    });
    return entry.snapshot;
  }

  private async build(): Promise<Snapshot> {
    const [{ revision, entries }, platform] = await Promise.all([
      this.store.getSummaryEntries(),
      this.store.getPlatform(),
    ]);
    const scores = platform ? scoreResults(platform.checks) : undefined;
    return {
      revision,
      entries,
      refs: entries.map(e => e.row.entityRef),
      platform,
      platformOverall: scores?.overall.percent ?? null,
      platformLayers: Object.fromEntries(
        LAYERS.map(l => [l, scores?.layers[l].percent ?? null]),
      ) as Record<Layer, number | null>,
      facets: facetsOf(entries),
      views: new Map(),
      pages: new Map(),
      pageChars: 0,
    };
  }

  /**
   * Builds the current revision's snapshot and its unfiltered view ahead of the first request,
   * so after a sweep or a refresh no caller waits for thousands of entries to be read and sorted.
   */
  async prime(): Promise<void> {
    const { revision } = await this.fresh();
    const snapshot = await this.load(revision);
    this.view(snapshot, { all: true, key: 'all' }, {});
  }

  /**
   * The summary as seen by a caller who may read `visibility`'s entities (resolved from the
   * permission policy by the caller of this method): rows, totals, facets and aggregates are all
   * computed over those entities only.
   */
  async summary(
    query: SummaryQuery,
    visibility: (refs: string[]) => Promise<Visibility> = async () => ({ all: true, key: 'all' }),
  ): Promise<SummaryResponse> {
    const { lastSweep, view } = await this.select(query, visibility);
    return { ...page(view, pageOf(query)), lastSweep };
  }

  /**
   * `summary` serialised, for GET /summary: a page of a view is serialised once per revision and
   * shared by every caller who reads it (only the last sweep's state, which a starting sweep
   * changes without a new revision, is added per request).
   */
  async summaryJson(
    query: SummaryQuery,
    visibility: (refs: string[]) => Promise<Visibility> = async () => ({ all: true, key: 'all' }),
  ): Promise<string> {
    const { lastSweep, view, snapshot } = await this.select(query, visibility);
    const { offset, limit } = pageOf(query);
    const key = `${view.key}|${offset}|${limit}`;
    let body = snapshot.pages.get(key);
    if (body === undefined) {
      body = JSON.stringify(page(view, { offset, limit }));
      snapshot.pages.set(key, body);
      snapshot.pageChars += body.length;
      for (const [oldest, text] of snapshot.pages) {
        if (snapshot.pageChars <= MAX_PAGE_CHARS || oldest === key) break;
        snapshot.pages.delete(oldest);
        snapshot.pageChars -= text.length;
      }
    }
    return lastSweep === undefined ? body : `${body.slice(0, -1)},"lastSweep":${JSON.stringify(lastSweep)}}`;
  }

  /**
   * The same selection as `summary` (visibility, filters, sort, aggregates) without paging, for
   * readers that need every matching entry, e.g. the status report: one way of computing numbers.
   */
  async scoped(
    query: ScopedQuery,
    visibility: (refs: string[]) => Promise<Visibility> = async () => ({ all: true, key: 'all' }),
  ): Promise<ScopedSummary> {
    const { lastSweep, view, snapshot } = await this.select(query, visibility);
    return {
      entries: view.matching,
      aggregate: view.aggregate,
      platform: snapshot.platform,
      lastSweep,
    };
  }

  private async select(
    query: ScopedQuery,
    visibility: (refs: string[]) => Promise<Visibility>,
  ) {
    const { revision, lastSweep } = await this.fresh();
    const snapshot = await this.load(revision);
    const visible = await visibility(snapshot.refs);
    return { lastSweep, snapshot, view: this.view(snapshot, visible, query) };
  }

  private view(snapshot: Snapshot, visible: Visibility, query: ScopedQuery): View {
    const q = query.q?.trim().toLocaleLowerCase() || undefined;
    const key = JSON.stringify([
      visible.key,
      query.owner,
      query.system,
      query.namespace,
      query.lifecycle,
      query.layer,
      query.status,
      query.check,
      query.cluster,
      q,
      query.sort ?? 'overall',
    ]);
    const hit = snapshot.views.get(key);
    if (hit) {
      // Map order is insertion order: re-inserting marks it most recently used.
      snapshot.views.delete(key);
      snapshot.views.set(key, hit);
      return hit;
    }
    const view = this.buildView(key, snapshot, visible, query, q);
    snapshot.views.set(key, view);
    if (snapshot.views.size > MAX_VIEWS) {
      snapshot.views.delete(snapshot.views.keys().next().value as string);
    }
    return view;
  }

  private buildView(
    key: string,
    snapshot: Snapshot,
    visible: Visibility,
    query: ScopedQuery,
    q?: string,
  ): View {
    const readable = visible.all
      ? snapshot.entries
      : snapshot.entries.filter(e => visible.refs.has(e.row.entityRef));
    const matching = readable.filter(e => matches(e, query, q));
    matching.sort(sorter(query.sort));
    return {
      key,
      matching,
      aggregate: aggregate(matching, snapshot),
      facets: visible.all ? snapshot.facets : facetsOf(readable),
    };
  }
}

/** One page of a view: GET /summary's body but the last sweep. */
function page(view: View, { offset, limit }: { offset: number; limit: number }) {
  const items: ServiceSummaryRow[] = view.matching
    .slice(offset, offset + limit)
    .map(e => ({ ...e.row, stale: e.stale }));
  return {
    items,
    totalCount: view.matching.length,
    offset,
    limit,
    aggregate: view.aggregate,
    facets: view.facets,
  };
}

function facetsOf(entries: Entry[]): SummaryResponse['facets'] {
  return {
    owners: distinct(entries.map(e => e.row.owner)),
    systems: distinct(entries.map(e => e.row.system)),
    namespaces: distinct(entries.flatMap(e => e.namespaces)),
    lifecycles: distinct(entries.map(e => e.row.lifecycle)),
  };
}

// One aggregate for /summary and the status report (and the CI audit's report).
function aggregate(entries: Entry[], snapshot: Snapshot): SummaryResponse['aggregate'] {
  return summaryAggregate(
    entries,
    snapshot.platform && { overall: snapshot.platformOverall, layers: snapshot.platformLayers },
  );
}
