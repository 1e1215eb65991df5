/**
 * The readiness model (see the check catalog in the README): statuses, layers, phases, severities
 * and the shape of one check's result. Everything here is plain data so it crosses the API as JSON.
 */

/** The outcome of one check. `unknown` means a source could not be read; it is never a pass. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'n/a' | 'unknown';

export const CHECK_STATUSES: readonly CheckStatus[] = [
  'pass',
  'warn',
  'fail',
  'n/a',
  'unknown',
];

/** The status report's readiness matrix. */
export type Layer = 'infrastructure' | 'security' | 'operations';

export const LAYERS: readonly Layer[] = [
  'infrastructure',
  'security',
  'operations',
];

export const LAYER_TITLES: Record<Layer, string> = {
  infrastructure: 'Infrastructure',
  security: 'Security',
  operations: 'Operations',
};

/** The status report's roadmap. */
export type Phase = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';

export const PHASES: readonly Phase[] = ['P1', 'P2', 'P3', 'P4', 'P5'];

export const PHASE_TITLES: Record<Phase, string> = {
  P1: 'Infrastructure stabilisation',
  P2: 'Security hardening',
  P3: 'High availability',
  P4: 'Monitoring and observability',
  P5: 'Backup and disaster recovery',
};

export type Severity = 'critical' | 'high' | 'medium';

export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  critical: 3,
  high: 2,
  medium: 1,
};

/** Where a check reads from. A failing source turns only the checks that need it into `unknown`. */
export type SourceId = 'kubernetes' | 'vault' | 'tls' | 'prometheus';

/** An exemption granted to one entity for one check, by annotation or config. */
export interface Exemption {
  checkId: string;
  reason: string;
  /** ISO date (YYYY-MM-DD or full timestamp); an expired exemption stops counting. */
  expires: string;
  /** Where the exemption came from, e.g. `annotation` or `config`. */
  origin: 'annotation' | 'config';
}

/** A threshold an entity annotation changed from the config value: shown on every check reading it. */
export interface ThresholdOverride {
  /** The threshold's key in `readiness.thresholds`, e.g. `minReplicas`. */
  key: string;
  value: unknown;
  /** The value config (or the default) set. */
  base: unknown;
  /** True when the change makes the check easier to pass. */
  loosened: boolean;
  origin: 'annotation';
}

/** The result of one check for one service (or for the platform). */
export interface CheckResult {
  checkId: string;
  status: CheckStatus;
  /**
   * What was read and which values led to the status, e.g.
   * "Certificate doris-tls notAfter 2026-12-01, 5 days left". Never a secret value.
   */
  evidence: string[];
  /** How to make this check pass; set whenever the status is not `pass` or `n/a`. */
  remediation?: string;
  /** The id of a failing platform check that makes this result meaningless (e.g. PLAT-VAULT). */
  blockedBy?: string;
  /** Set when a still-valid exemption applies; the raw status is kept in `status`. */
  exemption?: Exemption;
  /** Thresholds of this check that the entity's annotation changed (what, to what, from where). */
  thresholdOverrides?: ThresholdOverride[];
  /** For `unknown`: which source failed and how. */
  error?: { source: SourceId; message: string };
  /**
   * For checks that read certificate expiry (SEC-CERT-EXPIRY): the earliest `notAfter` among the
   * certificates read (ISO timestamp), so metrics and alerts count the days left without parsing
   * evidence text.
   */
  expiresAt?: string;
  /**
   * Per-cluster outcomes when the result was judged in more than one cluster; `status` above is
   * the worst of them and every evidence line names its cluster.
   */
  clusters?: ClusterOutcome[];
}

/** One cluster's part of a check result judged in several clusters. */
export interface ClusterOutcome {
  cluster: string;
  status: CheckStatus;
  evidence: string[];
  /** The failing platform check of this cluster that makes this outcome meaningless. */
  blockedBy?: string;
}

/** Score of a group of checks (a layer, a phase, or all). */
export interface ScoreSummary {
  /** Weighted percentage 0..100, or null when no check counts (all n/a, exempt or blocked). */
  percent: number | null;
  counts: Record<CheckStatus, number>;
  /** Checks that count towards the denominator. */
  scored: number;
  /** Results left out of the denominator: exempted or blocked. */
  excluded: number;
}

export interface PhaseSummary extends ScoreSummary {
  /** The phase gate: no check holds the phase open (see `holdsPhaseOpen` in scoring.ts). */
  complete: boolean;
}

/** One service's measured readiness. */
export interface ServiceReadiness {
  entityRef: string;
  /** When the sources were read (ISO timestamp). */
  measuredAt: string;
  /** True when the latest sweep failed for this entity and this is the previous result. */
  stale: boolean;
  staleReason?: string;
  overall: ScoreSummary;
  layers: Record<Layer, ScoreSummary>;
  phases: Record<Phase, PhaseSummary>;
  checks: CheckResult[];
  /** Problems with the entity itself, e.g. an invalid annotation. */
  entityErrors: string[];
  /**
   * The clusters the service was judged in: where its workloads were found, plus clusters that
   * could not be read where the last good sweep had placed it. Empty without Kubernetes.
   */
  clusters?: string[];
  /** Facts about the measurement a reader needs, e.g. "cluster staging could not be read". */
  notes?: string[];
}

/** The platform checks' results, measured once per sweep. */
export interface PlatformReadiness {
  measuredAt: string;
  stale: boolean;
  staleReason?: string;
  /** The platform row: per check, the worst cluster (evidence names the cluster when several). */
  checks: CheckResult[];
  overall: ScoreSummary;
  /** The platform checks judged in each cluster (one entry per cluster, in name order). */
  clusters?: ClusterPlatformReadiness[];
}

/** The platform checks of one cluster. Checks that do not read a cluster (PLAT-VAULT) appear in each. */
export interface ClusterPlatformReadiness {
  cluster: string;
  checks: CheckResult[];
  overall: ScoreSummary;
}
