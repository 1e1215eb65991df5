import type { KubeObject } from '../../facts';
import { describeObject, podTemplate } from '../../engine/objects';
import { capEvidence, kubernetesUnknown } from '../../engine/outcome';
import { fromLabelSelector, matches } from '../../engine/selectors';
import type { CheckOutcome, ServiceCheck } from '../../engine/types';
import { noWorkload, serviceWorkloads } from '../../engine/workloads';

const SCRAPE = 'prometheus.io/scrape';

/**
 * Monitors of one kind indexed once per cluster per sweep by the namespaces they reach: a service
 * then looks at the monitors of its namespace (and the `any` ones), never at the whole list.
 */
interface MonitorIndex {
  byNamespace: Map<string, KubeObject[]>;
  anyNamespace: KubeObject[];
}

function indexMonitors(monitors: readonly KubeObject[]): MonitorIndex {
  const index: MonitorIndex = { byNamespace: new Map(), anyNamespace: [] };
  const add = (ns: string, m: KubeObject) => {
    const list = index.byNamespace.get(ns);
    if (list) list.push(m);
    else index.byNamespace.set(ns, [m]);
  };
  for (const m of monitors) {
    const sel = m.spec?.namespaceSelector;
    if (sel?.any === true) index.anyNamespace.push(m);
    else if (Array.isArray(sel?.matchNames) && sel.matchNames.length) {
      for (const ns of new Set<string>(sel.matchNames)) add(ns, m);
    } else if (m.metadata.namespace) add(m.metadata.namespace, m);
  }
  return index;
}

/** The monitors of an index whose selector matches `labels` in namespace `ns`. */
function selecting(
  index: MonitorIndex,
  ns: string | undefined,
  labels: Record<string, string> | undefined,
): KubeObject[] {
  const candidates = [...(ns ? index.byNamespace.get(ns) ?? [] : []), ...index.anyNamespace];
  return candidates.filter(m => {
    const selector = fromLabelSelector(m.spec?.selector);
    return Boolean(selector) && matches(selector!, labels);
  });
}

/**
 * OPS-METRICS: the service is scraped — a ServiceMonitor selecting one of its Services, a
 * PodMonitor selecting its pods, or `prometheus.io/scrape: "true"` annotations — and, when
 * Prometheus is configured, its `up` series are all 1. Without the Prometheus operator's CRDs only
 * annotations can make it scraped; the evidence says so.
 */
export const opsMetrics: ServiceCheck = ctx => {
  const found = serviceWorkloads(ctx);
  if ('outcome' in found) return found.outcome;
  const servicesRead = ctx.selected('services');
  if (servicesRead.state === 'error')
    return kubernetesUnknown('services', servicesRead.message);
  const services = servicesRead.state === 'ok' ? servicesRead.value : [];
  if (found.workloads.length === 0 && services.length === 0)
    return noWorkload(ctx);

  const how: string[] = [];
  const notes: string[] = [];
  let unreadable: CheckOutcome | undefined;

  const sms = ctx.all('servicemonitors');
  if (sms.state === 'ok') {
    const index = ctx.memo('metrics:servicemonitors', () => indexMonitors(sms.value));
    for (const svc of services) {
      for (const sm of selecting(index, svc.metadata.namespace, svc.metadata.labels)) {
        how.push(`${describeObject(sm)} selects ${describeObject(svc)}`);
      }
    }
  } else if (sms.state === 'absent')
    notes.push(`no ServiceMonitor CRD (${sms.reason})`);
  else unreadable = kubernetesUnknown('servicemonitors', sms.message);

  const pms = ctx.all('podmonitors');
  if (pms.state === 'ok') {
    const index = ctx.memo('metrics:podmonitors', () => indexMonitors(pms.value));
    for (const w of found.workloads) {
      const labels = podTemplate(w).metadata.labels;
      for (const pm of selecting(index, w.metadata.namespace, labels)) {
        how.push(
          `${describeObject(pm)} selects the pods of ${describeObject(w)}`,
        );
      }
    }
  } else if (pms.state === 'absent')
    notes.push(`no PodMonitor CRD (${pms.reason})`);
  else unreadable ??= kubernetesUnknown('podmonitors', pms.message);

  const annotated: KubeObject[] = [
    ...found.workloads.filter(
      w => podTemplate(w).metadata.annotations?.[SCRAPE] === 'true',
    ),
    ...services.filter(s => s.metadata.annotations?.[SCRAPE] === 'true'),
  ];
  for (const o of annotated) {
    how.push(
      `${describeObject(o)}${
        o.kind === 'Service' ? '' : ' pod template'
      } annotated ${SCRAPE}: "true"`,
    );
  }

  if (how.length === 0) {
    if (unreadable) return unreadable;
    return {
      status: 'fail',
      evidence: [
        `not scraped: no ServiceMonitor or PodMonitor selects the service and no ${SCRAPE} annotation`,
        ...notes,
      ],
    };
  }

  const evidence = capEvidence(how);
  const prom = ctx.prometheus;
  if (!prom) {
    return {
      status: 'pass',
      evidence: [
        ...evidence,
        'Prometheus is not configured: scrape targets not verified',
      ],
    };
  }
  if (prom.targets.state === 'error') {
    return {
      status: 'unknown',
      evidence: [
        ...evidence,
        `Prometheus up query failed: ${prom.targets.message}`,
      ],
      error: { source: 'prometheus', message: prom.targets.message },
    };
  }
  if (prom.targets.state === 'absent') {
    return {
      status: 'pass',
      evidence: [
        ...evidence,
        `Prometheus targets not checked: ${prom.targets.reason}`,
      ],
    };
  }
  const { total, up } = prom.targets.value;
  if (total === 0) {
    return {
      status: 'warn',
      evidence: [
        ...evidence,
        'Prometheus has no up series for the service: the scrape configuration is not picked up',
      ],
      remediation:
        "Check that Prometheus' serviceMonitorSelector/podMonitorSelector matches the monitor's labels.",
    };
  }
  const line = `Prometheus: ${up}/${total} targets up`;
  return up < total
    ? {
        status: 'warn',
        evidence: [...evidence, line],
        remediation: 'Check the down targets on the Prometheus targets page.',
      }
    : { status: 'pass', evidence: [...evidence, line] };
};
