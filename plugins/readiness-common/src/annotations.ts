/**
 * Annotations the suite reads. The first four are the community standards used by the Backstage
 * Kubernetes plugin and the Vault plugin, so an entity set up for those works here unchanged.
 */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
export const ANNOTATION_VAULT_SECRETS_PATH = 'vault.io/secrets-path';

/** Vault Kubernetes auth role of the service (defaults to the kubernetes id). */
export const ANNOTATION_VAULT_ROLE = 'readiness.254carbon.io/vault-role';
/** Restricts the service to one configured cluster (default: every cluster). */
export const ANNOTATION_CLUSTER = 'readiness.254carbon.io/cluster';
/**
 * Exemptions, as a YAML/JSON list: `[{check: SEC-RBAC, reason: "...", expires: 2027-01-31}]`.
 */
export const ANNOTATION_EXEMPTIONS = 'readiness.254carbon.io/exemptions';
/** Threshold overrides, as JSON/YAML map, e.g. `{minReplicas: 3, rpoHours: 4}`. */
export const ANNOTATION_THRESHOLDS = 'readiness.254carbon.io/thresholds';
/** Public hosts to probe with a TLS handshake (comma separated); defaults to the Ingress hosts. */
export const ANNOTATION_PUBLIC_HOSTS = 'readiness.254carbon.io/public-hosts';

/** Either of these makes an entity measurable. */
export const REQUIRED_ANNOTATIONS = [
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
];
