import picomatch from 'picomatch';
import type { KubeObject } from '../../facts';
import { parseTime } from '../../engine/objects';
import { readKinds } from '../../engine/outcome';
import { fromLabelSelector, matches } from '../../engine/selectors';
import type { CheckOutcome, ServiceContext } from '../../engine/types';

const GLOB_SYNTAX = /[*?[\]{}!\\]/;
/** Compiled patterns; a fleet has few distinct ones (bounded all the same). */
const MATCHERS = new Map<string, (value: string) => boolean>();

/**
 * Velero matches included/excluded namespaces as globs (`*`, `?`, `[a-z]`, `{a,b}`, its
 * gobwas/glob syntax); picomatch reads the same syntax.
 */
function globMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  // Most patterns are plain namespace names; compiling one per call cost more than the checks.
  if (!GLOB_SYNTAX.test(pattern)) return pattern === value;
  let matcher = MATCHERS.get(pattern);
  if (!matcher) {
    if (MATCHERS.size >= 1000) MATCHERS.clear();
    matcher = picomatch(pattern, { dot: true });
    MATCHERS.set(pattern, matcher);
  }
  return matcher(value);
}

/** Whether a Backup/Schedule-template/Restore spec includes namespace `ns` (empty list = all). */
export function coversNamespace(spec: any, ns: string): boolean {
  const included: string[] = spec?.includedNamespaces ?? [];
  const excluded: string[] = spec?.excludedNamespaces ?? [];
  const inList = included.length === 0 || included.some(p => globMatch(p, ns));
  return inList && !excluded.some(p => globMatch(p, ns));
}

export interface VeleroView {
  schedules: KubeObject[];
  backups: KubeObject[];
  restores: KubeObject[];
}

/**
 * Velero's objects for a DR check, or the outcome that ends it: `unknown` when a list failed,
 * `fail` when Velero's CRDs are absent (nothing backs the service up), `n/a` when the service's
 * namespace is not known. Velero objects live in Velero's own namespace, so they are read
 * cluster-wide and matched to the service by the namespaces they include.
 */
export function veleroView(
  ctx: ServiceContext,
): { outcome: CheckOutcome } | VeleroView {
  const read = readKinds({
    schedules: ctx.all('schedules'),
    backups: ctx.all('backups'),
    restores: ctx.all('restores'),
  });
  if ('outcome' in read) return read;
  const missing =
    read.absent.schedules ?? read.absent.backups ?? read.absent.restores;
  if (missing) {
    return {
      outcome: {
        status: 'fail',
        evidence: [`Velero not installed: ${missing}`],
        remediation:
          'Install Velero with a backup storage location, then create a Schedule for the namespace.',
      },
    };
  }
  if (ctx.namespaces.length === 0) {
    return {
      outcome: {
        status: 'n/a',
        evidence: [
          'the service namespace is unknown: no workload found and no backstage.io/kubernetes-namespace annotation',
        ],
      },
    };
  }
  return read.items;
}

/**
 * The Schedules whose template includes `ns`, computed once per namespace per cluster and sweep.
 * A template label selector must match one of the service's workloads, otherwise the schedule
 * backs up other objects of the namespace only.
 */
export function schedulesFor(
  ctx: ServiceContext,
  schedules: KubeObject[],
  ns: string,
): KubeObject[] {
  const inNamespace = ctx.memo(`velero:schedules-including:${ns}`, () =>
    schedulesIncluding(ctx, schedules, ns),
  );
  const workloads = [
    ctx.selected('deployments'),
    ctx.selected('statefulsets'),
  ].flatMap(r => (r.state === 'ok' ? r.value : []));
  return inNamespace.filter(s => {
    const selector = fromLabelSelector(s.spec?.template?.labelSelector);
    if (!selector || workloads.length === 0) return true;
    return workloads.some(w => matches(selector, w.metadata.labels));
  });
}

/**
 * The cluster's Schedules by the namespaces their templates name, built once per cluster and
 * sweep: `named` holds each schedule under every plain name of its included list, `general` those
 * that include all namespaces or use a glob. A namespace's schedules are then a lookup plus a pass
 * over the general ones, not a pass over every Schedule of the cluster for each namespace (with a
 * Schedule per namespace that was quadratic: 0.25 s of a 5,000-service sweep).
 */
function indexSchedules(schedules: KubeObject[]) {
  const named = new Map<string, number[]>();
  const general: number[] = [];
  schedules.forEach((s, i) => {
    const included: unknown = s.spec?.template?.includedNamespaces;
    const names = Array.isArray(included) ? included : [];
    if (
      names.length === 0 ||
      names.some(n => typeof n !== 'string' || GLOB_SYNTAX.test(n))
    ) {
      general.push(i);
      return;
    }
    for (const name of new Set(names as string[])) {
      const list = named.get(name);
      if (list) list.push(i);
      else named.set(name, [i]);
    }
  });
  return { named, general };
}

/** The Schedules whose template includes `ns`, in the cluster's order. */
function schedulesIncluding(
  ctx: ServiceContext,
  schedules: KubeObject[],
  ns: string,
): KubeObject[] {
  // `schedules` is the cluster's list (ctx.all('schedules')), the same for every service of it.
  const { named, general } = ctx.memo('velero:schedules-by-namespace', () =>
    indexSchedules(schedules),
  );
  const candidates = [...(named.get(ns) ?? []), ...general].sort(
    (a, b) => a - b,
  );
  return candidates
    .map(i => schedules[i])
    .filter(s => coversNamespace(s.spec?.template ?? {}, ns));
}

export const SCHEDULE_LABEL = 'velero.io/schedule-name';

/** Backups by the Schedule that made them (`velero.io/schedule-name`), once per cluster and sweep. */
function backupsBySchedule(
  ctx: ServiceContext,
  backups: KubeObject[],
): Map<string, KubeObject[]> {
  return ctx.memo('velero:backups-by-schedule', () => {
    const index = new Map<string, KubeObject[]>();
    for (const b of backups) {
      const name = b.metadata.labels?.[SCHEDULE_LABEL];
      if (!name) continue;
      const key = `${b.metadata.namespace}/${name}`;
      const list = index.get(key);
      if (list) list.push(b);
      else index.set(key, [b]);
    }
    return index;
  });
}

/**
 * The Backups made by the given Schedules (labelled `velero.io/schedule-name` in the schedule's
 * namespace). Ad-hoc backups do not count: nothing guarantees they will be taken again.
 */
export function backupsFor(
  ctx: ServiceContext,
  backups: KubeObject[],
  schedules: KubeObject[],
): KubeObject[] {
  const index = backupsBySchedule(ctx, backups);
  return schedules.flatMap(
    s => index.get(`${s.metadata.namespace}/${s.metadata.name}`) ?? [],
  );
}

/** When a Velero object finished (or started, or was created): its place in time. */
export function finishedAt(obj: KubeObject): Date | undefined {
  return (
    parseTime(obj.status?.completionTimestamp) ??
    parseTime(obj.status?.startTimestamp) ??
    parseTime(obj.metadata.creationTimestamp)
  );
}

/** Latest first. */
export function byRecency(a: KubeObject, b: KubeObject): number {
  return (finishedAt(b)?.getTime() ?? 0) - (finishedAt(a)?.getTime() ?? 0);
}
