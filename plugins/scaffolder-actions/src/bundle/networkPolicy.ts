import type { Dependency, OnboardingSpec } from '../input';
import {
  KUBERNETES_ID_LABEL,
  NAMESPACE_NAME_LABEL,
  serviceLabels,
} from './labels';
import type { Manifest } from './types';

export const DEFAULT_DENY_NAME = 'default-deny';

export interface NetworkSettings {
  ingressNamespace: string;
  monitoringNamespace: string;
  vaultNamespace: string;
  vaultPort: number;
}

const inNamespace = (ns: string) => ({
  namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: ns } },
});

/**
 * Denies all ingress and egress to every pod of the namespace unless another policy allows it.
 * Shared by every service of the namespace: applying it again is a no-op.
 */
export function defaultDenyManifest(spec: OnboardingSpec): Manifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: DEFAULT_DENY_NAME,
      namespace: spec.namespace,
      labels: {
        'app.kubernetes.io/managed-by':
          serviceLabels(spec)['app.kubernetes.io/managed-by'],
      },
    },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  };
}

function dependencyPeer(spec: OnboardingSpec, dep: Dependency) {
  const pods = {
    podSelector: { matchLabels: { [KUBERNETES_ID_LABEL]: dep.name } },
  };
  // A peer with only a podSelector means "in the policy's own namespace".
  const peer =
    dep.namespace && dep.namespace !== spec.namespace
      ? { ...inNamespace(dep.namespace), ...pods }
      : pods;
  return {
    to: [peer],
    ...(dep.port ? { ports: [{ protocol: 'TCP', port: dep.port }] } : {}),
  };
}

/**
 * What the service may talk to: reached from the ingress controller (when it has public hosts)
 * and scraped by monitoring on its ports; it reaches DNS, Vault and its declared dependencies only.
 */
export function servicePolicyManifest(
  spec: OnboardingSpec,
  net: NetworkSettings,
): Manifest {
  const servicePorts = spec.ports.map(port => ({ protocol: 'TCP', port }));
  const ingress = [
    ...(spec.hosts.length
      ? [{ from: [inNamespace(net.ingressNamespace)], ports: servicePorts }]
      : []),
    { from: [inNamespace(net.monitoringNamespace)], ports: servicePorts },
  ];
  const egress = [
    {
      to: [
        {
          ...inNamespace('kube-system'),
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    },
    {
      to: [inNamespace(net.vaultNamespace)],
      ports: [{ protocol: 'TCP', port: net.vaultPort }],
    },
    ...spec.dependencies.map(dep => dependencyPeer(spec, dep)),
  ];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: serviceLabels(spec),
    },
    spec: {
      podSelector: { matchLabels: { [KUBERNETES_ID_LABEL]: spec.name } },
      policyTypes: ['Ingress', 'Egress'],
      ingress,
      egress,
    },
  };
}
