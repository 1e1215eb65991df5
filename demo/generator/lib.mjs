// Builders for the demo manifests: real-shaped objects as `kubectl get -o yaml` exports them
// (managedFields and resourceVersion left out so the files can also be applied to an API server).
import crypto from 'node:crypto';

export const NODE = 'k8s-prod-01';
export const NODE_IP = '10.0.10.11';
export const NOW = '2026-11-26T12:00:00Z';

const sha = s => crypto.createHash('sha256').update(s).digest('hex');
export const hex = (s, n = 64) => sha(s).slice(0, n);
export const uid = s => {
  const h = sha(`uid:${s}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${
    '89ab'[parseInt(h[16], 16) % 4]
  }${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const ALPHA = 'bcdfghjklmnpqrstvwxz2456789';
export const rand = (s, n) => {
  const h = sha(`rand:${s}`);
  let out = '';
  for (let i = 0; out.length < n; i++)
    out += ALPHA[parseInt(h.slice(i * 2, i * 2 + 2), 16) % ALPHA.length];
  return out;
};
export const at = (iso, seconds = 0) =>
  new Date(new Date(iso).getTime() + seconds * 1000)
    .toISOString()
    .replace('.000Z', 'Z');

let podIp = 10;
const nextPodIp = () => `10.244.0.${podIp++}`;
let svcIp = 20;
export const nextSvcIp = () =>
  `10.96.${Math.floor(svcIp / 250)}.${(svcIp++ % 250) + 1}`;

export const meta = (kind, name, namespace, extra = {}) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: uid(`${kind}/${namespace ?? ''}/${name}`),
  ...extra,
});

export function namespace(name, created, labels = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta('Namespace', name, undefined, {
      creationTimestamp: created,
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
    }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

function imageId(image) {
  const repo = image.replace(/:[^/:]+$/, '');
  return `${repo}@sha256:${hex(`image:${image}`)}`;
}

function containerDefaults(c) {
  return {
    imagePullPolicy: c.image.endsWith(':latest') ? 'Always' : 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...c,
  };
}

/**
 * A workload with its ReplicaSet (Deployments) and Pods, all Running and Ready unless replicas is 0.
 * o: { kind, ns, name, labels, selector, replicas, created, generation, annotations,
 *      template: { labels, annotations, spec }, hash, podNames, podCreated, podStarted,
 *      restarts: { [container]: { count, lastState } }, volumeClaimTemplates, serviceName }
 */
export function workload(o) {
  const kind = o.kind ?? 'Deployment';
  const created = o.created;
  const generation = o.generation ?? 1;
  const replicas = kind === 'DaemonSet' ? 1 : o.replicas ?? 1;
  const podLabelsBase = { ...o.template.labels };
  const hash =
    o.hash ??
    (kind === 'Deployment'
      ? rand(`hash:${o.ns}/${o.name}`, 9) + (o.name.length % 2 ? 'b' : '')
      : rand(`rev:${o.ns}/${o.name}`, 10));
  const wl = {
    apiVersion: 'apps/v1',
    kind,
    metadata: meta(kind, o.name, o.ns, {
      creationTimestamp: created,
      generation,
      labels: o.labels,
      annotations: {
        ...(kind === 'Deployment'
          ? {
              'deployment.kubernetes.io/revision': String(
                o.revision ?? generation,
              ),
            }
          : {}),
        ...(o.annotations ?? {}),
      },
    }),
    spec: {},
  };
  const template = {
    metadata: {
      labels: o.template.labels,
      ...(o.template.annotations
        ? { annotations: o.template.annotations }
        : {}),
    },
    spec: {
      ...o.template.spec,
      containers: o.template.spec.containers.map(containerDefaults),
      ...(o.template.spec.initContainers
        ? {
            initContainers:
              o.template.spec.initContainers.map(containerDefaults),
          }
        : {}),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds:
        o.template.spec.terminationGracePeriodSeconds ?? 30,
      dnsPolicy: o.template.spec.dnsPolicy ?? 'ClusterFirst',
      schedulerName: 'default-scheduler',
      securityContext: o.template.spec.securityContext ?? {},
    },
  };
  if (kind === 'Deployment') {
    wl.spec = {
      replicas,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: o.selector },
      strategy: o.strategy ?? {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      template,
    };
  } else if (kind === 'StatefulSet') {
    wl.spec = {
      replicas,
      serviceName: o.serviceName ?? o.name,
      podManagementPolicy: o.podManagementPolicy ?? 'OrderedReady',
      revisionHistoryLimit: 10,
      selector: { matchLabels: o.selector },
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { partition: 0 },
      },
      persistentVolumeClaimRetentionPolicy: {
        whenDeleted: 'Retain',
        whenScaled: 'Retain',
      },
      template,
      ...(o.volumeClaimTemplates
        ? { volumeClaimTemplates: o.volumeClaimTemplates }
        : {}),
    };
  } else {
    wl.spec = {
      revisionHistoryLimit: 10,
      selector: { matchLabels: o.selector },
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
      },
      template,
    };
  }
  const objects = [wl];
  let owner = {
    apiVersion: 'apps/v1',
    kind,
    name: o.name,
    uid: wl.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
  const podCreated = o.podCreated ?? at(created, 4);
  if (kind === 'Deployment') {
    const rsName = `${o.name}-${hash}`;
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: meta('ReplicaSet', rsName, o.ns, {
        creationTimestamp: o.rsCreated ?? at(podCreated, -1),
        generation: 1,
        labels: { ...o.template.labels, 'pod-template-hash': hash },
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/max-replicas': String(
            replicas + Math.ceil(replicas * 0.25),
          ),
          'deployment.kubernetes.io/revision': String(o.revision ?? generation),
        },
        ownerReferences: [owner],
      }),
      spec: {
        replicas,
        selector: { matchLabels: { ...o.selector, 'pod-template-hash': hash } },
        template: {
          ...template,
          metadata: {
            ...template.metadata,
            labels: { ...o.template.labels, 'pod-template-hash': hash },
          },
        },
      },
      status: replicas
        ? {
            availableReplicas: replicas,
            fullyLabeledReplicas: replicas,
            observedGeneration: 1,
            readyReplicas: replicas,
            replicas,
          }
        : { observedGeneration: 1, replicas: 0 },
    };
    objects.push(rs);
    owner = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: rsName,
      uid: rs.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    };
    podLabelsBase['pod-template-hash'] = hash;
  } else if (kind === 'StatefulSet') {
    podLabelsBase['controller-revision-hash'] = `${o.name}-${hash}`;
  } else {
    podLabelsBase['controller-revision-hash'] = hash;
    podLabelsBase['pod-template-generation'] = String(generation);
  }
  const pods = [];
  for (let i = 0; i < replicas; i++) {
    const podName =
      o.podNames?.[i] ??
      (kind === 'Deployment'
        ? `${o.name}-${hash}-${rand(`pod:${o.ns}/${o.name}/${i}`, 5)}`
        : kind === 'StatefulSet'
        ? `${o.name}-${i}`
        : `${o.name}-${rand(`pod:${o.ns}/${o.name}/${i}`, 5)}`);
    const labels = {
      ...podLabelsBase,
      ...(kind === 'StatefulSet'
        ? { 'statefulset.kubernetes.io/pod-name': podName }
        : {}),
    };
    pods.push(
      pod({
        ...o,
        podName,
        labels,
        owner,
        podCreated: o.podCreatedList?.[i] ?? podCreated,
        template,
        index: i,
      }),
    );
  }
  objects.push(...pods);
  // Workload status as the controllers report it when every pod is Ready.
  if (kind === 'Deployment') {
    const avail = replicas
      ? {
          type: 'Available',
          status: 'True',
          lastUpdateTime: at(podCreated, 40),
          lastTransitionTime: at(podCreated, 40),
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'True',
          lastUpdateTime: at(o.scaledAt ?? created, 0),
          lastTransitionTime: at(created, 30),
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        };
    wl.status = {
      observedGeneration: generation,
      ...(replicas
        ? {
            replicas,
            updatedReplicas: replicas,
            readyReplicas: replicas,
            availableReplicas: replicas,
          }
        : {}),
      conditions: [
        avail,
        {
          type: 'Progressing',
          status: 'True',
          lastUpdateTime: at(podCreated, 40),
          lastTransitionTime: at(created, 1),
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${o.name}-${hash}" has successfully progressed.`,
        },
      ],
    };
  } else if (kind === 'StatefulSet') {
    wl.status = {
      observedGeneration: generation,
      replicas,
      ...(replicas
        ? {
            readyReplicas: replicas,
            currentReplicas: replicas,
            updatedReplicas: replicas,
          }
        : {}),
      availableReplicas: replicas,
      currentRevision: `${o.name}-${hash}`,
      updateRevision: `${o.name}-${hash}`,
      collisionCount: 0,
    };
  } else {
    wl.status = {
      currentNumberScheduled: 1,
      desiredNumberScheduled: 1,
      numberAvailable: 1,
      numberMisscheduled: 0,
      numberReady: 1,
      observedGeneration: generation,
      updatedNumberScheduled: 1,
    };
  }
  return { workload: wl, objects, pods };
}

export function pod(o) {
  const created = o.podCreated;
  const sa = o.template.spec.serviceAccountName ?? 'default';
  const automount = o.template.spec.automountServiceAccountToken !== false;
  const tokenVol = `kube-api-access-${rand(`tok:${o.ns}/${o.podName}`, 5)}`;
  const mountToken = c => ({
    ...c,
    ...(automount
      ? {
          volumeMounts: [
            ...(c.volumeMounts ?? []),
            {
              name: tokenVol,
              readOnly: true,
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            },
          ],
        }
      : {}),
  });
  const spec = {
    ...o.template.spec,
    ...(o.static ? {} : { serviceAccount: sa, serviceAccountName: sa }),
    nodeName: NODE,
    priority:
      {
        'system-node-critical': 2000001000,
        'system-cluster-critical': 2000000000,
      }[o.template.spec.priorityClassName] ?? 0,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    containers: o.template.spec.containers.map(mountToken),
    ...(o.template.spec.initContainers
      ? { initContainers: o.template.spec.initContainers.map(mountToken) }
      : {}),
    tolerations: [
      ...(o.template.spec.tolerations ?? []),
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ],
    volumes: [
      ...(o.template.spec.volumes ?? []),
      ...(o.kind === 'StatefulSet' && o.volumeClaimTemplates
        ? o.volumeClaimTemplates.map(v => ({
            name: v.metadata.name,
            persistentVolumeClaim: {
              claimName: `${v.metadata.name}-${o.podName}`,
            },
          }))
        : []),
      ...(automount
        ? [
            {
              name: tokenVol,
              projected: {
                defaultMode: 420,
                sources: [
                  {
                    serviceAccountToken: {
                      expirationSeconds: 3607,
                      path: 'token',
                    },
                  },
                  {
                    configMap: {
                      name: 'kube-root-ca.crt',
                      items: [{ key: 'ca.crt', path: 'ca.crt' }],
                    },
                  },
                  {
                    downwardAPI: {
                      items: [
                        {
                          path: 'namespace',
                          fieldRef: {
                            apiVersion: 'v1',
                            fieldPath: 'metadata.namespace',
                          },
                        },
                      ],
                    },
                  },
                ],
              },
            },
          ]
        : []),
    ],
  };
  if (o.kind === 'StatefulSet') {
    spec.hostname = o.podName;
    spec.subdomain = o.serviceName ?? o.name;
  }
  const ip = spec.hostNetwork ? NODE_IP : nextPodIp();
  const init = o.template.spec.initContainers ?? [];
  const initDone = at(created, 3 + init.length * 4);
  const started = o.podStarted ?? at(initDone, 6);
  const status = c => {
    const r = o.restarts?.[c.name];
    return {
      name: c.name,
      image: c.image,
      imageID: imageId(c.image),
      containerID: `containerd://${hex(
        `ctr:${o.ns}/${o.podName}/${c.name}/${r?.count ?? 0}`,
      )}`,
      ready: true,
      started: true,
      restartCount: r?.count ?? 0,
      state: { running: { startedAt: r?.runningSince ?? started } },
      lastState: r?.lastState ?? {},
    };
  };
  const readyAt = at(
    o.restarts ? Object.values(o.restarts)[0].runningSince ?? started : started,
    o.readyDelay ?? 25,
  );
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('Pod', o.podName, o.ns, {
      creationTimestamp: created,
      ...(o.generateName === false
        ? {}
        : o.static
        ? {}
        : {
            generateName:
              o.kind === 'StatefulSet'
                ? `${o.name}-`
                : o.podName.replace(/[^-]+$/, ''),
          }),
      labels: o.labels,
      ...(o.podAnnotations || o.template.metadata.annotations
        ? {
            annotations: {
              ...(o.template.metadata.annotations ?? {}),
              ...(o.podAnnotations ?? {}),
            },
          }
        : {}),
      ownerReferences: [o.owner],
    }),
    spec,
    status: {
      phase: 'Running',
      conditions: [
        {
          type: 'PodReadyToStartContainers',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: at(created, 2),
        },
        {
          type: 'Initialized',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: initDone,
        },
        {
          type: 'Ready',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: readyAt,
        },
        {
          type: 'ContainersReady',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: readyAt,
        },
        {
          type: 'PodScheduled',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: created,
        },
      ],
      hostIP: NODE_IP,
      hostIPs: [{ ip: NODE_IP }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: created,
      qosClass: qos(o.template.spec),
      ...(init.length
        ? {
            initContainerStatuses: init.map(c => ({
              name: c.name,
              image: c.image,
              imageID: imageId(c.image),
              containerID: `containerd://${hex(
                `init:${o.ns}/${o.podName}/${c.name}`,
              )}`,
              ready: true,
              started: false,
              restartCount: 0,
              state: {
                terminated: {
                  exitCode: 0,
                  reason: 'Completed',
                  startedAt: at(created, 3),
                  finishedAt: initDone,
                  containerID: `containerd://${hex(
                    `init:${o.ns}/${o.podName}/${c.name}`,
                  )}`,
                },
              },
              lastState: {},
            })),
          }
        : {}),
      containerStatuses: o.template.spec.containers.map(status),
    },
  };
}

function qos(spec) {
  const cs = [...spec.containers, ...(spec.initContainers ?? [])];
  const res = cs.map(c => c.resources ?? {});
  if (res.every(r => !r.requests && !r.limits)) return 'BestEffort';
  const guaranteed = res.every(
    r =>
      r.limits?.cpu &&
      r.limits?.memory &&
      (!r.requests ||
        ((r.requests.cpu ?? r.limits.cpu) === r.limits.cpu &&
          (r.requests.memory ?? r.limits.memory) === r.limits.memory)),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** A Service and the Endpoints the endpoints controller derives from the Ready pods it selects. */
export function service(o, pods) {
  const clusterIP = o.headless ? 'None' : o.clusterIP ?? nextSvcIp();
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('Service', o.name, o.ns, {
      creationTimestamp: o.created,
      labels: o.labels,
      ...(o.annotations ? { annotations: o.annotations } : {}),
    }),
    spec: {
      type: o.type ?? 'ClusterIP',
      clusterIP,
      clusterIPs: [clusterIP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ...(o.headless ? { publishNotReadyAddresses: true } : {}),
      ports: o.ports.map(p => ({ protocol: 'TCP', ...p })),
      selector: o.selector,
      sessionAffinity: 'None',
    },
    status: { loadBalancer: {} },
  };
  const selected = pods.filter(p =>
    Object.entries(o.selector).every(([k, v]) => p.metadata.labels?.[k] === v),
  );
  const ep = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta('Endpoints', o.name, o.ns, {
      creationTimestamp: o.created,
      labels: {
        ...(o.labels ?? {}),
        ...(o.headless ? { 'service.kubernetes.io/headless': '' } : {}),
      },
    }),
    ...(selected.length
      ? {
          subsets: [
            {
              addresses: selected.map(p => ({
                ip: p.status.podIP,
                nodeName: NODE,
                ...(o.headless ? { hostname: p.metadata.name } : {}),
                targetRef: {
                  kind: 'Pod',
                  name: p.metadata.name,
                  namespace: p.metadata.namespace,
                  uid: p.metadata.uid,
                },
              })),
              ports: o.ports.map(p => ({
                name: p.name,
                port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
                protocol: 'TCP',
              })),
            },
          ],
        }
      : {}),
  };
  return [svc, ep];
}

export function configMap(ns, name, created, labels, data, annotations) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('ConfigMap', name, ns, {
      creationTimestamp: created,
      labels,
      ...(annotations ? { annotations } : {}),
    }),
    data,
  };
}

export function serviceAccount(ns, name, created, labels, extra = {}) {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta('ServiceAccount', name, ns, {
      creationTimestamp: created,
      ...(labels ? { labels } : {}),
    }),
    ...extra,
  };
}

export function pvc(
  ns,
  name,
  created,
  size,
  labels,
  storageClassName = 'local-path',
) {
  const volume = `pvc-${uid(`PersistentVolumeClaim/${ns}/${name}`)}`;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta('PersistentVolumeClaim', name, ns, {
      creationTimestamp: created,
      ...(labels ? { labels } : {}),
      annotations: {
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
        'volume.beta.kubernetes.io/storage-provisioner':
          'rancher.io/local-path',
        'volume.kubernetes.io/selected-node': NODE,
        'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      },
      finalizers: ['kubernetes.io/pvc-protection'],
    }),
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: size } },
      storageClassName,
      volumeMode: 'Filesystem',
      volumeName: volume,
    },
    status: {
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: size },
    },
  };
}

export function ingress(o) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta('Ingress', o.name, o.ns, {
      creationTimestamp: o.created,
      generation: 1,
      labels: o.labels,
      ...(o.annotations ? { annotations: o.annotations } : {}),
    }),
    spec: {
      ingressClassName: 'nginx',
      ...(o.tlsSecret
        ? { tls: [{ hosts: o.hosts, secretName: o.tlsSecret }] }
        : {}),
      rules: o.hosts.map(host => ({
        host,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: {
                service: {
                  name: o.service,
                  port:
                    typeof o.port === 'number'
                      ? { number: o.port }
                      : { name: o.port },
                },
              },
            },
          ],
        },
      })),
    },
    status: { loadBalancer: { ingress: [{ ip: INGRESS_LB_IP }] } },
  };
}
export const INGRESS_LB_IP = '10.96.120.15';

/** A cert-manager Certificate as cert-manager leaves it after a successful (re)issuance. */
export function certificate(o) {
  const ready = {
    type: 'Ready',
    status: 'True',
    lastTransitionTime: o.readySince ?? at(o.notBefore, 3660 + 45),
    reason: 'Ready',
    message: 'Certificate is up to date and has not expired',
    observedGeneration: 1,
  };
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: meta('Certificate', o.name, o.ns, {
      creationTimestamp: o.created,
      generation: 1,
      labels: o.labels,
    }),
    spec: {
      secretName: o.secretName ?? o.name,
      commonName: o.dnsNames[0],
      dnsNames: o.dnsNames,
      issuerRef: {
        group: 'cert-manager.io',
        kind: 'ClusterIssuer',
        name: o.issuer ?? 'letsencrypt-prod',
      },
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      usages: ['digital signature', 'key encipherment', 'server auth'],
    },
    status: {
      conditions: [ready, ...(o.extraConditions ?? [])],
      // cert-manager sets notBefore an hour before the order is finalised (Let's Encrypt backdates).
      notBefore: o.notBefore,
      notAfter: o.notAfter,
      renewalTime: o.renewalTime,
      revision: o.revision,
      ...(o.failure ?? {}),
    },
  };
}
