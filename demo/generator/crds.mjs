// CustomResourceDefinitions of what is installed: cert-manager and the Prometheus Operator.
// Minimal schemas (unknown fields preserved) - enough for a loader or an API server to know the
// kinds exist. Velero's CRDs are absent on purpose: Velero is not installed.
import { meta } from './lib.mjs';

const established = (
  kind,
  plural,
  singular,
  listKind,
  shortNames,
  created,
) => ({
  acceptedNames: {
    kind,
    listKind,
    plural,
    singular,
    ...(shortNames ? { shortNames } : {}),
  },
  conditions: [
    {
      type: 'NamesAccepted',
      status: 'True',
      lastTransitionTime: created,
      reason: 'NoConflicts',
      message: 'no conflicts found',
    },
    {
      type: 'Established',
      status: 'True',
      lastTransitionTime: created,
      reason: 'InitialNamesAccepted',
      message: 'the initial names have been accepted',
    },
  ],
  storedVersions: ['v1'],
});

function crd({
  group,
  kind,
  plural,
  singular,
  scope = 'Namespaced',
  shortNames,
  categories,
  created,
  labels,
  columns,
}) {
  const listKind = `${kind}List`;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: meta(
      'CustomResourceDefinition',
      `${plural}.${group}`,
      undefined,
      { creationTimestamp: created, generation: 1, labels },
    ),
    spec: {
      group,
      names: {
        kind,
        listKind,
        plural,
        singular,
        ...(shortNames ? { shortNames } : {}),
        ...(categories ? { categories } : {}),
      },
      scope,
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          ...(columns ? { additionalPrinterColumns: columns } : {}),
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: {
                  type: 'object',
                  'x-kubernetes-preserve-unknown-fields': true,
                },
                status: {
                  type: 'object',
                  'x-kubernetes-preserve-unknown-fields': true,
                },
              },
            },
          },
        },
      ],
    },
    status: established(kind, plural, singular, listKind, shortNames, created),
  };
}

export function crds() {
  const cm = {
    'app.kubernetes.io/name': 'cert-manager',
    'app.kubernetes.io/instance': 'cert-manager',
    'app.kubernetes.io/version': 'v1.15.3',
  };
  const cmCreated = '2025-10-13T10:11:52Z';
  const readyCol = {
    name: 'Ready',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type == "Ready")].status',
  };
  const age = {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
  };
  const po = {
    'app.kubernetes.io/name': 'prometheus-operator',
    'app.kubernetes.io/part-of': 'kube-prometheus-stack',
    'operator.prometheus.io/version': '0.77.1',
  };
  const poCreated = '2025-10-14T13:40:48Z';
  return {
    header:
      'CustomResourceDefinitions installed on the cluster: cert-manager (Certificate, CertificateRequest,\n' +
      'Issuer, ClusterIssuer) and the Prometheus Operator (ServiceMonitor, PodMonitor, PrometheusRule).\n' +
      'Minimal schemas. There are no velero.io CRDs: Velero is planned (Phase 5), not installed.',
    docs: [
      crd({
        group: 'cert-manager.io',
        kind: 'Certificate',
        plural: 'certificates',
        singular: 'certificate',
        shortNames: ['cert', 'certs'],
        categories: ['cert-manager'],
        created: cmCreated,
        labels: cm,
        columns: [
          readyCol,
          { name: 'Secret', type: 'string', jsonPath: '.spec.secretName' },
          {
            name: 'Issuer',
            type: 'string',
            jsonPath: '.spec.issuerRef.name',
            priority: 1,
          },
          age,
        ],
      }),
      crd({
        group: 'cert-manager.io',
        kind: 'CertificateRequest',
        plural: 'certificaterequests',
        singular: 'certificaterequest',
        shortNames: ['cr', 'crs'],
        categories: ['cert-manager'],
        created: cmCreated,
        labels: cm,
        columns: [
          {
            name: 'Approved',
            type: 'string',
            jsonPath: '.status.conditions[?(@.type == "Approved")].status',
          },
          readyCol,
          age,
        ],
      }),
      crd({
        group: 'cert-manager.io',
        kind: 'Issuer',
        plural: 'issuers',
        singular: 'issuer',
        categories: ['cert-manager'],
        created: cmCreated,
        labels: cm,
        columns: [readyCol, age],
      }),
      crd({
        group: 'cert-manager.io',
        kind: 'ClusterIssuer',
        plural: 'clusterissuers',
        singular: 'clusterissuer',
        scope: 'Cluster',
        categories: ['cert-manager'],
        created: cmCreated,
        labels: cm,
        columns: [readyCol, age],
      }),
      crd({
        group: 'monitoring.coreos.com',
        kind: 'ServiceMonitor',
        plural: 'servicemonitors',
        singular: 'servicemonitor',
        shortNames: ['smon'],
        categories: ['prometheus-operator'],
        created: poCreated,
        labels: po,
      }),
      crd({
        group: 'monitoring.coreos.com',
        kind: 'PodMonitor',
        plural: 'podmonitors',
        singular: 'podmonitor',
        shortNames: ['pmon'],
        categories: ['prometheus-operator'],
        created: poCreated,
        labels: po,
      }),
      crd({
        group: 'monitoring.coreos.com',
        kind: 'PrometheusRule',
        plural: 'prometheusrules',
        singular: 'prometheusrule',
        shortNames: ['promrule'],
        categories: ['prometheus-operator'],
        created: poCreated,
        labels: po,
      }),
    ],
  };
}
