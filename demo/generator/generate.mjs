// Generates demo/platform/254carbon-prod/*.yaml: the 254Carbon cluster as `kubectl get -o yaml` would
// export it, reproducing the status report. Edit the builders here and re-run; never hand-edit the YAML.
// Usage (from the repo root, after `source scripts/toolchain.sh`): node demo/generator/generate.mjs [outDir]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceAccount } from './lib.mjs';
import { crds } from './crds.mjs';
import {
  cluster,
  kubeSystem,
  ingressNginx,
  certManager,
  cloudflareTunnel,
  harbor,
  monitoring,
  NS_CREATED,
} from './platform.mjs';
import * as dp from './dataplatform.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');
// The repo runs `prettier --check .`: write the files the way prettier would.
const prettier = require('prettier');
const OUT =
  process.argv[2] ??
  path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../platform/254carbon-prod',
  );

const files = [
  ['00-crds.yaml', crds()],
  ['01-cluster.yaml', cluster()],
  ['10-kube-system.yaml', kubeSystem()],
  ['11-ingress-nginx.yaml', ingressNginx()],
  ['12-cert-manager.yaml', certManager()],
  ['13-cloudflare-tunnel.yaml', cloudflareTunnel()],
  ['14-harbor.yaml', harbor()],
  ['15-monitoring.yaml', monitoring()],
  ['20-data-platform-shared.yaml', dp.shared()],
  ['21-datahub.yaml', dp.datahub()],
  ['22-dolphinscheduler.yaml', dp.dolphinscheduler()],
  ['23-doris.yaml', dp.doris()],
  ['24-lakefs.yaml', dp.lakefs()],
  ['25-minio.yaml', dp.minio()],
  ['26-portal.yaml', dp.portal()],
  ['27-superset.yaml', dp.superset()],
  ['28-trino.yaml', dp.trino()],
  ['29-vault.yaml', dp.vault()],
];

const unwrap = d => (d && d.obj ? d : { obj: d });

// ServiceAccounts the pods run as, created next to them (the `default` accounts go with the namespaces).
const existingSa = new Set();
for (const [, f] of files)
  for (const d of f.docs.map(unwrap))
    if (d.obj.kind === 'ServiceAccount')
      existingSa.add(`${d.obj.metadata.namespace}/${d.obj.metadata.name}`);
for (const [name, f] of files) {
  const extra = [];
  for (const d of f.docs.map(unwrap)) {
    const o = d.obj;
    if (
      o.kind !== 'Pod' ||
      !o.spec.serviceAccountName ||
      o.spec.serviceAccountName === 'default'
    )
      continue;
    const key = `${o.metadata.namespace}/${o.spec.serviceAccountName}`;
    if (existingSa.has(key)) continue;
    existingSa.add(key);
    extra.push(
      serviceAccount(
        o.metadata.namespace,
        o.spec.serviceAccountName,
        NS_CREATED[o.metadata.namespace],
        o.metadata.labels?.['app.kubernetes.io/instance']
          ? {
              'app.kubernetes.io/instance':
                o.metadata.labels['app.kubernetes.io/instance'],
            }
          : undefined,
      ),
    );
  }
  f.docs.unshift(...extra);
  if (name === '01-cluster.yaml') {
    for (const ns of Object.keys(NS_CREATED)) {
      f.docs.push(
        ns === 'data-platform'
          ? {
              comment:
                'Every data-platform pod but dolphinscheduler\'s and trino\'s runs as this account (report: Phase 2\nTask 4 "Service account creation" pending).',
              obj: serviceAccount(ns, 'default', NS_CREATED[ns]),
            }
          : serviceAccount(ns, 'default', NS_CREATED[ns]),
      );
    }
  }
}

// Replace only the generated files, so a wrong outDir never loses anything else.
fs.mkdirSync(OUT, { recursive: true });
for (const f of fs.readdirSync(OUT))
  if (/^\d\d-.*\.yaml$/.test(f)) fs.rmSync(path.join(OUT, f));
let total = 0;
for (const [name, f] of files) {
  const head = f.header
    .split('\n')
    .map(l => `# ${l}`.trimEnd())
    .join('\n');
  const parts = f.docs.map(unwrap).map(({ obj, comment }) => {
    const doc = new YAML.Document(obj, {
      compat: 'yaml-1.1',
      sortMapEntries: true,
    });
    if (comment)
      doc.contents.commentBefore = comment
        .split('\n')
        .map(l => ` ${l}`)
        .join('\n');
    return doc.toString({ lineWidth: 0 });
  });
  total += parts.length;
  const file = path.join(OUT, name);
  const text = `${head}\n---\n${parts.join('---\n')}`;
  const options = { ...prettier.resolveConfig.sync(file), filepath: file };
  fs.writeFileSync(file, prettier.format(text, options));
}
console.log(`wrote ${files.length} files, ${total} objects to ${OUT}`);
