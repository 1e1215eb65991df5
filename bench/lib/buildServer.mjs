// Builds what the benchmark's server process runs, so it runs the code users run in production:
// - the readiness packages' dist (`backstage-cli package build`, as `yarn pack` does), loaded by
//   bench/lib/useDist.cjs in place of their TypeScript sources;
// - the bench's own TypeScript (bench/server.ts and the test harness it starts the backend with)
//   transpiled once by SWC into bench/.build.
// The server then needs no TypeScript compiler at run time: Backstage's node transform (SWC
// compiling every module as it loads, with its source maps) cost the process about 50 MB of RSS
// before its first sweep, which a production backend does not carry.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const swc = require('@swc/core');

const PACKAGES = ['readiness-common', 'readiness-node', 'readiness-backend'];
/** The bench's own TypeScript the server process loads (its relative imports included). */
const SOURCES = ['bench/server.ts', 'test/src/faults/startReadiness.ts'];
const OUT = join(root, 'bench/.build');

for (const pkg of PACKAGES) {
  process.stderr.write(`[bench] building plugins/${pkg} (dist)\n`);
  execFileSync('yarn', ['backstage-cli', 'package', 'build'], { cwd: join(root, 'plugins', pkg), stdio: ['ignore', 'ignore', 'inherit'] });
}
for (const source of SOURCES) {
  const { code } = swc.transformFileSync(join(root, source), {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: false,
  });
  const out = join(OUT, source.replace(/\.ts$/, '.js'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
}
process.stderr.write(`[bench] server built into ${relative(root, OUT)}\n`);
