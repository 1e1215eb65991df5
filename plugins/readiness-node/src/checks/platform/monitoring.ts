import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import type { PlatformCheck } from '../../engine/types';
import { ComponentState, locateComponent } from './components';

/**
 * PLAT-MONITORING: Prometheus, Alertmanager, Grafana and Loki workloads. Prometheus down fails the
 * check (nothing else in Operations can be measured); any other component down or degraded warns.
 * When Prometheus' URL is configured its `/-/ready` is authoritative for Prometheus: it may run
 * outside the cluster, and a running pod that is not ready still serves no queries.
 */
export const platMonitoring: PlatformCheck = ctx => {
  const evidence: string[] = [];
  const states: Partial<Record<string, ComponentState>> = {};
  const parts = ctx.platform.monitoring;
  for (const [name, locator] of [
    ['Prometheus', parts.prometheus],
    ['Alertmanager', parts.alertmanager],
    ['Grafana', parts.grafana],
    ['Loki', parts.loki],
  ] as const) {
    const report = locateComponent(ctx, name, locator);
    if ('outcome' in report) return report.outcome;
    states[name] = report.state;
    evidence.push(...report.evidence);
  }

  const ready = ctx.facts.prometheus?.ready;
  if (ready?.state === 'ok') {
    evidence.push(
      `Prometheus /-/ready: ${ready.value ? 'ready' : 'not ready'}`,
    );
    states.Prometheus = ready.value ? 'available' : 'down';
  } else if (ready?.state === 'error') {
    evidence.push(`Prometheus /-/ready could not be read: ${ready.message}`);
    if (states.Prometheus === 'available') states.Prometheus = 'degraded';
  }

  let status: CheckStatus = 'pass';
  if (states.Prometheus === 'down') status = 'fail';
  else if (Object.values(states).some(s => s !== 'available')) status = 'warn';
  const notUp = Object.entries(states)
    .filter(([, s]) => s !== 'available')
    .map(([n, s]) => `${n} ${s}`);
  evidence.push(
    notUp.length
      ? `not fully up: ${notUp.join(', ')}`
      : 'all monitoring components up',
  );
  return { status, evidence };
};
