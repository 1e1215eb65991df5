// The nine catalog services in namespace data-platform, plus the shared backing stores.
import {
  at,
  workload,
  service,
  configMap,
  ingress,
  certificate,
  pvc,
  serviceAccount,
  meta,
} from './lib.mjs';
import {
  DP,
  appLabels,
  objLabels,
  selectorOf,
  probe,
  resources,
  certDates,
} from './common.mjs';

const SCALED_DOWN = {
  'ops.254carbon.io/scaled-down': '2025-10-19',
  'ops.254carbon.io/scaled-down-reason':
    'waiting for image mirroring: image not yet in harbor.254carbon.com (Docker Hub rate limits)',
};
const CERT_CREATED = '2025-10-19T16:41:07Z';
const INGRESS_CREATED = '2025-10-19T16:38:52Z';

/** Ingress + Certificate for <svc>.254carbon.com (or the given hosts). */
function tls(svc, { hosts, backend, port, notAfter, revision = 7, ...rest }) {
  const h = hosts ?? [`${svc}.254carbon.com`];
  const labels = objLabels(svc);
  return [
    ingress({
      ns: DP,
      name: svc,
      created: INGRESS_CREATED,
      labels,
      hosts: h,
      tlsSecret: `${svc}-tls`,
      service: backend,
      port,
      annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '64m' },
    }),
    certificate({
      ns: DP,
      name: `${svc}-tls`,
      created: CERT_CREATED,
      labels,
      dnsNames: h,
      readySince: at(CERT_CREATED, 74),
      revision,
      ...certDates(notAfter),
      ...rest,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
export function datahub() {
  const created = '2025-10-17T09:30:26Z';
  const v = 'v0.13.3';
  const env = { configMapRef: { name: 'datahub-env' } };
  const comp = (component, o) =>
    workload({
      ns: DP,
      name: `datahub-${component}`,
      created,
      labels: objLabels('datahub', component, v),
      selector: selectorOf('datahub', component),
      template: { labels: appLabels('datahub', component), spec: o.spec },
      ...o.extra,
    });
  const gms = comp('gms', {
    spec: {
      containers: [
        {
          name: 'datahub-gms',
          image: `docker.io/acryldata/datahub-gms:${v}`,
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          envFrom: [env],
          readinessProbe: probe(
            { path: '/health', port: 8080 },
            { initialDelaySeconds: 60, periodSeconds: 10, failureThreshold: 3 },
          ),
          livenessProbe: probe(
            { path: '/health', port: 8080 },
            {
              initialDelaySeconds: 120,
              periodSeconds: 30,
              failureThreshold: 8,
            },
          ),
          resources: {},
        },
      ],
    },
    extra: {
      restarts: {
        'datahub-gms': {
          count: 3,
          runningSince: '2026-11-02T04:17:40Z',
          lastState: {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              startedAt: '2026-11-02T04:10:55Z',
              finishedAt: '2026-11-02T04:17:09Z',
              containerID:
                'containerd://5f0c2d2a0f8e1c7b4c86e9a6a3d1e1b2c9f7e4d5a6b7c8d9e0f1a2b3c4d5e6f7',
            },
          },
        },
      },
    },
  });
  const frontend = comp('frontend', {
    spec: {
      containers: [
        {
          name: 'datahub-frontend',
          image: `docker.io/acryldata/datahub-frontend-react:${v}`,
          ports: [{ name: 'http', containerPort: 9002, protocol: 'TCP' }],
          envFrom: [env],
          readinessProbe: probe(
            { path: '/admin', port: 9002 },
            { initialDelaySeconds: 30, periodSeconds: 10 },
          ),
          livenessProbe: probe(
            { path: '/admin', port: 9002 },
            { initialDelaySeconds: 90, periodSeconds: 30, failureThreshold: 5 },
          ),
          resources: resources(
            { cpu: '100m', memory: '512Mi' },
            { memory: '1Gi' },
          ),
        },
      ],
    },
  });
  const consumer = name =>
    comp(name, {
      spec: {
        containers: [
          {
            name: `datahub-${name}`,
            image: `docker.io/acryldata/datahub-${name}:${v}`,
            ports: [{ name: 'http', containerPort: 9091, protocol: 'TCP' }],
            envFrom: [env],
            readinessProbe: probe(
              { path: '/actuator/health', port: 9091 },
              { initialDelaySeconds: 60, periodSeconds: 10 },
            ),
            livenessProbe: probe(
              { path: '/actuator/health', port: 9091 },
              {
                initialDelaySeconds: 240,
                periodSeconds: 30,
                failureThreshold: 4,
              },
            ),
            resources: resources(
              { cpu: '100m', memory: '512Mi' },
              { memory: '1Gi' },
            ),
          },
        ],
      },
      extra: {
        replicas: 0,
        generation: 2,
        revision: 1,
        annotations: SCALED_DOWN,
        scaledAt: '2025-10-19T09:12:00Z',
      },
    });
  const mae = consumer('mae-consumer');
  const mce = consumer('mce-consumer');
  const pods = [...gms.pods, ...frontend.pods];
  return {
    header:
      'DataHub (metadata catalog): GMS and frontend running; the MAE/MCE consumers are two of the\n' +
      'report\'s "6 services ready to scale up" (replicas 0, images not yet mirrored). GMS has no\n' +
      'resources at all and the DB password sits in the datahub-env ConfigMap.',
    docs: [
      {
        comment:
          'The report: "ConfigMap → Vault migration" pending. Credentials in plaintext (fake values).',
        obj: configMap(
          DP,
          'datahub-env',
          created,
          objLabels('datahub', undefined, v),
          {
            DATAHUB_GMS_HOST: 'datahub-gms',
            DATAHUB_GMS_PORT: '8080',
            EBEAN_DATASOURCE_HOST:
              'postgresql.data-platform.svc.cluster.local:5432',
            EBEAN_DATASOURCE_URL:
              'jdbc:postgresql://postgresql.data-platform.svc.cluster.local:5432/datahub',
            EBEAN_DATASOURCE_USERNAME: 'datahub',
            EBEAN_DATASOURCE_PASSWORD: 'demo-not-a-real-secret-datahub-db',
            DATAHUB_SECRET: 'demo-not-a-real-secret-datahub-play-session',
            KAFKA_BOOTSTRAP_SERVER:
              'kafka.data-platform.svc.cluster.local:9092',
            ELASTICSEARCH_HOST:
              'elasticsearch-master.data-platform.svc.cluster.local',
            ELASTICSEARCH_PORT: '9200',
          },
        ),
      },
      ...gms.objects,
      ...frontend.objects,
      {
        comment:
          'Scaled to 0 until its image is mirrored (report: Phase 1 "Service Restoration").',
        obj: mae.workload,
      },
      ...mae.objects.slice(1),
      {
        comment:
          'Scaled to 0 until its image is mirrored (report: Phase 1 "Service Restoration").',
        obj: mce.workload,
      },
      ...mce.objects.slice(1),
      ...service(
        {
          ns: DP,
          name: 'datahub-gms',
          created,
          labels: objLabels('datahub', 'gms', v),
          selector: selectorOf('datahub', 'gms'),
          ports: [{ name: 'http', port: 8080, targetPort: 8080 }],
        },
        pods,
      ),
      ...service(
        {
          ns: DP,
          name: 'datahub-frontend',
          created,
          labels: objLabels('datahub', 'frontend', v),
          selector: selectorOf('datahub', 'frontend'),
          ports: [{ name: 'http', port: 9002, targetPort: 9002 }],
        },
        pods,
      ),
      ...tls('datahub', {
        backend: 'datahub-frontend',
        port: 9002,
        notAfter: '2027-02-12T07:21:33Z',
      }),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
export function dolphinscheduler() {
  const created = '2025-10-17T13:10:48Z';
  const v = '3.2.1';
  const env = { configMapRef: { name: 'dolphinscheduler-env' } };
  const res = resources(
    { cpu: '500m', memory: '1Gi', eph: '1Gi' },
    { cpu: '2', memory: '2Gi', eph: '4Gi' },
  );
  const comp = (component, kind, port, extra = {}) =>
    workload({
      kind,
      ns: DP,
      name: `dolphinscheduler-${component}`,
      created,
      labels: objLabels('dolphinscheduler', component, v),
      selector: selectorOf('dolphinscheduler', component),
      serviceName:
        kind === 'StatefulSet'
          ? `dolphinscheduler-${component}-headless`
          : undefined,
      podManagementPolicy: 'Parallel',
      template: {
        labels: appLabels('dolphinscheduler', component),
        spec: {
          serviceAccountName: 'dolphinscheduler',
          containers: [
            {
              name: `dolphinscheduler-${component}`,
              image: `docker.io/apache/dolphinscheduler-${
                component === 'alert' ? 'alert-server' : component
              }:${v}`,
              ports: [
                { name: 'http', containerPort: port, protocol: 'TCP' },
                { name: 'actuator', containerPort: port + 1, protocol: 'TCP' },
              ],
              envFrom: [env],
              env: [
                { name: 'TZ', value: 'UTC' },
                { name: 'JAVA_OPTS', value: '-Xms512m -Xmx1g' },
              ],
              readinessProbe: probe(
                { path: '/actuator/health/readiness', port: port + 1 },
                { initialDelaySeconds: 30, periodSeconds: 10 },
              ),
              livenessProbe: probe(
                { path: '/actuator/health/liveness', port: port + 1 },
                {
                  initialDelaySeconds: 60,
                  periodSeconds: 30,
                  failureThreshold: 5,
                },
              ),
              resources: res,
            },
          ],
        },
      },
      ...extra,
    });
  const api = comp('api', 'Deployment', 12345);
  const scaled = {
    replicas: 0,
    generation: 2,
    revision: 1,
    annotations: SCALED_DOWN,
    scaledAt: '2025-10-19T09:14:00Z',
  };
  const master = comp('master', 'StatefulSet', 5678, scaled);
  const worker = comp('worker', 'StatefulSet', 1234, scaled);
  const alert = comp('alert', 'Deployment', 50052, scaled);
  const pods = api.pods;
  const lbl = c => objLabels('dolphinscheduler', c, v);
  return {
    header:
      'DolphinScheduler (workflow orchestration): the API server runs; master, worker and alert server are\n' +
      'three of the report\'s "6 services ready to scale up" (replicas 0). Its own ServiceAccount is bound\n' +
      'to cluster-admin (RBAC not hardened yet).',
    docs: [
      {
        comment: 'The chart-created account; see the ClusterRoleBinding below.',
        obj: serviceAccount(
          DP,
          'dolphinscheduler',
          created,
          objLabels('dolphinscheduler', undefined, v),
        ),
      },
      {
        comment:
          'Granted so the Kubernetes task type can create pods in any namespace: cluster-admin, not least privilege\n' +
          '(report Phase 2 Task 4 "Least-privilege roles" pending).',
        obj: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: meta(
            'ClusterRoleBinding',
            'dolphinscheduler-cluster-admin',
            undefined,
            {
              creationTimestamp: at(created, 3),
              labels: objLabels('dolphinscheduler', undefined, v),
            },
          ),
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'cluster-admin',
          },
          subjects: [
            { kind: 'ServiceAccount', name: 'dolphinscheduler', namespace: DP },
          ],
        },
      },
      {
        comment:
          'The report: "ConfigMap → Vault migration" pending. Credentials in plaintext (fake values).',
        obj: configMap(
          DP,
          'dolphinscheduler-env',
          created,
          objLabels('dolphinscheduler', undefined, v),
          {
            DATABASE: 'postgresql',
            SPRING_JACKSON_TIME_ZONE: 'UTC',
            SPRING_DATASOURCE_URL:
              'jdbc:postgresql://postgresql.data-platform.svc.cluster.local:5432/dolphinscheduler',
            SPRING_DATASOURCE_USERNAME: 'dolphinscheduler',
            SPRING_DATASOURCE_PASSWORD:
              'demo-not-a-real-secret-dolphinscheduler-db',
            REGISTRY_TYPE: 'jdbc',
            RESOURCE_STORAGE_TYPE: 'S3',
            RESOURCE_UPLOAD_PATH: '/dolphinscheduler',
            AWS_S3_ENDPOINT:
              'http://minio.data-platform.svc.cluster.local:9000',
            AWS_ACCESS_KEY_ID: 'dolphinscheduler',
            AWS_SECRET_ACCESS_KEY: 'demo-not-a-real-secret-dolphinscheduler-s3',
          },
        ),
      },
      ...api.objects,
      {
        comment:
          'Scaled to 0 until its image is mirrored (report: Phase 1 "Service Restoration").',
        obj: master.workload,
      },
      {
        comment:
          'Scaled to 0 until its image is mirrored (report: Phase 1 "Service Restoration").',
        obj: worker.workload,
      },
      {
        comment:
          'Scaled to 0 until its image is mirrored (report: Phase 1 "Service Restoration").',
        obj: alert.workload,
      },
      ...alert.objects.slice(1),
      ...service(
        {
          ns: DP,
          name: 'dolphinscheduler-api',
          created,
          labels: lbl('api'),
          selector: selectorOf('dolphinscheduler', 'api'),
          ports: [{ name: 'http', port: 12345, targetPort: 12345 }],
        },
        pods,
      ),
      ...service(
        {
          ns: DP,
          name: 'dolphinscheduler-master-headless',
          created,
          headless: true,
          labels: lbl('master'),
          selector: selectorOf('dolphinscheduler', 'master'),
          ports: [{ name: 'master-port', port: 5678, targetPort: 5678 }],
        },
        pods,
      ),
      ...service(
        {
          ns: DP,
          name: 'dolphinscheduler-worker-headless',
          created,
          headless: true,
          labels: lbl('worker'),
          selector: selectorOf('dolphinscheduler', 'worker'),
          ports: [{ name: 'worker-port', port: 1234, targetPort: 1234 }],
        },
        pods,
      ),
      ...service(
        {
          ns: DP,
          name: 'dolphinscheduler-alert',
          created,
          labels: lbl('alert'),
          selector: selectorOf('dolphinscheduler', 'alert'),
          ports: [{ name: 'alert-port', port: 50052, targetPort: 50052 }],
        },
        pods,
      ),
      ...tls('dolphinscheduler', {
        backend: 'dolphinscheduler-api',
        port: 12345,
        notAfter: '2027-02-05T11:02:19Z',
      }),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
export function doris() {
  const created = '2025-10-16T15:30:04Z';
  const v = '2.1.7';
  const full = resources(
    { cpu: '1', memory: '4Gi', eph: '1Gi' },
    { cpu: '4', memory: '8Gi', eph: '4Gi' },
  );
  // Liveness identical to readiness: a slow FE is restarted exactly when it stops being Ready.
  const same = port =>
    probe(
      { port },
      {
        initialDelaySeconds: 60,
        periodSeconds: 10,
        failureThreshold: 3,
        timeoutSeconds: 5,
      },
    );
  const fe = workload({
    kind: 'StatefulSet',
    ns: DP,
    name: 'doris-fe',
    created,
    labels: objLabels('doris', 'fe', v),
    selector: selectorOf('doris', 'fe'),
    serviceName: 'doris-fe-internal',
    template: {
      labels: appLabels('doris', 'fe'),
      spec: {
        containers: [
          {
            name: 'fe',
            image: `docker.io/apache/doris:fe-${v}`,
            ports: [
              { name: 'http', containerPort: 8030, protocol: 'TCP' },
              { name: 'rpc', containerPort: 9020, protocol: 'TCP' },
              { name: 'query', containerPort: 9030, protocol: 'TCP' },
              { name: 'edit-log', containerPort: 9010, protocol: 'TCP' },
            ],
            env: [
              {
                name: 'FE_SERVERS',
                value:
                  'fe1:doris-fe-0.doris-fe-internal.data-platform.svc.cluster.local:9010',
              },
              { name: 'FE_ID', value: '1' },
            ],
            volumeMounts: [
              { name: 'meta', mountPath: '/opt/apache-doris/fe/doris-meta' },
              {
                name: 'conf',
                mountPath: '/opt/apache-doris/fe/conf/fe.conf',
                subPath: 'fe.conf',
              },
            ],
            readinessProbe: same(9030),
            livenessProbe: same(9030),
            resources: full,
          },
        ],
        volumes: [
          {
            name: 'conf',
            configMap: { name: 'doris-fe-conf', defaultMode: 420 },
          },
        ],
      },
    },
    volumeClaimTemplates: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'meta' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '20Gi' } },
          storageClassName: 'local-path',
          volumeMode: 'Filesystem',
        },
      },
    ],
  });
  const be = workload({
    kind: 'StatefulSet',
    ns: DP,
    name: 'doris-be',
    created: at(created, 20),
    labels: objLabels('doris', 'be', v),
    selector: selectorOf('doris', 'be'),
    serviceName: 'doris-be-internal',
    template: {
      labels: appLabels('doris', 'be'),
      spec: {
        // Doris BE needs vm.max_map_count ≥ 2000000; set from a privileged init container.
        initContainers: [
          {
            name: 'sysctl',
            image: 'docker.io/library/busybox:1.36',
            command: ['sysctl', '-w', 'vm.max_map_count=2000000'],
            securityContext: { privileged: true },
            resources: resources(
              { cpu: '10m', memory: '16Mi', eph: '16Mi' },
              { cpu: '50m', memory: '32Mi', eph: '32Mi' },
            ),
          },
        ],
        containers: [
          {
            name: 'be',
            image: `docker.io/apache/doris:be-${v}`,
            ports: [
              { name: 'be-port', containerPort: 9060, protocol: 'TCP' },
              { name: 'webserver', containerPort: 8040, protocol: 'TCP' },
              { name: 'heartbeat', containerPort: 9050, protocol: 'TCP' },
              { name: 'brpc', containerPort: 8060, protocol: 'TCP' },
            ],
            env: [
              {
                name: 'FE_SERVERS',
                value:
                  'fe1:doris-fe-0.doris-fe-internal.data-platform.svc.cluster.local:9010',
              },
              {
                name: 'BE_ADDR',
                value:
                  'doris-be-0.doris-be-internal.data-platform.svc.cluster.local:9050',
              },
            ],
            volumeMounts: [
              { name: 'data', mountPath: '/opt/apache-doris/be/storage' },
            ],
            readinessProbe: same(9050),
            livenessProbe: same(9050),
            resources: resources(
              { cpu: '2', memory: '8Gi', eph: '2Gi' },
              { cpu: '8', memory: '16Gi', eph: '8Gi' },
            ),
          },
        ],
      },
    },
    volumeClaimTemplates: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '200Gi' } },
          storageClassName: 'local-path',
          volumeMode: 'Filesystem',
        },
      },
    ],
  });
  const pods = [...fe.pods, ...be.pods];
  const lbl = c => objLabels('doris', c, v);
  return {
    header:
      'Apache Doris (real-time analytical database): FE and BE running, but doris-tls expires on 2026-12-01\n' +
      '(5 days after 2026-11-26) because renewal has been failing since 2026-10-31: the Cloudflare Tunnel\n' +
      'routes doris.254carbon.com straight to the FE (see cloudflare-tunnel.yaml), so the HTTP-01 challenge\n' +
      'never reaches the ingress-nginx solver. BE sets vm.max_map_count from a privileged init container.',
    docs: [
      configMap(DP, 'doris-fe-conf', created, lbl(), {
        'fe.conf': [
          'CUR_DATE=`date +%Y%m%d-%H%M%S`',
          'LOG_DIR = ${DORIS_HOME}/log',
          'JAVA_OPTS="-Xmx6g -XX:+UseG1GC -Xlog:gc*:${LOG_DIR}/fe.gc.log.$CUR_DATE:time"',
          'meta_dir = ${DORIS_HOME}/doris-meta',
          'http_port = 8030',
          'rpc_port = 9020',
          'query_port = 9030',
          'edit_log_port = 9010',
          'enable_fqdn_mode = true',
          '',
        ].join('\n'),
      }),
      ...fe.objects,
      ...be.objects,
      ...service(
        {
          ns: DP,
          name: 'doris-fe',
          created,
          labels: lbl('fe'),
          selector: selectorOf('doris', 'fe'),
          ports: [
            { name: 'http', port: 8030, targetPort: 8030 },
            { name: 'query', port: 9030, targetPort: 9030 },
          ],
        },
        pods,
      ),
      ...service(
        {
          ns: DP,
          name: 'doris-fe-internal',
          created,
          headless: true,
          labels: lbl('fe'),
          selector: selectorOf('doris', 'fe'),
          ports: [{ name: 'edit-log', port: 9010, targetPort: 9010 }],
        },
        pods,
      ),
      ...service(
        {
          ns: DP,
          name: 'doris-be-internal',
          created,
          headless: true,
          labels: lbl('be'),
          selector: selectorOf('doris', 'be'),
          ports: [{ name: 'heartbeat', port: 9050, targetPort: 9050 }],
        },
        pods,
      ),
      pvc(
        DP,
        'meta-doris-fe-0',
        at(created, 2),
        '20Gi',
        appLabels('doris', 'fe'),
      ),
      pvc(
        DP,
        'data-doris-be-0',
        at(created, 22),
        '200Gi',
        appLabels('doris', 'be'),
      ),
      ...tls('doris', {
        backend: 'doris-fe',
        port: 8030,
        notAfter: '2026-12-01T19:41:12Z',
        revision: 6,
        extraConditions: [
          {
            type: 'Issuing',
            status: 'False',
            lastTransitionTime: '2026-11-25T21:07:41Z',
            reason: 'Failed',
            observedGeneration: 1,
            message:
              'The certificate request has failed to complete and will be retried: Failed to wait for order resource ' +
              '"doris-tls-7-2960375042" to become ready: order is in "invalid" state: ',
          },
        ],
        failure: {
          lastFailureTime: '2026-11-25T21:07:41Z',
          failedIssuanceAttempts: 17,
        },
      }),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
export function lakefs() {
  const created = '2025-10-16T09:20:37Z';
  const w = workload({
    ns: DP,
    name: 'lakefs',
    created,
    labels: objLabels('lakefs', undefined, '1.38.0'),
    selector: selectorOf('lakefs'),
    template: {
      labels: appLabels('lakefs'),
      spec: {
        containers: [
          {
            name: 'lakefs',
            image: 'docker.io/treeverse/lakefs:latest',
            args: ['run', '--config', '/etc/lakefs/config.yaml'],
            ports: [{ name: 'http', containerPort: 8000, protocol: 'TCP' }],
            env: [
              {
                name: 'LAKEFS_AUTH_ENCRYPT_SECRET_KEY',
                value: 'demo-not-a-real-secret-lakefs-encrypt-key',
              },
              { name: 'LAKEFS_DATABASE_TYPE', value: 'postgres' },
              { name: 'LAKEFS_LOGGING_LEVEL', value: 'INFO' },
            ],
            volumeMounts: [{ name: 'config', mountPath: '/etc/lakefs' }],
          },
        ],
        volumes: [
          {
            name: 'config',
            configMap: { name: 'lakefs-config', defaultMode: 420 },
          },
        ],
      },
    },
  });
  return {
    header:
      'lakeFS (data versioning over MinIO): running, but on treeverse/lakefs:latest, without probes or\n' +
      'resources, with its encryption key as a literal env value and S3/DB credentials in lakefs-config.',
    docs: [
      configMap(DP, 'lakefs-config', created, objLabels('lakefs'), {
        'config.yaml': [
          'database:',
          '  type: postgres',
          '  postgres:',
          '    connection_string: postgres://lakefs:demo-not-a-real-secret-lakefs-db@postgresql.data-platform.svc.cluster.local:5432/lakefs?sslmode=disable',
          'blockstore:',
          '  type: s3',
          '  s3:',
          '    force_path_style: true',
          '    endpoint: http://minio.data-platform.svc.cluster.local:9000',
          '    credentials:',
          '      access_key_id: lakefs',
          '      secret_access_key: demo-not-a-real-secret-lakefs-s3',
          '',
        ].join('\n'),
      }),
      ...w.objects,
      ...service(
        {
          ns: DP,
          name: 'lakefs',
          created,
          labels: objLabels('lakefs'),
          selector: selectorOf('lakefs'),
          ports: [{ name: 'http', port: 80, targetPort: 8000 }],
        },
        w.pods,
      ),
      ...tls('lakefs', {
        backend: 'lakefs',
        port: 80,
        notAfter: '2027-01-31T02:48:57Z',
      }),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
export function minio() {
  const created = '2025-10-15T11:15:09Z';
  const tag = 'RELEASE.2024-12-18T13-15-44Z';
  const w = workload({
    ns: DP,
    name: 'minio',
    created,
    labels: objLabels('minio', undefined, tag),
    selector: selectorOf('minio'),
    strategy: { type: 'Recreate' },
    template: {
      labels: appLabels('minio'),
      spec: {
        imagePullSecrets: [{ name: 'harbor-pull-secret' }],
        securityContext: {
          runAsUser: 1000,
          runAsGroup: 1000,
          fsGroup: 1000,
          fsGroupChangePolicy: 'OnRootMismatch',
        },
        containers: [
          {
            name: 'minio',
            image: `harbor.254carbon.com/library/minio:${tag}`,
            command: [
              '/bin/sh',
              '-ce',
              '/usr/bin/docker-entrypoint.sh minio server /export -S /etc/minio/certs/ --address :9000 --console-address :9001',
            ],
            ports: [
              { name: 'http', containerPort: 9000, protocol: 'TCP' },
              { name: 'http-console', containerPort: 9001, protocol: 'TCP' },
            ],
            envFrom: [{ configMapRef: { name: 'minio-env' } }],
            volumeMounts: [{ name: 'export', mountPath: '/export' }],
            readinessProbe: probe(
              { path: '/minio/health/ready', port: 9000 },
              { initialDelaySeconds: 5, periodSeconds: 5, timeoutSeconds: 3 },
            ),
            livenessProbe: probe(
              { path: '/minio/health/live', port: 9000 },
              {
                initialDelaySeconds: 30,
                periodSeconds: 15,
                timeoutSeconds: 5,
                failureThreshold: 4,
              },
            ),
            resources: resources(
              { cpu: '500m', memory: '2Gi', eph: '1Gi' },
              { cpu: '2', memory: '4Gi', eph: '2Gi' },
            ),
          },
        ],
        volumes: [
          { name: 'export', persistentVolumeClaim: { claimName: 'minio' } },
        ],
      },
    },
  });
  return {
    header:
      'MinIO (S3-compatible object storage): mirrored to Harbor, pinned, probed, resourced; runs as uid\n' +
      '1000 but without the restricted profile. The root password is in the minio-env ConfigMap.',
    docs: [
      {
        comment:
          'The report: "ConfigMap → Vault migration" pending. Credentials in plaintext (fake values).',
        obj: configMap(
          DP,
          'minio-env',
          created,
          objLabels('minio', undefined, tag),
          {
            MINIO_ROOT_USER: 'minio-admin',
            MINIO_ROOT_PASSWORD: 'demo-not-a-real-secret-minio-root',
            MINIO_BROWSER_REDIRECT_URL: 'https://minio.254carbon.com',
            MINIO_PROMETHEUS_AUTH_TYPE: 'public',
          },
        ),
      },
      pvc(DP, 'minio', created, '500Gi', objLabels('minio', undefined, tag)),
      ...w.objects,
      ...service(
        {
          ns: DP,
          name: 'minio',
          created,
          labels: objLabels('minio', undefined, tag),
          selector: selectorOf('minio'),
          ports: [{ name: 'http', port: 9000, targetPort: 9000 }],
        },
        w.pods,
      ),
      ...service(
        {
          ns: DP,
          name: 'minio-console',
          created,
          labels: objLabels('minio', undefined, tag),
          selector: selectorOf('minio'),
          ports: [{ name: 'http', port: 9001, targetPort: 9001 }],
        },
        w.pods,
      ),
      ...tls('minio', {
        backend: 'minio-console',
        port: 9001,
        notAfter: '2027-02-08T18:33:05Z',
      }),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
export function portal() {
  const created = '2025-10-18T16:45:22Z';
  const v = '2.3.1';
  const w = workload({
    ns: DP,
    name: 'portal',
    created,
    generation: 6,
    labels: objLabels('portal', undefined, v),
    selector: selectorOf('portal'),
    podCreated: '2026-11-18T09:12:30Z',
    template: {
      labels: appLabels('portal'),
      spec: {
        imagePullSecrets: [{ name: 'harbor-pull-secret' }],
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 10001,
          runAsGroup: 10001,
          fsGroup: 10001,
          seccompProfile: { type: 'RuntimeDefault' },
        },
        containers: [
          {
            name: 'portal',
            image: `harbor.254carbon.com/254carbon/portal:${v}`,
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            envFrom: [
              { configMapRef: { name: 'portal-config' } },
              { secretRef: { name: 'portal-secrets' } },
            ],
            readinessProbe: probe(
              { path: '/healthz/ready', port: 8080 },
              { periodSeconds: 5, failureThreshold: 2 },
            ),
            livenessProbe: probe(
              { path: '/healthz/live', port: 8080 },
              {
                initialDelaySeconds: 15,
                periodSeconds: 20,
                failureThreshold: 3,
              },
            ),
            resources: resources(
              { cpu: '100m', memory: '128Mi', eph: '64Mi' },
              { cpu: '500m', memory: '256Mi', eph: '256Mi' },
            ),
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
            },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          },
        ],
        volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
      },
    },
  });
  return {
    header:
      'The 254carbon.com portal: the best-prepared service. Harbor image, probes, resources, restricted\n' +
      'pod security, and the first service whose secrets are in Vault (data-platform/portal) - but the pod\n' +
      'still reads them from the plain Secret portal-secrets (Vault injection is pending).',
    docs: [
      configMap(
        DP,
        'portal-config',
        created,
        objLabels('portal', undefined, v),
        {
          PORTAL_PUBLIC_URL: 'https://254carbon.com',
          PORTAL_LOG_LEVEL: 'info',
          PORTAL_SERVICE_LINKS: JSON.stringify({
            datahub: 'https://datahub.254carbon.com',
            dolphinscheduler: 'https://dolphinscheduler.254carbon.com',
            doris: 'https://doris.254carbon.com',
            lakefs: 'https://lakefs.254carbon.com',
            minio: 'https://minio.254carbon.com',
            superset: 'https://superset.254carbon.com',
            trino: 'https://trino.254carbon.com',
            vault: 'https://vault.254carbon.com',
          }),
        },
      ),
      ...w.objects,
      ...service(
        {
          ns: DP,
          name: 'portal',
          created,
          labels: objLabels('portal', undefined, v),
          selector: selectorOf('portal'),
          ports: [{ name: 'http', port: 80, targetPort: 8080 }],
        },
        w.pods,
      ),
      ...tls('portal', {
        hosts: ['254carbon.com', 'portal.254carbon.com'],
        backend: 'portal',
        port: 80,
        notAfter: '2027-01-27T13:05:40Z',
      }),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
export function superset() {
  const created = '2025-10-18T10:20:55Z';
  const v = '4.0.2';
  const image = `docker.io/apache/superset:${v}`;
  const full = resources(
    { cpu: '500m', memory: '1Gi', eph: '512Mi' },
    { cpu: '2', memory: '2Gi', eph: '2Gi' },
  );
  const spec = extra => ({
    // The chart's default: superset runs as root.
    securityContext: { runAsUser: 0 },
    containers: [
      {
        name: extra.name,
        image,
        ...(extra.command ? { command: extra.command } : {}),
        ports: extra.ports ?? [],
        envFrom: [{ configMapRef: { name: 'superset-config' } }],
        readinessProbe: extra.readiness,
        livenessProbe: extra.liveness,
        resources: full,
      },
    ],
  });
  const web = workload({
    ns: DP,
    name: 'superset',
    created,
    generation: 3,
    labels: objLabels('superset', 'web', v),
    selector: selectorOf('superset', 'web'),
    podCreated: '2026-11-20T10:05:11Z',
    template: {
      labels: appLabels('superset', 'web'),
      spec: spec({
        name: 'superset',
        command: ['/bin/sh', '-c', '/usr/bin/run-server.sh'],
        ports: [{ name: 'http', containerPort: 8088, protocol: 'TCP' }],
        readiness: probe(
          { path: '/health', port: 'http' },
          { initialDelaySeconds: 15, periodSeconds: 15, timeoutSeconds: 1 },
        ),
        liveness: probe(
          { path: '/health', port: 'http' },
          {
            initialDelaySeconds: 60,
            periodSeconds: 30,
            timeoutSeconds: 3,
            failureThreshold: 5,
          },
        ),
      }),
    },
    restarts: {
      superset: {
        count: 2,
        runningSince: '2026-11-26T03:13:01Z',
        lastState: {
          terminated: {
            exitCode: 1,
            reason: 'Error',
            startedAt: '2026-11-25T22:40:03Z',
            finishedAt: '2026-11-26T03:12:44Z',
            containerID:
              'containerd://9a41c3d2e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
          },
        },
      },
    },
  });
  const worker = workload({
    ns: DP,
    name: 'superset-worker',
    created,
    generation: 2,
    revision: 1,
    replicas: 0,
    annotations: SCALED_DOWN,
    scaledAt: '2025-10-19T09:15:00Z',
    labels: objLabels('superset', 'worker', v),
    selector: selectorOf('superset', 'worker'),
    template: {
      labels: appLabels('superset', 'worker'),
      spec: spec({
        name: 'superset-worker',
        command: [
          '/bin/sh',
          '-c',
          'celery --app=superset.tasks.celery_app:app worker',
        ],
        readiness: probe(
          {
            command: [
              'sh',
              '-c',
              'celery -A superset.tasks.celery_app:app inspect ping -d celery@$HOSTNAME',
            ],
          },
          { initialDelaySeconds: 15, periodSeconds: 60, timeoutSeconds: 60 },
        ),
        liveness: probe(
          {
            command: [
              'sh',
              '-c',
              'celery -A superset.tasks.celery_app:app inspect ping -d celery@$HOSTNAME',
            ],
          },
          {
            initialDelaySeconds: 120,
            periodSeconds: 60,
            timeoutSeconds: 60,
            failureThreshold: 5,
          },
        ),
      }),
    },
  });
  return {
    header:
      'Apache Superset (BI dashboards): web server running (restarted 3 hours before the snapshot after\n' +
      'a metadata-DB timeout), Celery worker scaled to 0 (one of the "6 services ready to scale up").\n' +
      'Runs as root (chart default); SUPERSET_SECRET_KEY and the DB password are in superset-config.',
    docs: [
      {
        comment:
          'The report: "ConfigMap → Vault migration" pending. Credentials in plaintext (fake values).',
        obj: configMap(
          DP,
          'superset-config',
          created,
          objLabels('superset', undefined, v),
          {
            SUPERSET_SECRET_KEY: 'demo-not-a-real-secret-superset-secret-key',
            DATABASE_DIALECT: 'postgresql',
            DATABASE_HOST: 'postgresql.data-platform.svc.cluster.local',
            DATABASE_PORT: '5432',
            DATABASE_DB: 'superset',
            DATABASE_USER: 'superset',
            DATABASE_PASSWORD: 'demo-not-a-real-secret-superset-db',
            REDIS_HOST: 'redis-master.data-platform.svc.cluster.local',
            REDIS_PORT: '6379',
            SUPERSET_WEBSERVER_BASEURL: 'https://superset.254carbon.com',
          },
        ),
      },
      ...web.objects,
      {
        comment:
          'Scaled to 0 until its image is mirrored (report: Phase 1 "Service Restoration").',
        obj: worker.workload,
      },
      ...worker.objects.slice(1),
      ...service(
        {
          ns: DP,
          name: 'superset',
          created,
          labels: objLabels('superset', 'web', v),
          selector: selectorOf('superset', 'web'),
          ports: [{ name: 'http', port: 8088, targetPort: 8088 }],
        },
        web.pods,
      ),
      ...tls('superset', {
        backend: 'superset',
        port: 8088,
        notAfter: '2027-02-03T22:14:08Z',
      }),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
export function trino() {
  const created = '2025-10-16T14:03:31Z';
  const v = '449';
  const image = `docker.io/trinodb/trino:${v}`;
  // Requests and a memory limit, but no CPU limit and no ephemeral-storage.
  const res = resources({ cpu: '2', memory: '8Gi' }, { memory: '8Gi' });
  const spec = {
    serviceAccountName: 'trino',
    securityContext: { runAsUser: 1000, runAsGroup: 1000 },
    containers: [
      {
        name: 'trino',
        image,
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        volumeMounts: [{ name: 'catalog', mountPath: '/etc/trino/catalog' }],
        readinessProbe: probe(
          { path: '/v1/info', port: 'http' },
          {
            initialDelaySeconds: 10,
            periodSeconds: 10,
            timeoutSeconds: 5,
            failureThreshold: 6,
          },
        ),
        livenessProbe: probe(
          { path: '/v1/info', port: 'http' },
          {
            initialDelaySeconds: 30,
            periodSeconds: 10,
            timeoutSeconds: 5,
            failureThreshold: 6,
          },
        ),
        resources: res,
      },
    ],
    volumes: [
      {
        name: 'catalog',
        configMap: { name: 'trino-catalog', defaultMode: 420 },
      },
    ],
  };
  const coordinator = workload({
    ns: DP,
    name: 'trino-coordinator',
    created,
    labels: objLabels('trino', 'coordinator', v),
    selector: selectorOf('trino', 'coordinator'),
    template: { labels: appLabels('trino', 'coordinator'), spec },
  });
  const worker = workload({
    ns: DP,
    name: 'trino-worker',
    created,
    replicas: 2,
    labels: objLabels('trino', 'worker', v),
    selector: selectorOf('trino', 'worker'),
    template: { labels: appLabels('trino', 'worker'), spec },
  });
  const pods = [...coordinator.pods, ...worker.pods];
  return {
    header:
      'Trino (distributed SQL over lakeFS/MinIO and Doris): coordinator + 2 workers, all on one node.\n' +
      'Its own ServiceAccount can read Secrets in data-platform; catalog passwords are in the\n' +
      'trino-catalog ConfigMap (inside .properties files).',
    docs: [
      serviceAccount(DP, 'trino', created, objLabels('trino', undefined, v)),
      {
        comment:
          'Lets the coordinator read catalog passwords from Secrets; to go when the catalogs move to Vault.',
        obj: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: meta('Role', 'trino-secrets-reader', DP, {
            creationTimestamp: at(created, 2),
            labels: objLabels('trino', undefined, v),
          }),
          rules: [
            {
              apiGroups: [''],
              resources: ['secrets'],
              verbs: ['get', 'list', 'watch'],
            },
          ],
        },
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta('RoleBinding', 'trino-secrets-reader', DP, {
          creationTimestamp: at(created, 2),
          labels: objLabels('trino', undefined, v),
        }),
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: 'trino-secrets-reader',
        },
        subjects: [{ kind: 'ServiceAccount', name: 'trino', namespace: DP }],
      },
      {
        comment: 'Catalog files with credentials inline (fake values).',
        obj: configMap(
          DP,
          'trino-catalog',
          created,
          objLabels('trino', undefined, v),
          {
            'lakehouse.properties': [
              'connector.name=hive',
              'hive.metastore=file',
              'hive.metastore.catalog.dir=s3://lakehouse/',
              'fs.native-s3.enabled=true',
              's3.endpoint=http://lakefs.data-platform.svc.cluster.local',
              's3.path-style-access=true',
              's3.aws-access-key=trino',
              's3.aws-secret-key=demo-not-a-real-secret-trino-s3',
              '',
            ].join('\n'),
            'doris.properties': [
              'connector.name=mysql',
              'connection-url=jdbc:mysql://doris-fe.data-platform.svc.cluster.local:9030',
              'connection-user=trino',
              'connection-password=demo-not-a-real-secret-trino-doris',
              '',
            ].join('\n'),
          },
        ),
      },
      ...coordinator.objects,
      ...worker.objects,
      ...service(
        {
          ns: DP,
          name: 'trino',
          created,
          labels: objLabels('trino', 'coordinator', v),
          selector: selectorOf('trino', 'coordinator'),
          ports: [{ name: 'http', port: 8080, targetPort: 8080 }],
        },
        pods,
      ),
      ...tls('trino', {
        backend: 'trino',
        port: 8080,
        notAfter: '2027-02-14T05:50:26Z',
      }),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
export function vault() {
  const created = '2025-10-15T10:02:41Z';
  const v = '1.15.6';
  const w = workload({
    ns: DP,
    name: 'vault',
    created,
    hash: 'd4c9c888b',
    podNames: ['vault-d4c9c888b-cdsgz'],
    labels: { app: 'vault', ...objLabels('vault', 'server', v) },
    selector: { app: 'vault', ...selectorOf('vault', 'server') },
    strategy: { type: 'Recreate' },
    template: {
      labels: { app: 'vault', ...appLabels('vault', 'server') },
      spec: {
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 100,
          runAsGroup: 1000,
          fsGroup: 1000,
        },
        containers: [
          {
            name: 'vault',
            image: `docker.io/hashicorp/vault:${v}`,
            args: ['server', '-config=/vault/config/vault.hcl'],
            env: [
              { name: 'VAULT_ADDR', value: 'http://127.0.0.1:8200' },
              { name: 'VAULT_API_ADDR', value: 'https://vault.254carbon.com' },
              { name: 'SKIP_SETCAP', value: 'true' },
            ],
            ports: [
              { name: 'http', containerPort: 8200, protocol: 'TCP' },
              { name: 'cluster', containerPort: 8201, protocol: 'TCP' },
            ],
            volumeMounts: [
              { name: 'config', mountPath: '/vault/config' },
              { name: 'data', mountPath: '/vault/data' },
            ],
            readinessProbe: probe(
              { path: '/v1/sys/health?standbyok=true', port: 8200 },
              { initialDelaySeconds: 5, periodSeconds: 5, timeoutSeconds: 3 },
            ),
            livenessProbe: probe(
              {
                path: '/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204',
                port: 8200,
              },
              { initialDelaySeconds: 60, periodSeconds: 10, timeoutSeconds: 3 },
            ),
            resources: resources(
              { cpu: '250m', memory: '256Mi', eph: '128Mi' },
              { cpu: '1', memory: '512Mi', eph: '512Mi' },
            ),
          },
        ],
        volumes: [
          {
            name: 'config',
            configMap: { name: 'vault-config', defaultMode: 420 },
          },
          { name: 'data', persistentVolumeClaim: { claimName: 'vault-data' } },
        ],
      },
    },
  });
  return {
    header:
      'HashiCorp Vault: initialised and unsealed (demo/vault-snapshot.json), pod vault-d4c9c888b-cdsgz in\n' +
      'data-platform exactly as the report names it (kubectl get pods -n data-platform -l app=vault).',
    docs: [
      configMap(DP, 'vault-config', created, objLabels('vault', 'server', v), {
        'vault.hcl': [
          'ui            = true',
          'disable_mlock = true',
          'api_addr      = "https://vault.254carbon.com"',
          '',
          '# TLS terminates at ingress-nginx (vault-tls); the listener is cluster-internal.',
          'listener "tcp" {',
          '  address     = "0.0.0.0:8200"',
          '  tls_disable = 1',
          '}',
          '',
          'storage "file" {',
          '  path = "/vault/data"',
          '}',
          '',
        ].join('\n'),
      }),
      pvc(DP, 'vault-data', created, '10Gi', objLabels('vault', 'server', v)),
      ...w.objects,
      ...service(
        {
          ns: DP,
          name: 'vault',
          created,
          labels: { app: 'vault', ...objLabels('vault', 'server', v) },
          selector: { app: 'vault', ...selectorOf('vault', 'server') },
          ports: [
            { name: 'http', port: 8200, targetPort: 8200 },
            { name: 'cluster', port: 8201, targetPort: 8201 },
          ],
        },
        w.pods,
      ),
      ...tls('vault', {
        backend: 'vault',
        port: 8200,
        notAfter: '2027-01-29T16:27:51Z',
      }),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
/** Backing stores shared by the services; not catalog components, so no kubernetes-id label. */
export function shared() {
  const store = (name, image, port, created, storage, extra = {}) => {
    const labels = {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/instance': name,
      'app.kubernetes.io/part-of': '254carbon-data-platform',
      'app.kubernetes.io/managed-by': 'Helm',
    };
    const sel = {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/instance': name,
    };
    const w = workload({
      kind: 'StatefulSet',
      ns: DP,
      name: extra.stsName ?? name,
      created,
      labels,
      selector: sel,
      serviceName: `${extra.stsName ?? name}-hl`,
      template: {
        labels: {
          ...sel,
          'app.kubernetes.io/part-of': '254carbon-data-platform',
        },
        spec: {
          securityContext: {
            fsGroup: 1001,
            runAsUser: 1001,
            runAsNonRoot: true,
          },
          containers: [
            {
              name,
              image,
              ports: [{ name: 'tcp', containerPort: port, protocol: 'TCP' }],
              env: extra.env ?? [],
              volumeMounts: [{ name: 'data', mountPath: '/bitnami' }],
              readinessProbe: probe(
                { port },
                { initialDelaySeconds: 5, periodSeconds: 10 },
              ),
              livenessProbe: probe(
                { port },
                {
                  initialDelaySeconds: 30,
                  periodSeconds: 20,
                  failureThreshold: 6,
                },
              ),
              resources: resources(
                { cpu: '250m', memory: extra.memory ?? '1Gi' },
                { memory: extra.memory ?? '1Gi' },
              ),
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage } },
            storageClassName: 'local-path',
            volumeMode: 'Filesystem',
          },
        },
      ],
    });
    return [
      ...w.objects,
      ...service(
        {
          ns: DP,
          name: extra.stsName ?? name,
          created,
          labels,
          selector: sel,
          ports: [{ name: 'tcp', port, targetPort: port }],
        },
        w.pods,
      ),
      pvc(DP, `data-${extra.stsName ?? name}-0`, at(created, 2), storage, sel),
    ];
  };
  return {
    header:
      'Backing stores shared by the catalog services (PostgreSQL for datahub/dolphinscheduler/lakefs/\n' +
      'superset, Redis for Superset, Kafka and Elasticsearch for DataHub). They are platform internals,\n' +
      'not catalog components, so they carry no backstage.io/kubernetes-id label; their pods count\n' +
      'towards cluster health (PLAT-PODS).',
    docs: [
      ...store(
        'postgresql',
        'docker.io/bitnami/postgresql:16.4.0-debian-12-r14',
        5432,
        '2025-10-15T11:40:18Z',
        '50Gi',
        { memory: '2Gi' },
      ),
      ...store(
        'redis',
        'docker.io/bitnami/redis:7.4.1-debian-12-r0',
        6379,
        '2025-10-18T10:15:02Z',
        '8Gi',
        { stsName: 'redis-master', memory: '512Mi' },
      ),
      ...store(
        'kafka',
        'docker.io/bitnami/kafka:3.7.1-debian-12-r4',
        9092,
        '2025-10-17T08:50:44Z',
        '20Gi',
        {
          memory: '2Gi',
          env: [
            { name: 'KAFKA_CFG_PROCESS_ROLES', value: 'controller,broker' },
            { name: 'KAFKA_CFG_NODE_ID', value: '0' },
          ],
        },
      ),
      ...store(
        'elasticsearch',
        'docker.io/bitnami/elasticsearch:8.15.3-debian-12-r1',
        9200,
        '2025-10-17T08:51:20Z',
        '30Gi',
        { stsName: 'elasticsearch-master', memory: '2Gi' },
      ),
    ],
  };
}
