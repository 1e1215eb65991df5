// Creates every demo object on a real kube-apiserver, then writes its status through the status
// subresource, and reports what the server rejected or dropped. For a scratch server only: it creates
// objects for real. Usage (repo root):
//   scripts/test-env/kube-up.sh /tmp/demo-kube 26443 && source /tmp/demo-kube/env
//   node demo/generator/apply.mjs [demo/platform/254carbon-prod]
// The server needs --allow-privileged=true for doris-be-0 and kube-proxy (privileged containers).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import https from 'node:https';
const require = createRequire(import.meta.url);
const YAML = require('yaml');
const DIR =
  process.argv[2] ??
  new URL('../platform/254carbon-prod', import.meta.url).pathname;
const { KUBE_URL, KUBE_ADMIN_TOKEN, KUBE_CA_FILE } = process.env;
if (!KUBE_URL || !KUBE_ADMIN_TOKEN || !KUBE_CA_FILE) {
  throw new Error(
    'KUBE_URL, KUBE_ADMIN_TOKEN and KUBE_CA_FILE must be set: source the env file written by scripts/test-env/kube-up.sh',
  );
}
const ca = fs.readFileSync(KUBE_CA_FILE);
const PLURAL = {
  Namespace: 'namespaces',
  Node: 'nodes',
  Pod: 'pods',
  Service: 'services',
  Endpoints: 'endpoints',
  ConfigMap: 'configmaps',
  ServiceAccount: 'serviceaccounts',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  ReplicaSet: 'replicasets',
  Ingress: 'ingresses',
  IngressClass: 'ingressclasses',
  Role: 'roles',
  RoleBinding: 'rolebindings',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  StorageClass: 'storageclasses',
  CustomResourceDefinition: 'customresourcedefinitions',
  Certificate: 'certificates',
  ClusterIssuer: 'clusterissuers',
  ServiceMonitor: 'servicemonitors',
  PrometheusRule: 'prometheusrules',
};
function req(method, url, body) {
  return new Promise((resolve, reject) => {
    const r = https.request(
      KUBE_URL + url,
      {
        method,
        ca,
        headers: {
          Authorization: `Bearer ${KUBE_ADMIN_TOKEN}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
      },
      res => {
        let data = '';
        res.on('data', c => (data += c));
        res.on('end', () =>
          resolve({ code: res.statusCode, body: data ? JSON.parse(data) : {} }),
        );
      },
    );
    r.on('error', reject);
    if (body) r.write(JSON.stringify(body));
    r.end();
  });
}
const base = o =>
  `${o.apiVersion === 'v1' ? '/api/v1' : `/apis/${o.apiVersion}`}${
    o.metadata.namespace ? `/namespaces/${o.metadata.namespace}` : ''
  }/${PLURAL[o.kind]}`;
const objs = [];
for (const f of fs.readdirSync(DIR).sort())
  for (const d of YAML.parseAllDocuments(
    fs.readFileSync(path.join(DIR, f), 'utf8'),
  )) {
    const o = d.toJS();
    if (o) objs.push(o);
  }
// Namespaces and CRDs first (the files are ordered that way already), then everything else.
let created = 0,
  existed = 0,
  statuses = 0;
const problems = [];
for (const o of objs) {
  const { status, ...rest } = o;
  const body = structuredClone(rest);
  delete body.metadata.uid;
  let r = await req('POST', base(o), body);
  if (r.code === 409) {
    existed++;
    continue;
  }
  if (r.code !== 201) {
    problems.push(
      `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}: create ${
        r.code
      } ${r.body.message}`,
    );
    continue;
  }
  created++;
  if (o.kind === 'CustomResourceDefinition') {
    for (let i = 0; i < 100; i++) {
      const g = await req('GET', `${base(o)}/${o.metadata.name}`);
      if (
        g.body.status?.conditions?.some(
          c => c.type === 'Established' && c.status === 'True',
        )
      )
        break;
      await new Promise(res => setTimeout(res, 100));
    }
    continue;
  }
  if (status && !['Namespace'].includes(o.kind)) {
    const cur = r.body;
    cur.status = status;
    const s = await req('PUT', `${base(o)}/${o.metadata.name}/status`, cur);
    if (s.code !== 200)
      problems.push(
        `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}: status ${
          s.code
        } ${s.body.message}`,
      );
    else {
      statuses++;
      // The server keeps only fields it knows: report status fields it dropped.
      const lost = Object.keys(status).filter(
        k => !(k in (s.body.status ?? {})),
      );
      if (lost.length)
        problems.push(
          `${o.kind} ${
            o.metadata.name
          }: status fields dropped by 1.20: ${lost.join(', ')}`,
        );
    }
  }
}
console.log(
  `created ${created}, already present ${existed}, statuses written ${statuses}`,
);
console.log(problems.length ? problems.join('\n') : 'no problems');
if (problems.some(p => / (create|status) \d{3} /.test(p))) process.exitCode = 1;
