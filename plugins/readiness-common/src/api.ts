import type { CheckDefinition } from './catalog';
import type {
  CheckResult,
  CheckStatus,
  Layer,
  PlatformReadiness,
  ScoreSummary,
  ServiceReadiness,
} from './model';

/**
 * Wire types of the REST API under /api/readiness. The backend returns them, the frontend client
 * reads them; both import from here so they cannot drift apart.
 */

/** GET /entities/:namespace/:kind/:name */
export type EntityReadinessResponse = ServiceReadiness;

/** One point of an entity's stored history. */
export interface HistoryPoint {
  measuredAt: string;
  overall: number | null;
  layers: Record<Layer, number | null>;
  counts: Record<CheckStatus, number>;
}

/** GET /entities/:namespace/:kind/:name/history?since=ISO */
export interface EntityHistoryResponse {
  entityRef: string;
  points: HistoryPoint[];
}

/** One row of the catalog-wide summary. */
export interface ServiceSummaryRow {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  namespace?: string;
  measuredAt: string;
  stale: boolean;
  overall: number | null;
  layers: Record<Layer, number | null>;
  /** Phases complete for the service (P1..P5). */
  phasesComplete: string[];
  counts: Record<CheckStatus, number>;
  /** Failing, warning and unknown checks, worst first (severity, then status). */
  problems: Pick<CheckResult, 'checkId' | 'status' | 'blockedBy'>[];
  entityErrors: string[];
}

/** Query of GET /summary. */
export interface SummaryQuery {
  owner?: string;
  system?: string;
  namespace?: string;
  lifecycle?: string;
  layer?: Layer;
  status?: CheckStatus;
  /** A check id; keeps services where this check fails (or has `status`, when given). */
  check?: string;
  /** Case-insensitive substring of the entity ref or title. */
  q?: string;
  /** Sort key: `overall` (default), `name`, or a layer; prefix `-` for descending. */
  sort?: string;
  offset?: number;
  limit?: number;
}

/** GET /summary */
export interface SummaryResponse {
  /** Services matching the filters, after pagination. */
  items: ServiceSummaryRow[];
  /** Count of services matching the filters, before pagination. */
  totalCount: number;
  offset: number;
  limit: number;
  /** Aggregates over ALL matching services (not just this page) plus the platform checks. */
  aggregate: {
    overall: number | null;
    layers: Record<Layer, number | null>;
    /** Share of services (0..100) that completed each phase. */
    phases: Record<string, number | null>;
    /** For each check id: how many matching services have each status. */
    byCheck: Record<string, Record<CheckStatus, number>>;
    /** Per owner roll-up. */
    byOwner: { owner: string; services: number; overall: number | null }[];
  };
  /** Values present in the data, for the filter drop-downs. */
  facets: {
    owners: string[];
    systems: string[];
    namespaces: string[];
    lifecycles: string[];
  };
  lastSweep?: SweepInfo;
}

export interface SweepInfo {
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'succeeded' | 'failed';
  services: number;
  error?: string;
  /** Sources that could not be read during the sweep, with the reason. */
  sourceErrors: { source: string; message: string }[];
}

/** GET /platform */
export type PlatformResponse = PlatformReadiness & {
  platformScore: ScoreSummary;
};

/** GET /checks */
export interface ChecksResponse {
  checks: CheckDefinition[];
}

/** POST /entities/:namespace/:kind/:name/refresh */
export type RefreshResponse = ServiceReadiness;
