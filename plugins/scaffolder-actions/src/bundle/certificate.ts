import type { OnboardingSpec } from '../input';
import { serviceLabels } from './labels';
import type { Manifest } from './types';

export interface TlsSettings {
  productionIssuer: string;
  ingressClassName: string;
}

export const tlsSecretName = (spec: Pick<OnboardingSpec, 'name'>) =>
  `${spec.name}-tls`;

/** The Ingress `spec.tls` entry that serves the Certificate's secret for the service's hosts. */
export function ingressTls(spec: OnboardingSpec): {
  hosts: string[];
  secretName: string;
} {
  return { hosts: [...spec.hosts], secretName: tlsSecretName(spec) };
}

/**
 * A Certificate from the production ClusterIssuer covering every host. It is declared explicitly
 * (no ingress-shim annotation on the Ingress) so SEC-CERT-READY can match it by secret name and
 * nothing else owns the secret.
 */
export function certificateManifest(
  spec: OnboardingSpec,
  tls: TlsSettings,
): Manifest {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: {
      name: tlsSecretName(spec),
      namespace: spec.namespace,
      labels: serviceLabels(spec),
    },
    spec: {
      secretName: tlsSecretName(spec),
      secretTemplate: { labels: serviceLabels(spec) },
      dnsNames: [...spec.hosts],
      issuerRef: {
        group: 'cert-manager.io',
        kind: 'ClusterIssuer',
        name: tls.productionIssuer,
      },
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    },
  };
}

/** The Ingress routing every host to the service's first port over TLS from that secret. */
export function ingressManifest(
  spec: OnboardingSpec,
  tls: TlsSettings,
): Manifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: serviceLabels(spec),
    },
    spec: {
      ingressClassName: tls.ingressClassName,
      tls: [ingressTls(spec)],
      rules: spec.hosts.map(host => ({
        host,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: {
                service: { name: spec.name, port: { number: spec.ports[0] } },
              },
            },
          ],
        },
      })),
    },
  };
}
