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

/**
 * A redacted element of a container's command line or of a probe or lifecycle hook: `field` is
 * `command`, `args`, or the path of an exec command or HTTP header list, e.g.
 * `livenessProbe.exec.command` or `lifecycle.preStop.httpGet.httpHeaders`.
 */
export interface ArgFinding {
  field: string;
  index: number;
  rule: string;
  severity: FindingSeverity;
}

export const LAST_APPLIED_ANNOTATION =
  'kubectl.kubernetes.io/last-applied-configuration';
export const REDACTED = '[redacted]';

/** How `sanitizeObject` may treat its input. */
export interface SanitizeOptions {
  /**
   * The caller owns the object (it has just parsed it and keeps no other reference), so it is
   * sanitised in place and returned, without a deep copy: what the sources do with every list
   * page, watch event and manifest document, halving what a cold sweep allocates.
   */
  owned?: boolean;
}

/**
 * Returns a sanitised deep copy of a Kubernetes object (the input is never mutated, unless the
 * caller says it owns it: see `SanitizeOptions.owned`):
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
 * @param options - `owned: true` sanitises the object in place
 */
export function sanitizeObject(
  obj: any,
  kind?: string,
  options: SanitizeOptions = {},
): KubeObject {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj) || !obj.metadata) {
    throw new TypeError(
      `sanitizeObject expects a Kubernetes object with metadata (an item of a list response); got ${describeInput(
        obj,
      )}`,
    );
  }
  const copy = options.owned ? obj : structuredClone(obj);
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
  const report = (field: string) => (index: number, finding: SecretFinding) =>
    argFindings.push({ field, index, ...finding });
  const program = Array.isArray(container.command) ? container.command[0] : undefined;
  for (const field of ['command', 'args'] as const) {
    if (!Array.isArray(container[field])) continue;
    container[field] = redactArgs(container[field], report(field), field === 'args' ? program : undefined);
  }
  // Probes and lifecycle hooks run commands and send headers too (`redis-cli -a <password>
  // ping`, `Authorization: Bearer <token>`).
  const handlers: [string, any][] = [
    ['livenessProbe', container.livenessProbe],
    ['readinessProbe', container.readinessProbe],
    ['startupProbe', container.startupProbe],
    ['lifecycle.postStart', container.lifecycle?.postStart],
    ['lifecycle.preStop', container.lifecycle?.preStop],
  ];
  for (const [path, handler] of handlers) {
    if (!handler || typeof handler !== 'object') continue;
    if (Array.isArray(handler.exec?.command)) {
      handler.exec.command = redactArgs(handler.exec.command, report(`${path}.exec.command`));
    }
    const headers = handler.httpGet?.httpHeaders;
    if (Array.isArray(headers)) {
      headers.forEach((header: any, index: number) => {
        if (!header || typeof header !== 'object' || typeof header.value !== 'string') return;
        const finding =
          classify(String(header.name ?? ''), header.value) ??
          classify('', `${header.name ?? ''}: ${header.value}`);
        if (finding?.severity === 'fail') {
          report(`${path}.httpGet.httpHeaders`)(index, finding);
          header.value = REDACTED;
        }
      });
    }
  }
  if (argFindings.length) container.readinessArgFindings = argFindings;
}

const FLAG_WITH_VALUE = /^(-{0,2}[A-Za-z_][\w.-]*)([=:])(.*)$/s;
const BARE_FLAG = /^-{1,2}([A-Za-z_][\w.-]*)$/;

/**
 * Flags whose next argument is a credential for well-known programs (`redis-cli -a <pw>`,
 * `redis-server --requirepass <pw>`,
 * `sshpass -p <pw>`, `mongosh -p <pw>`, `curl -u user:pw`), and clients taking it attached
 * (`mysql -p<pw>`). Only for these programs: elsewhere `-p` is usually a port.
 */
const CREDENTIAL_FLAGS: Record<string, string[]> = {
  'redis-server': ['--requirepass', '--masterauth'],
  'redis-cli': ['-a', '--pass', '--user'],
  'valkey-cli': ['-a', '--pass', '--user'],
  sshpass: ['-p'],
  mongo: ['-p'],
  mongosh: ['-p'],
  curl: ['-u', '--user', '--proxy-user', '--oauth2-bearer'],
  wget: ['--http-password', '--proxy-password'],
};
const ATTACHED_PASSWORD_FLAG: Record<string, RegExp> = {
  mysql: /^-p(.+)$/s,
  mysqladmin: /^-p(.+)$/s,
  mysqldump: /^-p(.+)$/s,
  mariadb: /^-p(.+)$/s,
};
/** Shell words that end one command and start the next. */
const SEPARATORS = new Set(['&&', '||', ';', '|', '&']);

function programName(word: unknown): string | undefined {
  if (typeof word !== 'string') return undefined;
  const base = word.replace(/^["']|["']$/g, '').split('/').pop();
  return base || undefined;
}

const unquote = (word: string) => word.replace(/^["']+|["';]+$/g, '');

/**
 * The finding for one word of a command line, given the word before it and the program being
 * run: `--password=x`, `--password x`, `DB_PASSWORD=x` (shell assignments), client-specific
 * flags, and any word that holds a PEM key, an AWS key id, an Authorization credential or a URL
 * with a password.
 */
function wordFinding(
  word: string,
  previous: string | undefined,
  program: string | undefined,
): { finding: SecretFinding; keep?: string } | undefined {
  const value = unquote(word);
  const flag = previous !== undefined ? BARE_FLAG.exec(unquote(previous)) : null;
  if (flag && !value.startsWith('-')) {
    if (program && CREDENTIAL_FLAGS[program]?.includes(unquote(previous!)) && !isHarmlessValue(value)) {
      return { finding: { rule: 'credential-flag-literal', severity: 'fail' } };
    }
    if (isCredentialName(flag[1])) {
      const finding = classify(flag[1], value);
      if (finding?.severity === 'fail') return { finding };
    }
  }
  const attached = program ? ATTACHED_PASSWORD_FLAG[program]?.exec(value) : null;
  if (attached && !isHarmlessValue(attached[1])) {
    return { finding: { rule: 'credential-flag-literal', severity: 'fail' }, keep: '-p' };
  }
  const assignment = FLAG_WITH_VALUE.exec(value);
  if (assignment && isCredentialName(assignment[1]) && !isHarmlessValue(assignment[3])) {
    return {
      finding: classify(assignment[1], assignment[3])!,
      keep: `${assignment[1]}${assignment[2]}`,
    };
  }
  const finding = classify('', word);
  if (finding?.severity === 'fail') return { finding };
  return undefined;
}

/**
 * Redacts credentials in a command line. Each element is judged as a word; an element holding a
 * whole shell command (`sh -c "redis-cli -a pw ping"`) is also judged word by word, so the
 * credential is replaced inside it and the rest of the command stays readable.
 */
function redactArgs(
  args: unknown[],
  report: (index: number, finding: SecretFinding) => void,
  initialProgram?: string,
): unknown[] {
  let program = programName(initialProgram ?? args[0]);
  return args.map((raw, index) => {
    if (typeof raw !== 'string') return raw;
    const previous = args[index - 1];
    const whole = wordFinding(raw, typeof previous === 'string' ? previous : undefined, program);
    if (index === 0) program = programName(raw);
    if (/\s/.test(raw.trim())) {
      const redacted = redactShellWords(raw);
      if (redacted.finding) {
        report(index, redacted.finding);
        return redacted.text;
      }
    }
    if (whole) {
      report(index, whole.finding);
      return `${whole.keep ?? ''}${REDACTED}`;
    }
    return raw;
  });
}

/** Redacts credential words inside one shell command string, keeping its other words. */
function redactShellWords(text: string): { text: string; finding?: SecretFinding } {
  const words = [...text.matchAll(/\S+/g)];
  let program: string | undefined;
  let expectProgram = true;
  let first: SecretFinding | undefined;
  const replacements: { start: number; end: number; text: string }[] = [];
  words.forEach((match, i) => {
    const word = match[0];
    const previous = i > 0 ? words[i - 1][0] : undefined;
    const found = wordFinding(word, previous, program);
    if (found) {
      first ??= found.finding;
      const quote = /^["']/.exec(word)?.[0] ?? '';
      replacements.push({
        start: match.index!,
        end: match.index! + word.length,
        text: `${quote}${found.keep ?? ''}${REDACTED}${quote}`,
      });
    }
    if (SEPARATORS.has(word) || word.endsWith(';')) {
      expectProgram = true;
    } else if (expectProgram && !/^[A-Za-z_]\w*=/.test(word)) {
      program = programName(word);
      expectProgram = false;
    }
  });
  // An Authorization header split over several words (`-H "Authorization: Bearer <token>"`).
  const header = /(authorization["']?\s*[:=]\s*["']?(?:(?:bearer|basic|token|apikey)\s+)?)([A-Za-z0-9._~+/=-]{8,})/gi;
  let out = text;
  for (const r of replacements.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, r.start) + r.text + out.slice(r.end);
  }
  if (header.test(out)) {
    first ??= { rule: 'authorization-credential', severity: 'fail' };
    out = out.replace(header, `$1${REDACTED}`);
  }
  return { text: out, finding: first };
}
