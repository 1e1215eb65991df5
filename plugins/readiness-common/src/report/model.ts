import type { SweepInfo } from '../api';
import type { CheckStatus, Layer, Phase, Severity } from '../model';

/**
 * The status report as data: the sections of the hand-written platform status document, each
 * filled only from stored results. Renderers (Markdown, HTML) turn it into text and add nothing.
 */
export interface StatusReport {
  generatedAt: string;
  scope: ReportScope;
  measurement: Measurement;
  quickStatus: QuickStatus;
  phases: PhaseSection[];
  matrix: LayerSection[];
  risks: Risk[];
  /** Absent when no `since` date was asked for. */
  changes?: Changes;
  /** Absent when every phase is complete for every service in scope. */
  next?: NextSteps;
}

export interface ReportScope {
  /** What the report covers when no filter narrows it (default: what the caller may read). */
  label?: string;
  system?: string;
  owner?: string;
  namespace?: string;
  cluster?: string;
}

export interface Measurement {
  /** Services in scope. */
  services: number;
  /** Oldest and newest `measuredAt` among the services in scope. */
  oldestServiceMeasuredAt?: string;
  newestServiceMeasuredAt?: string;
  platformMeasuredAt?: string;
  platformStale: boolean;
  /** Services whose result is the previous one because their latest sweep failed. */
  staleServices: string[];
  lastSweep?: Pick<SweepInfo, 'startedAt' | 'finishedAt' | 'status' | 'error'>;
  /** Sources the last sweep could not read: checks needing them are `unknown`. */
  unreadableSources: { source: string; message: string }[];
}

export interface PlatformComponent {
  checkId: string;
  title: string;
  status: CheckStatus;
  evidence: string[];
}

export interface QuickStatus {
  /** Mean of the services' and the platform's overall percentages (as GET /summary). */
  overall: number | null;
  phases: { phase: Phase; title: string; percent: number | null; complete: number; of: number }[];
  layers: { layer: Layer; title: string; percent: number | null }[];
  /** The platform's checks, combined (worst cluster) and, when several clusters, per cluster. */
  platform: PlatformComponent[];
  platformByCluster: { cluster: string; components: PlatformComponent[] }[];
}

/** How many services in scope have each status for one check. */
export interface CheckTally {
  checkId: string;
  title: string;
  severity: Severity;
  counts: Record<CheckStatus, number>;
  /** Services the check applies to (not `n/a`). */
  applicable: number;
  /** Passing, plus exempted (an exemption counts as done for the phase gate). */
  passing: number;
  exempt: number;
}

/** A check holding a phase open for some services. */
export interface RemainingCheck {
  checkId: string;
  title: string;
  severity: Severity;
  /** Services where it fails, is unknown or is blocked by a platform check (warns, for warnings). */
  services: { entityRef: string; status: CheckStatus; blockedBy?: string }[];
  fix: string;
}

export interface PhaseSection {
  phase: Phase;
  title: string;
  /** Share of services in scope with the phase complete (as GET /summary's aggregate.phases). */
  percent: number | null;
  servicesComplete: number;
  services: number;
  /** Checks of the phase that no service holds open: every applicable service passes or is exempt. */
  complete: CheckTally[];
  /** Checks holding the phase open, grouped by check. */
  remaining: RemainingCheck[];
  /** Checks warning on some services without holding the phase open. */
  warnings: RemainingCheck[];
  /** Every check of the phase with its counts (the phase's metrics). */
  metrics: CheckTally[];
  /** The phase's platform checks. */
  platform: PlatformComponent[];
}

export interface LayerSection {
  layer: Layer;
  title: string;
  percent: number | null;
  checks: CheckTally[];
}

export interface Risk {
  checkId: string;
  title: string;
  severity: Severity;
  /** `platform`: a platform check's finding; `services`: a critical check failing on services. */
  kind: 'platform' | 'services';
  status: CheckStatus;
  /** Services affected (service risks). */
  services: string[];
  /** The platform check's evidence (platform risks). */
  evidence: string[];
  /** The check's remediation. */
  mitigation: string;
}

/** One check whose status differs between the date and now. */
export interface CheckChange {
  checkId: string;
  title: string;
  /** Status at the date; `null` when it was not measured then. */
  from: CheckStatus | null;
  /** Status now; `null` when it is no longer measured. */
  to: CheckStatus | null;
  /** When it last changed status. */
  changedAt: string;
}

/** Check changes sorted by what they mean for readiness. */
export interface CheckChanges {
  /** fail or warn then, pass now. */
  fixed: CheckChange[];
  /** pass then, warn or fail now; or failing now and not then. */
  regressed: CheckChange[];
  /** Any other difference (unknown or n/a on either side, fail → warn, no longer measured). */
  other: CheckChange[];
}

export interface ServiceChange extends CheckChanges {
  entityRef: string;
  /** Overall percent at the date (the baseline point) and now. */
  from: number | null;
  to: number | null;
  /** Failing and unknown check counts then and now. */
  failingFrom: number;
  failingTo: number;
  /** When the baseline point was measured: the last at or before the date, else the first after. */
  fromMeasuredAt: string;
}

export interface Changes {
  since: string;
  /** Score up (or, at the same score, fewer failing checks, or more fixed than regressed). */
  improved: ServiceChange[];
  regressed: ServiceChange[];
  /** Checks changed status but the balance moved neither way. */
  changed: ServiceChange[];
  unchanged: number;
  /** Services in scope without a stored point since the date (new, or history pruned). */
  withoutHistory: string[];
  /** The platform checks whose status differs between the date and now. */
  platform: CheckChanges;
}

export interface NextStep {
  /** The check fixes this step adds (a platform check first when it blocks the others). */
  fixes: { checkId: string; title: string; fix: string }[];
  /** Services that complete the phase once this step and the previous ones are done. */
  completes: string[];
}

export interface NextSteps {
  phase: Phase;
  title: string;
  /** Services in scope that have not completed the phase. */
  open: number;
  /** Cheapest first: each step completes the most services per added fix. */
  steps: NextStep[];
}
