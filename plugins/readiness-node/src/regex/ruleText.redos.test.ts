import type { Entity } from '@backstage/catalog-model';
import { DEFAULT_PLATFORM, DEFAULT_THRESHOLDS, evaluateSweep } from '../engine';
import { targetFromEntity } from '../entity';
import { snapshotFromObjects } from '../loader';

jest.setTimeout(60_000);

// A service whose name a backtracking engine chokes on under `(a+)+b`.
const NAME = 'a'.repeat(40);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: NAME, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': NAME } },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team' },
};

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: NAME, namespace: 'team', labels: { 'backstage.io/kubernetes-id': NAME } },
  spec: { replicas: 2, template: { metadata: { labels: { 'backstage.io/kubernetes-id': NAME } }, spec: { containers: [] } } },
};

const rules = (exprs: string[]) => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  metadata: { name: 'shared-rules', namespace: 'monitoring' },
  spec: { groups: [{ name: 'shared', rules: exprs.map((expr, i) => ({ alert: `Rule${i}`, expr })) }] },
});

/** One engine sweep over a cluster holding the service and the given rules; returns ms and the result. */
function sweep(exprs: string[]) {
  const facts = { clusters: [snapshotFromObjects('main', [deployment, rules(exprs)])] };
  const target = targetFromEntity(entity, { thresholds: DEFAULT_THRESHOLDS });
  const started = process.hrtime.bigint();
  const result = evaluateSweep(facts, [target], {
    platform: DEFAULT_PLATFORM,
    thresholds: DEFAULT_THRESHOLDS,
    now: new Date('2026-11-26T12:00:00Z'),
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, alerts: result.services[0].checks.find(c => c.checkId === 'OPS-ALERTS')! };
}

describe('rule text from the cluster cannot stall a sweep (ReDoS)', () => {
  it('keeps the sweep time flat with catastrophic matchers and hostile expressions', () => {
    sweep(['up{job="warm-up"} == 0']); // load the engine before timing
    const benign = sweep(['up{job="other"} == 0', 'histogram_quantile(0.99, rate(x_bucket[5m])) > 1']);
    const hostile = sweep([
      // Exponential on a backtracking engine against the service's 40-character name.
      'up{job=~"(a+)+b"} == 0',
      'up{job=~"(a|aa)+$"} == 0',
      // Quadratic on a backtracking scan of the rule text: unclosed braces, quotes and a 5xx matcher.
      `${'{'.repeat(100_000)}`,
      `x{a="${'\\"'.repeat(50_000)}`,
      `sum(rate(http_requests_total{code="5${'5'.repeat(50_000)}`,
      'up{job=~"a{1000}"} == 0',
    ]);
    // On the backtracking engine the first matcher alone would take hours.
    expect(hostile.ms).toBeLessThan(benign.ms + 3000);
    // The check still judges normally: `(a|aa)+$` does select the service (an availability
    // alert without a latency one: warn); `(a+)+b` does not.
    expect(hostile.alerts.status).toBe('warn');
    expect(hostile.alerts.evidence.join(' ')).toContain('Rule1');
    expect(hostile.alerts.evidence.join(' ')).not.toContain('Rule0');
  });

  it('still recognises a regex matcher that names the service', () => {
    const { alerts } = sweep([`up{job=~"a+"} == 0`, `histogram_quantile(0.99, rate(http_request_duration_seconds_bucket{job=~"${NAME}"}[5m])) > 1`]);
    expect(alerts.evidence.join(' ')).toContain('Rule0');
    expect(alerts.evidence.join(' ')).toContain('Rule1');
  });
});
