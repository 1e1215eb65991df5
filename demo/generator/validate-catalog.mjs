// Validates the demo catalog (examples/all.yaml and its targets) with @backstage/catalog-model's
// policies and kind validators, and checks that every entity reference resolves.
// Usage (repo root, after `source scripts/toolchain.sh`): node demo/generator/validate-catalog.mjs
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const YAML = require('yaml');
const cm = require('@backstage/catalog-model');
const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../examples',
);
const policy = cm.EntityPolicies.allOf([
  new cm.DefaultNamespaceEntityPolicy(),
  new cm.NoForeignRootFieldsEntityPolicy(),
  new cm.FieldFormatEntityPolicy(),
  new cm.SchemaValidEntityPolicy(),
]);
const validators = [
  cm.componentEntityV1alpha1Validator,
  cm.resourceEntityV1alpha1Validator,
  cm.systemEntityV1alpha1Validator,
  cm.domainEntityV1alpha1Validator,
  cm.groupEntityV1alpha1Validator,
  cm.userEntityV1alpha1Validator,
  cm.locationEntityV1alpha1Validator,
];
const errors = [];
const entities = [];
const load = file => {
  for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    if (doc.errors.length) errors.push(`${file}: ${doc.errors[0].message}`);
    const e = doc.toJS();
    if (e) entities.push({ file, e });
  }
};
load(path.join(ROOT, 'all.yaml'));
for (const t of entities[0].e.spec.targets) load(path.resolve(ROOT, t));
for (const { file, e } of entities) {
  try {
    const out = await policy.enforce(structuredClone(e));
    let ok = false;
    for (const v of validators) if (await v.check(out)) ok = true;
    if (!ok)
      errors.push(
        `${file}: ${e.kind} ${e.metadata.name}: no validator accepted it`,
      );
  } catch (err) {
    errors.push(`${file}: ${e.kind} ${e.metadata.name}: ${err.message}`);
  }
}
// References resolve.
const refs = new Set(
  entities.map(({ e }) =>
    cm.stringifyEntityRef({
      kind: e.kind,
      namespace: e.metadata.namespace ?? 'default',
      name: e.metadata.name,
    }),
  ),
);
const check = (from, ref, kind) => {
  const r = cm.stringifyEntityRef(
    cm.parseEntityRef(ref, { defaultKind: kind, defaultNamespace: 'default' }),
  );
  if (!refs.has(r)) errors.push(`${from}: unresolved ${r}`);
};
for (const { e } of entities) {
  const from = `${e.kind}:${e.metadata.name}`;
  if (e.spec?.owner) check(from, e.spec.owner, 'group');
  if (e.spec?.system) check(from, e.spec.system, 'system');
  if (e.spec?.domain) check(from, e.spec.domain, 'domain');
  if (e.spec?.parent) check(from, e.spec.parent, 'group');
  for (const c of e.spec?.children ?? []) check(from, c, 'group');
  for (const m of e.spec?.memberOf ?? []) check(from, m, 'group');
  for (const d of e.spec?.dependsOn ?? []) check(from, d, 'component');
  if (e.kind === 'Component') {
    const a = e.metadata.annotations ?? {};
    for (const k of [
      'backstage.io/kubernetes-id',
      'backstage.io/kubernetes-namespace',
      'vault.io/secrets-path',
      'readiness.254carbon.io/public-hosts',
    ])
      if (!a[k]) errors.push(`${from}: missing ${k}`);
    if (a['readiness.254carbon.io/exemptions'])
      JSON.parse(a['readiness.254carbon.io/exemptions']);
  }
}
console.log(
  `${entities.length} entities: ${[
    ...new Set(entities.map(x => x.e.kind)),
  ].join(', ')}`,
);
if (errors.length) {
  console.error(errors.join('\n'));
  process.exit(1);
}
console.log('catalog OK');
