import type { KubeObject } from '../../facts';
import { capEvidence, kubernetesUnknown } from '../../engine/outcome';
import type { ServiceCheck, ServiceContext } from '../../engine/types';
import { compileLinearRegex, LinearRegex } from '../../regex/linearRegex';
import { AlertKind, alertKinds } from './alertKinds';

// Label matchers in rule text (`job=~"…"`), found with the linear-time engine: the text is written
// by whoever may create PrometheusRules, and a backtracking scan of it can take quadratic time.
const MATCHER = compileLinearRegex('[A-Za-z_][A-Za-z0-9_]*\\s*(=~|=)\\s*"((?:[^"\\\\]|\\\\.)*)"');
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

interface IndexedAlert {
  rule: any;
  source: KubeObject;
  kinds: AlertKind[];
}

/**
 * This cluster's alerting rules, once per sweep: by the PrometheusRule's own labels' owner (uid),
 * by every equality value that names something (label matchers in the expression, rule labels),
 * and the few with regex matchers, which are tested per service.
 */
function alertIndex(rules: KubeObject[]) {
  const all: IndexedAlert[] = [];
  const byValue = new Map<string, IndexedAlert[]>();
  const byUid = new Map<string, IndexedAlert[]>();
  const withRegex: IndexedAlert[] = [];
  const push = (
    map: Map<string, IndexedAlert[]>,
    key: string,
    a: IndexedAlert,
  ) => {
    const list = map.get(key);
    if (list) {
      if (!list.includes(a)) list.push(a);
    } else map.set(key, [a]);
  };
  for (const pr of rules) {
    const uid =
      pr.metadata.uid ?? `${pr.metadata.namespace}/${pr.metadata.name}`;
    for (const group of pr.spec?.groups ?? []) {
      for (const rule of group?.rules ?? []) {
        if (!rule?.alert) continue;
        const a: IndexedAlert = {
          rule,
          source: pr,
          kinds: alertKinds(String(rule.expr ?? '')),
        };
        all.push(a);
        push(byUid, uid, a);
        for (const v of Object.values(rule.labels ?? {}))
          push(byValue, String(v), a);
        const expr = String(rule.expr ?? '');
        let regex = false;
        for (const m of MATCHER.findAll(expr)) {
          if (m[1] === '=') push(byValue, m[2] ?? '', a);
          else regex = true;
        }
        if (regex) withRegex.push(a);
      }
    }
  }
  return { all, byValue, byUid, withRegex };
}

/** Whether a regex label matcher of the alert selects the service but not an arbitrary name. */
function regexNamesService(rule: any, ids: Set<string>): boolean {
  for (const m of MATCHER.findAll(String(rule.expr ?? ''))) {
    const [, op, value = ''] = m;
    if (op !== '=~') continue;
    // PromQL matchers are RE2, anchored; the linear-time engine cannot be stalled by a pattern
    // like (a+)+b. An invalid matcher selects nothing.
    let re: LinearRegex;
    try {
      re = compileLinearRegex(value);
    } catch {
      continue;
    }
    if (!re.matchesFully(UNRELATED) && [...ids].some(id => re.matchesFully(id)))
      return true;
  }
  return false;
}

/**
 * OPS-ALERTS: alerting rules of the service — every alert in a PrometheusRule labelled for the
 * service, and alerts elsewhere whose expression or labels name it — with at least one
 * availability alert and one latency alert, each judged by what its expression measures
 * (alertKinds.ts), not by a keyword in its name.
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
  const index = ctx.memo('alerts:index', () => alertIndex(read.value));
  const own = ctx.selected('prometheusrules');
  const ids = identifiers(ctx);
  const found = new Set<IndexedAlert>();
  for (const pr of own.state === 'ok' ? own.value : []) {
    const uid =
      pr.metadata.uid ?? `${pr.metadata.namespace}/${pr.metadata.name}`;
    for (const a of index.byUid.get(uid) ?? []) found.add(a);
  }
  for (const id of ids)
    for (const a of index.byValue.get(id) ?? []) found.add(a);
  for (const a of index.withRegex)
    if (regexNamesService(a.rule, ids)) found.add(a);
  // Rule order, as written.
  const alerts = index.all.filter(a => found.has(a));
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
  const availability = alerts.filter(a => a.kinds.includes('availability'));
  const latency = alerts.filter(a => a.kinds.includes('latency'));
  const evidence = capEvidence(
    alerts.map(
      a =>
        `PrometheusRule ${a.source.metadata.namespace}/${
          a.source.metadata.name
        } alert ${a.rule.alert} (${
          a.kinds.length
            ? a.kinds.join(' and ')
            : 'measures neither availability nor latency'
        })`,
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
