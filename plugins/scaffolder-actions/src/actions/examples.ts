import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

const step = (action: string, name: string, input: Record<string, unknown>) =>
  stringify({
    steps: [{ id: action.replace(/[^a-z]/g, '-'), action, name, input }],
  });

export const onboardExamples: TemplateExample[] = [
  {
    description:
      'Write the whole bundle for lakefs as files for a pull request',
    example: step('readiness:onboard', 'Onboard lakefs', {
      name: 'lakefs',
      namespace: 'data-platform',
      owner: 'group:default/data-platform',
      hosts: ['lakefs.254carbon.com'],
      secretsPath: 'data-platform/lakefs',
      dependencies: ['minio:9000', 'postgres:5432'],
      ports: [8000],
    }),
  },
  {
    description: 'Apply the bundle to the configured cluster and Vault',
    example: step('readiness:onboard', 'Onboard trino', {
      name: 'trino',
      namespace: 'data-platform',
      hosts: ['trino.254carbon.com'],
      mode: 'apply',
    }),
  },
];

export const certificateExamples: TemplateExample[] = [
  {
    description:
      'A Certificate from the production issuer and the Ingress serving it',
    example: step('readiness:certificate', 'TLS for superset', {
      name: 'superset',
      namespace: 'data-platform',
      hosts: ['superset.254carbon.com'],
      ports: [8088],
    }),
  },
];

export const vaultExamples: TemplateExample[] = [
  {
    description:
      'A Vault Kubernetes auth role and a read-only policy on the service path',
    example: step('readiness:vault', 'Vault access for doris', {
      name: 'doris',
      namespace: 'data-platform',
      secretsPath: 'data-platform/doris',
    }),
  },
];

export const networkPolicyExamples: TemplateExample[] = [
  {
    description:
      'Default deny for the namespace and a policy for the service and its dependencies',
    example: step('readiness:network-policy', 'NetworkPolicies for datahub', {
      name: 'datahub',
      namespace: 'data-platform',
      hosts: ['datahub.254carbon.com'],
      ports: [9002],
      dependencies: ['kafka:9092', 'data-platform/elasticsearch:9200'],
    }),
  },
];

export const serviceAccountExamples: TemplateExample[] = [
  {
    description: 'A dedicated ServiceAccount for the service',
    example: step('readiness:service-account', 'ServiceAccount for minio', {
      name: 'minio',
      namespace: 'data-platform',
    }),
  },
];
