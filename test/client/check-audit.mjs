// The CI audit command as a user gets it: the `readiness-audit` bin the app installed from the
// packed tarball (no repository sources next to it, so it runs the built dist) audits the demo
// platform. It must exit 1 (the demo has failing critical checks), print valid JSON on stdout and
// nothing on stderr, and measure every check of the platform and of every service as
// demo/expected-results.json says.
//
//   node test/client/check-audit.mjs <app dir>
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const app = process.argv[2];
const bin = join(app, 'node_modules/.bin/readiness-audit');
const expected = JSON.parse(readFileSync(join(ROOT, 'demo/expected-results.json'), 'utf8'));

const fail = message => {
  console.error(`readiness-audit in the client app: ${message}`);
  process.exit(1);
};
if (!realpathSync(bin).startsWith(realpathSync(join(app, 'node_modules')))) {
  fail(`${bin} does not resolve into the app's node_modules`);
}

const run = spawnSync(
  bin,
  [
    '--manifests', join(ROOT, 'demo/platform'),
    '--catalog', join(ROOT, 'examples/254carbon/components.yaml'),
    '--config', join(ROOT, 'app-config.yaml'),
    '--vault', join(ROOT, 'demo/vault-snapshot.json'),
    '--now', expected.now,
    '--format', 'json',
  ],
  { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
if (run.error) fail(`could not run ${bin}: ${run.error.message}`);
if (run.status !== 1 || run.stderr) {
  fail(`expected exit 1 and no stderr on the demo, got exit ${run.status}: ${run.stderr.slice(0, 2000)}`);
}
const json = JSON.parse(run.stdout);

const problems = [];
const compare = (what, got, want) => {
  for (const id of new Set([...Object.keys(got), ...Object.keys(want)])) {
    if (got[id] !== want[id]) problems.push(`${what} ${id}: got ${got[id]}, expected ${want[id]}`);
  }
};
compare(
  'platform',
  Object.fromEntries(json.platform.checks.map(c => [c.checkId, c.status])),
  Object.fromEntries(Object.entries(expected.platform).map(([id, c]) => [id, c.status])),
);
const services = new Map(json.services.map(s => [s.entityRef, s]));
for (const [ref, checks] of Object.entries(expected.services)) {
  const service = services.get(ref);
  if (!service) {
    problems.push(`${ref}: not in the audit's output`);
    continue;
  }
  compare(
    ref,
    Object.fromEntries(service.checks.map(c => [c.checkId, `${c.status}${c.exemption ? ' (exempt)' : ''}`])),
    Object.fromEntries(Object.entries(checks).map(([id, c]) => [id, `${c.status}${c.exempt ? ' (exempt)' : ''}`])),
  );
}
if (json.services.length !== Object.keys(expected.services).length) {
  problems.push(`${json.services.length} services audited, expected ${Object.keys(expected.services).length}`);
}
if (problems.length) fail(`the demo audit differs from demo/expected-results.json:\n  ${problems.join('\n  ')}`);
console.log(
  `readiness-audit (installed bin) on the demo: exit 1, ${json.services.length} services and the platform as expected, ${json.findings.length} findings`,
);
