// Checks the packed packages before any app installs them: a tarball whose package.json still
// points at src/ (which `files` does not ship) installs fine and then fails at import time with
// "Module not found", far from the cause. Every entry point (main, module, types, every exports
// and typesVersions target) must be a file inside the tarball under dist/, every `files` entry
// must exist, no `workspace:` range may survive packing, the frontend plugin must keep its
// `./alpha` export marked for feature discovery, and a command's `bin` must be a node script in
// the tarball.
//
//   node test/client/check-tarballs.mjs <dir with the seven .tgz>
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const EXPECTED = [
  '@254carbon/plugin-readiness',
  '@254carbon/plugin-readiness-backend',
  '@254carbon/plugin-readiness-common',
  '@254carbon/plugin-readiness-node',
  '@254carbon/plugin-readiness-backend-module-tech-insights',
  '@254carbon/plugin-scaffolder-backend-module-readiness',
  '@254carbon/readiness-audit',
];

const problems = [];
const seen = [];
for (const file of readdirSync(dir).filter(f => f.endsWith('.tgz'))) {
  const tarball = join(dir, file);
  const entries = new Set(
    execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(p => p.replace(/^package\//, '')),
  );
  const pkg = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  seen.push(pkg.name);
  const bad = message => problems.push(`${file}: ${message}`);

  const targets = [];
  for (const field of ['main', 'module', 'types']) {
    if (pkg[field]) targets.push([field, pkg[field]]);
  }
  const walk = (path, value) => {
    if (typeof value === 'string') targets.push([path, value]);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        // `backstage` marks the feature type of an entry point; it is not a path.
        if (k !== 'backstage') walk(`${path}[${JSON.stringify(k)}]`, v);
      }
    }
  };
  walk('exports', pkg.exports);
  walk('typesVersions', pkg.typesVersions);
  for (const [field, target] of targets) {
    const path = target.replace(/^\.\//, '');
    if (path === 'package.json') continue;
    if (!path.startsWith('dist/')) bad(`${field} points at ${target}, not into dist/ (is the prepack script missing?)`);
    else if (!entries.has(path)) bad(`${field} points at ${target}, which the tarball does not contain`);
  }
  for (const entry of pkg.files ?? []) {
    if (![...entries].some(p => p === entry || p.startsWith(`${entry}/`))) {
      bad(`files lists "${entry}", which the tarball does not contain`);
    }
  }
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (String(range).startsWith('workspace:')) bad(`${field}.${name} is still "${range}"`);
    }
  }
  const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {});
  for (const [command, target] of Object.entries(bins)) {
    const path = target.replace(/^\.\//, '');
    if (!entries.has(path)) bad(`bin ${command} points at ${target}, which the tarball does not contain`);
    else {
      const script = execFileSync('tar', ['-xzOf', tarball, `package/${path}`], { encoding: 'utf8' });
      if (!script.startsWith('#!/usr/bin/env node')) bad(`bin ${command} (${target}) does not start with a node shebang`);
    }
  }
  if (pkg.configSchema && !entries.has(pkg.configSchema)) {
    bad(`configSchema ${pkg.configSchema} is not in the tarball`);
  }
  if (pkg.name === '@254carbon/plugin-readiness') {
    if (pkg.exports?.['./alpha']?.backstage !== '@backstage/FrontendPlugin') {
      bad('exports["./alpha"] is not marked as a @backstage/FrontendPlugin (feature discovery would skip it)');
    }
  }
}
for (const name of EXPECTED) {
  if (!seen.includes(name)) problems.push(`no tarball for ${name} in ${dir}`);
}
if (problems.length) {
  console.error(`packed packages are not installable:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`packed packages OK: ${seen.sort().join(', ')} (every entry point inside dist/)`);
