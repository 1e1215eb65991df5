import type { KubeObject } from '../../facts';
import { parseTime } from '../../engine/objects';
import { readKinds } from '../../engine/outcome';
import { fromLabelSelector, matches } from '../../engine/selectors';
import type { CheckOutcome, ServiceContext } from '../../engine/types';

/** Velero namespace lists accept `*` and shell-style globs (`team-*`). */
function globMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (!/[*?]/.test(pattern)) return pattern === value;
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(value);
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
 * The Schedules whose template includes `ns`. A template label selector must match one of the
 * service's workloads, otherwise the schedule backs up other objects of the namespace only.
 */
export function schedulesFor(
  ctx: ServiceContext,
  schedules: KubeObject[],
  ns: string,
): KubeObject[] {
  const workloads = [
    ctx.selected('deployments'),
    ctx.selected('statefulsets'),
  ].flatMap(r => (r.state === 'ok' ? r.value : []));
  return schedules.filter(s => {
    const template = s.spec?.template ?? {};
    if (!coversNamespace(template, ns)) return false;
    const selector = fromLabelSelector(template.labelSelector);
    if (!selector || workloads.length === 0) return true;
    return workloads.some(w => matches(selector, w.metadata.labels));
  });
}

export const SCHEDULE_LABEL = 'velero.io/schedule-name';

/** The Backups of `ns`: made by one of its schedules, or any backup whose spec includes it. */
export function backupsFor(
  backups: KubeObject[],
  schedules: KubeObject[],
  ns: string,
): KubeObject[] {
  const names = new Set(schedules.map(s => s.metadata.name));
  return backups.filter(
    b =>
      names.has(b.metadata.labels?.[SCHEDULE_LABEL] ?? '') ||
      coversNamespace(b.spec, ns),
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
