import * as http from 'http';
import { AddressInfo } from 'net';
import { DEFAULT_PROMETHEUS_QUERIES } from '../../config';
import { PrometheusCollector, renderQuery } from './PrometheusCollector';

jest.setTimeout(60_000);

const queries = {
  up: 'up{namespace="{{namespace}}",job="{{name}}"}',
  availability: 'avail{namespace="{{namespace}}",service="{{name}}"}',
  latencyP95: 'p95{namespace="{{namespace}}",service="{{name}}"}',
};

describe('PrometheusCollector', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: string[] = [];
  let ready = 200;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://prom');
      seen.push(url.pathname === '/api/v1/query' ? url.searchParams.get('query')! : url.pathname);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/-/ready') {
        res.writeHead(ready);
        res.end(ready === 200 ? 'Prometheus Server is Ready.\n' : 'Service Unavailable');
        return;
      }
      const query = url.searchParams.get('query')!;
      const vector = (values: string[]) =>
        send(200, {
          status: 'success',
          data: { resultType: 'vector', result: values.map((v, i) => ({ metric: { instance: `i${i}` }, value: [1700000000, v] })) },
        });
      if (query.startsWith('up{') && query.includes('job="doris"')) vector(['1', '1', '0']);
      else if (query.startsWith('avail{') && query.includes('"doris"')) vector(['0.9995']);
      else if (query.startsWith('p95{') && query.includes('"doris"')) vector(['87.5']);
      else if (query.startsWith('avail{') && query.includes('"idle"')) vector(['NaN']);
      else if (query.startsWith('p95{') && query.includes('"idle"')) vector([]);
      else if (query.startsWith('up{') && query.includes('"idle"')) vector([]);
      else send(400, { status: 'error', errorType: 'bad_data', error: 'parse error at char 3' });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));
  beforeEach(() => {
    seen.length = 0;
    ready = 200;
  });

  const collector = () => new PrometheusCollector({ baseUrl, timeoutMs: 15000, queries, concurrency: 2 });

  it('runs the three templates per service and reads their values', async () => {
    const facts = await collector().collect([
      { entityRef: 'component:default/doris', name: 'doris', namespace: 'data' },
      { entityRef: 'component:default/idle', name: 'idle', namespace: 'data' },
    ]);
    expect(facts.ready).toEqual({ state: 'ok', value: true });
    expect(facts.services['component:default/doris']).toEqual({
      targets: { state: 'ok', value: { total: 3, up: 2 } },
      availability: { state: 'ok', value: 0.9995 },
      latencyP95Ms: { state: 'ok', value: 87.5 },
    });
    // No traffic: NaN (0/0) and an empty vector both mean "no value", not 0.
    expect(facts.services['component:default/idle']).toEqual({
      targets: { state: 'ok', value: { total: 0, up: 0 } },
      availability: { state: 'ok', value: null },
      latencyP95Ms: { state: 'ok', value: null },
    });
    expect(seen).toContain('up{namespace="data",job="doris"}');
    expect(seen).toContain('p95{namespace="data",service="idle"}');
    expect(seen.filter(s => s === '/-/ready')).toHaveLength(1);
  });

  it("reports Prometheus' own error for a bad query", async () => {
    const facts = await collector().collect([
      { entityRef: 'component:default/other', name: 'other', namespace: 'data' },
    ]);
    expect(facts.services['component:default/other'].availability).toEqual({
      state: 'error',
      message: expect.stringContaining('Prometheus query failed (400): parse error at char 3'),
    });
  });

  it('refuses to run unscoped queries for a service without a namespace', async () => {
    const facts = await collector().collect([{ entityRef: 'component:default/doris', name: 'doris' }]);
    expect(facts.services['component:default/doris'].targets).toEqual({
      state: 'error',
      message: expect.stringContaining('no Kubernetes namespace known'),
    });
    expect(seen).toEqual(['/-/ready']);
  });

  it('reports not-ready as a reading', async () => {
    ready = 503;
    const facts = await collector().collect([]);
    expect(facts.ready).toEqual({ state: 'ok', value: false });
  });

  it('makes one attempt, not one per query, when Prometheus is unreachable', async () => {
    const closed = http.createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise(r => closed.close(r));
    const down = new PrometheusCollector({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 15000, queries, concurrency: 2 });
    const facts = await down.collect([{ entityRef: 'component:default/doris', name: 'doris', namespace: 'data' }]);
    expect(facts.ready).toEqual({ state: 'error', message: expect.stringContaining('ECONNREFUSED') });
    expect(facts.services['component:default/doris'].latencyP95Ms.state).toBe('error');
  });
});

describe('renderQuery', () => {
  it('escapes quotes and backslashes of substituted values', () => {
    expect(renderQuery('x{a="{{ name }}",b="{{namespace}}"}', { entityRef: 'r', name: 'we"ird\\', namespace: 'ns' })).toBe(
      'x{a="we\\"ird\\\\",b="ns"}',
    );
  });

  it('fills the default templates', () => {
    const q = renderQuery(DEFAULT_PROMETHEUS_QUERIES.availability, { entityRef: 'r', name: 'doris', namespace: 'data' });
    expect(q).toContain('exported_namespace="data",exported_service="doris"');
    expect(q).not.toContain('{{');
  });
});
