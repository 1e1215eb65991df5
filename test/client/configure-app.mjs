// Does to a freshly created Backstage app what the README's install section tells a user to do
// after installing the packages: the two backend lines and the `readiness:` config section. The
// catalog and the readiness sources point at this repository's demo (the 254Carbon platform), so
// the card, tab and page have something to show. Ports go into app-config.local.yaml, which
// `yarn start` reads after app-config.yaml, so the client app never collides with the e2e app.
//
//   node test/client/configure-app.mjs <app dir> <frontend port> <backend port>
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, stringify } from 'yaml';

const [appDir, frontendPort, backendPort] = process.argv.slice(2);
if (!appDir || !frontendPort || !backendPort) {
  console.error('usage: configure-app.mjs <app dir> <frontend port> <backend port>');
  process.exit(2);
}
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// --- backend lines (README: "Backend") ---
const backendIndex = join(appDir, 'packages/backend/src/index.ts');
const source = readFileSync(backendIndex, 'utf8');
const anchor = 'backend.start();';
if (!source.includes(anchor)) {
  throw new Error(`${backendIndex} has no "${anchor}" line: the create-app template changed; update this script and the README`);
}
writeFileSync(
  backendIndex,
  source.replace(
    anchor,
    [
      '// 254Carbon readiness: the backend plugin and the scaffolder actions',
      "backend.add(import('@254carbon/plugin-readiness-backend'));",
      "backend.add(import('@254carbon/plugin-scaffolder-backend-module-readiness'));",
      '',
      anchor,
    ].join('\n'),
  ),
);

// --- app-config.yaml: the readiness section and the demo catalog (README: "Configuration") ---
const configPath = join(appDir, 'app-config.yaml');
const doc = parseDocument(readFileSync(configPath, 'utf8'));
doc.set(
  'readiness',
  doc.createNode({
    sources: {
      manifests: { directory: join(repo, 'demo/platform') },
      vault: { snapshotFile: join(repo, 'demo/vault-snapshot.json') },
    },
    thresholds: {
      allowedRegistries: ['harbor.254carbon.com'],
      productionIssuers: ['letsencrypt-prod'],
    },
  }),
);
const locations = doc.getIn(['catalog', 'locations']);
if (!locations || !Array.isArray(locations.items)) {
  throw new Error(`${configPath} has no catalog.locations list: the create-app template changed`);
}
locations.items.push(
  doc.createNode({
    type: 'file',
    target: join(repo, 'examples/all.yaml'),
    rules: [{ allow: ['Component', 'System', 'Resource', 'Group', 'User', 'Domain', 'Location'] }],
  }),
  doc.createNode({
    type: 'file',
    target: join(repo, 'examples/template/template.yaml'),
    rules: [{ allow: ['Template'] }],
  }),
);
writeFileSync(configPath, doc.toString());

// --- app-config.local.yaml: ports only (test harness, not part of the README route) ---
const frontend = `http://localhost:${frontendPort}`;
writeFileSync(
  join(appDir, 'app-config.local.yaml'),
  stringify({
    app: { baseUrl: frontend },
    backend: {
      baseUrl: `http://localhost:${backendPort}`,
      listen: { port: Number(backendPort), host: '127.0.0.1' },
      cors: { origin: frontend },
    },
  }),
);
console.log(`configured ${appDir}: backend lines, readiness section, demo catalog, ports ${frontendPort}/${backendPort}`);
