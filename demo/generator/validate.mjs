// Checks the demo manifests: they parse, are well-formed, reference each other consistently, and
// validate against the Kubernetes (and cert-manager) schemas of kubernetes-models.
// Usage (repo root, after `source scripts/toolchain.sh`): node demo/generator/validate.mjs [dir]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const YAML = require('yaml');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIR = process.argv[2] ?? path.resolve(HERE, '../platform/254carbon-prod');

const errors = [];
const err = m => errors.push(m);
const CLUSTER_SCOPED = new Set([
  'Node',
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'IngressClass',
  'ClusterIssuer',
  'PersistentVolume',
]);

const objects = [];
for (const file of fs
  .readdirSync(DIR)
  .filter(f => f.endsWith('.yaml'))
  .sort()) {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  // Parse as YAML 1.1 too: kubectl/client-go (and PyYAML) read `yes` or bare timestamps differently.
  for (const version of ['1.2', '1.1']) {
    for (const doc of YAML.parseAllDocuments(text, { version })) {
      for (const e of [...doc.errors, ...doc.warnings])
        err(`${file}: YAML ${version}: ${e.message}`);
      const obj = doc.toJS();
      if (!obj) continue;
      if (version === '1.2') objects.push({ file, obj });
      else if (
        JSON.stringify(obj) !==
        JSON.stringify(
          objects.find(
            o =>
              o.obj.kind === obj.kind &&
              o.obj.metadata?.name === obj.metadata?.name &&
              o.obj.metadata?.namespace === obj.metadata?.namespace,
          )?.obj,
        )
      )
        err(
          `${file}: ${obj.kind} ${obj.metadata?.name} reads differently as YAML 1.1 (quote the ambiguous scalars)`,
        );
    }
  }
}

const key = o => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const byKey = new Map();
const byUid = new Map();
const namespaces = new Set(
  objects.filter(o => o.obj.kind === 'Namespace').map(o => o.obj.metadata.name),
);
for (const { file, obj } of objects) {
  const where = `${file}: ${obj.kind ?? '?'} ${obj.metadata?.name ?? '?'}`;
  if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) {
    err(`${where}: missing apiVersion, kind or metadata.name`);
    continue;
  }
  if (CLUSTER_SCOPED.has(obj.kind) === Boolean(obj.metadata.namespace))
    err(
      `${where}: namespace ${
        CLUSTER_SCOPED.has(obj.kind)
          ? 'set on a cluster-scoped'
          : 'missing on a namespaced'
      } kind`,
    );
  if (obj.metadata.namespace && !namespaces.has(obj.metadata.namespace))
    err(`${where}: namespace ${obj.metadata.namespace} is not defined`);
  if (obj.metadata.resourceVersion)
    err(
      `${where}: resourceVersion must not be set (objects are meant to be created)`,
    );
  if (byKey.has(key(obj)))
    err(`${where}: duplicate of ${byKey.get(key(obj)).file}`);
  byKey.set(key(obj), { file, obj });
  if (obj.metadata.uid) {
    if (byUid.has(obj.metadata.uid)) err(`${where}: duplicate uid`);
    byUid.set(obj.metadata.uid, obj);
  }
}
const all = objects.map(o => o.obj);
const of = kind => all.filter(o => o.kind === kind);
const get = (kind, ns, name) => byKey.get(`${kind}/${ns ?? ''}/${name}`)?.obj;
const matches = (sel, labels) =>
  Object.entries(sel ?? {}).every(([k, v]) => labels?.[k] === v);

// Owner references point at real owners with the same uid.
for (const o of all) {
  for (const ref of o.metadata.ownerReferences ?? []) {
    const owner = get(
      ref.kind,
      ref.kind === 'Node' ? undefined : o.metadata.namespace,
      ref.name,
    );
    if (!owner)
      err(
        `${o.kind} ${o.metadata.name}: owner ${ref.kind} ${ref.name} not found`,
      );
    else if (owner.metadata.uid !== ref.uid)
      err(
        `${o.kind} ${o.metadata.name}: owner ${ref.kind} ${ref.name} uid mismatch`,
      );
  }
}

// Workloads: selector ⊆ template labels; ready counts agree with the Ready pods they own.
const podsOf = w =>
  of('Pod').filter(
    p =>
      p.metadata.namespace === w.metadata.namespace &&
      matches(w.spec.selector.matchLabels, p.metadata.labels),
  );
for (const w of [
  ...of('Deployment'),
  ...of('StatefulSet'),
  ...of('DaemonSet'),
  ...of('ReplicaSet'),
]) {
  const name = `${w.kind} ${w.metadata.namespace}/${w.metadata.name}`;
  if (!matches(w.spec.selector.matchLabels, w.spec.template.metadata.labels))
    err(`${name}: selector does not match its pod template labels`);
  const pods = podsOf(w);
  const desired = w.kind === 'DaemonSet' ? 1 : w.spec.replicas;
  if (pods.length !== desired)
    err(`${name}: ${pods.length} pods for ${desired} desired`);
  const ready =
    w.kind === 'DaemonSet' ? w.status.numberReady : w.status.readyReplicas ?? 0;
  if (ready !== desired)
    err(`${name}: status ready ${ready} ≠ desired ${desired}`);
  for (const p of pods) {
    if (!matches(w.spec.template.metadata.labels, p.metadata.labels))
      err(`${name}: pod ${p.metadata.name} lacks template labels`);
    const id = w.metadata.labels?.['backstage.io/kubernetes-id'];
    if (id !== p.metadata.labels?.['backstage.io/kubernetes-id'])
      err(`${name}: kubernetes-id label differs on pod ${p.metadata.name}`);
  }
}

// Pods: references to ConfigMaps, PVCs and ServiceAccounts resolve; Secrets are never exported.
const secretRefs = new Set();
for (const p of of('Pod')) {
  const ns = p.metadata.namespace;
  const name = `Pod ${ns}/${p.metadata.name}`;
  if (
    p.spec.serviceAccountName &&
    !get('ServiceAccount', ns, p.spec.serviceAccountName)
  )
    err(`${name}: ServiceAccount ${p.spec.serviceAccountName} missing`);
  for (const v of p.spec.volumes ?? []) {
    if (
      v.configMap &&
      v.configMap.name !== 'kube-root-ca.crt' &&
      !get('ConfigMap', ns, v.configMap.name) &&
      v.configMap.name !== 'coredns'
    )
      err(`${name}: ConfigMap ${v.configMap.name} missing`);
    if (
      v.persistentVolumeClaim &&
      !get('PersistentVolumeClaim', ns, v.persistentVolumeClaim.claimName)
    )
      err(`${name}: PVC ${v.persistentVolumeClaim.claimName} missing`);
    if (v.secret) secretRefs.add(`${ns}/${v.secret.secretName}`);
  }
  for (const c of [...p.spec.containers, ...(p.spec.initContainers ?? [])]) {
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef && !get('ConfigMap', ns, e.configMapRef.name))
        err(`${name}: ConfigMap ${e.configMapRef.name} missing`);
      if (e.secretRef) secretRefs.add(`${ns}/${e.secretRef.name}`);
    }
    if (
      p.status.containerStatuses &&
      !p.status.containerStatuses.some(s => s.name === c.name) &&
      !(p.status.initContainerStatuses ?? []).some(s => s.name === c.name)
    )
      err(`${name}: no status for container ${c.name}`);
  }
  for (const s of p.spec.imagePullSecrets ?? [])
    secretRefs.add(`${ns}/${s.name}`);
}

// Services select pods; Endpoints list exactly the Ready pods selected.
for (const s of of('Service')) {
  const ns = s.metadata.namespace;
  const pods = of('Pod').filter(
    p =>
      p.metadata.namespace === ns &&
      matches(s.spec.selector, p.metadata.labels),
  );
  const ep = get('Endpoints', ns, s.metadata.name);
  if (!ep) {
    err(`Service ${ns}/${s.metadata.name}: no Endpoints`);
    continue;
  }
  const ips = (ep.subsets ?? [])
    .flatMap(x => x.addresses.map(a => a.ip))
    .sort();
  const want = pods.map(p => p.status.podIP).sort();
  if (JSON.stringify(ips) !== JSON.stringify(want))
    err(
      `Service ${ns}/${s.metadata.name}: endpoints ${ips} ≠ selected pods ${want}`,
    );
  if (!pods.length) {
    const scaled = [...of('Deployment'), ...of('StatefulSet')].some(
      w =>
        w.metadata.namespace === ns &&
        w.spec.replicas === 0 &&
        matches(s.spec.selector, w.spec.template.metadata.labels),
    );
    if (!scaled)
      err(
        `Service ${ns}/${s.metadata.name}: selects no pod and no scaled-down workload`,
      );
  }
}

// Ingresses: backends exist; TLS secrets are issued by a Certificate covering every host.
for (const i of of('Ingress')) {
  const ns = i.metadata.namespace;
  for (const r of i.spec.rules)
    for (const p of r.http.paths) {
      const svc = get('Service', ns, p.backend.service.name);
      if (!svc)
        err(
          `Ingress ${ns}/${i.metadata.name}: backend Service ${p.backend.service.name} missing`,
        );
      else if (
        !svc.spec.ports.some(
          x =>
            x.port === p.backend.service.port.number ||
            x.name === p.backend.service.port.name,
        )
      )
        err(
          `Ingress ${ns}/${i.metadata.name}: port not on Service ${svc.metadata.name}`,
        );
    }
  for (const t of i.spec.tls ?? []) {
    const cert = of('Certificate').find(
      c => c.metadata.namespace === ns && c.spec.secretName === t.secretName,
    );
    if (!cert) {
      err(
        `Ingress ${ns}/${i.metadata.name}: no Certificate for secret ${t.secretName}`,
      );
      continue;
    }
    for (const h of i.spec.rules.map(r => r.host))
      if (!cert.spec.dnsNames.includes(h))
        err(
          `Ingress ${ns}/${i.metadata.name}: host ${h} not in Certificate ${cert.metadata.name}`,
        );
    if (
      cert.metadata.labels?.['backstage.io/kubernetes-id'] !==
      i.metadata.labels?.['backstage.io/kubernetes-id']
    )
      err(
        `Certificate ${cert.metadata.name}: kubernetes-id differs from its Ingress`,
      );
  }
}
for (const c of of('Certificate')) {
  const issuer = get(
    c.spec.issuerRef.kind,
    c.spec.issuerRef.kind === 'ClusterIssuer'
      ? undefined
      : c.metadata.namespace,
    c.spec.issuerRef.name,
  );
  if (!issuer)
    err(
      `Certificate ${c.metadata.name}: issuer ${c.spec.issuerRef.name} missing`,
    );
  const nb = Date.parse(c.status.notBefore),
    na = Date.parse(c.status.notAfter),
    rt = Date.parse(c.status.renewalTime);
  if (!(nb < rt && rt < na))
    err(
      `Certificate ${c.metadata.name}: notBefore < renewalTime < notAfter does not hold`,
    );
}
// RBAC bindings point at existing roles and accounts.
for (const b of [...of('RoleBinding'), ...of('ClusterRoleBinding')]) {
  const role = get(
    b.roleRef.kind,
    b.roleRef.kind === 'Role' ? b.metadata.namespace : undefined,
    b.roleRef.name,
  );
  if (!role)
    err(
      `${b.kind} ${b.metadata.name}: ${b.roleRef.kind} ${b.roleRef.name} missing`,
    );
  for (const s of b.subjects)
    if (
      s.kind === 'ServiceAccount' &&
      !get('ServiceAccount', s.namespace, s.name)
    )
      err(
        `${b.kind} ${b.metadata.name}: ServiceAccount ${s.namespace}/${s.name} missing`,
      );
}

// Schema validation with kubernetes-models (core, apps, networking, rbac, storage, CRDs, cert-manager).
const models = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1':
    'kubernetes-models/rbac.authorization.k8s.io/v1',
  'storage.k8s.io/v1': 'kubernetes-models/storage.k8s.io/v1',
  'apiextensions.k8s.io/v1': 'kubernetes-models/apiextensions.k8s.io/v1',
  'cert-manager.io/v1': '@kubernetes-models/cert-manager/cert-manager.io/v1',
};
let validated = 0;
for (const { file, obj } of objects) {
  const mod = models[obj.apiVersion];
  if (!mod) continue;
  const Model = (await import(mod))[obj.kind];
  if (!Model) {
    err(`${file}: no model for ${obj.apiVersion} ${obj.kind}`);
    continue;
  }
  try {
    new Model(obj).validate();
    validated++;
  } catch (e) {
    err(
      `${file}: ${obj.kind} ${obj.metadata.name}: ${e.message.slice(0, 400)}`,
    );
  }
}

const pods = of('Pod');
const healthy = pods.filter(
  p =>
    p.status.phase === 'Running' &&
    p.status.conditions.some(c => c.type === 'Ready' && c.status === 'True'),
);
const ids = [
  ...new Set(
    all
      .map(o => o.metadata.labels?.['backstage.io/kubernetes-id'])
      .filter(Boolean),
  ),
].sort();
console.log(
  `${objects.length} objects in ${
    new Set(objects.map(o => o.file)).size
  } files; ${validated} schema-validated`,
);
console.log(
  `${pods.length} pods, ${healthy.length} Running and Ready; nodes: ${
    of('Node').length
  }; namespaces: ${[...namespaces].sort().join(', ')}`,
);
console.log(`kubernetes-ids: ${ids.join(', ')}`);
for (const id of ids) {
  const kinds = [
    ...new Set(
      all
        .filter(o => o.metadata.labels?.['backstage.io/kubernetes-id'] === id)
        .map(o => o.kind),
    ),
  ].sort();
  console.log(`  ${id}: ${kinds.join(', ')}`);
}
console.log(
  `Secrets referenced (never exported): ${[...secretRefs].sort().join(', ')}`,
);
if (errors.length) {
  console.error(
    `\n${errors.length} problem(s):\n${errors.map(e => `- ${e}`).join('\n')}`,
  );
  process.exit(1);
}
console.log('OK');
