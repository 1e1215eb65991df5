// Runs the readiness engine (plugins/readiness-node) on the demo and diffs it against
// demo/expected-results.json: the seed of the integration test. TypeScript outside any package, so
// bundle it first. From the repo root, after `source scripts/toolchain.sh`:
//   NODE_PATH=$PWD/node_modules node_modules/.bin/esbuild demo/generator/compare-engine.ts --bundle \
//     --platform=node --format=cjs --external:@cdktf/hcl2json --log-level=error --outfile=/tmp/compare-engine.cjs
//   node /tmp/compare-engine.cjs        # exit 1 when the engine and the expectations differ
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  DEFAULT_PLATFORM,
  DEFAULT_THRESHOLDS,
  evaluateSweep,
  loadManifestsDirectory,
  targetFromEntity,
  VaultSnapshot,
} from '../../plugins/readiness-node/src';

const ROOT = process.cwd();
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

async function main() {
  const expected = JSON.parse(read('demo/expected-results.json'));
  const clusters = await loadManifestsDirectory(path.join(ROOT, 'demo/platform'));
  const vault: VaultSnapshot = JSON.parse(read('demo/vault-snapshot.json'));
  const entities = parseAllDocuments(read('examples/254carbon/components.yaml')).map(d => d.toJS());
  const targets = entities.map(e => targetFromEntity(e, { thresholds: DEFAULT_THRESHOLDS }));
  const result = evaluateSweep({ clusters, vault }, targets, {
    platform: DEFAULT_PLATFORM,
    thresholds: DEFAULT_THRESHOLDS,
    now: new Date(expected.now),
  });

  const diffs: string[] = [];
  for (const r of result.platform.checks) {
    const want = expected.platform[r.checkId]?.status;
    if (want !== r.status) diffs.push(`platform ${r.checkId}: expected ${want}, got ${r.status}: ${r.evidence.join(' | ')}`);
  }
  for (const service of result.services) {
    for (const r of service.checks) {
      const want = expected.services[service.entityRef]?.[r.checkId];
      const same =
        want &&
        want.status === r.status &&
        (want.blockedBy ?? undefined) === r.blockedBy &&
        Boolean(want.exempt) === Boolean(r.exemption);
      if (!same) {
        diffs.push(
          `${service.entityRef} ${r.checkId}: expected ${JSON.stringify(want)}, got ${r.status}` +
            `${r.blockedBy ? ` blockedBy ${r.blockedBy}` : ''}${r.exemption ? ' (exempt)' : ''}: ${r.evidence.join(' | ')}`,
        );
      }
    }
    if (service.entityErrors.length) diffs.push(`${service.entityRef}: ${service.entityErrors.join('; ')}`);
  }
  for (const service of result.services) {
    const p = service.phases;
    console.log(
      `${service.entityRef}: overall ${service.overall.percent}%, P1 ${p.P1.percent}%, P2 ${p.P2.percent}%, P3 ${p.P3.percent}%, P4 ${p.P4.percent}%`,
    );
  }
  console.log(diffs.length ? `\n${diffs.length} difference(s):\n${diffs.join('\n')}` : '\nengine matches demo/expected-results.json');
  process.exitCode = diffs.length ? 1 : 0;
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
