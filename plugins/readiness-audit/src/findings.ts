import {
  CheckResult,
  CheckStatus,
  Exemption,
  Layer,
  Phase,
  ServiceReadiness,
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

/** Manifest objects by metadata.name, built once per report: evidence is matched by lookup. */
const byNameCache = new WeakMap<ManifestLocation[], Map<string, ManifestLocation[]>>();
function objectsByName(objects: ManifestLocation[]): Map<string, ManifestLocation[]> {
  let index = byNameCache.get(objects);
  if (!index) {
    index = new Map();
    for (const o of objects) {
      const list = index.get(o.name) ?? [];
      list.push(o);
      index.set(o.name, list);
    }
    byNameCache.set(objects, index);
  }
  return index;
}

/**
 * The object an evidence line is about: the one named earliest in it (evidence starts with its
 * subject, e.g. "Deployment data-platform/doris-fe ..."), by whole name; a name directly followed
 * by "/" is a namespace prefix, not that object. On a tie, the object whose kind is named too.
 */
function namedObject(
  lines: string[],
  objects: ManifestLocation[],
  accept: (o: ManifestLocation) => boolean,
): ManifestLocation | undefined {
  const index = objectsByName(objects);
  for (const line of lines) {
    const lower = line.toLowerCase();
    for (const token of line.matchAll(/[\w.-]+/g)) {
      if (line[token.index + token[0].length] === '/') continue;
      // Names never end in '.', but sentences do: "… selects Deployment web." names web.
      const name = token[0].replace(/\.+$/, '');
      const named = (index.get(name) ?? []).filter(accept);
      if (named.length) {
        return named.find(o => lower.includes(o.kind.toLowerCase())) ?? named[0];
      }
    }
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
function locate(report: AuditReport, result: CheckResult, service?: ServiceReadiness): SourceLocation | undefined {
  if (!service) {
    const named = namedObject(allEvidence(result), report.objects, () => true);
    if (named) return toLocation(named);
    const cluster = result.clusters?.find(c => c.status === result.status)?.cluster;
    const first = report.objects.find(o => !cluster || o.cluster === cluster) ?? report.objects[0];
    return first && { file: first.file, line: 1, object: `cluster ${first.cluster}` };
  }
  const entityRef = service.entityRef;
  const namespace = report.namespaces.get(entityRef);
  const clusters = service.clusters;
  const candidate = (o: ManifestLocation) =>
    (!namespace || o.namespace === namespace || o.namespace === undefined) &&
    (!clusters?.length || clusters.includes(o.cluster));
  const named = namedObject(allEvidence(result), report.objects, candidate);
  if (named) return toLocation(named);
  // Nothing named (e.g. "Velero not installed"): the service's workload, as its other results name it.
  const workload = namedObject(
    service.checks.flatMap(allEvidence),
    report.objects,
    o => candidate(o) && WORKLOAD_KINDS.includes(o.kind),
  );
  if (workload) return toLocation(workload);
  const component = report.components.get(entityRef);
  return component && { file: component.file, line: component.line, object: `Component ${component.entity.metadata.name}` };
}

const NOT_PASSING: CheckStatus[] = ['fail', 'warn', 'unknown'];

function finding(report: AuditReport, result: CheckResult, service?: ServiceReadiness): Finding {
  const check = getCheck(result.checkId);
  const entityRef = service?.entityRef;
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
    location: locate(report, result, service),
  };
}

/** Every platform and service result that is not passing, with its location. */
export function findingsOf(report: AuditReport): Finding[] {
  return [
    ...report.platform.checks
      .filter(r => NOT_PASSING.includes(r.status))
      .map(r => finding(report, r)),
    ...report.services.flatMap(s =>
      s.checks.filter(r => NOT_PASSING.includes(r.status)).map(r => finding(report, r, s)),
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
