// Asserts on the Tech Insights host of test/tech-insights/run.sh, through Tech Insights' own REST
// API: the readiness retriever's schema is stored under its version, the facts Tech Insights
// stored for every entity are exactly the values the readiness API served (unknown checks and
// null scores absent), and a json-rules-engine check written on those facts decides as expected.
//
//   node test/tech-insights/check.mjs <backend base url>
const base = process.argv[2];
const headers = { Authorization: 'Bearer tech-insights-host-test-token', 'Content-Type': 'application/json' };
const RETRIEVER = 'readinessFactRetriever';

const fail = message => {
  console.error(`tech-insights host: ${message}`);
  process.exit(1);
};
async function api(path, init) {
  const res = await fetch(`${base}${path}`, { headers, ...init });
  if (!res.ok) fail(`${init?.method ?? 'GET'} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}
const latest = ref =>
  api(`/api/tech-insights/facts/latest?entity=${encodeURIComponent(ref)}&ids[]=${RETRIEVER}`);

// What the readiness API served, as the module read it.
const served = await api('/api/readiness/test/results');
const refs = Object.keys(served);

// The retriever runs on Tech Insights' scheduler a second after startup.
const deadline = Date.now() + 120_000;
while (!(await latest(refs[0]))[RETRIEVER]) {
  if (Date.now() > deadline) fail(`no ${RETRIEVER} facts for ${refs[0]} after 120 s`);
  await new Promise(r => setTimeout(r, 1000));
}

const problems = [];
const [schema] = await api(`/api/tech-insights/fact-schemas?ids[]=${RETRIEVER}`);
if (schema?.id !== RETRIEVER || !/^\d+\.\d+\.\d+$/.test(schema.version)) {
  problems.push(`schema: ${JSON.stringify(schema)?.slice(0, 200)}`);
}
for (const [name, type] of [['overallScore', 'float'], ['securityScore', 'float'], ['phaseP2Complete', 'boolean'], ['check:SEC-RBAC', 'string'], ['measuredAt', 'datetime']]) {
  if (schema?.[name]?.type !== type) problems.push(`schema: ${name} is ${JSON.stringify(schema?.[name])}, expected type ${type}`);
}

for (const ref of refs) {
  const result = served[ref];
  const expected = { measuredAt: result.measuredAt, stale: result.stale };
  if (result.overall.percent !== null) expected.overallScore = result.overall.percent;
  for (const [layer, summary] of Object.entries(result.layers)) {
    if (summary.percent !== null) expected[`${layer}Score`] = summary.percent;
  }
  for (const [phase, summary] of Object.entries(result.phases)) expected[`phase${phase}Complete`] = summary.complete;
  for (const check of result.checks) {
    if (check.status !== 'unknown') expected[`check:${check.checkId}`] = check.status;
  }
  const row = (await latest(ref))[RETRIEVER];
  if (row?.version !== schema?.version) problems.push(`${ref}: stored under schema ${row?.version}, expected ${schema?.version}`);
  const got = row?.facts ?? {};
  for (const name of new Set([...Object.keys(expected), ...Object.keys(got)])) {
    if (JSON.stringify(got[name]) !== JSON.stringify(expected[name])) {
      problems.push(`${ref} ${name}: Tech Insights has ${JSON.stringify(got[name])}, readiness served ${JSON.stringify(expected[name])}`);
    }
  }
}

// A Tech Insights check on the facts (app-config.yaml): P2 gate and SEC-RBAC passing.
const decisions = {};
for (const ref of refs) {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  const [check] = await api(`/api/tech-insights/checks/run/${namespace}/${kind}/${name}`, {
    method: 'POST',
    body: JSON.stringify({ checks: ['readinessSecurityHardened'] }),
  });
  decisions[ref] = check?.result;
}
const want = { 'component:default/doris': false, 'component:default/trino': true };
for (const [ref, result] of Object.entries(want)) {
  if (decisions[ref] !== result) problems.push(`check readinessSecurityHardened on ${ref}: ${decisions[ref]}, expected ${result}`);
}

if (problems.length) fail(`\n  ${problems.join('\n  ')}`);
console.log(
  `tech-insights host: ${RETRIEVER}@${schema.version} facts stored for ${refs.length} entities equal the readiness API's values; check readinessSecurityHardened: ${JSON.stringify(decisions)}`,
);
