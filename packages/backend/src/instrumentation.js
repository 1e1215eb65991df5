/*
 * OpenTelemetry metrics for the backend, exported for Prometheus on their own port.
 *
 * Loaded with `node --require` BEFORE the backend (the "start" script and
 * scripts/start-production.sh), as Backstage's OpenTelemetry tutorial sets it up: the Metrics
 * Service asks the global meter provider for its meters when plugins start, so the provider must
 * be registered first or every instrument is a no-op.
 *
 * Environment (OpenTelemetry's own names):
 *   OTEL_EXPORTER_PROMETHEUS_PORT  port of the /metrics endpoint (default 9464)
 *   OTEL_EXPORTER_PROMETHEUS_HOST  address to listen on (default: all interfaces with
 *                                  NODE_ENV=production, for scraping in a cluster; else 127.0.0.1,
 *                                  as the local app-config binds the backend to loopback)
 *   OTEL_METRICS_EXPORTER=none     no metrics endpoint at all
 */
const { isMainThread } = require('node:worker_threads');

// Worker threads load --require files again; one exporter per process.
if (isMainThread && process.env.OTEL_METRICS_EXPORTER !== 'none') {
  const { metrics } = require('@opentelemetry/api');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
  const {
    AggregationTemporality,
    InstrumentType,
    MeterProvider,
  } = require('@opentelemetry/sdk-metrics');

  const rawPort = process.env.OTEL_EXPORTER_PROMETHEUS_PORT;
  const port = rawPort === undefined || rawPort === '' ? 9464 : Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(
      `OTEL_EXPORTER_PROMETHEUS_PORT must be a port number from 1 to 65535, got "${rawPort}"; unset it for 9464, or set OTEL_METRICS_EXPORTER=none to serve no metrics`,
    );
  }
  const host =
    process.env.OTEL_EXPORTER_PROMETHEUS_HOST ||
    (process.env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1');

  /**
   * Observable gauges, as readiness reports them (one series per service and label value):
   *
   * - The SDK keeps exporting an attribute set after the callback stops observing it when
   *   temporality is cumulative (the spec says it should not). With delta temporality a gauge
   *   reports exactly what its callback observed this scrape, so the series of a service removed
   *   from the catalog disappear. Gauges are last values either way; counters and histograms
   *   stay cumulative, as Prometheus needs.
   * - The SDK's default cap of 2,000 series per instrument would fold all but the first ~130
   *   services' check counts into one `otel_metric_overflow` series. Their number is bounded by
   *   the catalog (15 check-count series per service), so the cap is raised for gauges only;
   *   other instruments keep the default that protects against unbounded labels.
   */
  const GAUGE_SERIES_LIMIT = 500_000;
  class PrometheusGaugeExporter extends PrometheusExporter {
    selectAggregationTemporality(type) {
      return type === InstrumentType.OBSERVABLE_GAUGE
        ? AggregationTemporality.DELTA
        : AggregationTemporality.CUMULATIVE;
    }

    selectCardinalityLimit(type) {
      return type === InstrumentType.OBSERVABLE_GAUGE
        ? GAUGE_SERIES_LIMIT
        : super.selectCardinalityLimit(type);
    }
  }

  const exporter = new PrometheusGaugeExporter({ port, host }, error => {
    const where = `${host}:${port}`;
    if (error) {
      // The backend still starts; only the metrics endpoint is missing.
      console.error(
        `metrics: cannot serve Prometheus metrics on ${where} (${error.message}); set OTEL_EXPORTER_PROMETHEUS_PORT to a free port, or OTEL_METRICS_EXPORTER=none`,
      );
    } else {
      console.log(`metrics: Prometheus metrics at http://${where}/metrics`);
    }
  });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [exporter] }));
}
