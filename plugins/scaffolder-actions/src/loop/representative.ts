import type { Bundle } from '../bundle';
import {
  KUBERNETES_ID_LABEL,
  VAULT_TOKEN_VOLUME,
  serviceLabels,
} from '../bundle';

/**
 * A Deployment and one of its Pods as the template's service skeleton
 * (examples/template/content/k8s/deployment.yaml) creates them, carrying the bundle's
 * ServiceAccount and Vault agent annotations. The bundle does not write the workload, but the
 * checks read the Vault role and the NetworkPolicies against the pods they apply to.
 */
export function representativeWorkload(
  bundle: Bundle,
  image = 'harbor.254carbon.com/library/service:1.0.0',
) {
  const { name, namespace, ports } = bundle.spec;
  const labels = serviceLabels(bundle.spec);
  const podSpec = {
    serviceAccountName: name,
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { [KUBERNETES_ID_LABEL]: name } },
      },
    ],
    containers: [
      {
        name,
        image,
        ports: ports.map((p, i) => ({
          name: i === 0 ? 'http' : `port-${p}`,
          containerPort: p,
        })),
        readinessProbe: {
          httpGet: { path: '/ready', port: ports[0] },
          periodSeconds: 10,
        },
        livenessProbe: {
          httpGet: { path: '/healthz', port: ports[0] },
          periodSeconds: 20,
          failureThreshold: 6,
        },
        resources: {
          requests: { cpu: '100m', memory: '256Mi' },
          limits: { cpu: '1', memory: '512Mi', 'ephemeral-storage': '1Gi' },
        },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        },
      },
    ],
    volumes: [
      {
        name: VAULT_TOKEN_VOLUME,
        projected: {
          sources: [
            {
              serviceAccountToken: {
                path: 'token',
                audience: 'vault',
                expirationSeconds: 3600,
              },
            },
          ],
        },
      },
    ],
  };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels, generation: 1 },
    spec: {
      replicas: 2,
      selector: { matchLabels: { [KUBERNETES_ID_LABEL]: name } },
      template: {
        metadata: { labels, annotations: bundle.podAnnotations },
        spec: podSpec,
      },
    },
    status: {
      observedGeneration: 1,
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      updatedReplicas: 2,
      conditions: [{ type: 'Available', status: 'True' }],
    },
  };
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${name}-7d9f8b6c5d-abcde`,
      namespace,
      labels: { ...labels, 'pod-template-hash': '7d9f8b6c5d' },
      annotations: bundle.podAnnotations,
      ownerReferences: [{ kind: 'ReplicaSet', name: `${name}-7d9f8b6c5d` }],
    },
    spec: { ...podSpec, nodeName: 'node-1' },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        { name, ready: true, restartCount: 0, state: { running: {} } },
      ],
    },
  };
  return { deployment, pod };
}
