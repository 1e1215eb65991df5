// The Tech Insights module as the app installed it from its tarball: it loads in the app's
// backend package with the app's own @backstage dependencies, is a backend feature, and its fact
// retriever carries the versioned schema. (It is not added to the running backend: a module
// needs its plugin, and @backstage-community/plugin-tech-insights-backend has no release on this
// Backstage line; see the module's README.)
//
//   node test/client/check-tech-insights-module.mjs <app dir>
import { createRequire } from 'node:module';
import { join } from 'node:path';

const app = process.argv[2];
const require = createRequire(join(app, 'packages/backend/package.json'));
const name = '@254carbon/plugin-readiness-backend-module-tech-insights';
const fail = message => {
  console.error(`${name} in the client app: ${message}`);
  process.exit(1);
};

const resolved = require.resolve(name);
if (!resolved.includes('/node_modules/') || !resolved.endsWith('/dist/index.cjs.js')) {
  fail(`resolves to ${resolved}, not the installed package's dist`);
}
const mod = require(name);
if (mod.default?.$$type !== '@backstage/BackendFeature') {
  fail(`the default export is not a backend feature (${mod.default?.$$type})`);
}
const retriever = mod.createReadinessFactRetriever();
const facts = Object.keys(retriever.schema);
const checks = facts.filter(f => f.startsWith('check:'));
if (retriever.id !== 'readinessFactRetriever' || retriever.version !== mod.READINESS_FACT_SCHEMA_VERSION) {
  fail(`unexpected retriever ${retriever.id}@${retriever.version}`);
}
if (checks.length === 0 || !facts.includes('securityScore') || !facts.includes('phaseP2Complete')) {
  fail(`the fact schema is incomplete: ${facts.join(', ')}`);
}
console.log(
  `${name}: loads from its tarball in the app's backend; retriever ${retriever.id}@${retriever.version} with ${facts.length} facts (${checks.length} check statuses)`,
);
