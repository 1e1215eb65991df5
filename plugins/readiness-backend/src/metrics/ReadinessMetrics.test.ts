import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { AggregationTemporality, InstrumentType, MeterProvider } from '@opentelemetry/sdk-metrics';
import { platformResult, serviceResult } from '../__testUtils__/results';
import { SummaryService } from '../service/summary';
import { DatabaseReadinessStore } from '../store/DatabaseReadinessStore';
import { ReadinessMetrics } from './ReadinessMetrics';

jest.setTimeout(60_000);

const NOW = Date.parse('2026-11-28T00:00:00.000Z');
const meta = { owner: 'group:default/data', namespaces: ['data'] };

/**
 * The Prometheus exporter as packages/backend/src/instrumentation.js configures it (tested there):
 * observable gauges with delta temporality, so a series whose entity is gone is no longer
 * exported, and without the SDK's 2,000-series cap.
 */
class GaugeForgettingPrometheusExporter extends PrometheusExporter {
  selectAggregationTemporality(type: InstrumentType) {
    return type === InstrumentType.OBSERVABLE_GAUGE
      ? AggregationTemporality.DELTA
      : AggregationTemporality.CUMULATIVE;
  }

  selectCardinalityLimit(type: InstrumentType) {
    return type === InstrumentType.OBSERVABLE_GAUGE ? 500_000 : super.selectCardinalityLimit(type);
  }
}

/** One exported series: `name{labels} value` as Prometheus reads it from the exporter. */
interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Series[] {
  const series: Series[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!m) throw new Error(`unparsable exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    series.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return series;
}

describe('ReadinessMetrics', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseReadinessStore.create({ database: mockServices.database({ knex }) });
    const summary = new SummaryService(store);
    // A real OpenTelemetry SDK with the Prometheus exporter the backend uses, without its server.
    const exporter = new GaugeForgettingPrometheusExporter({ preventServerStart: true });
    const provider = new MeterProvider({ readers: [exporter] });
    const metrics = provider.getMeter('backstage-plugin-readiness') as unknown as MetricsService;
    const observer = new ReadinessMetrics({
      metrics,
      summary,
      logger: mockServices.logger.mock(),
      now: () => NOW,
    });
    const scrape = async () => {
      const { resourceMetrics, errors } = await exporter.collect();
      expect(errors).toEqual([]);
      const text = new PrometheusSerializer().serialize(resourceMetrics);
      return { text, series: parse(text) };
    };
    const value = (series: Series[], name: string, labels: Record<string, string>) => {
      const found = series.filter(
        s => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      );
      if (found.length !== 1) {
        throw new Error(`${found.length} series ${name}${JSON.stringify(labels)}`);
      }
      return found[0].value;
    };
    return { store, summary, observer, scrape, value, provider };
  }

  const doris = (certStatus: 'pass' | 'fail', expiresAt: string) =>
    serviceResult('component:default/doris', {
      'INF-WORKLOAD': 'pass',
      'SEC-RBAC': 'fail',
      'SEC-CERT-EXPIRY': {
        status: certStatus,
        evidence: ['Certificate data/doris-tls notAfter … "quoted" evidence text'],
        expiresAt,
      },
      'OPS-METRICS': 'warn',
    });

  it('exports the stored scores, check counts, platform scores and certificate expiry as /summary has them', async () => {
    const { store, summary, scrape, value, provider } = await setup();
    const platform = {
      ...platformResult({ 'PLAT-NODES': 'pass', 'PLAT-VAULT': 'fail' }),
      clusters: [
        { cluster: 'prod', ...platformResult({ 'PLAT-NODES': 'pass', 'PLAT-VAULT': 'fail' }) },
        { cluster: 'staging', ...platformResult({ 'PLAT-NODES': 'fail', 'PLAT-VAULT': 'fail' }) },
      ],
    };
    await store.saveResults({
      platform,
      services: [
        { result: doris('pass', '2026-12-08T12:00:00.000Z'), meta },
        {
          result: serviceResult('component:default/trino', { 'INF-WORKLOAD': 'fail', 'SEC-RBAC': 'n/a' }),
          meta,
        },
      ],
      replaceAll: true,
    });
    const api = await summary.summary({});
    const { series, text } = await scrape();

    for (const row of api.items) {
      expect(value(series, 'readiness_entity_score_percent', { entity: row.entityRef, layer: 'overall' })).toBe(
        row.overall,
      );
      for (const layer of ['infrastructure', 'security', 'operations'] as const) {
        const expected = row.layers[layer];
        const found = series.filter(
          s => s.name === 'readiness_entity_score_percent' && s.labels.entity === row.entityRef && s.labels.layer === layer,
        );
        // A layer with nothing scored has no sample rather than a misleading 0.
        expect(found.map(s => s.value)).toEqual(expected === null ? [] : [expected]);
      }
    }
    for (const layer of ['overall', 'infrastructure', 'security', 'operations'] as const) {
      const expected = layer === 'overall' ? api.aggregate.overall : api.aggregate.layers[layer];
      expect(expected).not.toBeNull();
      expect(value(series, 'readiness_platform_score_percent', { layer })).toBe(expected);
    }
    // Severity x status counts, per the catalog: SEC-RBAC (critical) fails, INF-WORKLOAD and
    // SEC-CERT-EXPIRY (critical) pass, OPS-METRICS (high) warns; every other pair is 0.
    const checks = (status: string, severity: string) =>
      value(series, 'readiness_entity_checks', { entity: 'component:default/doris', severity, status });
    expect(checks('fail', 'critical')).toBe(1);
    expect(checks('pass', 'critical')).toBe(2);
    expect(checks('warn', 'high')).toBe(1);
    expect(checks('warn', 'critical')).toBe(0);
    expect(checks('unknown', 'critical')).toBe(0);
    expect(series.filter(s => s.name === 'readiness_entity_checks' && s.labels.entity === 'component:default/doris')).toHaveLength(15);
    // Platform per cluster: prod has PLAT-NODES passing (infrastructure 100), staging fails it.
    expect(value(series, 'readiness_platform_cluster_score_percent', { cluster: 'prod', layer: 'infrastructure' })).toBe(100);
    expect(value(series, 'readiness_platform_cluster_score_percent', { cluster: 'staging', layer: 'infrastructure' })).toBe(0);
    expect(value(series, 'readiness_platform_cluster_score_percent', { cluster: 'prod', layer: 'security' })).toBe(0);
    // Days from the scrape's clock to the stored notAfter; trino has no certificate: no series.
    expect(value(series, 'readiness_certificate_expiry_days', { entity: 'component:default/doris' })).toBe(10.5);
    expect(series.filter(s => s.name === 'readiness_certificate_expiry_days')).toHaveLength(1);
    expect(value(series, 'readiness_services', {})).toBe(2);

    // Bounded labels: entity refs and fixed vocabularies only, never evidence.
    expect(text).not.toContain('doris-tls');
    expect(text).not.toContain('evidence');
    const labelNames = new Set(
      series.filter(s => s.name.startsWith('readiness_')).flatMap(s => Object.keys(s.labels)),
    );
    // otel_scope_name is the exporter's own (the meter's name).
    expect([...labelNames].sort()).toEqual(['cluster', 'entity', 'layer', 'otel_scope_name', 'severity', 'status']);
    await provider.shutdown();
  });

  it('follows the latest stored state: a refresh updates that entity, a later sweep replaces all', async () => {
    const { store, scrape, value, provider } = await setup();
    await store.saveResults({
      platform: platformResult({ 'PLAT-NODES': 'pass' }),
      services: [{ result: doris('pass', '2026-12-28T00:00:00.000Z'), meta }],
      replaceAll: true,
    });
    const before = (await scrape()).series;
    expect(value(before, 'readiness_certificate_expiry_days', { entity: 'component:default/doris' })).toBe(30);
    const failing = value(before, 'readiness_entity_checks', {
      entity: 'component:default/doris',
      severity: 'critical',
      status: 'fail',
    });

    // An on-demand refresh: the certificate was replaced by one expiring in 3 days, and failed.
    const refreshed = doris('fail', '2026-12-01T00:00:00.000Z');
    refreshed.measuredAt = '2026-11-27T00:00:00.000Z';
    await store.saveResults({ services: [{ result: refreshed, meta }], replaceAll: false });
    const after = (await scrape()).series;
    expect(value(after, 'readiness_certificate_expiry_days', { entity: 'component:default/doris' })).toBe(3);
    expect(value(after, 'readiness_entity_score_percent', { entity: 'component:default/doris', layer: 'overall' })).toBe(
      refreshed.overall.percent,
    );
    expect(refreshed.overall.percent).not.toBe(
      value(before, 'readiness_entity_score_percent', { entity: 'component:default/doris', layer: 'overall' }),
    );
    expect(
      value(after, 'readiness_entity_checks', { entity: 'component:default/doris', severity: 'critical', status: 'fail' }),
    ).toBe(failing + 1);

    // A sweep without doris (removed from the catalog): its series go with its stored row.
    await store.saveResults({
      platform: platformResult({ 'PLAT-NODES': 'pass' }),
      services: [{ result: serviceResult('component:default/trino', { 'INF-WORKLOAD': 'pass' }, '2026-11-28T00:00:00.000Z'), meta }],
      replaceAll: true,
    });
    const swept = (await scrape()).series;
    expect(swept.filter(s => s.labels.entity === 'component:default/doris')).toEqual([]);
    expect(value(swept, 'readiness_entity_score_percent', { entity: 'component:default/trino', layer: 'overall' })).toBe(100);
    await provider.shutdown();
  });

  it('records sweep duration, Kubernetes and Vault calls per sweep, sweeps by status and source errors by source', async () => {
    const { observer, scrape, value, store, provider } = await setup();
    const id = await store.startSweep(new Date(NOW - 5000));
    await store.finishSweep(id, { status: 'succeeded', finishedAt: new Date(NOW), services: 9, sourceErrors: [] });
    const info = (status: 'succeeded' | 'failed', sourceErrors: { source: string; message: string }[] = []) => ({
      startedAt: new Date(NOW - 5000).toISOString(),
      finishedAt: new Date(NOW).toISOString(),
      status,
      services: 9,
      sourceErrors,
    });
    observer.onSweepFinished({ info: info('succeeded'), durationMs: 1800, kubernetesCalls: 42, vaultCalls: 7 });
    observer.onSweepFinished({
      info: info('succeeded', [
        { source: 'manifests:staging', message: 'staging/apps/doris.yaml:12:3: invalid YAML' },
        { source: 'vault:roles', message: 'permission denied' },
      ]),
      durationMs: 400,
      kubernetesCalls: 30,
      vaultCalls: 0,
    });
    observer.onSweepFinished({ info: info('failed'), durationMs: 50, kubernetesCalls: 0, vaultCalls: 0 });
    const { series, text } = await scrape();

    expect(value(series, 'readiness_sweeps_total', { status: 'succeeded' })).toBe(2);
    expect(value(series, 'readiness_sweeps_total', { status: 'failed' })).toBe(1);
    expect(value(series, 'readiness_sweep_duration_seconds_count', { status: 'succeeded' })).toBe(2);
    expect(value(series, 'readiness_sweep_duration_seconds_sum', { status: 'succeeded' })).toBeCloseTo(2.2);
    expect(value(series, 'readiness_sweep_duration_seconds_bucket', { status: 'succeeded', le: '0.5' })).toBe(1);
    expect(value(series, 'readiness_sweep_duration_seconds_bucket', { status: 'succeeded', le: '2.5' })).toBe(2);
    expect(value(series, 'readiness_sweep_duration_seconds_count', { status: 'failed' })).toBe(1);
    // Calls are per successful sweep: the failed sweep's zeros would drag the figures down.
    expect(value(series, 'readiness_sweep_kubernetes_calls_sum', {})).toBe(72);
    expect(value(series, 'readiness_sweep_kubernetes_calls_count', {})).toBe(2);
    expect(value(series, 'readiness_sweep_kubernetes_calls_bucket', { le: '25' })).toBe(0);
    expect(value(series, 'readiness_sweep_kubernetes_calls_bucket', { le: '50' })).toBe(2);
    expect(value(series, 'readiness_sweep_vault_calls_sum', {})).toBe(7);
    expect(value(series, 'readiness_source_errors_total', { source: 'manifests:staging' })).toBe(1);
    expect(value(series, 'readiness_source_errors_total', { source: 'vault:roles' })).toBe(1);
    expect(text).not.toContain('invalid YAML');
    // The latest sweep as stored, whichever replica ran it.
    expect(value(series, 'readiness_last_sweep_start_timestamp_seconds', { status: 'succeeded' })).toBe(
      (NOW - 5000) / 1000,
    );
    await provider.shutdown();
  });

  it('reports no gauges, and warns once, while the store cannot be read', async () => {
    const exporter = new PrometheusExporter({ preventServerStart: true });
    const provider = new MeterProvider({ readers: [exporter] });
    const logger = mockServices.logger.mock();
    // eslint-disable-next-line no-new
    new ReadinessMetrics({
      metrics: provider.getMeter('m') as unknown as MetricsService,
      summary: { scoped: () => Promise.reject(new Error('connection refused')) },
      logger,
    });
    for (let i = 0; i < 2; i++) {
      const text = new PrometheusSerializer().serialize((await exporter.collect()).resourceMetrics);
      expect(parse(text).filter(s => s.name.includes('score') || s.name === 'readiness_services')).toEqual([]);
    }
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('connection refused'));
    await provider.shutdown();
  });
});
