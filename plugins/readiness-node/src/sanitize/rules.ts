/**
 * The rules that recognise a credential in a ConfigMap entry or a container env literal. They look
 * at a key and its value once, while the object is sanitised, and only their verdict (the rule's
 * name and severity) is kept: the value itself is dropped before the object enters a snapshot.
 */

export type FindingSeverity = 'fail' | 'warn';

export interface SecretFinding {
  rule: string;
  severity: FindingSeverity;
}

export interface SecretRule {
  name: string;
  severity: FindingSeverity;
  description: string;
  test(input: RuleInput): boolean;
}

/** One key and its value, with the costlier parse (embedded files) done at most once. */
export interface RuleInput {
  key: string;
  value: string;
  embedded(): ('literal' | 'harmless')[];
}

/**
 * Words that make a key credential-named, matched as whole words of the key after splitting on
 * `_ - . /` and camelCase (so `DB_PASSWORD`, `dbPassword`, `db.password` all match, `bypass`
 * and `tokenizer` do not).
 */
const CREDENTIAL_WORDS =
  /(?:^|_)(?:passwords?|passwd|pwd|passphrase|secrets?|tokens?|api_?keys?|access_?keys?|private_?keys?|client_?secrets?|credentials?|creds|dsn|connection_?strings?|conn_?str|pgpassword|rediscli_auth)(?:_|$)/;

/**
 * A key whose last word describes the credential rather than holding it (`TOKEN_URL`,
 * `SECRET_NAME`, `PASSWORD_MIN_LENGTH`, `ACCESS_KEY_ID`) is not credential-named: its value is a
 * location, a name or a setting, never the secret itself.
 */
const DESCRIPTIVE_LAST_WORDS = new Set([
  'url',
  'uri',
  'endpoint',
  'host',
  'port',
  'path',
  'file',
  'dir',
  'mount',
  'name',
  'ref',
  'id',
  'type',
  'header',
  'prefix',
  'ttl',
  'lifetime',
  'expiry',
  'expires',
  'timeout',
  'length',
  'enabled',
  'required',
  'policy',
  'algorithm',
  'format',
  'version',
]);

export function normaliseKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function isCredentialName(key: string): boolean {
  const normalised = normaliseKey(key);
  if (!CREDENTIAL_WORDS.test(normalised)) return false;
  const words = normalised.split('_');
  return !DESCRIPTIVE_LAST_WORDS.has(words[words.length - 1]);
}

const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;
const AWS_ACCESS_KEY_ID = /(?<![0-9A-Z])AKIA[0-9A-Z]{16}(?![0-9A-Z])/;
/**
 * An HTTP Authorization credential: `Authorization: <scheme> <credential>` (a header in a curl
 * command, a probe header, a properties file), or a bare `Bearer <token>` whose token has a digit
 * (so prose such as "bearer authentication" is not one).
 */
const AUTHORIZATION_VALUE =
  /authorization["']?\s*[:=]\s*["']?(?:(?:bearer|basic|token|apikey)\s+)?[A-Za-z0-9._~+/=-]{8,}|\bbearer\s+(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{16,}/i;
/** `scheme://user:password@host`: the password part is group 1. */
const URL_USERINFO = /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s/@]+)@/gi;

const REFERENCE = [
  /^\$\{[^}]+\}$/, // ${VAR}, ${vault:...}
  /^\$\([^)]+\)$/, // $(VAR): Kubernetes env expansion
  /^\{\{.*\}\}$/s, // {{ template }}
  /^<path:[^>]+>$/, // argocd-vault-plugin placeholder
  /^(?:ref\+)?vault:/i,
  /^(?:secretref|secret|k8s|env|file):/i,
  /^arn:aws[a-z-]*:(?:secretsmanager|ssm):/i,
  /^projects\/[^/]+\/secrets\//, // GCP Secret Manager
  /^azurekeyvault:\/\//i,
  /^https:\/\/[^/]+\.vault\.azure\.net\/secrets\//i,
];
const FILE_PATH = /^(?:\/|\.{1,2}\/|~\/|file:\/\/)[^\s]*$/;
const BOOLEAN = /^(?:true|false|yes|no|on|off|enabled|disabled)$/i;

/**
 * A value that cannot itself be a credential: empty, a reference resolved elsewhere
 * (`${VAR}`, a Vault or cloud secret-manager reference), a file path or a flag. Placeholders such
 * as `changeme` are NOT harmless: they are literal credentials that work until someone changes them.
 */
export function isHarmlessValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  return REFERENCE.some(r => r.test(v)) || FILE_PATH.test(v) || BOOLEAN.test(v);
}

function hasUrlPassword(value: string): boolean {
  for (const m of value.matchAll(URL_USERINFO)) {
    if (!isHarmlessValue(decodeURIComponentSafe(m[1]))) return true;
  }
  return false;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Credential assignments inside a larger value: a JSON document, or `key=value` / `key: value`
 * lines and `;`-separated pairs as in `application.properties`, `.env`, YAML files or ADO.NET
 * connection strings carried by a ConfigMap.
 */
const ASSIGNMENT =
  /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*["']?(.*?)["']?\s*,?\s*$/;
/** YAML tokens that open a nested block or a multi-line scalar: the key has no value of its own. */
const BLOCK_OPENERS = new Set(['', '{', '[', '|', '>', '|-', '>-']);

function embeddedCredentials(value: string): ('literal' | 'harmless')[] {
  const found: ('literal' | 'harmless')[] = [];
  const visit = (key: string, v: string) => {
    if (isCredentialName(key))
      found.push(isHarmlessValue(v) ? 'harmless' : 'literal');
  };
  const trimmed = value.trim();
  if (/^[{[]/.test(trimmed)) {
    try {
      walkJson(JSON.parse(trimmed), visit);
      return found;
    } catch {
      // not JSON: fall through to the line-based formats
    }
  }
  if (!/[\n;]/.test(value)) return found;
  for (const part of value.split(/\r?\n|;/)) {
    const m = ASSIGNMENT.exec(part);
    if (m && !BLOCK_OPENERS.has(m[2])) visit(m[1], m[2]);
  }
  return found;
}

function walkJson(node: unknown, visit: (key: string, value: string) => void) {
  if (Array.isArray(node)) {
    node.forEach(n => walkJson(n, visit));
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string' || typeof v === 'number') visit(k, String(v));
      else walkJson(v, visit);
    }
  }
}

/**
 * The rule table, most severe first: the first rule that matches is the one reported for a key.
 * Rule names are stable: they appear in evidence, stored results and the UI.
 */
export const SECRET_RULES: readonly SecretRule[] = [
  {
    name: 'pem-private-key',
    severity: 'fail',
    description:
      'The value contains a PEM private key block, whatever the key is called.',
    test: ({ value }) => PEM_PRIVATE_KEY.test(value),
  },
  {
    name: 'aws-access-key-id',
    severity: 'fail',
    description: 'The value contains an AWS access key id (AKIA…).',
    test: ({ value }) => AWS_ACCESS_KEY_ID.test(value),
  },
  {
    name: 'authorization-credential',
    severity: 'fail',
    description:
      'The value carries an HTTP Authorization credential (Bearer or Basic followed by the token itself).',
    test: ({ value }) => AUTHORIZATION_VALUE.test(value),
  },
  {
    name: 'url-with-password',
    severity: 'fail',
    description:
      'The value is a URL or DSN with a literal password (scheme://user:password@host).',
    test: ({ value }) => hasUrlPassword(value),
  },
  {
    name: 'credential-name-literal',
    severity: 'fail',
    description:
      'A credential-named key (password, token, api key, …) holds a literal value.',
    test: ({ key, value }) => isCredentialName(key) && !isHarmlessValue(value),
  },
  {
    name: 'embedded-credential-literal',
    severity: 'fail',
    description:
      'A file carried in the value (properties, .env, YAML, JSON) assigns a literal to a credential-named key.',
    test: input => input.embedded().includes('literal'),
  },
  {
    name: 'credential-name-harmless',
    severity: 'warn',
    description:
      'A credential-named key holds a harmless value (empty, a reference, a file path or a flag); move it next to the real secret.',
    test: ({ key, value }) => isCredentialName(key) && isHarmlessValue(value),
  },
  {
    name: 'embedded-credential-harmless',
    severity: 'warn',
    description:
      'A file carried in the value names a credential key with a harmless value.',
    test: input => input.embedded().includes('harmless'),
  },
];

/** The first (most severe) rule matching a key and its value, without keeping the value. */
export function classify(
  key: string,
  value: string,
): SecretFinding | undefined {
  let embedded: ('literal' | 'harmless')[] | undefined;
  const input: RuleInput = {
    key,
    value,
    embedded: () => (embedded ??= embeddedCredentials(value)),
  };
  const rule = SECRET_RULES.find(r => r.test(input));
  return rule ? { rule: rule.name, severity: rule.severity } : undefined;
}
