import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_PUBLIC_HOSTS,
  ANNOTATION_VAULT_SECRETS_PATH,
} from '@254carbon/plugin-readiness-common';
import type { OnboardingSpec } from '../input';
import type { VaultMounts } from './vault';

/** Name of the projected, audience-bound token volume the Vault agent logs in with. */
export const VAULT_TOKEN_VOLUME = 'vault-token';
/** The file the agent renders the service's secrets into, under /vault/secrets/. */
export const VAULT_SECRETS_FILE = 'config';

/**
 * Pod-template annotations for the Vault agent injector: log in with this service's role through
 * the projected `vault-token` volume, and render `<secretsPath>/config` as shell exports into
 * /vault/secrets/config. The service skeleton's Deployment carries the matching volume.
 */
export function podAnnotations(
  spec: OnboardingSpec,
  mounts: VaultMounts,
): Record<string, string> {
  const secret = `${mounts.kvMount}/data/${spec.secretsPath}/${VAULT_SECRETS_FILE}`;
  return {
    'vault.hashicorp.com/agent-inject': 'true',
    'vault.hashicorp.com/role': spec.name,
    'vault.hashicorp.com/auth-path': `auth/${mounts.authMount}`,
    'vault.hashicorp.com/agent-service-account-token-volume-name':
      VAULT_TOKEN_VOLUME,
    [`vault.hashicorp.com/agent-inject-secret-${VAULT_SECRETS_FILE}`]: secret,
    [`vault.hashicorp.com/agent-inject-template-${VAULT_SECRETS_FILE}`]: [
      `{{- with secret "${secret}" -}}`,
      '{{- range $k, $v := .Data.data }}',
      'export {{ $k }}={{ printf "%q" $v }}',
      '{{- end }}',
      '{{- end }}',
    ].join('\n'),
  };
}

/** What the catalog entity needs so the Kubernetes, Vault and readiness plugins find the service. */
export function catalogAnnotations(
  spec: OnboardingSpec,
): Record<string, string> {
  return {
    [ANNOTATION_KUBERNETES_ID]: spec.name,
    [ANNOTATION_KUBERNETES_NAMESPACE]: spec.namespace,
    [ANNOTATION_VAULT_SECRETS_PATH]: spec.secretsPath,
    ...(spec.hosts.length
      ? { [ANNOTATION_PUBLIC_HOSTS]: spec.hosts.join(',') }
      : {}),
  };
}
