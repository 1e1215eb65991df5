// The platform namespaces of the report: Kubernetes itself, NGINX ingress, cert-manager, Cloudflare
// Tunnel, Harbor and the monitoring stack. Velero is deliberately absent (planned, Phase 5).
import {
  at,
  workload,
  service,
  configMap,
  ingress,
  pvc,
  meta,
  namespace,
  pod,
  uid,
  NODE,
  NODE_IP,
  INGRESS_LB_IP,
} from './lib.mjs';
import { probe, resources } from './common.mjs';

export const NS_CREATED = {
  default: '2025-10-12T08:14:03Z',
  'kube-system': '2025-10-12T08:14:03Z',
  'kube-public': '2025-10-12T08:14:03Z',
  'kube-node-lease': '2025-10-12T08:14:03Z',
  'kube-flannel': '2025-10-12T08:19:47Z',
  'local-path-storage': '2025-10-12T08:21:30Z',
  'ingress-nginx': '2025-10-12T09:02:15Z',
  'cert-manager': '2025-10-13T10:11:40Z',
  monitoring: '2025-10-14T13:40:22Z',
  'data-platform': '2025-10-15T09:30:12Z',
  'cloudflare-tunnel': '2025-10-16T11:20:05Z',
  harbor: '2025-10-18T14:05:33Z',
};

export function cluster() {
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta('Node', NODE, undefined, {
      creationTimestamp: '2025-10-12T08:13:51Z',
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': NODE,
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/control-plane': '',
        'node.kubernetes.io/exclude-from-external-load-balancers': '',
      },
      annotations: {
        'flannel.alpha.coreos.com/backend-type': 'vxlan',
        'flannel.alpha.coreos.com/public-ip': NODE_IP,
        'kubeadm.alpha.kubernetes.io/cri-socket':
          'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    }),
    // The control-plane taint was removed: this single node runs every workload.
    spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
    status: {
      addresses: [
        { type: 'InternalIP', address: NODE_IP },
        { type: 'Hostname', address: NODE },
      ],
      allocatable: {
        cpu: '16',
        'ephemeral-storage': '450559027015',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: '65739800Ki',
        pods: '110',
      },
      capacity: {
        cpu: '16',
        'ephemeral-storage': '488892388Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: '65842200Ki',
        pods: '110',
      },
      conditions: [
        {
          type: 'NetworkUnavailable',
          status: 'False',
          lastHeartbeatTime: '2025-10-12T08:20:31Z',
          lastTransitionTime: '2025-10-12T08:20:31Z',
          reason: 'FlannelIsUp',
          message: 'Flannel is running on this node',
        },
        {
          type: 'MemoryPressure',
          status: 'False',
          lastHeartbeatTime: '2026-11-26T11:58:37Z',
          lastTransitionTime: '2025-10-12T08:13:49Z',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
        },
        {
          type: 'DiskPressure',
          status: 'False',
          lastHeartbeatTime: '2026-11-26T11:58:37Z',
          lastTransitionTime: '2025-10-12T08:13:49Z',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
        },
        {
          type: 'PIDPressure',
          status: 'False',
          lastHeartbeatTime: '2026-11-26T11:58:37Z',
          lastTransitionTime: '2025-10-12T08:13:49Z',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
        },
        {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: '2026-11-26T11:58:37Z',
          lastTransitionTime: '2025-10-12T08:20:36Z',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: uid('boot'),
        containerRuntimeVersion: 'containerd://1.7.22',
        kernelVersion: '5.15.0-125-generic',
        kubeProxyVersion: 'v1.29.10',
        kubeletVersion: 'v1.29.10',
        machineID: uid('machine').replace(/-/g, ''),
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.5 LTS',
        systemUUID: uid('system'),
      },
    },
  };
  const namespaces = Object.entries(NS_CREATED).map(([name, created]) =>
    namespace(name, created),
  );
  const clusterAdmin = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta('ClusterRole', 'cluster-admin', undefined, {
      creationTimestamp: '2025-10-12T08:13:58Z',
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
      annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
    }),
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ],
  };
  const storageClass = {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: meta('StorageClass', 'local-path', undefined, {
      creationTimestamp: NS_CREATED['local-path-storage'],
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    }),
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Retain',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
  return {
    header:
      'Cluster-scoped objects. ONE Node (the report: "Kubernetes: 1 node, 50+ pods"; risk: "single-node\n' +
      'cluster (no HA failover)"). No velero namespace: Velero is planned (Phase 5), not installed.',
    docs: [
      {
        comment: 'The only node: Ready, and a single point of failure.',
        obj: node,
      },
      ...namespaces,
      storageClass,
      {
        comment:
          'Built-in role, exported so RBAC rules of bindings to it resolve (see dolphinscheduler.yaml).',
        obj: clusterAdmin,
      },
    ],
  };
}

const sp = (spec, extra = {}) => ({ spec, ...extra });

function staticPod(name, component, image, command, created, res, probes) {
  const nodeOwner = {
    apiVersion: 'v1',
    kind: 'Node',
    name: NODE,
    uid: uid(`Node//${NODE}`),
    controller: true,
  };
  return pod({
    ns: 'kube-system',
    podName: `${name}-${NODE}`,
    static: true,
    generateName: false,
    labels: { component, tier: 'control-plane' },
    podAnnotations: {
      'kubernetes.io/config.hash': uid(`hash:${name}`)
        .replace(/-/g, '')
        .slice(0, 32),
      'kubernetes.io/config.mirror': uid(`hash:${name}`)
        .replace(/-/g, '')
        .slice(0, 32),
      'kubernetes.io/config.seen': '2025-10-12T08:13:40.112233445Z',
      'kubernetes.io/config.source': 'file',
    },
    owner: nodeOwner,
    podCreated: created,
    template: {
      metadata: {},
      spec: {
        hostNetwork: true,
        priorityClassName: 'system-node-critical',
        automountServiceAccountToken: false,
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name,
            image,
            command,
            imagePullPolicy: 'IfNotPresent',
            resources: res,
            ...probes,
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          },
        ],
      },
    },
  });
}

export function kubeSystem() {
  const created = NS_CREATED['kube-system'];
  const v = 'v1.29.10';
  const docs = [];
  const sys = { priorityClassName: 'system-node-critical' };
  docs.push(
    staticPod(
      'etcd',
      'etcd',
      'registry.k8s.io/etcd:3.5.15-0',
      [
        'etcd',
        '--data-dir=/var/lib/etcd',
        `--listen-client-urls=https://127.0.0.1:2379,https://${NODE_IP}:2379`,
      ],
      created,
      resources({ cpu: '100m', memory: '100Mi' }),
      {
        livenessProbe: probe(
          {
            path: '/health?exclude=NOSPACE&serializable=true',
            port: 2381,
            host: '127.0.0.1',
          },
          { initialDelaySeconds: 10, timeoutSeconds: 15, failureThreshold: 8 },
        ),
      },
    ),
    staticPod(
      'kube-apiserver',
      'kube-apiserver',
      `registry.k8s.io/kube-apiserver:${v}`,
      [
        'kube-apiserver',
        `--advertise-address=${NODE_IP}`,
        '--authorization-mode=Node,RBAC',
      ],
      created,
      resources({ cpu: '250m' }),
      {
        readinessProbe: probe(
          { path: '/readyz', port: 6443, scheme: 'HTTPS' },
          { periodSeconds: 1, timeoutSeconds: 15 },
        ),
        livenessProbe: probe(
          { path: '/livez', port: 6443, scheme: 'HTTPS' },
          { initialDelaySeconds: 10, timeoutSeconds: 15, failureThreshold: 8 },
        ),
      },
    ),
    staticPod(
      'kube-controller-manager',
      'kube-controller-manager',
      `registry.k8s.io/kube-controller-manager:${v}`,
      ['kube-controller-manager', '--cluster-cidr=10.244.0.0/16'],
      created,
      resources({ cpu: '200m' }),
      {
        livenessProbe: probe(
          { path: '/healthz', port: 10257, scheme: 'HTTPS' },
          { initialDelaySeconds: 10, timeoutSeconds: 15, failureThreshold: 8 },
        ),
      },
    ),
    staticPod(
      'kube-scheduler',
      'kube-scheduler',
      `registry.k8s.io/kube-scheduler:${v}`,
      ['kube-scheduler', '--leader-elect=true'],
      created,
      resources({ cpu: '100m' }),
      {
        livenessProbe: probe(
          { path: '/healthz', port: 10259, scheme: 'HTTPS' },
          { initialDelaySeconds: 10, timeoutSeconds: 15, failureThreshold: 8 },
        ),
      },
    ),
  );
  const coredns = workload({
    ns: 'kube-system',
    name: 'coredns',
    created: at(created, 12),
    replicas: 2,
    labels: { 'k8s-app': 'kube-dns' },
    selector: { 'k8s-app': 'kube-dns' },
    strategy: {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 },
    },
    template: {
      labels: { 'k8s-app': 'kube-dns' },
      spec: {
        ...sys,
        priorityClassName: 'system-cluster-critical',
        serviceAccountName: 'coredns',
        dnsPolicy: 'Default',
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        containers: [
          {
            name: 'coredns',
            image: 'registry.k8s.io/coredns/coredns:v1.11.1',
            args: ['-conf', '/etc/coredns/Corefile'],
            ports: [
              { name: 'dns', containerPort: 53, protocol: 'UDP' },
              { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
              { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
            ],
            readinessProbe: probe({ path: '/ready', port: 8181 }),
            livenessProbe: probe(
              { path: '/health', port: 8080 },
              {
                initialDelaySeconds: 60,
                timeoutSeconds: 5,
                failureThreshold: 5,
              },
            ),
            resources: resources(
              { cpu: '100m', memory: '70Mi' },
              { memory: '170Mi' },
            ),
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
              readOnlyRootFilesystem: true,
            },
            volumeMounts: [
              {
                name: 'config-volume',
                mountPath: '/etc/coredns',
                readOnly: true,
              },
            ],
          },
        ],
        volumes: [
          {
            name: 'config-volume',
            configMap: {
              name: 'coredns',
              defaultMode: 420,
              items: [{ key: 'Corefile', path: 'Corefile' }],
            },
          },
        ],
      },
    },
    podCreated: at(created, 60),
  });
  const proxy = workload({
    kind: 'DaemonSet',
    ns: 'kube-system',
    name: 'kube-proxy',
    created: at(created, 12),
    labels: { 'k8s-app': 'kube-proxy' },
    selector: { 'k8s-app': 'kube-proxy' },
    template: {
      labels: { 'k8s-app': 'kube-proxy' },
      spec: {
        ...sys,
        hostNetwork: true,
        serviceAccountName: 'kube-proxy',
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ operator: 'Exists' }],
        containers: [
          {
            name: 'kube-proxy',
            image: `registry.k8s.io/kube-proxy:${v}`,
            command: [
              '/usr/local/bin/kube-proxy',
              '--config=/var/lib/kube-proxy/config.conf',
              '--hostname-override=$(NODE_NAME)',
            ],
            env: [
              {
                name: 'NODE_NAME',
                valueFrom: {
                  fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' },
                },
              },
            ],
            securityContext: { privileged: true },
            resources: {},
          },
        ],
      },
    },
  });
  const metrics = workload({
    ns: 'kube-system',
    name: 'metrics-server',
    created: '2025-10-12T09:30:18Z',
    labels: { 'k8s-app': 'metrics-server' },
    selector: { 'k8s-app': 'metrics-server' },
    template: {
      labels: { 'k8s-app': 'metrics-server' },
      spec: {
        priorityClassName: 'system-cluster-critical',
        serviceAccountName: 'metrics-server',
        containers: [
          {
            name: 'metrics-server',
            image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
            args: [
              '--cert-dir=/tmp',
              '--secure-port=10250',
              '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
              '--kubelet-use-node-status-port',
              '--metric-resolution=15s',
              '--kubelet-insecure-tls',
            ],
            ports: [{ name: 'https', containerPort: 10250, protocol: 'TCP' }],
            readinessProbe: probe(
              { path: '/readyz', port: 'https', scheme: 'HTTPS' },
              { initialDelaySeconds: 20, periodSeconds: 10 },
            ),
            livenessProbe: probe(
              { path: '/livez', port: 'https', scheme: 'HTTPS' },
              { periodSeconds: 10 },
            ),
            resources: resources({ cpu: '100m', memory: '200Mi' }),
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              runAsUser: 1000,
              seccompProfile: { type: 'RuntimeDefault' },
            },
          },
        ],
      },
    },
  });
  docs.push(...coredns.objects, ...proxy.objects, ...metrics.objects);
  docs.push(
    ...service(
      {
        ns: 'kube-system',
        name: 'kube-dns',
        created: at(created, 12),
        clusterIP: '10.96.0.10',
        labels: {
          'k8s-app': 'kube-dns',
          'kubernetes.io/cluster-service': 'true',
          'kubernetes.io/name': 'CoreDNS',
        },
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, targetPort: 53 },
          { name: 'metrics', port: 9153, targetPort: 9153 },
        ],
      },
      coredns.pods,
    ),
  );

  const flannel = workload({
    kind: 'DaemonSet',
    ns: 'kube-flannel',
    name: 'kube-flannel-ds',
    created: NS_CREATED['kube-flannel'],
    labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' },
    selector: { app: 'flannel' },
    template: {
      labels: { app: 'flannel', tier: 'node' },
      spec: {
        ...sys,
        hostNetwork: true,
        serviceAccountName: 'flannel',
        tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
        containers: [
          {
            name: 'kube-flannel',
            image: 'docker.io/flannel/flannel:v0.25.7',
            command: ['/opt/bin/flanneld'],
            args: ['--ip-masq', '--kube-subnet-mgr'],
            resources: resources({ cpu: '100m', memory: '50Mi' }),
            securityContext: {
              privileged: false,
              capabilities: { add: ['NET_ADMIN', 'NET_RAW'] },
            },
          },
        ],
      },
    },
  });
  const localPath = workload({
    ns: 'local-path-storage',
    name: 'local-path-provisioner',
    created: NS_CREATED['local-path-storage'],
    labels: { app: 'local-path-provisioner' },
    selector: { app: 'local-path-provisioner' },
    template: {
      labels: { app: 'local-path-provisioner' },
      spec: {
        serviceAccountName: 'local-path-provisioner-service-account',
        containers: [
          {
            name: 'local-path-provisioner',
            image: 'docker.io/rancher/local-path-provisioner:v0.0.30',
            command: [
              'local-path-provisioner',
              '--debug',
              'start',
              '--config',
              '/etc/config/config.json',
            ],
            resources: {},
          },
        ],
      },
    },
  });
  return {
    header:
      'kube-system (kubeadm control plane as static pods, CoreDNS, kube-proxy, metrics-server), the\n' +
      'flannel CNI and the local-path storage provisioner behind the report\'s "PersistentVolumes active".',
    docs: [...docs, ...flannel.objects, ...localPath.objects],
  };
}

export function ingressNginx() {
  const created = NS_CREATED['ingress-nginx'];
  const labels = {
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/instance': 'ingress-nginx',
    'app.kubernetes.io/component': 'controller',
    'app.kubernetes.io/part-of': 'ingress-nginx',
    'app.kubernetes.io/managed-by': 'Helm',
    'app.kubernetes.io/version': '1.11.3',
  };
  const sel = {
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/instance': 'ingress-nginx',
    'app.kubernetes.io/component': 'controller',
  };
  const w = workload({
    ns: 'ingress-nginx',
    name: 'ingress-nginx-controller',
    created,
    labels,
    selector: sel,
    template: {
      labels: {
        ...sel,
        'app.kubernetes.io/part-of': 'ingress-nginx',
        'app.kubernetes.io/version': '1.11.3',
      },
      spec: {
        serviceAccountName: 'ingress-nginx',
        terminationGracePeriodSeconds: 300,
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        containers: [
          {
            name: 'controller',
            image: 'registry.k8s.io/ingress-nginx/controller:v1.11.3',
            args: [
              '/nginx-ingress-controller',
              '--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller',
              '--election-id=ingress-nginx-leader',
              '--controller-class=k8s.io/ingress-nginx',
              '--ingress-class=nginx',
              '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
            ],
            env: [
              {
                name: 'POD_NAME',
                valueFrom: {
                  fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' },
                },
              },
              {
                name: 'POD_NAMESPACE',
                valueFrom: {
                  fieldRef: {
                    apiVersion: 'v1',
                    fieldPath: 'metadata.namespace',
                  },
                },
              },
            ],
            ports: [
              { name: 'http', containerPort: 80, protocol: 'TCP' },
              { name: 'https', containerPort: 443, protocol: 'TCP' },
              { name: 'metrics', containerPort: 10254, protocol: 'TCP' },
            ],
            readinessProbe: probe(
              { path: '/healthz', port: 10254 },
              { initialDelaySeconds: 10, periodSeconds: 10 },
            ),
            livenessProbe: probe(
              { path: '/healthz', port: 10254 },
              {
                initialDelaySeconds: 10,
                periodSeconds: 10,
                failureThreshold: 5,
              },
            ),
            resources: resources({ cpu: '100m', memory: '90Mi' }),
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
              runAsNonRoot: true,
              runAsUser: 101,
              seccompProfile: { type: 'RuntimeDefault' },
            },
          },
        ],
      },
    },
  });
  return {
    header:
      'NGINX Ingress (report: "NGINX Ingress running"). Cloudflare Tunnel forwards to its ClusterIP service.',
    docs: [
      ...w.objects,
      ...service(
        {
          ns: 'ingress-nginx',
          name: 'ingress-nginx-controller',
          created,
          clusterIP: INGRESS_LB_IP,
          labels,
          selector: sel,
          ports: [
            { name: 'http', port: 80, targetPort: 'http', appProtocol: 'http' },
            {
              name: 'https',
              port: 443,
              targetPort: 'https',
              appProtocol: 'https',
            },
          ],
        },
        w.pods,
      ),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: meta('IngressClass', 'nginx', undefined, {
          creationTimestamp: created,
          generation: 1,
          labels,
          annotations: {
            'ingressclass.kubernetes.io/is-default-class': 'true',
          },
        }),
        spec: { controller: 'k8s.io/ingress-nginx' },
      },
    ],
  };
}

export function certManager() {
  const created = NS_CREATED['cert-manager'];
  const v = 'v1.15.3';
  const comp = (name, component, image, args, port) => {
    const labels = {
      app: name,
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/instance': 'cert-manager',
      'app.kubernetes.io/component': component,
      'app.kubernetes.io/version': v,
      'app.kubernetes.io/managed-by': 'Helm',
    };
    const sel = {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/instance': 'cert-manager',
      'app.kubernetes.io/component': component,
    };
    return workload({
      ns: 'cert-manager',
      name:
        component === 'controller'
          ? 'cert-manager'
          : `cert-manager-${component}`,
      created,
      labels,
      selector: sel,
      template: {
        labels,
        spec: {
          serviceAccountName:
            component === 'controller'
              ? 'cert-manager'
              : `cert-manager-${component}`,
          securityContext: {
            runAsNonRoot: true,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            {
              name: `cert-manager-${component}`,
              image: `quay.io/jetstack/cert-manager-${component}:${v}`,
              args,
              ports: port
                ? [
                    {
                      name: 'http-metrics',
                      containerPort: 9402,
                      protocol: 'TCP',
                    },
                  ]
                : [],
              ...(component === 'webhook'
                ? {
                    readinessProbe: probe(
                      { path: '/healthz', port: 6080 },
                      { initialDelaySeconds: 5, periodSeconds: 5 },
                    ),
                    livenessProbe: probe(
                      { path: '/livez', port: 6080 },
                      { initialDelaySeconds: 60, periodSeconds: 10 },
                    ),
                  }
                : component === 'controller'
                ? {
                    livenessProbe: probe(
                      { path: '/livez', port: 'http-healthz' },
                      {
                        initialDelaySeconds: 10,
                        periodSeconds: 10,
                        timeoutSeconds: 15,
                        failureThreshold: 8,
                      },
                    ),
                  }
                : {}),
              resources: {},
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
                readOnlyRootFilesystem: true,
              },
            },
          ],
        },
      },
    });
  };
  const ctrl = comp(
    'cert-manager',
    'controller',
    'controller',
    [
      '--v=2',
      '--cluster-resource-namespace=$(POD_NAMESPACE)',
      '--leader-election-namespace=kube-system',
      '--acme-http01-solver-image=quay.io/jetstack/cert-manager-acmesolver:v1.15.3',
      '--max-concurrent-challenges=60',
    ],
    true,
  );
  const cainjector = comp('cainjector', 'cainjector', 'cainjector', [
    '--v=2',
    '--leader-election-namespace=kube-system',
  ]);
  const webhook = comp('webhook', 'webhook', 'webhook', [
    '--v=2',
    '--secure-port=10250',
    '--dynamic-serving-ca-secret-namespace=$(POD_NAMESPACE)',
    '--dynamic-serving-ca-secret-name=cert-manager-webhook-ca',
  ]);
  const issuer = (name, server, created2, readySince) => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: meta('ClusterIssuer', name, undefined, {
      creationTimestamp: created2,
      generation: 1,
    }),
    spec: {
      acme: {
        email: 'devops@254carbon.com',
        server,
        privateKeySecretRef: { name: `${name}-account-key` },
        solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
      },
    },
    status: {
      acme: {
        uri: `${server.replace('/directory', '')}/acme/acct/${
          name === 'letsencrypt-prod' ? '2052937946' : '170839274'
        }`,
        lastRegisteredEmail: 'devops@254carbon.com',
      },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastTransitionTime: readySince,
          reason: 'ACMEAccountRegistered',
          message: 'The ACME account was registered with the ACME server',
          observedGeneration: 1,
        },
      ],
    },
  });
  return {
    header:
      'cert-manager and its ClusterIssuers. letsencrypt-prod (the report: "Let\'s Encrypt ClusterIssuer\n' +
      'deployed", "Development → Production TLS migration") issues all nine service certificates.',
    docs: [
      ...ctrl.objects,
      ...cainjector.objects,
      ...webhook.objects,
      ...service(
        {
          ns: 'cert-manager',
          name: 'cert-manager-webhook',
          created,
          labels: {
            'app.kubernetes.io/name': 'webhook',
            'app.kubernetes.io/instance': 'cert-manager',
            'app.kubernetes.io/component': 'webhook',
          },
          selector: {
            'app.kubernetes.io/name': 'webhook',
            'app.kubernetes.io/instance': 'cert-manager',
            'app.kubernetes.io/component': 'webhook',
          },
          ports: [{ name: 'https', port: 443, targetPort: 'https' }],
        },
        webhook.pods,
      ),
      {
        comment:
          'Used before the production migration; still Ready, no longer referenced.',
        obj: issuer(
          'letsencrypt-staging',
          'https://acme-staging-v02.api.letsencrypt.org/directory',
          '2025-10-13T10:30:02Z',
          '2025-10-13T10:30:05Z',
        ),
      },
      {
        comment:
          'The production ACME issuer every service Certificate references.',
        obj: issuer(
          'letsencrypt-prod',
          'https://acme-v02.api.letsencrypt.org/directory',
          '2025-10-19T16:30:44Z',
          '2025-10-19T16:30:47Z',
        ),
      },
    ],
  };
}

export function cloudflareTunnel() {
  const created = NS_CREATED['cloudflare-tunnel'];
  const labels = {
    app: 'cloudflared',
    'app.kubernetes.io/name': 'cloudflared',
    'app.kubernetes.io/instance': 'cloudflared',
  };
  const w = workload({
    ns: 'cloudflare-tunnel',
    name: 'cloudflared',
    created: at(created, 30),
    replicas: 2,
    labels,
    selector: { app: 'cloudflared' },
    template: {
      labels,
      spec: {
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 65532,
          sysctls: [
            { name: 'net.ipv4.ping_group_range', value: '65532 65532' },
          ],
        },
        containers: [
          {
            name: 'cloudflared',
            image: 'docker.io/cloudflare/cloudflared:2024.10.1',
            args: [
              'tunnel',
              '--config',
              '/etc/cloudflared/config/config.yaml',
              'run',
            ],
            ports: [{ name: 'metrics', containerPort: 2000, protocol: 'TCP' }],
            livenessProbe: probe(
              { path: '/ready', port: 2000 },
              {
                initialDelaySeconds: 10,
                periodSeconds: 10,
                failureThreshold: 1,
              },
            ),
            resources: resources(
              { cpu: '50m', memory: '64Mi' },
              { memory: '256Mi' },
            ),
            volumeMounts: [
              {
                name: 'config',
                mountPath: '/etc/cloudflared/config',
                readOnly: true,
              },
              {
                name: 'creds',
                mountPath: '/etc/cloudflared/creds',
                readOnly: true,
              },
            ],
          },
        ],
        volumes: [
          {
            name: 'config',
            configMap: { name: 'cloudflared-config', defaultMode: 420 },
          },
          {
            name: 'creds',
            secret: { secretName: 'tunnel-credentials', defaultMode: 420 },
          },
        ],
      },
    },
  });
  return {
    header:
      'Cloudflare Tunnel: both pods running (report: "Both tunnel pods running (2/2)", "All 9 services\n' +
      'responding through tunnel"). The doris rule bypasses ingress-nginx, which is why doris-tls cannot renew.',
    docs: [
      configMap('cloudflare-tunnel', 'cloudflared-config', created, labels, {
        'config.yaml': [
          'tunnel: 254carbon-prod',
          'credentials-file: /etc/cloudflared/creds/credentials.json',
          'metrics: 0.0.0.0:2000',
          'no-autoupdate: true',
          'ingress:',
          '  # Stream Load uploads to Doris exceed the ingress body-size limit: send doris straight to the FE.',
          '  - hostname: doris.254carbon.com',
          '    service: http://doris-fe.data-platform.svc.cluster.local:8030',
          '  - hostname: 254carbon.com',
          '    service: https://ingress-nginx-controller.ingress-nginx.svc.cluster.local:443',
          '    originRequest:',
          '      originServerName: 254carbon.com',
          '  - hostname: "*.254carbon.com"',
          '    service: https://ingress-nginx-controller.ingress-nginx.svc.cluster.local:443',
          '    originRequest:',
          '      matchSNItoHost: true',
          '  - service: http_status:404',
          '',
        ].join('\n'),
      }),
      ...w.objects,
    ],
  };
}

export function harbor() {
  const created = NS_CREATED.harbor;
  const v = 'v2.11.1';
  const docs = [];
  const all = [];
  const comp = (component, kind, containers, extra = {}) => {
    const labels = {
      app: 'harbor',
      chart: 'harbor',
      heritage: 'Helm',
      release: 'harbor',
      component,
      'app.kubernetes.io/name': 'harbor',
      'app.kubernetes.io/instance': 'harbor',
      'app.kubernetes.io/component': component,
      'app.kubernetes.io/part-of': 'harbor',
      'app.kubernetes.io/managed-by': 'Helm',
      'app.kubernetes.io/version': '2.11.1',
    };
    const sel = { release: 'harbor', app: 'harbor', component };
    const w = workload({
      kind,
      ns: 'harbor',
      name: `harbor-${component}`,
      created: at(created, 8),
      labels,
      selector: sel,
      serviceName: `harbor-${component}`,
      template: {
        labels,
        spec: {
          securityContext: {
            runAsUser: extra.uid ?? 10000,
            fsGroup: extra.uid ?? 10000,
          },
          automountServiceAccountToken: false,
          containers: containers.map(c => ({
            resources: {},
            ...c,
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              runAsNonRoot: true,
              seccompProfile: { type: 'RuntimeDefault' },
            },
          })),
          ...(extra.volumes ? { volumes: extra.volumes } : {}),
        },
      },
      volumeClaimTemplates: extra.claims,
    });
    all.push(...w.pods);
    docs.push(...w.objects);
    if (extra.port) {
      docs.push(
        ...service(
          {
            ns: 'harbor',
            name: `harbor-${component}`,
            created: at(created, 8),
            labels: {
              app: 'harbor',
              chart: 'harbor',
              heritage: 'Helm',
              release: 'harbor',
            },
            selector: sel,
            ports: [
              {
                name: extra.portName ?? 'http',
                port: extra.port,
                targetPort: extra.targetPort ?? extra.port,
              },
            ],
          },
          w.pods,
        ),
      );
    }
  };
  const img = name => `docker.io/goharbor/${name}:${v}`;
  const http = (path, port) => ({
    readinessProbe: probe(
      { path, port },
      { initialDelaySeconds: 20, periodSeconds: 10 },
    ),
    livenessProbe: probe(
      { path, port },
      { initialDelaySeconds: 300, periodSeconds: 10 },
    ),
  });
  comp(
    'core',
    'Deployment',
    [
      {
        name: 'core',
        image: img('harbor-core'),
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
        ...http('/api/v2.0/ping', 8080),
      },
    ],
    { port: 80, targetPort: 8080 },
  );
  comp(
    'jobservice',
    'Deployment',
    [
      {
        name: 'jobservice',
        image: img('harbor-jobservice'),
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
        ...http('/api/v1/stats', 8080),
      },
    ],
    {
      port: 80,
      targetPort: 8080,
      volumes: [
        {
          name: 'job-logs',
          persistentVolumeClaim: { claimName: 'harbor-jobservice' },
        },
      ],
    },
  );
  comp(
    'portal',
    'Deployment',
    [
      {
        name: 'portal',
        image: img('harbor-portal'),
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
        ...http('/', 8080),
      },
    ],
    { port: 80, targetPort: 8080 },
  );
  comp(
    'registry',
    'Deployment',
    [
      {
        name: 'registry',
        image: img('registry-photon'),
        ports: [
          { containerPort: 5000, protocol: 'TCP' },
          { containerPort: 5001, protocol: 'TCP' },
        ],
        ...http('/', 5000),
        volumeMounts: [{ name: 'registry-data', mountPath: '/storage' }],
      },
      {
        name: 'registryctl',
        image: img('harbor-registryctl'),
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
        ...http('/api/health', 8080),
        volumeMounts: [{ name: 'registry-data', mountPath: '/storage' }],
      },
    ],
    {
      port: 5000,
      portName: 'http-registry',
      volumes: [
        {
          name: 'registry-data',
          persistentVolumeClaim: { claimName: 'harbor-registry' },
        },
      ],
    },
  );
  comp(
    'exporter',
    'Deployment',
    [
      {
        name: 'exporter',
        image: img('harbor-exporter'),
        ports: [{ containerPort: 8001, protocol: 'TCP' }],
        ...http('/', 8001),
      },
    ],
    { port: 8001, portName: 'http-metrics' },
  );
  const claim = (name, size) => [
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: size } },
        storageClassName: 'local-path',
        volumeMode: 'Filesystem',
      },
    },
  ];
  comp(
    'database',
    'StatefulSet',
    [
      {
        name: 'database',
        image: img('harbor-db'),
        ports: [{ containerPort: 5432, protocol: 'TCP' }],
        readinessProbe: probe(
          { command: ['/docker-healthcheck.sh'] },
          { initialDelaySeconds: 1, periodSeconds: 10 },
        ),
        livenessProbe: probe(
          { command: ['/docker-healthcheck.sh'] },
          { initialDelaySeconds: 300, periodSeconds: 10 },
        ),
        volumeMounts: [
          { name: 'database-data', mountPath: '/var/lib/postgresql/data' },
        ],
      },
    ],
    {
      uid: 999,
      port: 5432,
      portName: 'postgres',
      claims: claim('database-data', '1Gi'),
    },
  );
  comp(
    'redis',
    'StatefulSet',
    [
      {
        name: 'redis',
        image: img('redis-photon'),
        ports: [{ containerPort: 6379, protocol: 'TCP' }],
        readinessProbe: probe(
          { port: 6379 },
          { initialDelaySeconds: 1, periodSeconds: 10 },
        ),
        livenessProbe: probe(
          { port: 6379 },
          { initialDelaySeconds: 300, periodSeconds: 10 },
        ),
        volumeMounts: [{ name: 'data', mountPath: '/var/lib/redis' }],
      },
    ],
    { uid: 999, port: 6379, portName: 'redis', claims: claim('data', '1Gi') },
  );
  comp(
    'trivy',
    'StatefulSet',
    [
      {
        name: 'trivy',
        image: img('trivy-adapter-photon'),
        ports: [{ name: 'api-server', containerPort: 8080, protocol: 'TCP' }],
        ...http('/probe/healthy', 'api-server'),
        readinessProbe: probe(
          { path: '/probe/ready', port: 'api-server' },
          { initialDelaySeconds: 5, periodSeconds: 10 },
        ),
        resources: resources(
          { cpu: '200m', memory: '512Mi' },
          { cpu: '1', memory: '1Gi' },
        ),
        volumeMounts: [{ name: 'data', mountPath: '/home/scanner/.cache' }],
      },
    ],
    { port: 8080, portName: 'http-trivy', claims: claim('data', '5Gi') },
  );
  return {
    header:
      'Harbor, the private registry at harbor.254carbon.com (report: "8/8 components running", "100Gi\n' +
      'storage allocated"). Every component available.',
    docs: [
      pvc('harbor', 'harbor-registry', at(created, 6), '100Gi', {
        app: 'harbor',
        component: 'registry',
        release: 'harbor',
      }),
      pvc('harbor', 'harbor-jobservice', at(created, 6), '1Gi', {
        app: 'harbor',
        component: 'jobservice',
        release: 'harbor',
      }),
      pvc('harbor', 'database-data-harbor-database-0', at(created, 10), '1Gi', {
        app: 'harbor',
        component: 'database',
        release: 'harbor',
      }),
      pvc('harbor', 'data-harbor-redis-0', at(created, 10), '1Gi', {
        app: 'harbor',
        component: 'redis',
        release: 'harbor',
      }),
      pvc('harbor', 'data-harbor-trivy-0', at(created, 10), '5Gi', {
        app: 'harbor',
        component: 'trivy',
        release: 'harbor',
      }),
      ...docs,
      ingress({
        ns: 'harbor',
        name: 'harbor-ingress',
        created: at(created, 8),
        labels: {
          app: 'harbor',
          chart: 'harbor',
          heritage: 'Helm',
          release: 'harbor',
        },
        hosts: ['harbor.254carbon.com'],
        service: 'harbor-core',
        port: 80,
        annotations: {
          'nginx.ingress.kubernetes.io/proxy-body-size': '0',
          'nginx.ingress.kubernetes.io/ssl-redirect': 'false',
        },
      }),
    ],
  };
}

export function monitoring() {
  const created = NS_CREATED.monitoring;
  const ns = 'monitoring';
  const docs = [];
  const release = { release: 'kube-prometheus-stack' };
  const push = (w, svc) => {
    docs.push(...w.objects);
    if (svc)
      docs.push(
        ...service(
          { ns, created: w.workload.metadata.creationTimestamp, ...svc },
          w.pods,
        ),
      );
  };
  const prom = workload({
    kind: 'StatefulSet',
    ns,
    name: 'prometheus-kube-prometheus-stack-prometheus',
    created: at(created, 40),
    podManagementPolicy: 'Parallel',
    serviceName: 'prometheus-operated',
    labels: {
      'app.kubernetes.io/name': 'prometheus',
      'app.kubernetes.io/instance': 'kube-prometheus-stack-prometheus',
      'app.kubernetes.io/managed-by': 'prometheus-operator',
      'operator.prometheus.io/name': 'kube-prometheus-stack-prometheus',
      'operator.prometheus.io/mode': 'server',
      ...release,
    },
    selector: {
      'app.kubernetes.io/name': 'prometheus',
      'app.kubernetes.io/instance': 'kube-prometheus-stack-prometheus',
      'operator.prometheus.io/name': 'kube-prometheus-stack-prometheus',
      'operator.prometheus.io/shard': '0',
    },
    template: {
      labels: {
        'app.kubernetes.io/name': 'prometheus',
        'app.kubernetes.io/instance': 'kube-prometheus-stack-prometheus',
        'app.kubernetes.io/managed-by': 'prometheus-operator',
        'app.kubernetes.io/version': '2.54.1',
        'operator.prometheus.io/name': 'kube-prometheus-stack-prometheus',
        'operator.prometheus.io/shard': '0',
        prometheus: 'kube-prometheus-stack-prometheus',
      },
      spec: {
        serviceAccountName: 'kube-prometheus-stack-prometheus',
        securityContext: {
          fsGroup: 2000,
          runAsGroup: 2000,
          runAsNonRoot: true,
          runAsUser: 1000,
          seccompProfile: { type: 'RuntimeDefault' },
        },
        containers: [
          {
            name: 'prometheus',
            image: 'quay.io/prometheus/prometheus:v2.54.1',
            args: [
              '--web.console.templates=/etc/prometheus/consoles',
              '--storage.tsdb.retention.time=15d',
              '--config.file=/etc/prometheus/config_out/prometheus.env.yaml',
              '--storage.tsdb.path=/prometheus',
              '--web.enable-lifecycle',
              '--web.external-url=http://kube-prometheus-stack-prometheus.monitoring:9090',
              '--web.route-prefix=/',
            ],
            ports: [{ name: 'http-web', containerPort: 9090, protocol: 'TCP' }],
            readinessProbe: probe(
              { path: '/-/ready', port: 'http-web' },
              { periodSeconds: 5, timeoutSeconds: 3 },
            ),
            livenessProbe: probe(
              { path: '/-/healthy', port: 'http-web' },
              { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 6 },
            ),
            resources: resources(
              { cpu: '500m', memory: '2Gi' },
              { memory: '4Gi' },
            ),
            volumeMounts: [
              {
                name: 'prometheus-kube-prometheus-stack-prometheus-db',
                mountPath: '/prometheus',
                subPath: 'prometheus-db',
              },
            ],
          },
          {
            name: 'config-reloader',
            image:
              'quay.io/prometheus-operator/prometheus-config-reloader:v0.77.1',
            args: [
              '--listen-address=:8080',
              '--reload-url=http://127.0.0.1:9090/-/reload',
              '--config-file=/etc/prometheus/config/prometheus.yaml.gz',
              '--config-envsubst-file=/etc/prometheus/config_out/prometheus.env.yaml',
            ],
            ports: [
              { name: 'reloader-web', containerPort: 8080, protocol: 'TCP' },
            ],
            resources: resources(
              { cpu: '10m', memory: '50Mi' },
              { cpu: '10m', memory: '50Mi' },
            ),
          },
        ],
      },
    },
    volumeClaimTemplates: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'prometheus-kube-prometheus-stack-prometheus-db' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '50Gi' } },
          storageClassName: 'local-path',
          volumeMode: 'Filesystem',
        },
      },
    ],
  });
  push(prom, {
    name: 'kube-prometheus-stack-prometheus',
    labels: {
      app: 'kube-prometheus-stack-prometheus',
      'self-monitor': 'true',
      ...release,
    },
    selector: {
      'app.kubernetes.io/name': 'prometheus',
      'operator.prometheus.io/name': 'kube-prometheus-stack-prometheus',
    },
    ports: [{ name: 'http-web', port: 9090, targetPort: 9090 }],
  });
  const am = workload({
    kind: 'StatefulSet',
    ns,
    name: 'alertmanager-kube-prometheus-stack-alertmanager',
    created: at(created, 40),
    podManagementPolicy: 'Parallel',
    serviceName: 'alertmanager-operated',
    labels: {
      'app.kubernetes.io/name': 'alertmanager',
      'app.kubernetes.io/instance': 'kube-prometheus-stack-alertmanager',
      'app.kubernetes.io/managed-by': 'prometheus-operator',
      ...release,
    },
    selector: {
      'app.kubernetes.io/name': 'alertmanager',
      'app.kubernetes.io/instance': 'kube-prometheus-stack-alertmanager',
      alertmanager: 'kube-prometheus-stack-alertmanager',
    },
    template: {
      labels: {
        'app.kubernetes.io/name': 'alertmanager',
        'app.kubernetes.io/instance': 'kube-prometheus-stack-alertmanager',
        'app.kubernetes.io/managed-by': 'prometheus-operator',
        'app.kubernetes.io/version': '0.27.0',
        alertmanager: 'kube-prometheus-stack-alertmanager',
      },
      spec: {
        serviceAccountName: 'kube-prometheus-stack-alertmanager',
        securityContext: {
          fsGroup: 2000,
          runAsGroup: 2000,
          runAsNonRoot: true,
          runAsUser: 1000,
          seccompProfile: { type: 'RuntimeDefault' },
        },
        containers: [
          {
            name: 'alertmanager',
            image: 'quay.io/prometheus/alertmanager:v0.27.0',
            args: [
              '--config.file=/etc/alertmanager/config_out/alertmanager.env.yaml',
              '--storage.path=/alertmanager',
              '--data.retention=120h',
              '--cluster.listen-address=',
              '--web.listen-address=:9093',
              '--web.route-prefix=/',
            ],
            ports: [{ name: 'http-web', containerPort: 9093, protocol: 'TCP' }],
            readinessProbe: probe(
              { path: '/-/ready', port: 'http-web' },
              { initialDelaySeconds: 3, periodSeconds: 5, timeoutSeconds: 3 },
            ),
            livenessProbe: probe(
              { path: '/-/healthy', port: 'http-web' },
              { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 10 },
            ),
            resources: resources({ memory: '200Mi' }),
          },
        ],
      },
    },
  });
  push(am, {
    name: 'kube-prometheus-stack-alertmanager',
    labels: {
      app: 'kube-prometheus-stack-alertmanager',
      'self-monitor': 'true',
      ...release,
    },
    selector: {
      'app.kubernetes.io/name': 'alertmanager',
      alertmanager: 'kube-prometheus-stack-alertmanager',
    },
    ports: [{ name: 'http-web', port: 9093, targetPort: 9093 }],
  });
  const deploy = (name, appName, image, port, extra = {}) =>
    workload({
      ns,
      name,
      created: at(created, 30),
      labels: {
        'app.kubernetes.io/name': appName,
        'app.kubernetes.io/instance': 'kube-prometheus-stack',
        'app.kubernetes.io/managed-by': 'Helm',
        ...release,
        ...(extra.labels ?? {}),
      },
      selector: {
        'app.kubernetes.io/name': appName,
        'app.kubernetes.io/instance': 'kube-prometheus-stack',
      },
      template: {
        labels: {
          'app.kubernetes.io/name': appName,
          'app.kubernetes.io/instance': 'kube-prometheus-stack',
          ...(extra.labels ?? {}),
        },
        spec: {
          serviceAccountName: extra.sa ?? name,
          securityContext: {
            fsGroup: extra.uid ?? 65534,
            runAsGroup: extra.uid ?? 65534,
            runAsNonRoot: true,
            runAsUser: extra.uid ?? 65534,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: extra.container ?? appName,
              image,
              ...(extra.args ? { args: extra.args } : {}),
              ports: [
                {
                  name: extra.portName ?? 'http',
                  containerPort: port,
                  protocol: 'TCP',
                },
              ],
              readinessProbe: probe(
                { path: extra.ready ?? '/', port },
                { periodSeconds: 10 },
              ),
              livenessProbe: probe(
                { path: extra.live ?? '/', port },
                {
                  initialDelaySeconds: 60,
                  periodSeconds: 10,
                  timeoutSeconds: 30,
                  failureThreshold: 10,
                },
              ),
              resources: extra.resources ?? {},
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
                readOnlyRootFilesystem: !extra.writable,
              },
            },
          ],
        },
      },
    });
  const grafana = deploy(
    'kube-prometheus-stack-grafana',
    'grafana',
    'docker.io/grafana/grafana:11.2.2',
    3000,
    {
      uid: 472,
      ready: '/api/health',
      live: '/api/health',
      writable: true,
      portName: 'grafana',
      resources: resources(
        { cpu: '100m', memory: '256Mi' },
        { memory: '512Mi' },
      ),
    },
  );
  push(grafana, {
    name: 'kube-prometheus-stack-grafana',
    labels: {
      'app.kubernetes.io/name': 'grafana',
      'app.kubernetes.io/instance': 'kube-prometheus-stack',
    },
    selector: {
      'app.kubernetes.io/name': 'grafana',
      'app.kubernetes.io/instance': 'kube-prometheus-stack',
    },
    ports: [{ name: 'http-web', port: 80, targetPort: 3000 }],
  });
  const operator = deploy(
    'kube-prometheus-stack-operator',
    'kube-prometheus-stack-prometheus-operator',
    'quay.io/prometheus-operator/prometheus-operator:v0.77.1',
    10250,
    {
      labels: { app: 'kube-prometheus-stack-operator' },
      portName: 'https',
      ready: '/healthz',
      live: '/healthz',
      args: [
        '--kubelet-service=kube-system/kube-prometheus-stack-kubelet',
        '--prometheus-config-reloader=quay.io/prometheus-operator/prometheus-config-reloader:v0.77.1',
        '--web.listen-address=:10250',
      ],
      resources: resources(
        { cpu: '100m', memory: '128Mi' },
        { memory: '256Mi' },
      ),
    },
  );
  push(operator);
  const ksm = deploy(
    'kube-prometheus-stack-kube-state-metrics',
    'kube-state-metrics',
    'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0',
    8080,
    {
      ready: '/',
      live: '/livez',
      args: [
        '--port=8080',
        '--resources=certificatesigningrequests,configmaps,cronjobs,daemonsets,deployments,endpoints,horizontalpodautoscalers,ingresses,jobs,namespaces,nodes,persistentvolumeclaims,persistentvolumes,poddisruptionbudgets,pods,replicasets,secrets,services,statefulsets,storageclasses',
      ],
    },
  );
  push(ksm, {
    name: 'kube-prometheus-stack-kube-state-metrics',
    labels: {
      'app.kubernetes.io/name': 'kube-state-metrics',
      'app.kubernetes.io/instance': 'kube-prometheus-stack',
      ...release,
    },
    selector: {
      'app.kubernetes.io/name': 'kube-state-metrics',
      'app.kubernetes.io/instance': 'kube-prometheus-stack',
    },
    ports: [{ name: 'http', port: 8080, targetPort: 8080 }],
  });
  const nodeExporter = workload({
    kind: 'DaemonSet',
    ns,
    name: 'kube-prometheus-stack-prometheus-node-exporter',
    created: at(created, 30),
    labels: {
      'app.kubernetes.io/name': 'prometheus-node-exporter',
      'app.kubernetes.io/instance': 'kube-prometheus-stack',
      ...release,
    },
    selector: {
      'app.kubernetes.io/name': 'prometheus-node-exporter',
      'app.kubernetes.io/instance': 'kube-prometheus-stack',
    },
    template: {
      labels: {
        'app.kubernetes.io/name': 'prometheus-node-exporter',
        'app.kubernetes.io/instance': 'kube-prometheus-stack',
        jobLabel: 'node-exporter',
        ...release,
      },
      spec: {
        serviceAccountName: 'kube-prometheus-stack-prometheus-node-exporter',
        hostNetwork: true,
        hostPID: true,
        securityContext: {
          fsGroup: 65534,
          runAsGroup: 65534,
          runAsNonRoot: true,
          runAsUser: 65534,
        },
        tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
        containers: [
          {
            name: 'node-exporter',
            image: 'quay.io/prometheus/node-exporter:v1.8.2',
            args: [
              '--path.procfs=/host/proc',
              '--path.sysfs=/host/sys',
              '--path.rootfs=/host/root',
              '--web.listen-address=[$(HOST_IP)]:9100',
            ],
            env: [{ name: 'HOST_IP', value: '0.0.0.0' }],
            ports: [
              { name: 'http-metrics', containerPort: 9100, protocol: 'TCP' },
            ],
            readinessProbe: probe({ path: '/', port: 9100 }),
            livenessProbe: probe(
              { path: '/', port: 9100 },
              { failureThreshold: 3, periodSeconds: 10 },
            ),
            resources: {},
            volumeMounts: [
              { name: 'proc', mountPath: '/host/proc', readOnly: true },
              { name: 'sys', mountPath: '/host/sys', readOnly: true },
              {
                name: 'root',
                mountPath: '/host/root',
                readOnly: true,
                mountPropagation: 'HostToContainer',
              },
            ],
          },
        ],
        volumes: [
          { name: 'proc', hostPath: { path: '/proc', type: '' } },
          { name: 'sys', hostPath: { path: '/sys', type: '' } },
          { name: 'root', hostPath: { path: '/', type: '' } },
        ],
      },
    },
  });
  push(nodeExporter);
  // Loki (single binary) with its gateway and canary, and promtail shipping pod logs.
  const lokiLabels = c => ({
    'app.kubernetes.io/name': 'loki',
    'app.kubernetes.io/instance': 'loki',
    'app.kubernetes.io/component': c,
  });
  const lokiCreated = '2025-10-14T15:02:10Z';
  const loki = workload({
    kind: 'StatefulSet',
    ns,
    name: 'loki',
    created: lokiCreated,
    serviceName: 'loki-headless',
    podManagementPolicy: 'Parallel',
    labels: {
      ...lokiLabels('single-binary'),
      'app.kubernetes.io/version': '3.2.0',
      'app.kubernetes.io/managed-by': 'Helm',
    },
    selector: lokiLabels('single-binary'),
    template: {
      labels: lokiLabels('single-binary'),
      spec: {
        serviceAccountName: 'loki',
        securityContext: {
          fsGroup: 10001,
          runAsGroup: 10001,
          runAsNonRoot: true,
          runAsUser: 10001,
        },
        containers: [
          {
            name: 'loki',
            image: 'docker.io/grafana/loki:3.2.0',
            args: ['-config.file=/etc/loki/config/config.yaml', '-target=all'],
            ports: [
              { name: 'http-metrics', containerPort: 3100, protocol: 'TCP' },
              { name: 'grpc', containerPort: 9095, protocol: 'TCP' },
            ],
            readinessProbe: probe(
              { path: '/ready', port: 'http-metrics' },
              { initialDelaySeconds: 30, timeoutSeconds: 1 },
            ),
            resources: {},
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              readOnlyRootFilesystem: true,
            },
            volumeMounts: [{ name: 'storage', mountPath: '/var/loki' }],
          },
        ],
      },
    },
    volumeClaimTemplates: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'storage' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '50Gi' } },
          storageClassName: 'local-path',
          volumeMode: 'Filesystem',
        },
      },
    ],
  });
  push(loki, {
    name: 'loki',
    labels: { ...lokiLabels('single-binary') },
    selector: lokiLabels('single-binary'),
    ports: [
      { name: 'http-metrics', port: 3100, targetPort: 'http-metrics' },
      { name: 'grpc', port: 9095, targetPort: 'grpc' },
    ],
  });
  const gateway = workload({
    ns,
    name: 'loki-gateway',
    created: lokiCreated,
    labels: {
      ...lokiLabels('gateway'),
      'app.kubernetes.io/managed-by': 'Helm',
    },
    selector: lokiLabels('gateway'),
    template: {
      labels: lokiLabels('gateway'),
      spec: {
        serviceAccountName: 'loki',
        securityContext: {
          fsGroup: 101,
          runAsGroup: 101,
          runAsNonRoot: true,
          runAsUser: 101,
        },
        containers: [
          {
            name: 'nginx',
            image: 'docker.io/nginxinc/nginx-unprivileged:1.27-alpine',
            ports: [
              { name: 'http-metrics', containerPort: 8080, protocol: 'TCP' },
            ],
            readinessProbe: probe(
              { path: '/', port: 'http-metrics' },
              { initialDelaySeconds: 15, timeoutSeconds: 1 },
            ),
            resources: {},
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              readOnlyRootFilesystem: true,
            },
          },
        ],
      },
    },
  });
  push(gateway, {
    name: 'loki-gateway',
    labels: lokiLabels('gateway'),
    selector: lokiLabels('gateway'),
    ports: [{ name: 'http-metrics', port: 80, targetPort: 'http-metrics' }],
  });
  const canary = workload({
    kind: 'DaemonSet',
    ns,
    name: 'loki-canary',
    created: lokiCreated,
    labels: { ...lokiLabels('canary'), 'app.kubernetes.io/managed-by': 'Helm' },
    selector: lokiLabels('canary'),
    template: {
      labels: lokiLabels('canary'),
      spec: {
        serviceAccountName: 'loki-canary',
        securityContext: {
          fsGroup: 10001,
          runAsGroup: 10001,
          runAsNonRoot: true,
          runAsUser: 10001,
        },
        containers: [
          {
            name: 'loki-canary',
            image: 'docker.io/grafana/loki-canary:3.2.0',
            args: [
              '-addr=loki-gateway.monitoring.svc.cluster.local.:80',
              '-labelname=pod',
              '-labelvalue=$(POD_NAME)',
              '-push=true',
            ],
            env: [
              {
                name: 'POD_NAME',
                valueFrom: {
                  fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' },
                },
              },
            ],
            ports: [
              { name: 'http-metrics', containerPort: 3500, protocol: 'TCP' },
            ],
            readinessProbe: probe(
              { path: '/metrics', port: 'http-metrics' },
              { initialDelaySeconds: 15, timeoutSeconds: 1 },
            ),
            resources: {},
          },
        ],
      },
    },
  });
  push(canary);
  const promtail = workload({
    kind: 'DaemonSet',
    ns,
    name: 'promtail',
    created: '2025-10-14T15:10:41Z',
    labels: {
      'app.kubernetes.io/name': 'promtail',
      'app.kubernetes.io/instance': 'promtail',
      'app.kubernetes.io/managed-by': 'Helm',
    },
    selector: {
      'app.kubernetes.io/name': 'promtail',
      'app.kubernetes.io/instance': 'promtail',
    },
    template: {
      labels: {
        'app.kubernetes.io/name': 'promtail',
        'app.kubernetes.io/instance': 'promtail',
      },
      spec: {
        serviceAccountName: 'promtail',
        securityContext: { runAsGroup: 0, runAsUser: 0 },
        tolerations: [
          {
            key: 'node-role.kubernetes.io/control-plane',
            operator: 'Exists',
            effect: 'NoSchedule',
          },
        ],
        containers: [
          {
            name: 'promtail',
            image: 'docker.io/grafana/promtail:3.0.0',
            args: ['-config.file=/etc/promtail/promtail.yaml'],
            env: [
              {
                name: 'HOSTNAME',
                valueFrom: {
                  fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' },
                },
              },
            ],
            ports: [
              { name: 'http-metrics', containerPort: 3101, protocol: 'TCP' },
            ],
            readinessProbe: probe(
              { path: '/ready', port: 'http-metrics' },
              {
                initialDelaySeconds: 10,
                timeoutSeconds: 1,
                failureThreshold: 5,
              },
            ),
            resources: {},
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              readOnlyRootFilesystem: true,
            },
            volumeMounts: [
              { name: 'pods', mountPath: '/var/log/pods', readOnly: true },
              {
                name: 'containers',
                mountPath: '/var/lib/docker/containers',
                readOnly: true,
              },
            ],
          },
        ],
        volumes: [
          { name: 'pods', hostPath: { path: '/var/log/pods', type: '' } },
          {
            name: 'containers',
            hostPath: { path: '/var/lib/docker/containers', type: '' },
          },
        ],
      },
    },
  });
  push(promtail);

  // kube-prometheus-stack's own ServiceMonitors and rules. None selects a data-platform service
  // (the report: Phase 4 "Monitoring & Observability" 0%).
  const sm = (name, selector, port, targetNs = ns) => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: meta('ServiceMonitor', name, ns, {
      creationTimestamp: at(created, 30),
      generation: 1,
      labels: {
        app: name,
        'app.kubernetes.io/instance': 'kube-prometheus-stack',
        ...release,
      },
    }),
    spec: {
      endpoints: [{ port, path: '/metrics' }],
      namespaceSelector: { matchNames: [targetNs] },
      selector: { matchLabels: selector },
    },
  });
  docs.push(
    sm(
      'kube-prometheus-stack-prometheus',
      {
        app: 'kube-prometheus-stack-prometheus',
        ...release,
        'self-monitor': 'true',
      },
      'http-web',
    ),
    sm(
      'kube-prometheus-stack-alertmanager',
      {
        app: 'kube-prometheus-stack-alertmanager',
        ...release,
        'self-monitor': 'true',
      },
      'http-web',
    ),
    sm(
      'kube-prometheus-stack-grafana',
      {
        'app.kubernetes.io/name': 'grafana',
        'app.kubernetes.io/instance': 'kube-prometheus-stack',
      },
      'http-web',
    ),
    sm(
      'kube-prometheus-stack-kube-state-metrics',
      {
        'app.kubernetes.io/name': 'kube-state-metrics',
        'app.kubernetes.io/instance': 'kube-prometheus-stack',
      },
      'http',
    ),
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: meta(
        'PrometheusRule',
        'kube-prometheus-stack-general.rules',
        ns,
        {
          creationTimestamp: at(created, 30),
          generation: 1,
          labels: {
            app: 'kube-prometheus-stack',
            'app.kubernetes.io/instance': 'kube-prometheus-stack',
            ...release,
          },
        },
      ),
      spec: {
        groups: [
          {
            name: 'general.rules',
            rules: [
              {
                alert: 'TargetDown',
                expr: '100 * (count(up == 0) BY (cluster, job, namespace, service) / count(up) BY (cluster, job, namespace, service)) > 10',
                for: '10m',
                labels: { severity: 'warning' },
                annotations: {
                  summary: 'One or more targets are unreachable.',
                  description:
                    '{{ printf "%.4g" $value }}% of the {{ $labels.job }}/{{ $labels.service }} targets in {{ $labels.namespace }} namespace are down.',
                },
              },
              {
                alert: 'Watchdog',
                expr: 'vector(1)',
                labels: { severity: 'none' },
                annotations: {
                  summary:
                    'An alert that should always be firing to certify that Alertmanager is working properly.',
                },
              },
            ],
          },
        ],
      },
    },
    ingress({
      ns,
      name: 'kube-prometheus-stack-grafana',
      created: at(created, 30),
      labels: {
        'app.kubernetes.io/name': 'grafana',
        'app.kubernetes.io/instance': 'kube-prometheus-stack',
      },
      hosts: ['grafana.254carbon.com'],
      service: 'kube-prometheus-stack-grafana',
      port: 80,
    }),
    pvc(
      ns,
      'prometheus-kube-prometheus-stack-prometheus-db-prometheus-kube-prometheus-stack-prometheus-0',
      at(created, 42),
      '50Gi',
      {
        'app.kubernetes.io/name': 'prometheus',
        'operator.prometheus.io/name': 'kube-prometheus-stack-prometheus',
      },
    ),
    pvc(
      ns,
      'storage-loki-0',
      at(lokiCreated, 2),
      '50Gi',
      lokiLabels('single-binary'),
    ),
  );
  return {
    header:
      'Monitoring (report: "Prometheus/Grafana active", "Loki deployed", "AlertManager ready"): the\n' +
      'kube-prometheus-stack, Loki and promtail, all available. Nothing scrapes or alerts on the nine\n' +
      'services yet (Phase 4: 0%). Grafana is published at grafana.254carbon.com (TLS at the Cloudflare edge).',
    docs,
  };
}
