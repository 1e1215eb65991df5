import { metrics } from '@opentelemetry/api';
import { createServer } from 'node:net';

/** A port nobody listens on, for this process's metrics endpoint. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function scrape(port: number): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  return (await res.text()).split('\n').filter(l => l && !l.startsWith('#'));
}

describe('instrumentation.js (loaded with --require before the backend)', () => {
  it('serves Prometheus metrics on OTEL_EXPORTER_PROMETHEUS_PORT; gauges drop unobserved series and are not capped at 2,000', async () => {
    const port = await freePort();
    process.env.OTEL_EXPORTER_PROMETHEUS_PORT = String(port);
    process.env.OTEL_EXPORTER_PROMETHEUS_HOST = '127.0.0.1';
    // eslint-disable-next-line @backstage/no-relative-monorepo-imports, global-require
    require('./instrumentation');

    // What the Metrics Service does: a meter from the global provider the file registered.
    const meter = metrics.getMeter('backstage-plugin-readiness');
    let services = 3000;
    meter
      .createObservableGauge('readiness_test_score_percent')
      .addCallback(result => {
        for (let i = 0; i < services; i++) result.observe(50, { entity: `component:default/s${i}` });
      });
    const counter = meter.createCounter('readiness_test_sweeps');
    counter.add(1, { status: 'succeeded' });

    // Listening happens asynchronously after the require.
    let lines: string[] = [];
    for (let i = 0; i < 50 && !lines.length; i++) {
      lines = await scrape(port).catch(() => []);
      if (!lines.length) await new Promise(r => setTimeout(r, 100));
    }
    const gauge = (l: string[]) => l.filter(x => x.startsWith('readiness_test_score_percent{'));
    expect(gauge(lines)).toHaveLength(3000);
    expect(lines.filter(l => l.includes('otel_metric_overflow'))).toEqual([]);

    // Services removed from the catalog: their series go at the next scrape.
    services = 2;
    expect(gauge(await scrape(port))).toHaveLength(2);
    // Counters stay cumulative.
    counter.add(1, { status: 'succeeded' });
    expect((await scrape(port)).find(l => l.startsWith('readiness_test_sweeps_total{'))).toMatch(/ 2$/);

    await (metrics.getMeterProvider() as unknown as { shutdown(): Promise<void> }).shutdown();
  });

  afterAll(() => {
    // The worker process runs other test files next.
    delete process.env.OTEL_EXPORTER_PROMETHEUS_PORT;
    delete process.env.OTEL_EXPORTER_PROMETHEUS_HOST;
    metrics.disable();
  });
});
