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

/** The metric names an expression selects (functions, label names, keywords and literals left out). */
export function metricNames(expr: string): string[] {
  const text = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(
      /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g,
      ' ',
    );
  const names = new Set<string>();
  const re = /[A-Za-z_:][A-Za-z0-9_:]*(?=\s*(\()?)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const word = m[0];
    if (m[1] || KEYWORDS.has(word.toLowerCase())) continue;
    names.add(word);
  }
  return [...names];
}

/** The selectors `{...}` of an expression, as raw text. */
function selectors(expr: string): string[] {
  return expr.match(/\{[^}]*\}/g) ?? [];
}

const FIVE_XX =
  /\b(code|status|status_code|response_code)\s*(=~?)\s*"(5[0-9x.\\d|]*[^"]*)"/i;

export function alertKinds(expr: string): AlertKind[] {
  const kinds = new Set<AlertKind>();
  const names = metricNames(expr);
  const sel = selectors(expr).join(' ');
  if (
    /\bhistogram_quantile\s*\(/.test(expr) ||
    /\bquantile\s*=~?\s*"0\.\d+"/.test(sel) ||
    names.some(n => LATENCY_METRICS.some(re => re.test(n)))
  ) {
    kinds.add('latency');
  }
  if (
    /\babsent(_over_time)?\s*\(/.test(expr) ||
    FIVE_XX.test(sel) ||
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
