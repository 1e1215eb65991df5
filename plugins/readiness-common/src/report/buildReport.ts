import type { HistoryPoint, SummaryResponse, SweepInfo } from '../api';
import type { CheckDefinition } from '../catalog';
import {
  CHECK_STATUSES,
  CheckResult,
  CheckStatus,
  LAYER_TITLES,
  LAYERS,
  PHASE_TITLES,
  PHASES,
  PlatformReadiness,
} from '../model';
import type { ReportEntry } from './entry';
import type {
  Changes,
  CheckChange,
  CheckChanges,
  CheckTally,
  NextSteps,
  PlatformComponent,
  RemainingCheck,
  ReportScope,
  Risk,
  ServiceChange,
  StatusReport,
} from './model';

export interface ReportInput {
  generatedAt: Date;
  scope: ReportScope;
  /** The services in scope, exactly as GET /summary selects them for this caller and filters. */
  entries: ReportEntry[];
  /** GET /summary's aggregate over the same entries (the report's percentages are these). */
  aggregate: SummaryResponse['aggregate'];
  platform?: PlatformReadiness;
  /** The check catalog (built-in and module-added checks). */
  checks: CheckDefinition[];
  lastSweep?: SweepInfo;
  /** Sources that could not be read, when there is no sweep (the CI audit); else the sweep's. */
  sourceErrors?: SweepInfo['sourceErrors'];
  /** What the stored history says changed since a date; absent when no date was asked for. */
  history?: ReportHistory;
}

/** Stored check status changes: the checks that changed, before and after (`null`: not measured). */
export interface StatusChangeRow {
  measuredAt: string;
  changes: Record<string, [CheckStatus | null, CheckStatus | null]>;
}

export interface ReportHistory {
  since: Date;
  /** Each service's score at the date, by lower-case entity ref. */
  baselines: Map<string, HistoryPoint>;
  /** Check status changes at or after the date, oldest first, by lower-case entity ref. */
  services: Map<string, StatusChangeRow[]>;
  /** The platform checks' status changes at or after the date, oldest first. */
  platform: StatusChangeRow[];
}

const historyKey = (ref: string) => ref.toLocaleLowerCase('en-US');

const PROBLEM: CheckStatus[] = ['fail', 'unknown', 'warn'];

interface Judged {
  status: CheckStatus;
  exempt: boolean;
  blockedBy?: string;
}

function judge(entry: ReportEntry, checkId: string): Judged | undefined {
  const status = entry.statuses[checkId];
  if (!status) return undefined;
  const blockedBy = entry.row.problems.find(p => p.checkId === checkId)?.blockedBy;
  return { status, exempt: entry.exempt.includes(checkId), blockedBy };
}

/** The phase gate of `holdsPhaseOpen` (scoring.ts), applied to a summary entry's statuses. */
const holdsOpen = (j: Judged) =>
  !j.exempt && (Boolean(j.blockedBy) || j.status === 'fail' || j.status === 'unknown');

const emptyCounts = () =>
  Object.fromEntries(CHECK_STATUSES.map(s => [s, 0])) as Record<CheckStatus, number>;

function tally(def: CheckDefinition, entries: ReportEntry[]): CheckTally {
  const counts = emptyCounts();
  let exempt = 0;
  let passing = 0;
  for (const entry of entries) {
    const j = judge(entry, def.id);
    if (!j) continue;
    counts[j.status] += 1;
    if (j.exempt && j.status !== 'n/a') exempt += 1;
    if (j.status === 'pass' || (j.exempt && j.status !== 'n/a')) passing += 1;
  }
  return {
    checkId: def.id,
    title: def.title,
    severity: def.severity,
    counts,
    applicable: Object.values(counts).reduce((a, b) => a + b, 0) - counts['n/a'],
    passing,
    exempt,
  };
}

function affected(
  def: CheckDefinition,
  entries: ReportEntry[],
  keep: (j: Judged) => boolean,
): RemainingCheck | undefined {
  const services = entries.flatMap(entry => {
    const j = judge(entry, def.id);
    if (!j || !keep(j)) return [];
    return [{ entityRef: entry.row.entityRef, status: j.status, ...(j.blockedBy ? { blockedBy: j.blockedBy } : {}) }];
  });
  if (!services.length) return undefined;
  return { checkId: def.id, title: def.title, severity: def.severity, services, fix: def.remediation };
}

function components(checks: CheckResult[], catalog: Map<string, CheckDefinition>): PlatformComponent[] {
  return checks.map(c => ({
    checkId: c.checkId,
    title: catalog.get(c.checkId)?.title ?? c.checkId,
    status: c.status,
    evidence: c.evidence,
  }));
}

function measuredRange(entries: ReportEntry[]) {
  const times = entries.map(e => e.row.measuredAt).sort();
  return { oldest: times[0], newest: times[times.length - 1] };
}

/**
 * Each check's status at the date and now from the changes stored since: the first change's
 * `from` and the last change's `to`. Those stored after `after` only (the baseline point already
 * includes a change stored with it). A check that changed and changed back is not listed.
 */
function netChanges(
  rows: StatusChangeRow[],
  after: string | undefined,
  catalog: Map<string, CheckDefinition>,
): CheckChanges {
  const net = new Map<string, CheckChange>();
  for (const row of rows) {
    if (after && new Date(row.measuredAt).getTime() <= new Date(after).getTime()) continue;
    for (const [checkId, [from, to]] of Object.entries(row.changes)) {
      const seen = net.get(checkId);
      if (seen) Object.assign(seen, { to, changedAt: row.measuredAt });
      else net.set(checkId, { checkId, title: catalog.get(checkId)?.title ?? checkId, from, to, changedAt: row.measuredAt });
    }
  }
  const out: CheckChanges = { fixed: [], regressed: [], other: [] };
  for (const change of [...net.values()].sort((a, b) => a.checkId.localeCompare(b.checkId))) {
    const { from, to } = change;
    if (from === to) continue;
    if ((from === 'fail' || from === 'warn') && to === 'pass') out.fixed.push(change);
    else if ((from === 'pass' && to === 'warn') || (to === 'fail' && from !== 'fail')) out.regressed.push(change);
    else out.other.push(change);
  }
  return out;
}

function changesSince(input: ReportInput, catalog: Map<string, CheckDefinition>): Changes | undefined {
  const history = input.history;
  if (!history) return undefined;
  const improved: ServiceChange[] = [];
  const regressed: ServiceChange[] = [];
  const changed: ServiceChange[] = [];
  const withoutHistory: string[] = [];
  let unchanged = 0;
  const failing = (c: Record<CheckStatus, number>) => (c.fail ?? 0) + (c.unknown ?? 0);
  for (const entry of input.entries) {
    const key = historyKey(entry.row.entityRef);
    const baseline = history.baselines.get(key);
    if (!baseline) {
      withoutHistory.push(entry.row.entityRef);
      continue;
    }
    const checks = netChanges(history.services.get(key) ?? [], baseline.measuredAt, catalog);
    const change: ServiceChange = {
      entityRef: entry.row.entityRef,
      from: baseline.overall,
      to: entry.row.overall,
      failingFrom: failing(baseline.counts),
      failingTo: failing(entry.row.counts),
      fromMeasuredAt: baseline.measuredAt,
      ...checks,
    };
    const delta = change.from !== null && change.to !== null ? change.to - change.from : 0;
    const direction =
      delta || change.failingFrom - change.failingTo || checks.fixed.length - checks.regressed.length;
    if (direction > 0) improved.push(change);
    else if (direction < 0) regressed.push(change);
    else if (checks.fixed.length || checks.regressed.length || checks.other.length) changed.push(change);
    else unchanged += 1;
  }
  return {
    since: history.since.toISOString(),
    improved,
    regressed,
    changed,
    unchanged,
    withoutHistory,
    platform: netChanges(history.platform, undefined, catalog),
  };
}

/**
 * The next phase not complete for every service, and the cheapest fixes completing it: each step
 * adds the fixes that complete the most further services per fix (a greedy cover: the smallest
 * set for the most services, step by step, without claiming a global optimum).
 */
function nextSteps(
  entries: ReportEntry[],
  catalog: Map<string, CheckDefinition>,
  serviceChecks: CheckDefinition[],
): NextSteps | undefined {
  for (const phase of PHASES) {
    const open = entries.filter(e => !e.row.phasesComplete.includes(phase));
    if (!open.length) continue;
    const holding = new Map<string, Set<string>>();
    for (const entry of open) {
      const needs = new Set<string>();
      for (const def of serviceChecks.filter(c => c.phase === phase)) {
        const j = judge(entry, def.id);
        if (!j || !holdsOpen(j)) continue;
        if (j.blockedBy) needs.add(j.blockedBy);
        needs.add(def.id);
      }
      holding.set(entry.row.entityRef, needs);
    }
    const chosen = new Set<string>();
    const done = new Set<string>();
    const steps: NextSteps['steps'] = [];
    const isDone = (ref: string) => [...holding.get(ref)!].every(id => chosen.has(id));
    for (;;) {
      const remaining = open.map(e => e.row.entityRef).filter(ref => !done.has(ref));
      if (!remaining.length) break;
      let best: { add: string[]; gain: number } | undefined;
      for (const ref of remaining) {
        const add = [...holding.get(ref)!].filter(id => !chosen.has(id)).sort();
        const withAdd = new Set([...chosen, ...add]);
        const gain = remaining.filter(r => [...holding.get(r)!].every(id => withAdd.has(id))).length;
        const better =
          !best ||
          gain * best.add.length > best.gain * add.length ||
          (gain * best.add.length === best.gain * add.length && add.length < best.add.length);
        if (better) best = { add, gain };
      }
      best!.add.forEach(id => chosen.add(id));
      const completes = remaining.filter(isDone);
      completes.forEach(ref => done.add(ref));
      const platformFirst = [...best!.add].sort(
        (a, b) =>
          Number(catalog.get(b)?.scope === 'platform') - Number(catalog.get(a)?.scope === 'platform') ||
          a.localeCompare(b),
      );
      steps.push({
        fixes: platformFirst.map(id => ({
          checkId: id,
          title: catalog.get(id)?.title ?? id,
          fix: catalog.get(id)?.remediation ?? '',
        })),
        completes,
      });
    }
    return { phase, title: PHASE_TITLES[phase], open: open.length, steps };
  }
  return undefined;
}

function risks(
  input: ReportInput,
  catalog: Map<string, CheckDefinition>,
  serviceChecks: CheckDefinition[],
): Risk[] {
  const out: Risk[] = [];
  for (const check of input.platform?.checks ?? []) {
    if (!PROBLEM.includes(check.status) || check.exemption) continue;
    const def = catalog.get(check.checkId);
    out.push({
      checkId: check.checkId,
      title: def?.title ?? check.checkId,
      severity: def?.severity ?? 'medium',
      kind: 'platform',
      status: check.status,
      services: [],
      evidence: check.evidence,
      mitigation: check.remediation ?? def?.remediation ?? '',
    });
  }
  for (const def of serviceChecks.filter(c => c.severity === 'critical')) {
    const hit = affected(def, input.entries, j => !j.exempt && (j.status === 'fail' || j.status === 'unknown'));
    if (!hit) continue;
    const worst = hit.services.some(s => s.status === 'fail') ? 'fail' : 'unknown';
    out.push({
      checkId: def.id,
      title: def.title,
      severity: def.severity,
      kind: 'services',
      status: worst,
      services: hit.services.map(s => s.entityRef),
      evidence: [],
      mitigation: def.remediation,
    });
  }
  const rank = { critical: 0, high: 1, medium: 2 };
  const statusRank: Record<CheckStatus, number> = { fail: 0, unknown: 1, warn: 2, pass: 3, 'n/a': 4 };
  return out.sort(
    (a, b) =>
      rank[a.severity] - rank[b.severity] ||
      statusRank[a.status] - statusRank[b.status] ||
      b.services.length - a.services.length ||
      a.checkId.localeCompare(b.checkId),
  );
}

/** Builds the status report from the summary's scoped entries; a pure function of its input. */
export function buildReport(input: ReportInput): StatusReport {
  const { entries, aggregate, platform } = input;
  const catalog = new Map(input.checks.map(c => [c.id, c]));
  const serviceChecks = input.checks.filter(c => c.scope === 'service');
  const platformComponents = components(platform?.checks ?? [], catalog);
  const clusters = (platform?.clusters ?? []).filter(
    c => !input.scope.cluster || c.cluster === input.scope.cluster,
  );
  const byCluster =
    (platform?.clusters?.length ?? 0) > 1 || input.scope.cluster
      ? clusters.map(c => ({ cluster: c.cluster, components: components(c.checks, catalog) }))
      : [];
  const range = measuredRange(entries);

  return {
    generatedAt: input.generatedAt.toISOString(),
    scope: input.scope,
    measurement: {
      services: entries.length,
      oldestServiceMeasuredAt: range.oldest,
      newestServiceMeasuredAt: range.newest,
      platformMeasuredAt: platform?.measuredAt,
      platformStale: platform?.stale ?? false,
      staleServices: entries.filter(e => e.stale).map(e => e.row.entityRef),
      lastSweep: input.lastSweep && {
        startedAt: input.lastSweep.startedAt,
        finishedAt: input.lastSweep.finishedAt,
        status: input.lastSweep.status,
        error: input.lastSweep.error,
      },
      unreadableSources: input.lastSweep?.sourceErrors ?? input.sourceErrors ?? [],
    },
    quickStatus: {
      overall: aggregate.overall,
      phases: PHASES.map(phase => ({
        phase,
        title: PHASE_TITLES[phase],
        percent: aggregate.phases[phase] ?? null,
        complete: entries.filter(e => e.row.phasesComplete.includes(phase)).length,
        of: entries.length,
      })),
      layers: LAYERS.map(layer => ({
        layer,
        title: LAYER_TITLES[layer],
        percent: aggregate.layers[layer],
      })),
      platform: platformComponents,
      platformByCluster: byCluster,
    },
    phases: PHASES.map(phase => {
      const defs = serviceChecks.filter(c => c.phase === phase);
      const metrics = defs.map(def => tally(def, entries)).filter(t => t.applicable > 0);
      return {
        phase,
        title: PHASE_TITLES[phase],
        percent: aggregate.phases[phase] ?? null,
        servicesComplete: entries.filter(e => e.row.phasesComplete.includes(phase)).length,
        services: entries.length,
        complete: metrics.filter(t => t.passing === t.applicable),
        remaining: defs.flatMap(def => affected(def, entries, holdsOpen) ?? []),
        warnings: defs.flatMap(
          def => affected(def, entries, j => !holdsOpen(j) && !j.exempt && j.status === 'warn') ?? [],
        ),
        metrics,
        platform: platformComponents.filter(c => catalog.get(c.checkId)?.phase === phase),
      };
    }),
    matrix: LAYERS.map(layer => ({
      layer,
      title: LAYER_TITLES[layer],
      percent: aggregate.layers[layer],
      checks: serviceChecks
        .filter(c => c.layer === layer)
        .map(def => tally(def, entries))
        .filter(t => t.applicable > 0),
    })),
    risks: risks(input, catalog, serviceChecks),
    changes: changesSince(input, catalog),
    next: nextSteps(entries, catalog, serviceChecks),
  };
}
