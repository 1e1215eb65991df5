import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CheckStatus,
  HistoryPoint,
  PlatformReadiness,
  ServiceReadiness,
  SweepInfo,
} from '@254carbon/plugin-readiness-common';
import type { Knex } from 'knex';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ClusterSnapshot } from '@254carbon/plugin-readiness-node';
import type { SummaryEntry } from '../service/summaryEntry';
import { PreparedService, prepareService, summaryOf } from './prepareService';
import type {
  ChangesSince,
  ReadinessStore,
  StatusChanges,
  StoredCheckChange,
  StoredService,
  SweepOutcome,
} from './ReadinessStore';

const migrationsDir = resolvePackagePath(
  '@254carbon/plugin-readiness-backend',
  'migrations',
);

/** A history point is written when a score changes, and at least this often otherwise. */
const HISTORY_INTERVAL_MS = 60 * 60 * 1000;
/** Rows per INSERT: SQLite caps bound parameters per statement. */
const CHUNK = 200;
/** What changes every sweep, apart from the results (see migration 20261128140000_latest_times). */
const TIMES = 'readiness_latest_times';
/** Keys per `where entity_ref in (…)` update: well under SQLite's and PostgreSQL's bind limits. */
const UPDATE_CHUNK = 900;
/**
 * How far before a report's date the score at that date is looked for. A point is written at
 * least hourly while a service is swept, so its last point before the date lies within this.
 */
const BASELINE_LOOKBACK_MS = 2 * HISTORY_INTERVAL_MS;
/** The check_changes subject of the platform checks (entity refs always contain ':'). */
const PLATFORM_KEY = 'platform';

// Drivers return timestamps as Date (pg), number or string (SQLite); normalise to ISO.
function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  const text = String(value);
  const date = new Date(/^\d{4}-\d\d-\d\d \d/.test(text) && !/[zZ+]/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

const refKey = (ref: string) => ref.toLocaleLowerCase('en-US');

/** One prepared result on its way into `readiness_latest`. */
interface Pending {
  key: string;
  service: PreparedService;
  prev?: any;
  /** The stored row has the same fingerprint: only its time is updated. */
  same: boolean;
}

/** Knex-backed store; works on SQLite and PostgreSQL. */
export class DatabaseReadinessStore implements ReadinessStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseReadinessStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseReadinessStore(client);
  }

  constructor(private readonly db: Knex) {}

  private async bump(trx: Knex | Knex.Transaction) {
    await trx('readiness_revision').where({ id: 1 }).increment('revision', 1);
  }

  async startSweep(startedAt: Date): Promise<number> {
    const [row] = await this.db('readiness_sweeps')
      .insert({ started_at: startedAt, status: 'running', services: 0, source_errors: '[]' })
      .returning('id');
    return Number(typeof row === 'object' ? row.id : row);
  }

  async finishSweep(id: number, outcome: SweepOutcome): Promise<void> {
    await this.db.transaction(async trx => {
      await trx('readiness_sweeps')
        .where({ id })
        .update({
          finished_at: outcome.finishedAt,
          status: outcome.status,
          services: outcome.services,
          error: outcome.error ?? null,
          source_errors: JSON.stringify(outcome.sourceErrors),
        });
      await this.bump(trx);
    });
  }

  async lastSweep(): Promise<SweepInfo | undefined> {
    const row = await this.db('readiness_sweeps').orderBy('id', 'desc').first();
    if (!row) return undefined;
    return {
      startedAt: iso(row.started_at),
      finishedAt: row.finished_at ? iso(row.finished_at) : undefined,
      status: row.status,
      services: Number(row.services),
      error: row.error ?? undefined,
      sourceErrors: JSON.parse(row.source_errors || '[]'),
    };
  }

  async saveResults(options: {
    platform?: PlatformReadiness;
    services: StoredService[];
    replaceAll: boolean;
  }): Promise<void> {
    await this.savePrepared({
      ...options,
      services: options.services.map(s => prepareService(s.result, s.meta)),
    });
  }

  async storedFingerprints(): Promise<(entityRef: string) => string | undefined> {
    const rows = await this.db(TIMES).select('entity_ref', 'fingerprint');
    const byKey = new Map<string, string>(rows.map(r => [r.entity_ref, r.fingerprint]));
    return entityRef => byKey.get(refKey(entityRef));
  }

  async savePrepared(options: {
    platform?: PlatformReadiness;
    services: PreparedService[];
    replaceAll: boolean;
  }): Promise<void> {
    await this.db.transaction(async trx => {
      const keys = options.services.map(s => refKey(s.entityRef));
      const previous = new Map<string, any>();
      // From the narrow times table, not the stored summaries: an unchanged result (same
      // fingerprint) needs none of them, and a steady sweep would otherwise read and parse every one.
      const prevQuery = trx(TIMES).select('entity_ref', 'history_at', 'measured_at', 'fingerprint');
      const prevRows = options.replaceAll
        ? await prevQuery
        : await prevQuery.whereIn('entity_ref', keys);
      for (const row of prevRows) previous.set(row.entity_ref, row);

      // First pass: which results changed (their fingerprints were computed when prepared).
      const pending: Pending[] = [];
      const changed: string[] = [];
      for (const service of options.services) {
        const key = refKey(service.entityRef);
        const prev = previous.get(key);
        // A sweep measures from facts collected before it stored; an on-demand refresh that
        // stored meanwhile is newer and must not be overwritten by the older measurement.
        if (prev && new Date(iso(prev.measured_at)).getTime() > service.measuredAt.getTime()) {
          continue;
        }
        const same = Boolean(prev && prev.fingerprint === service.fingerprint);
        // Prepared without its payload against a fingerprint that a refresh has replaced since
        // (measured before this sweep, stored during it): the refresh's result stays until the
        // next sweep rather than losing the row.
        if (!same && service.payload === undefined) continue;
        if (prev && !same) changed.push(key);
        pending.push({ key, service, prev, same });
      }
      // The stored summaries of the results that changed: what their check changes are against.
      const summaries = new Map<string, string>();
      for (let i = 0; i < changed.length; i += UPDATE_CHUNK) {
        const rows = await trx('readiness_latest')
          .whereIn('entity_ref', changed.slice(i, i + UPDATE_CHUNK))
          .select('entity_ref', 'summary');
        for (const row of rows) summaries.set(row.entity_ref, row.summary);
      }

      if (options.replaceAll) {
        // Services no longer in the catalog (or no longer measurable) go; the rest stay in place.
        const current = new Set(keys);
        const removed = prevRows.map(r => r.entity_ref as string).filter(k => !current.has(k));
        for (let i = 0; i < removed.length; i += CHUNK) {
          await trx('readiness_latest').whereIn('entity_ref', removed.slice(i, i + CHUNK)).delete();
          await trx(TIMES).whereIn('entity_ref', removed.slice(i, i + CHUNK)).delete();
        }
      }

      // Changed rows are written CHUNK at a time as the second pass goes.
      let latestRows: any[] = [];
      let timesRows: any[] = [];
      const flush = async () => {
        if (!latestRows.length) return;
        await trx('readiness_latest').insert(latestRows).onConflict('entity_ref').merge();
        await trx(TIMES).insert(timesRows).onConflict('entity_ref').merge();
        latestRows = [];
        timesRows = [];
      };
      const historyRows: any[] = [];
      const changeRows: any[] = [];
      const unchanged = new Map<string, { measuredAt: Date; historyAt: Date | null; keys: string[] }>();
      for (const { key, service, prev, same } of pending) {
        const { meta, measuredAt, entry, fingerprint, layers } = service;
        // Same fingerprint: the stored summary is this one (but its time), so nothing changed.
        const stored = summaries.get(key);
        const before: SummaryEntry | undefined = same ? entry : stored && JSON.parse(stored);
        // A first result has nothing to change from; later ones record only what moved.
        const changes = before && statusChanges(before.statuses, entry.statuses);
        if (changes) {
          changeRows.push({ entity_ref: key, measured_at: measuredAt, changes: JSON.stringify(changes) });
        }
        let historyAt: Date | null = prev?.history_at ? new Date(iso(prev.history_at)) : null;
        if (shouldRecord(before, entry.row, measuredAt, historyAt)) {
          historyRows.push({
            entity_ref: key,
            measured_at: measuredAt,
            overall: service.overall,
            layers: JSON.stringify(layers),
            counts: JSON.stringify(service.counts),
          });
          historyAt = measuredAt;
        }
        if (same) {
          const group = `${measuredAt.toISOString()}|${historyAt?.toISOString() ?? ''}`;
          const grouped = unchanged.get(group);
          if (grouped) grouped.keys.push(key);
          else unchanged.set(group, { measuredAt, historyAt, keys: [key] });
          continue;
        }
        latestRows.push({
          entity_ref: key,
          payload: service.payload,
          summary: summaryOf(entry),
          fingerprint,
          overall: service.overall,
          infrastructure: layers.infrastructure,
          security: layers.security,
          operations: layers.operations,
          owner: meta.owner ?? null,
          system: meta.system ?? null,
          namespace: meta.namespaces.join(',').slice(0, 255) || null,
          lifecycle: meta.lifecycle ?? null,
          measured_at: measuredAt,
          history_at: historyAt,
          stale: false,
          stale_reason: null,
        });
        timesRows.push({
          entity_ref: key,
          fingerprint,
          measured_at: measuredAt,
          history_at: historyAt,
          stale: false,
          stale_reason: null,
        });
        if (latestRows.length >= CHUNK) await flush();
      }
      await flush();
      // Measured again, unchanged: a new time (and history mark), not stale, nothing rewritten.
      for (const { measuredAt, historyAt, keys: same } of unchanged.values()) {
        for (let i = 0; i < same.length; i += UPDATE_CHUNK) {
          await trx(TIMES)
            .whereIn('entity_ref', same.slice(i, i + UPDATE_CHUNK))
            .update({ measured_at: measuredAt, history_at: historyAt, stale: false, stale_reason: null });
        }
      }
      for (let i = 0; i < historyRows.length; i += CHUNK) {
        await trx('readiness_history').insert(historyRows.slice(i, i + CHUNK));
      }

      if (options.platform) {
        const prevPlatform = await trx('readiness_platform').where({ id: 'platform' }).first('payload');
        if (prevPlatform) {
          const changes = statusChanges(
            checkStatuses(JSON.parse(prevPlatform.payload) as PlatformReadiness),
            checkStatuses(options.platform),
          );
          if (changes) {
            changeRows.push({
              entity_ref: PLATFORM_KEY,
              measured_at: new Date(options.platform.measuredAt),
              changes: JSON.stringify(changes),
            });
          }
        }
      }
      for (let i = 0; i < changeRows.length; i += CHUNK) {
        await trx('readiness_check_changes').insert(changeRows.slice(i, i + CHUNK));
      }

      if (options.platform) {
        const row = {
          id: 'platform',
          payload: JSON.stringify({ ...options.platform, stale: false, staleReason: undefined }),
          measured_at: new Date(options.platform.measuredAt),
          stale: false,
          stale_reason: null,
        };
        await trx('readiness_platform').insert(row).onConflict('id').merge();
      }
      await this.bump(trx);
    });
  }

  async markStale(reason: string): Promise<void> {
    await this.db.transaction(async trx => {
      await trx(TIMES).update({ stale: true, stale_reason: reason });
      await trx('readiness_platform').update({ stale: true, stale_reason: reason });
      await this.bump(trx);
    });
  }

  /** One entity's stored payload with its time, stale flag and fingerprint. */
  private latestRow(entityRef: string) {
    return this.latestWithTimes()
      .where({ 'l.entity_ref': refKey(entityRef) })
      .first('l.payload', 't.stale', 't.stale_reason', 't.measured_at', 't.fingerprint');
  }

  async getLatest(entityRef: string): Promise<ServiceReadiness | undefined> {
    const row = await this.latestRow(entityRef);
    if (!row) return undefined;
    return withStale(withMeasuredAt(JSON.parse(row.payload), row), row);
  }

  async getLatestJson(entityRef: string): Promise<string | undefined> {
    const row = await this.latestRow(entityRef);
    if (!row) return undefined;
    // Stored with stale: false and without measuredAt: a fresh row needs only the time put in
    // front; a stale row (or one stored before fingerprints) is rewritten.
    if (row.stale || !row.fingerprint || !String(row.payload).startsWith('{"')) {
      return JSON.stringify(withStale(withMeasuredAt(JSON.parse(row.payload), row), row));
    }
    return `{"measuredAt":${JSON.stringify(iso(row.measured_at))},${String(row.payload).slice(1)}`;
  }

  async getHistory(entityRef: string, since: Date): Promise<HistoryPoint[]> {
    const rows = await this.db('readiness_history')
      .where({ entity_ref: refKey(entityRef) })
      .andWhere('measured_at', '>=', since)
      .orderBy('measured_at', 'asc')
      .select('measured_at', 'overall', 'layers', 'counts');
    return rows.map(row => ({
      measuredAt: iso(row.measured_at),
      overall: row.overall === null ? null : Number(row.overall),
      layers: JSON.parse(row.layers),
      counts: JSON.parse(row.counts) as Record<CheckStatus, number>,
    }));
  }

  async getChangesSince(since: Date): Promise<ChangesSince> {
    const point = (row: any): HistoryPoint => ({
      measuredAt: iso(row.measured_at),
      overall: row.overall === null ? null : Number(row.overall),
      layers: JSON.parse(row.layers),
      counts: JSON.parse(row.counts) as Record<CheckStatus, number>,
    });
    // Each entity's point at one instant: its latest (or earliest) point in a range.
    const pointsAt = (edge: 'max' | 'min', range: (q: Knex.QueryBuilder) => Knex.QueryBuilder) =>
      this.db('readiness_history as h')
        .join(
          range(this.db('readiness_history').select('entity_ref').groupBy('entity_ref'))
            [edge]('measured_at as at')
            .as('b'),
          function on() {
            this.on('b.entity_ref', '=', 'h.entity_ref').andOn('b.at', '=', 'h.measured_at');
          },
        )
        .orderBy('h.id', 'asc')
        .select('h.entity_ref', 'h.measured_at', 'h.overall', 'h.layers', 'h.counts');
    const [atOrBefore, after, changeRows] = await Promise.all([
      pointsAt('max', q =>
        q.where('measured_at', '<=', since).andWhere('measured_at', '>', new Date(since.getTime() - BASELINE_LOOKBACK_MS)),
      ),
      pointsAt('min', q => q.where('measured_at', '>', since)),
      this.db('readiness_check_changes')
        .where('measured_at', '>=', since)
        .orderBy([{ column: 'measured_at' }, { column: 'id' }])
        .select('entity_ref', 'measured_at', 'changes'),
    ]);
    const baselines = new Map<string, HistoryPoint>();
    for (const row of after) if (!baselines.has(row.entity_ref)) baselines.set(row.entity_ref, point(row));
    // The state at the date wins over the first one after it.
    for (const row of atOrBefore) baselines.set(row.entity_ref, point(row));
    const services = new Map<string, StoredCheckChange[]>();
    const platform: StoredCheckChange[] = [];
    for (const row of changeRows) {
      const change = { measuredAt: iso(row.measured_at), changes: JSON.parse(row.changes) as StatusChanges };
      if (row.entity_ref === PLATFORM_KEY) platform.push(change);
      else {
        const list = services.get(row.entity_ref);
        if (list) list.push(change);
        else services.set(row.entity_ref, [change]);
      }
    }
    return { baselines, services, platform };
  }

  async getPlatform(): Promise<PlatformReadiness | undefined> {
    const row = await this.db('readiness_platform').where({ id: 'platform' }).first();
    if (!row) return undefined;
    return withStale(JSON.parse(row.payload), row);
  }

  /** readiness_latest (as l) with each row's times (as t). */
  private latestWithTimes(db: Knex | Knex.Transaction = this.db) {
    return db('readiness_latest as l').join(`${TIMES} as t`, 't.entity_ref', 'l.entity_ref');
  }

  async getRevision(): Promise<number> {
    const row = await this.db('readiness_revision').where({ id: 1 }).first('revision');
    return Number(row?.revision ?? 0);
  }

  async getSummaryEntries() {
    return this.db.transaction(async trx => {
      const rev = await trx('readiness_revision').where({ id: 1 }).first('revision');
      const rows = await this.latestWithTimes(trx).select('l.summary', 't.stale', 't.measured_at');
      return {
        revision: Number(rev?.revision ?? 0),
        entries: rows.map(row => {
          const entry = JSON.parse(row.summary) as SummaryEntry;
          // The time lives in measured_at (an unchanged result is not rewritten to update it).
          entry.row.measuredAt = iso(row.measured_at);
          return { ...entry, stale: Boolean(row.stale) };
        }),
      };
    });
  }

  async pruneHistory(before: Date): Promise<number> {
    const deleted =
      (await this.db('readiness_history').where('measured_at', '<', before).delete()) +
      (await this.db('readiness_check_changes').where('measured_at', '<', before).delete());
    // Sweep rows age out with the history they produced; the latest sweep always stays.
    const latest = await this.db('readiness_sweeps').max('id as id').first();
    await this.db('readiness_sweeps')
      .where('started_at', '<', before)
      .andWhere('id', '<', Number(latest?.id ?? 0))
      .delete();
    if (deleted) await this.bump(this.db);
    return deleted;
  }

  async saveClusterSnapshot(snapshot: ClusterSnapshot): Promise<void> {
    const payload = gzipSync(Buffer.from(JSON.stringify(snapshot)));
    await this.db('readiness_cluster_snapshots')
      .insert({ cluster: snapshot.cluster, collected_at: new Date(snapshot.fetchedAt), payload })
      .onConflict('cluster')
      .merge();
  }

  async loadClusterSnapshots(clusters: string[]): Promise<ClusterSnapshot[]> {
    if (clusters.length === 0) return [];
    const rows = await this.db('readiness_cluster_snapshots').whereIn('cluster', clusters).select('payload');
    return rows.map(row => JSON.parse(gunzipSync(row.payload).toString('utf8')) as ClusterSnapshot);
  }

  async getPlacement(entityRef: string): Promise<{ clusters: string[]; namespaces: string[] } | undefined> {
    const row = await this.db('readiness_latest').where({ entity_ref: refKey(entityRef) }).first('summary');
    if (!row) return undefined;
    const entry = JSON.parse(row.summary) as SummaryEntry;
    return { clusters: entry.clusters ?? [], namespaces: entry.namespaces ?? [] };
  }

  async getPlacements(): Promise<Map<string, string[]>> {
    const rows = await this.db('readiness_latest').select('entity_ref', 'summary');
    const placements = new Map<string, string[]>();
    for (const row of rows) {
      const clusters = (JSON.parse(row.summary) as SummaryEntry).clusters;
      if (clusters?.length) placements.set(row.entity_ref, clusters);
    }
    return placements;
  }
}

/** Results are stored without their measurement time; it is the row's measured_at. */
function withMeasuredAt<T extends { measuredAt: string }>(
  payload: T,
  row: { measured_at: unknown },
): T {
  return { ...payload, measuredAt: iso(row.measured_at as any) };
}

function withStale<T extends { stale: boolean; staleReason?: string }>(
  payload: T,
  row: { stale: unknown; stale_reason: string | null },
): T {
  const stale = Boolean(row.stale);
  return { ...payload, stale, staleReason: stale ? row.stale_reason ?? undefined : undefined };
}

/** The checks whose status differs between two stores, or undefined when none does. */
function statusChanges(
  before: Record<string, CheckStatus>,
  after: Record<string, CheckStatus>,
): StatusChanges | undefined {
  let changes: StatusChanges | undefined;
  for (const [checkId, status] of Object.entries(after)) {
    const was = before[checkId] ?? null;
    if (was !== status) (changes ??= {})[checkId] = [was, status];
  }
  for (const [checkId, was] of Object.entries(before)) {
    if (!(checkId in after)) (changes ??= {})[checkId] = [was, null];
  }
  return changes;
}

function checkStatuses(platform: PlatformReadiness): Record<string, CheckStatus> {
  return Object.fromEntries(platform.checks.map(c => [c.checkId, c.status]));
}

/** Writes a point on any change of score or counts, else at most once per HISTORY_INTERVAL_MS. */
function shouldRecord(
  prev: SummaryEntry | undefined,
  row: { overall: number | null; layers: unknown; counts: unknown },
  measuredAt: Date,
  historyAt: Date | null,
): boolean {
  if (!prev || !historyAt) return true;
  if (measuredAt.getTime() - historyAt.getTime() >= HISTORY_INTERVAL_MS) return true;
  const before = prev.row;
  return (
    before.overall !== row.overall ||
    JSON.stringify(before.layers) !== JSON.stringify(row.layers) ||
    JSON.stringify(before.counts) !== JSON.stringify(row.counts)
  );
}
