import { compileLinearRegex } from '../../regex/linearRegex';

/**
 * What an alerting rule measures, read from its PromQL expression (never from its name, labels or
 * annotations: an alert called "HighLatency" that fires on `up == 0` is an availability alert).
 *
 * availability: target or pod up/ready (`up`, `probe_success`, `kube_*_replicas_available|ready`,
 * `kube_pod_status_ready`, container ready/restarts/waiting), a series gone (`absent()`), or an
 * error ratio (a selector on a 5xx status/code label, or an `*_errors_total`-style metric).
 * latency: `histogram_quantile()`, a summary `quantile` selector, or a duration/latency metric
 * (`*_duration_seconds*`, `*_latency*`, `*_response_time*`).
 */
export type AlertKind = 'availability' | 'latency';

const AVAILABILITY_METRICS = [
  /^up$/,
  /^probe_success$/,
  /^probe_http_status_code$/,
  /^kube_(deployment|statefulset|daemonset|replicaset)_status_(replicas|number)_(available|unavailable|ready)$/,
  /^kube_(deployment|statefulset)_status_replicas$/,
  /^kube_daemonset_status_number_(available|unavailable|ready)$/,
  /^kube_pod_status_(ready|phase)$/,
  /^kube_pod_container_status_(ready|restarts_total|waiting_reason|running|terminated_reason)$/,
  /_(errors?|failures?|failed)(_total|_count)?$/,
  /_(up|available|availability|success(_ratio)?)$/,
];
const LATENCY_METRICS = [
  /_duration_(seconds|milliseconds|ms)(_bucket|_sum|_count)?$/,
  /latency/,
  /_response_time/,
  /_(request|response)_seconds(_bucket|_sum|_count)?$/,
];
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

// Every pattern below runs over rule text, which whoever may create PrometheusRules writes: on a
// backtracking engine an unclosed `{` or quote repeated 200,000 times takes quadratic time (tens
// of seconds per rule), so they run on the linear-time engine.
const QUOTED = compileLinearRegex('"(?:[^"\\\\]|\\\\.)*"|\'(?:[^\'\\\\]|\\\\.)*\'|`[^`]*`');
const BRACES = compileLinearRegex('\\{[^}]*\\}');
const BRACKETS = compileLinearRegex('\\[[^\\]]*\\]');
const GROUPING = compileLinearRegex('\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)');
/** An identifier, and whether a `(` follows it (a function call, not a metric). */
const IDENTIFIER = compileLinearRegex('([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?');
const HISTOGRAM_QUANTILE = compileLinearRegex('\\bhistogram_quantile\\s*\\(');
const QUANTILE_SELECTOR = compileLinearRegex('\\bquantile\\s*=~?\\s*"0\\.\\d+"');
const ABSENT = compileLinearRegex('\\babsent(_over_time)?\\s*\\(');

/** The metric names an expression selects (functions, label names, keywords and literals left out). */
export function metricNames(expr: string): string[] {
  const text = GROUPING.replaceAll(
    BRACKETS.replaceAll(BRACES.replaceAll(QUOTED.replaceAll(expr, '""'), ' '), ' '),
    ' ',
  );
  const names = new Set<string>();
  for (const [, word = '', call] of IDENTIFIER.findAll(text)) {
    if (call || KEYWORDS.has(word.toLowerCase())) continue;
    names.add(word);
  }
  return [...names];
}

/** The selectors `{...}` of an expression, as raw text. */
function selectors(expr: string): string[] {
  return BRACES.findAll(expr).map(([whole = '']) => whole);
}

const FIVE_XX = compileLinearRegex(
  '(?i)\\b(code|status|status_code|response_code)\\s*(=~?)\\s*"(5[0-9x.\\\\d|]*[^"]*)"',
);

export function alertKinds(expr: string): AlertKind[] {
  const kinds = new Set<AlertKind>();
  const names = metricNames(expr);
  const sel = selectors(expr).join(' ');
  if (
    HISTOGRAM_QUANTILE.matchesAnywhere(expr) ||
    QUANTILE_SELECTOR.matchesAnywhere(sel) ||
    names.some(n => LATENCY_METRICS.some(re => re.test(n)))
  ) {
    kinds.add('latency');
  }
  if (
    ABSENT.matchesAnywhere(expr) ||
    FIVE_XX.matchesAnywhere(sel) ||
    names.some(
      n =>
        !LATENCY_METRICS.some(re => re.test(n)) &&
        AVAILABILITY_METRICS.some(re => re.test(n)),
    )
  ) {
    kinds.add('availability');
  }
  return [...kinds];
}
