/**
 * Every source passes every object through `sanitizeObject` before it enters a snapshot, so no
 * secret value reaches the engine, the database, the logs or the API. What survives of a value is
 * the verdict of the rules in `rules.ts` (which rule matched, how severe), next to the key.
 */
import type { KubeObject } from '../facts';
import {
  classify,
  FindingSeverity,
  isCredentialName,
  isHarmlessValue,
  SecretFinding,
} from './rules';

export {
  SECRET_RULES,
  classify,
  isCredentialName,
  isHarmlessValue,
} from './rules';
export type { SecretFinding, SecretRule, FindingSeverity } from './rules';

/** Replaces a ConfigMap's `data` and `binaryData`: key names and the rules they matched. */
export interface ConfigMapScan {
  keys: string[];
  findings: ConfigMapFinding[];
}

export interface ConfigMapFinding {
  key: string;
  rule: string;
  severity: FindingSeverity;
}

/** A redacted `command`/`args` element of a container. */
export interface ArgFinding {
  field: 'command' | 'args';
  index: number;
  rule: string;
  severity: FindingSeverity;
}

export const LAST_APPLIED_ANNOTATION =
  'kubectl.kubernetes.io/last-applied-configuration';
export const REDACTED = '[redacted]';

/**
 * Returns a sanitised deep copy of a Kubernetes object (the input is never mutated):
 * - `metadata.managedFields` and the last-applied-configuration annotation are dropped (both can
 *   embed a whole previous manifest, ConfigMap data and env literals included);
 * - a ConfigMap's `data`/`binaryData` become `readinessScan` (keys and findings); a Secret's
 *   values are dropped outright, keeping key names only;
 * - in every pod spec (Pod, or the template of a Deployment, StatefulSet, DaemonSet, ReplicaSet,
 *   Job, CronJob or any workload shaped like them) each container's `env[].value` is removed and,
 *   when it looked like a credential, `readinessFinding` says why; credentials in `command`/`args`
 *   are replaced by `[redacted]` and listed in the container's `readinessArgFindings`.
 *
 * @param obj - an object as returned by the API server (list items may lack `kind`)
 * @param kind - the object's kind when the caller knows it, e.g. `ConfigMap` (list items have none)
 */
export function sanitizeObject(obj: any, kind?: string): KubeObject {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj) || !obj.metadata) {
    throw new TypeError(
      `sanitizeObject expects a Kubernetes object with metadata (an item of a list response); got ${describeInput(
        obj,
      )}`,
    );
  }
  const copy = structuredClone(obj);
  const effectiveKind: string | undefined = kind ?? copy.kind;

  delete copy.metadata.managedFields;
  if (copy.metadata.annotations) {
    delete copy.metadata.annotations[LAST_APPLIED_ANNOTATION];
  }

  if (isKind(effectiveKind, 'Secret')) {
    copy.readinessScan = {
      keys: dataKeys(copy),
      findings: [],
    } satisfies ConfigMapScan;
    delete copy.data;
    delete copy.stringData;
    delete copy.binaryData;
  } else if (
    isKind(effectiveKind, 'ConfigMap') ||
    (!effectiveKind && !copy.spec && (copy.data || copy.binaryData))
  ) {
    copy.readinessScan = scanConfigMap(copy);
    delete copy.data;
    delete copy.binaryData;
  }

  for (const spec of podSpecsOf(copy)) sanitizePodSpec(spec);
  return copy as KubeObject;
}

function describeInput(obj: unknown): string {
  if (Array.isArray(obj)) return 'an array';
  if (obj === null) return 'null';
  return typeof obj === 'object' ? 'an object without metadata' : typeof obj;
}

function isKind(
  kind: string | undefined,
  expected: 'ConfigMap' | 'Secret',
): boolean {
  if (!kind) return false;
  const k = kind.toLowerCase();
  return k === expected.toLowerCase() || k === `${expected.toLowerCase()}s`;
}

function dataKeys(obj: any): string[] {
  const keys = new Set<string>();
  for (const field of ['data', 'binaryData', 'stringData']) {
    for (const key of Object.keys(obj[field] ?? {})) keys.add(key);
  }
  return [...keys].sort();
}

/** Scans a ConfigMap's data (and decoded binaryData) with the rule table. */
export function scanConfigMap(obj: Record<string, any>): ConfigMapScan {
  const findings: ConfigMapFinding[] = [];
  const entries: [string, string][] = [];
  for (const [key, value] of Object.entries(obj.data ?? {})) {
    entries.push([
      key,
      typeof value === 'string' ? value : JSON.stringify(value) ?? '',
    ]);
  }
  for (const [key, value] of Object.entries(obj.binaryData ?? {})) {
    entries.push([
      key,
      typeof value === 'string'
        ? Buffer.from(value, 'base64').toString('utf8')
        : '',
    ]);
  }
  for (const [key, value] of entries) {
    const finding = classify(key, value);
    if (finding) findings.push({ key, ...finding });
  }
  return { keys: dataKeys(obj), findings };
}

/**
 * Pod specs found by shape rather than by kind, so list items without `kind` and workload CRDs
 * built the same way (e.g. Argo Rollouts) are covered too.
 */
function podSpecsOf(obj: any): any[] {
  const candidates = [
    obj.spec,
    obj.template?.spec,
    obj.spec?.template?.spec,
    obj.spec?.jobTemplate?.spec?.template?.spec,
  ];
  return candidates.filter(
    s =>
      s &&
      typeof s === 'object' &&
      (Array.isArray(s.containers) || Array.isArray(s.initContainers)),
  );
}

function sanitizePodSpec(spec: any) {
  for (const field of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const container of spec[field] ?? []) sanitizeContainer(container);
  }
}

function sanitizeContainer(container: any) {
  for (const entry of container.env ?? []) {
    if (!entry || typeof entry !== 'object' || !('value' in entry)) continue;
    const value =
      entry.value === undefined || entry.value === null
        ? ''
        : String(entry.value);
    delete entry.value;
    const finding = classify(String(entry.name ?? ''), value);
    if (finding) entry.readinessFinding = finding;
  }
  const argFindings: ArgFinding[] = [];
  for (const field of ['command', 'args'] as const) {
    if (!Array.isArray(container[field])) continue;
    container[field] = redactArgs(container[field], (index, finding) =>
      argFindings.push({ field, index, ...finding }),
    );
  }
  if (argFindings.length) container.readinessArgFindings = argFindings;
}

const FLAG_WITH_VALUE = /^(-{0,2}[A-Za-z_][\w.-]*)([=:])(.*)$/s;
const BARE_FLAG = /^-{1,2}([A-Za-z_][\w.-]*)$/;

/**
 * Redacts credentials in a command line: `--password=x`, `--password x`, `DB_PASSWORD=x` (shell
 * assignments), and any element that holds a PEM key, an AWS key id or a URL with a password.
 */
function redactArgs(
  args: unknown[],
  report: (index: number, finding: SecretFinding) => void,
): unknown[] {
  return args.map((raw, index) => {
    if (typeof raw !== 'string') return raw;
    const previous = args[index - 1];
    const flag = typeof previous === 'string' ? BARE_FLAG.exec(previous) : null;
    if (flag && isCredentialName(flag[1]) && !raw.startsWith('-')) {
      const finding = classify(flag[1], raw);
      if (finding?.severity === 'fail') {
        report(index, finding);
        return REDACTED;
      }
    }
    const assignment = FLAG_WITH_VALUE.exec(raw);
    if (
      assignment &&
      isCredentialName(assignment[1]) &&
      !isHarmlessValue(assignment[3])
    ) {
      report(index, classify(assignment[1], assignment[3])!);
      return `${assignment[1]}${assignment[2]}${REDACTED}`;
    }
    const finding = classify('', raw);
    if (finding?.severity === 'fail') {
      report(index, finding);
      return REDACTED;
    }
    return raw;
  });
}
