import {
  deployment,
  factsFrom,
  ID_LABEL,
  prometheusRule,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { opsAlerts } from './alerts';

const down = { alert: 'DorisDown', expr: 'up{job="doris"} == 0' };
const latency = {
  alert: 'DorisSlow',
  expr: 'histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket{service="doris"}[5m])) by (le)) > 0.25',
};

describe('OPS-ALERTS', () => {
  it('passes with availability and latency alerts labelled for the service', () => {
    const rule = prometheusRule('doris-alerts', {
      labels: { [ID_LABEL]: 'doris' },
      alerts: [down, latency],
    });
    const out = opsAlerts(serviceContext([deployment('doris'), rule]));
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'PrometheusRule data-platform/doris-alerts alert DorisDown (availability)',
      'PrometheusRule data-platform/doris-alerts alert DorisSlow (latency)',
    ]);
  });

  it('finds alerts in a shared PrometheusRule by the label matchers naming the service', () => {
    const shared = prometheusRule('platform', {
      namespace: 'monitoring',
      alerts: [
        down,
        latency,
        { alert: 'TrinoDown', expr: 'up{job="trino"} == 0' },
      ],
    });
    const out = opsAlerts(serviceContext([deployment('doris'), shared]));
    expect(out.status).toBe('pass');
    expect(out.evidence).toHaveLength(2);
  });

  it('warns with alerts but no latency alert', () => {
    const out = opsAlerts(
      serviceContext([
        deployment('doris'),
        prometheusRule('r', { alerts: [down] }),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[out.evidence.length - 1]).toBe('no latency alert');
  });

  it('fails when no alert names the service; a catch-all regex does not count', () => {
    const generic = prometheusRule('generic', {
      namespace: 'monitoring',
      alerts: [{ alert: 'TargetDown', expr: 'up{job=~".+"} == 0' }],
    });
    const out = opsAlerts(serviceContext([deployment('doris'), generic]));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toMatch(
      /^no alerting rule names the service \(doris\) in 1 PrometheusRules/,
    );
  });

  it('fails when the Prometheus operator is not installed', () => {
    const out = opsAlerts(
      serviceContext(factsFrom([deployment('doris')], { installedCrds: [] })),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toMatch(/Prometheus operator is not installed/);
  });

  it('is unknown when PrometheusRules cannot be listed', () => {
    expect(
      opsAlerts(
        serviceContext(
          withKindError(factsFrom([deployment('doris')]), 'prometheusrules'),
        ),
      ).status,
    ).toBe('unknown');
  });

  it('classifies by the expression: a "latency" name on an up check is availability, and a "Down" name on a disk check is neither', () => {
    const rule = prometheusRule('doris-alerts', {
      labels: { [ID_LABEL]: 'doris' },
      alerts: [
        { alert: 'DorisHighLatency', expr: 'up{job="doris"} == 0' },
        {
          alert: 'DorisDown',
          expr: 'node_filesystem_avail_bytes{job="doris"} < 1e9',
        },
      ],
    });
    const out = opsAlerts(serviceContext([deployment('doris'), rule]));
    expect(out.status).toBe('warn');
    expect(out.evidence).toEqual([
      'PrometheusRule data-platform/doris-alerts alert DorisHighLatency (availability)',
      'PrometheusRule data-platform/doris-alerts alert DorisDown (measures neither availability nor latency)',
      'no latency alert',
    ]);
  });
});
