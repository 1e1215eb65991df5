import {
  CheckResult,
  CheckStatus,
  Exemption,
  Layer,
  Phase,
  Severity,
  getCheck,
} from '@254carbon/plugin-readiness-common';
import type { ManifestLocation } from '@254carbon/plugin-readiness-node';
import { AuditReport } from './audit';

/** Where a finding points: a file and the line of the object (or catalog entity) at fault. */
export interface SourceLocation {
  file: string;
  line: number;
  /** The object pointed at, e.g. `Deployment data-platform/doris-fe`. */
  object?: string;
}

/** One check result that is not passing (fail, warn or unknown), as CI reports it. */
export interface Finding {
  scope: 'platform' | 'service';
  /** The service's entity ref; undefined for platform checks. */
  entityRef?: string;
  checkId: string;
  title: string;
  severity: Severity;
  layer: Layer;
  phase: Phase;
  status: CheckStatus;
  evidence: string[];
  remediation?: string;
  blockedBy?: string;
  /** An active exemption: reported, but never fails the build. */
  exemption?: Exemption;
  location?: SourceLocation;
}

/** The levels `--fail-on` accepts, and which severities each counts. */
export const FAIL_ON = {
  critical: ['critical'],
  high: ['critical', 'high'],
  any: ['critical', 'high', 'medium'],
} as const satisfies Record<string, readonly Severity[]>;
export type FailOn = keyof typeof FAIL_ON;

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The object an evidence line is about: the one named earliest in it (evidence starts with its
 * subject, e.g. "Deployment data-platform/doris-fe ..."), by whole name; a name directly followed
 * by "/" is a namespace prefix, not that object. On a tie, the object whose kind is named too.
 */
function namedObject(lines: string[], candidates: ManifestLocation[]): ManifestLocation | undefined {
  for (const line of lines) {
    let best: { o: ManifestLocation; at: number; kind: boolean } | undefined;
    for (const o of candidates) {
      const match = new RegExp(`(^|[^\\w.-])${escape(o.name)}($|[^\\w./-])`).exec(line);
      if (!match) continue;
      const at = match.index + match[1].length;
      const kind = line.toLowerCase().includes(o.kind.toLowerCase());
      if (!best || at < best.at || (at === best.at && kind && !best.kind)) best = { o, at, kind };
    }
    if (best) return best.o;
  }
  return undefined;
}

const toLocation = (o: ManifestLocation): SourceLocation => ({
  file: o.file,
  line: o.line,
  object: `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`,
});

const allEvidence = (r: CheckResult) => [
  ...r.evidence,
  ...(r.clusters ?? []).flatMap(c => c.evidence),
];

/**
 * Points each result at the object at fault: the manifest object its evidence names; else the
 * service's workload; else the catalog entity (e.g. a missing annotation). Platform checks with
 * no named object point at their cluster's first manifest file.
 */
function locate(report: AuditReport, result: CheckResult, entityRef?: string): SourceLocation | undefined {
  if (!entityRef) {
    const named = namedObject(allEvidence(result), report.objects);
    if (named) return toLocation(named);
    const cluster = result.clusters?.find(c => c.status === result.status)?.cluster;
    const first = report.objects.find(o => !cluster || o.cluster === cluster) ?? report.objects[0];
    return first && { file: first.file, line: 1, object: `cluster ${first.cluster}` };
  }
  const service = report.services.find(s => s.entityRef === entityRef);
  const namespace = report.namespaces.get(entityRef);
  const clusters = service?.clusters;
  const candidates = report.objects.filter(
    o =>
      (!namespace || o.namespace === namespace || o.namespace === undefined) &&
      (!clusters?.length || clusters.includes(o.cluster)),
  );
  const named = namedObject(allEvidence(result), candidates);
  if (named) return toLocation(named);
  // Nothing named (e.g. "Velero not installed"): the service's workload, as its other results name it.
  const workload = namedObject(
    (service?.checks ?? []).flatMap(allEvidence),
    candidates.filter(o => WORKLOAD_KINDS.includes(o.kind)),
  );
  if (workload) return toLocation(workload);
  const component = report.components.get(entityRef);
  return component && { file: component.file, line: component.line, object: `Component ${component.entity.metadata.name}` };
}

const NOT_PASSING: CheckStatus[] = ['fail', 'warn', 'unknown'];

function finding(report: AuditReport, result: CheckResult, entityRef?: string): Finding {
  const check = getCheck(result.checkId);
  return {
    scope: entityRef ? 'service' : 'platform',
    entityRef,
    checkId: result.checkId,
    title: check?.title ?? result.checkId,
    severity: check?.severity ?? 'medium',
    layer: check?.layer ?? 'infrastructure',
    phase: check?.phase ?? 'P1',
    status: result.status,
    evidence: result.evidence,
    remediation: result.remediation ?? check?.remediation,
    blockedBy: result.blockedBy,
    exemption: result.exemption,
    location: locate(report, result, entityRef),
  };
}

/** Every platform and service result that is not passing, with its location. */
export function findingsOf(report: AuditReport): Finding[] {
  return [
    ...report.platform.checks
      .filter(r => NOT_PASSING.includes(r.status))
      .map(r => finding(report, r)),
    ...report.services.flatMap(s =>
      s.checks.filter(r => NOT_PASSING.includes(r.status)).map(r => finding(report, r, s.entityRef)),
    ),
  ];
}

/**
 * The findings that fail the build at a `--fail-on` level: failing checks of a counted
 * severity, not exempted. Warnings and unknowns are reported but never fail the build.
 */
export function failingFindings(findings: Finding[], failOn: FailOn): Finding[] {
  const severities: readonly Severity[] = FAIL_ON[failOn];
  return findings.filter(f => f.status === 'fail' && !f.exemption && severities.includes(f.severity));
}
