#!/usr/bin/env node
// Synthetic 254Carbon-shaped platform for the scale benchmark: N services spread over C clusters,
// each with the objects a real service has (Deployment, Pods, Service, Endpoints, Ingress,
// Certificate, NetworkPolicies, ServiceAccount, Role/RoleBinding, ConfigMap, PDB, ServiceMonitor,
// Velero Schedule/Backup), plus the platform components every cluster runs and the catalog
// Components that point at the services.
//
// Deterministic: service i is the same whatever N is, so a larger N is a superset of a smaller one
// and the benchmark can load 100, then 900 more, then 4,000 more into the same API servers.
//
//   node bench/generate.mjs --services 1000 --clusters 3 --out /tmp/platform
// writes /tmp/platform/manifests/<cluster>/*.yaml (the layout loadManifestsDirectory reads, so
// `readiness.sources.manifests.directory` can point at it) and /tmp/platform/catalog-info.yaml.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';

export const ID_LABEL = 'backstage.io/kubernetes-id';
/** Services per team namespace; a namespace lives in one cluster. */
export const SERVICES_PER_NAMESPACE = 10;
const NODES_PER_CLUSTER = 3;

const DAY = 86_400_000;
const iso = ms => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const clusterName = c => `bench-${c + 1}`;
export const serviceName = i => `svc-${String(i).padStart(5, '0')}`;
export const namespaceOf = i => `team-${String(Math.floor(i / SERVICES_PER_NAMESPACE)).padStart(4, '0')}`;
export const clusterOf = (i, clusters) => Math.floor(i / SERVICES_PER_NAMESPACE) % clusters;

/**
 * Which realistic defect a service carries (about one in four has one), so the engine's work and
 * the results are varied like a real fleet's, not 5,000 identical passes.
 */
export function defectOf(i) {
  return ['none', 'none', 'none', 'single-replica', 'none', 'crashloop', 'none', 'cert-expiring', 'none', 'no-pdb', 'none', 'latest-tag'][
    i % 12
  ];
}

function labels(name, extra = {}) {
  return { app: name, [ID_LABEL]: name, 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': '254carbon', ...extra };
}

function container(name, image) {
  return {
    name,
    image,
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${name}-db`, key: 'password' } } },
    ],
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10 },
    livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 20, failureThreshold: 6 },
    securityContext: {
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };
}

/** The objects of service `i`, with `status` where a controller would have written one. */
export function serviceObjects(i, clusters, now = Date.now()) {
  const name = serviceName(i);
  const ns = namespaceOf(i);
  const cluster = clusterOf(i, clusters);
  const defect = defectOf(i);
  const replicas = defect === 'single-replica' ? 1 : 2;
  const image = `harbor.254carbon.com/platform/${name}:${defect === 'latest-tag' ? 'latest' : `1.${i % 40}.${i % 7}`}`;
  const host = `${name}.254carbon.com`;
  const created = iso(now - 40 * DAY);
  const podSpec = {
    serviceAccountName: name,
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: name } } },
    ],
    containers: [container(name, image)],
  };
  const pods = Array.from({ length: replicas }, (_, r) => {
    const crash = defect === 'crashloop' && r === 0;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${name}-7d9f8b6c4-${String.fromCharCode(97 + r)}x${i % 10}q`,
        namespace: ns,
        labels: labels(name, { 'pod-template-hash': '7d9f8b6c4' }),
      },
      spec: { ...podSpec, nodeName: `${clusterName(cluster)}-node-${(i + r) % NODES_PER_CLUSTER}` },
      status: {
        phase: 'Running',
        startTime: created,
        podIP: `10.${cluster}.${Math.floor(i / 250) % 250}.${(i * 2 + r) % 250}`,
        conditions: [
          { type: 'Ready', status: crash ? 'False' : 'True', lastTransitionTime: created },
          { type: 'ContainersReady', status: crash ? 'False' : 'True', lastTransitionTime: created },
        ],
        containerStatuses: [
          {
            name,
            image,
            imageID: `${image.replace(/:[^:]+$/, '')}@sha256:${(i * 7919).toString(16).padStart(64, '0')}`,
            ready: !crash,
            started: !crash,
            restartCount: crash ? 42 : 0,
            state: crash
              ? { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } }
              : { running: { startedAt: created } },
            ...(crash
              ? { lastState: { terminated: { reason: 'Error', exitCode: 1, startedAt: iso(now - 600_000), finishedAt: iso(now - 590_000) } } }
              : {}),
          },
        ],
      },
    };
  });
  const ready = pods.filter(p => p.status.containerStatuses[0].ready).length;
  const notAfter = defect === 'cert-expiring' ? now + 5 * DAY : now + 60 * DAY;

  const objects = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns, labels: labels(name), annotations: { 'deployment.kubernetes.io/revision': '3' } },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
        template: { metadata: { labels: labels(name) }, spec: podSpec },
      },
      status: {
        observedGeneration: 1,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: ready,
        availableReplicas: ready,
        ...(ready < replicas ? { unavailableReplicas: replicas - ready } : {}),
        conditions: [
          { type: 'Available', status: ready > 0 ? 'True' : 'False', reason: 'MinimumReplicasAvailable', lastUpdateTime: created, lastTransitionTime: created },
          { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: created, lastTransitionTime: created },
        ],
      },
    },
    ...pods,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns, labels: labels(name) },
      spec: { type: 'ClusterIP', selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, labels: labels(name) },
      subsets: [
        {
          addresses: pods.filter(p => p.status.containerStatuses[0].ready).map(p => ({ ip: p.status.podIP, targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns } })),
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ].filter(s => s.addresses.length),
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, namespace: ns, labels: labels(name), annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' } },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: [host], secretName: `${name}-tls` }],
        rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { name: 'http' } } } }] } }],
      },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: `${name}-tls`, namespace: ns, labels: labels(name) },
      spec: { secretName: `${name}-tls`, dnsNames: [host], issuerRef: { name: 'letsencrypt-prod', kind: 'ClusterIssuer', group: 'cert-manager.io' } },
      status: {
        conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', message: 'Certificate is up to date and has not expired', lastTransitionTime: created, observedGeneration: 1 }],
        notBefore: iso(notAfter - 90 * DAY),
        notAfter: iso(notAfter),
        renewalTime: iso(notAfter - 30 * DAY > now ? notAfter - 30 * DAY : now + DAY),
        revision: 3,
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `${name}-allow`, namespace: ns, labels: labels(name) },
      spec: {
        podSelector: { matchLabels: { app: name } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ port: 53, protocol: 'UDP' }] }],
      },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns, labels: labels(name) }, automountServiceAccountToken: false },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name, namespace: ns, labels: labels(name) },
      rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: [`${name}-config`], verbs: ['get', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace: ns, labels: labels(name) },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: ns }],
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-config`, namespace: ns, labels: labels(name) },
      data: { 'application.yaml': `server:\n  port: 8080\nfeatures:\n  cache: ${i % 2 === 0}\n`, LOG_FORMAT: 'json', UPSTREAM_URL: `http://${serviceName((i + 1) % 100000)}.${ns}.svc` },
    },
    ...(defect === 'no-pdb'
      ? []
      : [
          {
            apiVersion: 'policy/v1beta1',
            kind: 'PodDisruptionBudget',
            metadata: { name, namespace: ns, labels: labels(name) },
            spec: { maxUnavailable: 1, selector: { matchLabels: { app: name } } },
            status: { observedGeneration: 1, disruptionsAllowed: ready > 1 ? 1 : 0, currentHealthy: ready, desiredHealthy: Math.max(ready - 1, 0), expectedPods: replicas },
          },
        ]),
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name, namespace: ns, labels: labels(name, { release: 'kube-prometheus-stack' }) },
      spec: { selector: { matchLabels: { app: name } }, endpoints: [{ port: 'http', path: '/metrics', interval: '30s' }] },
    },
    {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: `${name}-hourly`, namespace: 'velero', labels: { [ID_LABEL]: name } },
      spec: { schedule: '0 * * * *', template: { includedNamespaces: [ns], labelSelector: { matchLabels: { app: name } }, ttl: '720h0m0s' } },
      status: { phase: 'Enabled', lastBackup: iso(now - 30 * 60_000) },
    },
    {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: `${name}-hourly-${iso(now - 30 * 60_000).replace(/\D/g, '').slice(0, 12)}`, namespace: 'velero', labels: { [ID_LABEL]: name, 'velero.io/schedule-name': `${name}-hourly` } },
      spec: { includedNamespaces: [ns], labelSelector: { matchLabels: { app: name } }, ttl: '720h0m0s' },
      status: { phase: 'Completed', startTimestamp: iso(now - 30 * 60_000), completionTimestamp: iso(now - 29 * 60_000), expiration: iso(now + 30 * DAY), errors: 0, warnings: 0 },
    },
  ];
  return { cluster, namespace: ns, name, objects };
}

/** A team namespace: restricted Pod Security labels and a default-deny policy. */
export function namespaceObjects(ns) {
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns, 'pod-security.kubernetes.io/enforce': 'restricted' } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: ns },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
  ];
}

function platformWorkload(name, ns, appLabel, now) {
  const created = iso(now - 90 * DAY);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels: appLabel },
    spec: {
      replicas: 2,
      selector: { matchLabels: appLabel },
      template: { metadata: { labels: appLabel }, spec: { containers: [{ name, image: `harbor.254carbon.com/platform/${name}:1.0.0` }] } },
    },
    status: {
      observedGeneration: 1,
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      updatedReplicas: 2,
      conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', lastUpdateTime: created, lastTransitionTime: created }],
    },
  };
}

/** What every cluster runs: nodes, the ingress controller, registry, monitoring, Velero, issuers. */
export function platformObjects(cluster, now = Date.now()) {
  const created = iso(now - 200 * DAY);
  const name = clusterName(cluster);
  const nss = ['ingress-nginx', 'harbor', 'monitoring', 'velero', 'cert-manager'];
  return [
    ...nss.map(ns => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } } })),
    ...Array.from({ length: NODES_PER_CLUSTER }, (_, n) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `${name}-node-${n}`, labels: { 'kubernetes.io/hostname': `${name}-node-${n}`, 'kubernetes.io/os': 'linux' } },
      spec: {},
      status: {
        capacity: { cpu: '16', memory: '64Gi', pods: '250' },
        allocatable: { cpu: '15800m', memory: '62Gi', pods: '250' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: iso(now - 10_000), lastTransitionTime: created }],
        nodeInfo: { kubeletVersion: 'v1.20.2', osImage: 'Debian GNU/Linux 12', containerRuntimeVersion: 'containerd://1.6.20', architecture: 'amd64', operatingSystem: 'linux', kernelVersion: '6.1.0', machineID: '', systemUUID: '', bootID: '', kubeProxyVersion: 'v1.20.2' },
      },
    })),
    platformWorkload('ingress-nginx-controller', 'ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }, now),
    platformWorkload('harbor-core', 'harbor', { app: 'harbor' }, now),
    platformWorkload('prometheus', 'monitoring', { 'app.kubernetes.io/name': 'prometheus' }, now),
    platformWorkload('alertmanager', 'monitoring', { 'app.kubernetes.io/name': 'alertmanager' }, now),
    platformWorkload('grafana', 'monitoring', { 'app.kubernetes.io/name': 'grafana' }, now),
    platformWorkload('loki', 'monitoring', { 'app.kubernetes.io/name': 'loki' }, now),
    platformWorkload('velero', 'velero', { 'app.kubernetes.io/name': 'velero' }, now),
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt-prod' },
      spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'ops@254carbon.com', privateKeySecretRef: { name: 'letsencrypt-prod' }, solvers: [{ dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare', key: 'token' } } } }] } },
      status: { conditions: [{ type: 'Ready', status: 'True', reason: 'ACMEAccountRegistered', lastTransitionTime: created, observedGeneration: 1 }] },
    },
  ];
}

/** The catalog Component of service `i`, annotated the way the Kubernetes plugin expects. */
export function serviceEntity(i) {
  const name = serviceName(i);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { [ID_LABEL]: name, 'backstage.io/kubernetes-namespace': namespaceOf(i) },
    },
    spec: { type: 'service', lifecycle: 'production', owner: `group:default/team-${Math.floor(i / 50)}`, system: `system-${i % 25}` },
  };
}

/**
 * Services [from, to) grouped per cluster, with the namespaces they open (a namespace is emitted
 * with its first service) — what to load when growing the platform from `from` to `to` services.
 */
export function generateRange(from, to, clusters, now = Date.now()) {
  const perCluster = Array.from({ length: clusters }, () => []);
  for (let i = from; i < to; i++) {
    const svc = serviceObjects(i, clusters, now);
    if (i % SERVICES_PER_NAMESPACE === 0 || i === from) perCluster[svc.cluster].push(...namespaceObjects(svc.namespace));
    perCluster[svc.cluster].push(...svc.objects);
  }
  return perCluster.map((objects, c) => ({ cluster: clusterName(c), objects }));
}

/** The whole platform of N services: per-cluster objects (platform included) and the entities. */
export function generatePlatform({ services, clusters, now = Date.now() }) {
  const range = generateRange(0, services, clusters, now);
  return {
    clusters: range.map((r, c) => ({ cluster: r.cluster, objects: [...platformObjects(c, now), ...r.objects] })),
    entities: Array.from({ length: services }, (_, i) => serviceEntity(i)),
  };
}

/** Writes the manifests directory (one folder per cluster) and the catalog file. */
export function writePlatform(outDir, platform) {
  const out = resolve(outDir);
  for (const { cluster, objects } of platform.clusters) {
    const dir = join(out, 'manifests', cluster);
    mkdirSync(dir, { recursive: true });
    const byNamespace = new Map();
    for (const o of objects) {
      const key = o.metadata.namespace ?? '_cluster';
      if (!byNamespace.has(key)) byNamespace.set(key, []);
      byNamespace.get(key).push(o);
    }
    for (const [ns, objs] of byNamespace) {
      writeFileSync(join(dir, `${ns}.yaml`), objs.map(o => stringify(o)).join('---\n'));
    }
  }
  writeFileSync(join(out, 'catalog-info.yaml'), platform.entities.map(e => stringify(e)).join('---\n'));
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      services: { type: 'string', default: '100' },
      clusters: { type: 'string', default: '3' },
      out: { type: 'string' },
    },
  });
  const services = Number(values.services);
  const clusters = Number(values.clusters);
  if (!Number.isInteger(services) || services < 1 || !Number.isInteger(clusters) || clusters < 1 || !values.out) {
    console.error('usage: node bench/generate.mjs --services <N ≥ 1> --clusters <C ≥ 1> --out <dir>');
    process.exit(2);
  }
  const platform = generatePlatform({ services, clusters });
  const dir = writePlatform(values.out, platform);
  const objects = platform.clusters.reduce((n, c) => n + c.objects.length, 0);
  console.log(`${services} services, ${clusters} clusters, ${objects} objects → ${dir}/manifests/<cluster>/, ${dir}/catalog-info.yaml`);
}
