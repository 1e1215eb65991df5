import type { OnboardingSpec } from '../input';
import { serviceLabels } from './labels';
import type { Manifest } from './types';

/**
 * The service's own ServiceAccount, so it never runs as `default`. The API token is not
 * automounted: nothing in the service talks to the Kubernetes API, and the Vault agent logs in
 * with a projected token whose audience is `vault` (see podAnnotations), not with this one.
 */
export function serviceAccountManifest(spec: OnboardingSpec): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: serviceLabels(spec),
    },
    automountServiceAccountToken: false,
  };
}
