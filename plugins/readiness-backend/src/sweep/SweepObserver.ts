import type {
  CheckResult,
  PlatformReadiness,
  SweepInfo,
} from '@254carbon/plugin-readiness-common';
import type { EntityMeta } from '../service/summaryEntry';

/** One service's just-stored check results, as observers get them. */
export interface ObservedService {
  entityRef: string;
  meta: EntityMeta;
  /**
   * Its check results. After a sweep, the checks that do not fail come without their evidence:
   * the sweep keeps thousands of services' results until the store is done, and evidence is most
   * of their size.
   */
  checks: CheckResult[];
}

/** Results just stored: by a full sweep, or by an on-demand refresh of one service. */
export interface StoredResults {
  origin: 'sweep' | 'refresh';
  /** When the sources were read (the results' measuredAt). */
  measuredAt: Date;
  services: ObservedService[];
  /** Present for a sweep; a refresh keeps the stored platform results. */
  platform?: PlatformReadiness;
}

/** What a finished sweep cost, for metrics and logs. */
export interface SweepStats {
  info: SweepInfo;
  durationMs: number;
  /** Kubernetes API calls this sweep made (0 for clusters read from the stored collections). */
  kubernetesCalls: number;
  /** Vault HTTP requests this sweep made (0 for a Vault snapshot file). */
  vaultCalls: number;
}

/**
 * Something that reacts to stored results (metrics, notifications). The runner calls observers
 * after the store has committed, in order; an observer that throws is logged and never fails the
 * sweep or the refresh. Observers receive results, never facts: no secret can reach them.
 */
export interface SweepObserver {
  readonly name: string;
  onResults?(results: StoredResults): Promise<void> | void;
  onSweepFinished?(stats: SweepStats): Promise<void> | void;
}
