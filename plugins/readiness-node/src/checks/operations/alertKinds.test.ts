import { alertKinds, metricNames } from './alertKinds';

describe("an alert's kind is judged by what its expression measures, not by its words", () => {
  it.each([
    ['up{job="doris"} == 0'],
    ['kube_deployment_status_replicas_available{deployment="doris"} < 1'],
    ['kube_statefulset_status_replicas_ready{statefulset="doris-be"} < 3'],
    ['probe_success{instance="https://doris.254carbon.com"} == 0'],
    ['absent(up{job="doris"})'],
    [
      'sum(rate(nginx_ingress_controller_requests{service="doris",status=~"5.."}[5m])) / sum(rate(nginx_ingress_controller_requests{service="doris"}[5m])) > 0.01',
    ],
    [
      'sum(rate(http_requests_total{job="doris",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="doris"}[5m])) > 0.05',
    ],
    ['rate(doris_query_errors_total[5m]) > 1'],
    [
      'increase(kube_pod_container_status_restarts_total{pod=~"doris-.*"}[1h]) > 3',
    ],
  ])('availability: %s', expr => {
    expect(alertKinds(expr)).toEqual(['availability']);
  });

  it.each([
    [
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="doris"}[5m]))) > 0.25',
    ],
    ['http_request_duration_seconds{job="doris",quantile="0.99"} > 1'],
    ['avg(doris_query_latency_ms{job="doris"}) > 500'],
    ['probe_duration_seconds{instance="https://doris.254carbon.com"} > 2'],
  ])('latency: %s', expr => {
    expect(alertKinds(expr)).toEqual(['latency']);
  });

  it.each([
    [
      'node_filesystem_avail_bytes{mountpoint="/data"} / node_filesystem_size_bytes < 0.1',
    ],
    ['container_memory_working_set_bytes{pod=~"doris-.*"} > 8e9'],
    ['doris_compaction_score > 100'],
  ])('neither: %s', expr => {
    expect(alertKinds(expr)).toEqual([]);
  });

  it('ignores words in label values, label names and grouping clauses', () => {
    expect(
      metricNames(
        'sum by (latency_bucket, job) (rate(cpu_seconds_total{job="slow-latency-up"}[5m]))',
      ),
    ).toEqual(['cpu_seconds_total']);
    expect(
      alertKinds('disk_used_ratio{alertname="DorisDown",job="up"} > 0.9'),
    ).toEqual([]);
  });
});
