// Loaded with --require by the benchmark's server process: the workspace's readiness packages
// resolve to their built dist (what `yarn pack` ships), not to the TypeScript sources their
// package.json points at inside this repository.
const Module = require('node:module');
const { join } = require('node:path');

const root = join(__dirname, '../..');
const DIST = {
  '@254carbon/plugin-readiness-common': 'plugins/readiness-common/dist/index.cjs.js',
  '@254carbon/plugin-readiness-node': 'plugins/readiness-node/dist/index.cjs.js',
  '@254carbon/plugin-readiness-backend': 'plugins/readiness-backend/dist/index.cjs.js',
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveToDist(request, ...rest) {
  const dist = DIST[request];
  return dist ? join(root, dist) : resolve.call(this, request, ...rest);
};
