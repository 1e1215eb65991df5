import type { KubeObject } from '../../facts';
import { capEvidence, kubernetesUnknown } from '../../engine/outcome';
import type { ServiceCheck, ServiceContext } from '../../engine/types';

const AVAILABILITY =
  /down|unavailable|availab|\berrors?\b|error.?rate|5\d\d|5xx|success|absent\s*\(|\bup\b|replicas|crashloop|notready|unhealthy|health/i;
const LATENCY = /latency|slow|duration|p9\d|histogram_quantile|response.?time/i;
const MATCHER = /[A-Za-z_][A-Za-z0-9_]*\s*(=~|=)\s*"((?:[^"\\]|\\.)*)"/g;
const UNRELATED = 'zz-no-such-service-zz';

/** The names the service goes by in metrics: kubernetes id, entity name, workload and Service names. */
function identifiers(ctx: ServiceContext): Set<string> {
  const ids = new Set<string>();
  if (ctx.target.kubernetesId) ids.add(ctx.target.kubernetesId);
  ids.add(ctx.target.entityRef.split('/').pop()!);
  for (const kind of ['deployments', 'statefulsets', 'services'] as const) {
    const read = ctx.selected(kind);
    if (read.state === 'ok')
      for (const o of read.value) ids.add(o.metadata.name);
  }
  return ids;
}

/**
 * Whether a label matcher in `expr` (or a rule label) points at the service. Regex matchers count
 * when they match the service's name but not an arbitrary one, so `job=~".+"` does not make every
 * generic alert the service's own.
 */
function namesService(rule: any, ids: Set<string>): boolean {
  if (Object.values(rule.labels ?? {}).some(v => ids.has(String(v))))
    return true;
  const expr = String(rule.expr ?? '');
  for (const m of expr.matchAll(MATCHER)) {
    const [, op, value] = m;
    if (op === '=' && ids.has(value)) return true;
    if (op === '=~') {
      try {
        const re = new RegExp(`^(?:${value})$`);
        if (!re.test(UNRELATED) && [...ids].some(id => re.test(id)))
          return true;
      } catch {
        // An invalid regex cannot select the service.
      }
    }
  }
  return false;
}

/**
 * OPS-ALERTS: alerting rules of the service — every alert in a PrometheusRule labelled for the
 * service, and alerts elsewhere whose expression or labels name it — with at least one
 * availability alert (down, errors, success ratio) and one latency alert.
 */
export const opsAlerts: ServiceCheck = ctx => {
  const read = ctx.all('prometheusrules');
  if (read.state === 'error')
    return kubernetesUnknown('prometheusrules', read.message);
  if (read.state === 'absent') {
    return {
      status: 'fail',
      evidence: [
        `no alerts: the Prometheus operator is not installed (${read.reason})`,
      ],
    };
  }
  const own = ctx.selected('prometheusrules');
  const ownUids = new Set(
    (own.state === 'ok' ? own.value : []).map(
      r => r.metadata.uid ?? `${r.metadata.namespace}/${r.metadata.name}`,
    ),
  );
  const ids = identifiers(ctx);
  const alerts: { rule: any; source: KubeObject }[] = [];
  for (const pr of read.value) {
    const mine = ownUids.has(
      pr.metadata.uid ?? `${pr.metadata.namespace}/${pr.metadata.name}`,
    );
    for (const group of pr.spec?.groups ?? []) {
      for (const rule of group?.rules ?? []) {
        if (rule?.alert && (mine || namesService(rule, ids)))
          alerts.push({ rule, source: pr });
      }
    }
  }
  if (alerts.length === 0) {
    return {
      status: 'fail',
      evidence: [
        `no alerting rule names the service (${[...ids].join(', ')}) in ${
          read.value.length
        } PrometheusRules`,
      ],
    };
  }
  const text = (r: any) => `${r.alert} ${r.expr ?? ''}`;
  const availability = alerts.filter(
    a => AVAILABILITY.test(text(a.rule)) && !LATENCY.test(String(a.rule.alert)),
  );
  const latency = alerts.filter(a => LATENCY.test(text(a.rule)));
  const kindOf = (a: (typeof alerts)[number]) => {
    if (latency.includes(a)) return ' (latency)';
    if (availability.includes(a)) return ' (availability)';
    return '';
  };
  const evidence = capEvidence(
    alerts.map(
      a =>
        `PrometheusRule ${a.source.metadata.namespace}/${
          a.source.metadata.name
        } alert ${a.rule.alert}${kindOf(a)}`,
    ),
  );
  if (availability.length && latency.length)
    return { status: 'pass', evidence };
  const lacking = [
    availability.length ? undefined : 'availability',
    latency.length ? undefined : 'latency',
  ].filter(Boolean);
  return {
    status: 'warn',
    evidence: [...evidence, `no ${lacking.join(' or ')} alert`],
  };
};
