// Metrics end to end, against the running backend (the production build the e2e stage starts):
// a REAL Prometheus (Debian's /usr/bin/prometheus) scrapes the backend's OpenTelemetry Prometheus
// endpoint every second and loads the shipped alerting rules; PromQL must return the figures
// GET /summary, /platform and /entities serve; promtool checks and unit-tests the rules; the
// PrometheusRule carries the same groups as the plain rule file; every query of the Grafana
// dashboard returns finite data in that Prometheus.
//
//   E2E_BACKEND_URL   the backend (default http://localhost:7007)
//   E2E_METRICS_URL   its metrics endpoint (default http://127.0.0.1:9464/metrics)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import YAML from 'yaml';
import { assert, guestToken } from './browser.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const API = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';
const METRICS = new URL(process.env.E2E_METRICS_URL ?? 'http://127.0.0.1:9464/metrics');
const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';
const RULES = join(ROOT, 'monitoring/prometheus/readiness-rules.yml');
const RULE_TESTS = join(ROOT, 'monitoring/prometheus/readiness-rules.test.yml');
const OPERATOR_RULE = join(ROOT, 'monitoring/kubernetes/readiness-prometheusrule.yaml');
const DASHBOARD = join(ROOT, 'monitoring/grafana/readiness-dashboard.json');
const OUT = join(process.env.READINESS_TEST_ARTIFACTS ?? join(ROOT, 'test-results'), 'e2e');
mkdirSync(OUT, { recursive: true });

const DAY_MS = 86_400_000;
const sleep = ms => new Promise(r => setTimeout(r, ms));
const results = [];
let failed = 0;

async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, status: 'passed', ms: Date.now() - started });
    console.log(`  \u2713 ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed += 1;
    results.push({ name, status: 'failed', ms: Date.now() - started, error: String(e?.stack ?? e) });
    console.log(`  \u2717 ${name}\n    ${String(e?.message ?? e).replace(/\n/g, '\n    ')}`);
  }
}

async function until(what, fn, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    assert(Date.now() < deadline, `timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await sleep(500);
  }
}

let token;
async function api(path, init = {}) {
  token ??= await guestToken(API);
  const res = await fetch(`${API}/api/readiness${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
}

async function apiJson(path) {
  const { status, body, text } = await api(path);
  assert(status === 200, `GET ${path}: HTTP ${status} ${text.slice(0, 300)}`);
  return body;
}

function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert(!r.error, `${cmd} could not run: ${r.error?.message} (install Debian's prometheus package: scripts/test-env/ensure-packages.sh)`);
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

// ---------------------------------------------------------------------------------------------
// A real Prometheus scraping the backend every second, with the shipped rules loaded.
const work = mkdtempSync(join(tmpdir(), 'readiness-prometheus-'));
const promPort = await freePort();
const PROM = `http://127.0.0.1:${promPort}`;
writeFileSync(
  join(work, 'prometheus.yml'),
  YAML.stringify({
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [RULES],
    scrape_configs: [
      {
        job_name: 'backstage',
        metrics_path: METRICS.pathname,
        static_configs: [{ targets: [METRICS.host] }],
      },
    ],
  }),
);
const prometheus = spawn(
  PROMETHEUS,
  [
    `--config.file=${join(work, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(work, 'data')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
    '--log.level=warn',
  ],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
let promLog = '';
prometheus.stderr.on('data', d => {
  promLog += d;
});
const promStarted = Date.now();
const stopPrometheus = () => {
  if (prometheus.exitCode === null) prometheus.kill('SIGTERM');
};
process.on('exit', () => {
  stopPrometheus();
  rmSync(work, { recursive: true, force: true });
});

async function promql(expr, time) {
  const params = new URLSearchParams({ query: expr });
  if (time) params.set('time', String(time));
  const res = await fetch(`${PROM}/api/v1/query?${params}`);
  const body = await res.json();
  assert(body.status === 'success', `PromQL ${expr}: ${body.error ?? res.status}`);
  return body.data.result.map(r => ({ labels: r.metric, value: Number(r.value[1]) }));
}

/** One sample per key: a map from the chosen label to the value. */
async function byLabel(expr, label) {
  const samples = await promql(expr);
  return Object.fromEntries(samples.map(s => [s.labels[label] ?? '', s.value]));
}

console.log(`metrics: backend ${API}, metrics ${METRICS}, Prometheus ${PROM}`);

let summary;
await step('the backend has measured the demo and serves its metrics endpoint', async () => {
  summary = await until('the first sweep (9 services)', async () => {
    const s = await apiJson('/summary?limit=500');
    return s.totalCount >= 9 ? s : undefined;
  }, 120_000);
  const res = await fetch(METRICS);
  const text = await res.text();
  assert(res.ok, `GET ${METRICS}: HTTP ${res.status}`);
  assert(/^# TYPE readiness_platform_score_percent gauge$/m.test(text), `no readiness gauges at ${METRICS}`);
});

await step('a real Prometheus scrapes the backend every second', async () => {
  await until('Prometheus ready', async () => (await fetch(`${PROM}/-/ready`)).ok, 30_000).catch(e => {
    throw new Error(`${e.message}\n${promLog.slice(-2000)}`);
  });
  await until('the backstage target up', async () => {
    const body = await (await fetch(`${PROM}/api/v1/targets`)).json();
    const target = body.data.activeTargets.find(t => t.labels.job === 'backstage');
    return target?.health === 'up';
  });
  // Two scrapes at least, so rates have a baseline before the sweep below.
  await until('two scrapes', async () => (await promql('count_over_time(up{job="backstage"}[1m])'))[0]?.value >= 2);
});

await step('a sweep triggered through the scheduler shows up in the sweep counters and histograms', async () => {
  const sweeps = async () => (await promql('sum(readiness_sweeps_total{status="succeeded"})'))[0]?.value ?? 0;
  const before = await sweeps();
  await until('the sweep trigger accepted', async () => {
    const { status, text } = await api('/.backstage/scheduler/v1/tasks/readiness-sweep/trigger', { method: 'POST' });
    assert(status === 200 || status === 409, `trigger: HTTP ${status} ${text.slice(0, 200)}`);
    return status === 200; // 409: a sweep is running; try again
  });
  await until('Prometheus seeing the new sweep', async () => (await sweeps()) > before, 60_000);
  // A few more scrapes, so a histogram series born with this sweep has the two samples rate() needs.
  await sleep(3000);
  const count = (await promql('sum(readiness_sweep_duration_seconds_count{status="succeeded"})'))[0].value;
  assert(count === (await sweeps()), `duration histogram count ${count} != succeeded sweeps ${await sweeps()}`);
  // The demo reads the manifests directory and a Vault snapshot file: no API calls to either.
  const kube = await promql('sum(readiness_sweep_kubernetes_calls_sum)');
  const vault = await promql('sum(readiness_sweep_vault_calls_sum)');
  assert(kube[0]?.value === 0 && vault[0]?.value === 0, `calls: kubernetes ${kube[0]?.value}, vault ${vault[0]?.value}`);
  summary = await apiJson('/summary?limit=500');
});

await step("PromQL returns /summary's platform figures per layer, and each service's scores and check counts", async () => {
  const platform = await byLabel('max by (layer) (readiness_platform_score_percent)', 'layer');
  const expected = { overall: summary.aggregate.overall, ...summary.aggregate.layers };
  for (const [layer, value] of Object.entries(expected)) {
    assert(value !== null, `/summary has no ${layer} figure for the demo`);
    assert(platform[layer] === value, `platform ${layer}: PromQL ${platform[layer]} != /summary ${value}`);
  }
  const services = (await promql('max(readiness_services)'))[0]?.value;
  assert(services === summary.totalCount, `readiness_services ${services} != /summary totalCount ${summary.totalCount}`);

  for (const layer of ['overall', 'infrastructure', 'security', 'operations']) {
    const scores = await byLabel(
      `max by (entity) (readiness_entity_score_percent{layer="${layer}"})`,
      'entity',
    );
    for (const row of summary.items) {
      const want = layer === 'overall' ? row.overall : row.layers[layer];
      const got = scores[row.entityRef];
      assert(want === null ? got === undefined : got === want, `${row.entityRef} ${layer}: PromQL ${got} != /summary ${want}`);
    }
    assert(Object.keys(scores).length <= summary.totalCount, `${layer}: series for services /summary does not list`);
  }

  const counts = await promql('max by (entity, status) (sum by (entity, status, instance) (readiness_entity_checks))');
  for (const row of summary.items) {
    for (const [status, want] of Object.entries(row.counts)) {
      const got = counts.find(c => c.labels.entity === row.entityRef && c.labels.status === status)?.value;
      assert(got === want, `${row.entityRef} ${status} checks: PromQL ${got} != /summary ${want}`);
    }
  }
});

await step('PromQL returns the platform checks per cluster as /platform has them', async () => {
  const platform = await apiJson('/platform');
  const clusters = platform.clusters ?? [];
  assert(clusters.length > 0, '/platform lists no cluster');
  const overall = await byLabel('max by (cluster) (readiness_platform_cluster_score_percent{layer="overall"})', 'cluster');
  for (const c of clusters) {
    assert(overall[c.cluster] === c.overall.percent, `cluster ${c.cluster}: PromQL ${overall[c.cluster]} != /platform ${c.overall.percent}`);
  }
});

const expiring = [];
await step("days to the nearest certificate expiry match each service's SEC-CERT-EXPIRY result", async () => {
  const days = await byLabel('min by (entity) (readiness_certificate_expiry_days)', 'entity');
  const now = Date.now();
  let compared = 0;
  for (const row of summary.items) {
    const [, namespace, name] = /^[^:]+:([^/]+)\/(.+)$/.exec(row.entityRef);
    const result = await apiJson(`/entities/${namespace}/component/${name}`);
    const cert = result.checks.find(c => c.checkId === 'SEC-CERT-EXPIRY');
    if (!cert?.expiresAt) {
      assert(days[row.entityRef] === undefined, `${row.entityRef}: no expiry in the result, but a series`);
      continue;
    }
    const want = (Date.parse(cert.expiresAt) - now) / DAY_MS;
    // The gauge is computed at scrape time (at most a few seconds ago) to 1/1000 day.
    assert(Math.abs(days[row.entityRef] - want) < 0.01, `${row.entityRef}: ${days[row.entityRef]} days != ${want.toFixed(3)}`);
    compared += 1;
    if (want < 7) expiring.push(row.entityRef);
  }
  assert(compared > 0, 'no service of the demo has a certificate expiry');
  console.log(`    ${compared} services with certificates; under 7 days: ${expiring.join(', ') || 'none'}`);
});

await step('promtool checks the shipped rules and their unit tests pass; the PrometheusRule carries the same groups', async () => {
  const check = run(PROMTOOL, ['check', 'rules', RULES]);
  assert(check.code === 0, `promtool check rules ${RULES}:\n${check.out}`);
  const operator = YAML.parse(readFileSync(OPERATOR_RULE, 'utf8'));
  assert(operator.kind === 'PrometheusRule' && operator.apiVersion === 'monitoring.coreos.com/v1', `${OPERATOR_RULE} is not a PrometheusRule`);
  const plain = YAML.parse(readFileSync(RULES, 'utf8'));
  assert(isDeepStrictEqual(operator.spec, plain), `${OPERATOR_RULE} spec differs from ${RULES}`);
  const extracted = join(work, 'prometheusrule-groups.yml');
  writeFileSync(extracted, YAML.stringify(operator.spec));
  const checkOperator = run(PROMTOOL, ['check', 'rules', extracted]);
  assert(checkOperator.code === 0, `promtool check rules (PrometheusRule spec):\n${checkOperator.out}`);
  const unit = run(PROMTOOL, ['test', 'rules', RULE_TESTS]);
  assert(unit.code === 0, `promtool test rules ${RULE_TESTS}:\n${unit.out}`);
});

await step('Prometheus evaluates every rule on the live series; the certificate alert is pending for the services under 7 days', async () => {
  await until('every rule evaluated without error', async () => {
    const body = await (await fetch(`${PROM}/api/v1/rules`)).json();
    const rules = body.data.groups.flatMap(g => g.rules);
    assert(rules.length === 5, `${rules.length} rules loaded`);
    const bad = rules.filter(r => r.health !== 'ok');
    assert(bad.length === 0, bad.map(r => `${r.name}: ${r.health} ${r.lastError ?? ''}`).join('; '));
    return rules.every(r => r.lastEvaluation && !r.lastEvaluation.startsWith('0001'));
  });
  const alerts = await until('the certificate alert', async () => {
    const body = await (await fetch(`${PROM}/api/v1/alerts`)).json();
    const found = body.data.alerts.filter(a => a.labels.alertname === 'ReadinessCertificateExpiringSoon');
    return found.length === expiring.length ? found : undefined;
  }, 15_000);
  const entities = alerts.map(a => a.labels.entity).sort();
  assert(isDeepStrictEqual(entities, [...expiring].sort()), `alerting for ${entities}, expected ${expiring}`);
  // `for: 10m`: pending now, firing after ten minutes of the same state.
  assert(alerts.every(a => a.state === 'pending'), `states: ${alerts.map(a => a.state)}`);
});

await step('every query of the Grafana dashboard returns finite data in that Prometheus', async () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
  const panels = dashboard.panels.flatMap(p => [p, ...(p.panels ?? [])]).filter(p => p.targets);
  const range = `${Math.max(60, Math.ceil((Date.now() - promStarted) / 1000))}s`;
  let queries = 0;
  for (const panel of panels) {
    for (const target of panel.targets) {
      // What Grafana substitutes: the rate interval, the dashboard's range, all services.
      const expr = target.expr
        .replaceAll('$__rate_interval', '1m')
        .replaceAll('$__range', range)
        .replaceAll('$entity', '.+');
      const samples = await promql(expr);
      assert(samples.length > 0, `panel "${panel.title}" query ${target.refId} returned no data: ${expr}`);
      const bad = samples.filter(s => !Number.isFinite(s.value));
      assert(bad.length === 0, `panel "${panel.title}" query ${target.refId} returned ${bad.map(s => s.value)}: ${expr}`);
      queries += 1;
    }
  }
  for (const variable of dashboard.templating.list.filter(v => v.type === 'query')) {
    const m = /^label_values\((\w+), (\w+)\)$/.exec(variable.definition);
    assert(m, `variable ${variable.name}: unsupported definition ${variable.definition}`);
    const res = await (await fetch(`${PROM}/api/v1/label/${m[2]}/values?match[]=${m[1]}`)).json();
    assert(res.data.length === summary.totalCount, `variable ${variable.name}: ${res.data.length} values`);
    queries += 1;
  }
  console.log(`    ${queries} dashboard queries answered`);
});

stopPrometheus();
writeFileSync(join(OUT, 'metrics.json'), JSON.stringify({ results }, null, 2));
if (failed) {
  console.log(`metrics: ${failed} of ${results.length} steps failed`);
  process.exit(1);
}
console.log(`metrics: ${results.length} steps passed`);
