import type {
  CheckStatus,
  HistoryPoint,
  PlatformReadiness,
  ServiceReadiness,
  SweepInfo,
} from '@254carbon/plugin-readiness-common';
import type { ClusterSnapshot } from '@254carbon/plugin-readiness-node';
import type { EntityMeta, SummaryEntry } from '../service/summaryEntry';
import type { PreparedService } from './prepareService';

/** One service result to store, with the catalog facts the summary filters on. */
export interface StoredService {
  result: ServiceReadiness;
  meta: EntityMeta;
}

export interface SweepOutcome {
  status: 'succeeded' | 'failed';
  finishedAt: Date;
  services: number;
  error?: string;
  sourceErrors: SweepInfo['sourceErrors'];
}

/** Statuses before and after a store, by check id; `null` when the check was not measured. */
export type StatusChanges = Record<string, [CheckStatus | null, CheckStatus | null]>;

/** One stored change of check statuses (only the checks that changed). */
export interface StoredCheckChange {
  measuredAt: string;
  changes: StatusChanges;
}

/** What the stored history says changed since a date. */
export interface ChangesSince {
  /**
   * Each service's score at the date, by lower-case entity ref: its last history point at or
   * before the date, else (measured only later, or older points pruned) its first point after it.
   */
  baselines: Map<string, HistoryPoint>;
  /** Check status changes stored at or after the date, oldest first, by lower-case entity ref. */
  services: Map<string, StoredCheckChange[]>;
  /** The platform checks' status changes at or after the date, oldest first. */
  platform: StoredCheckChange[];
}

/** Persistence of readiness results. */
export interface ReadinessStore {
  startSweep(startedAt: Date): Promise<number>;
  finishSweep(id: number, outcome: SweepOutcome): Promise<void>;
  lastSweep(): Promise<SweepInfo | undefined>;

  /**
   * Stores a sweep's results. With `replaceAll`, entities missing from `services` (removed from
   * the catalog, or no longer annotated) lose their latest row; their history ages out.
   */
  saveResults(options: {
    platform?: PlatformReadiness;
    services: StoredService[];
    replaceAll: boolean;
  }): Promise<void>;

  /** The same as saveResults, for results already prepared (see prepareService). */
  savePrepared(options: {
    platform?: PlatformReadiness;
    services: PreparedService[];
    replaceAll: boolean;
  }): Promise<void>;

  /**
   * The fingerprint of each stored result, by entity ref, so a sweep can leave out the payload of
   * results measured exactly as before.
   */
  storedFingerprints(): Promise<(entityRef: string) => string | undefined>;

  /** Marks every latest result and the platform as stale (a sweep failed), keeping them. */
  markStale(reason: string): Promise<void>;

  getLatest(entityRef: string): Promise<ServiceReadiness | undefined>;
  /** The same as getLatest, as the JSON the API sends (no parse and re-serialisation per request). */
  getLatestJson(entityRef: string): Promise<string | undefined>;
  getHistory(entityRef: string, since: Date): Promise<HistoryPoint[]>;
  /** Every service's score at `since` and the check status changes since, in a few queries. */
  getChangesSince(since: Date): Promise<ChangesSince>;
  getPlatform(): Promise<PlatformReadiness | undefined>;

  /** Bumped by every write; cheap to read, so readers can cache derived data per revision. */
  getRevision(): Promise<number>;
  /** Every latest result's summary entry, with its stale flag. */
  getSummaryEntries(): Promise<{ revision: number; entries: (SummaryEntry & { stale: boolean })[] }>;

  /**
   * Removes history points, check status changes and sweep rows older than `before` (the latest
   * sweep stays); returns how many history points and check changes went.
   */
  pruneHistory(before: Date): Promise<number>;

  /**
   * The clusters each stored service was judged in (by lower-case entity ref), so a restarted
   * backend still knows where services ran when a cluster is unreadable on its first sweep.
   */
  getPlacements(): Promise<Map<string, string[]>>;

  /** Stores a cluster's collection (per-cluster collection tasks), replacing the previous one. */
  saveClusterSnapshot(snapshot: ClusterSnapshot): Promise<void>;
  /** The stored collections of these clusters (missing ones are left out). */
  loadClusterSnapshots(clusters: string[]): Promise<ClusterSnapshot[]>;

  /** Where one service was last judged: its clusters and its namespaces there. */
  getPlacement(entityRef: string): Promise<{ clusters: string[]; namespaces: string[] } | undefined>;
}
