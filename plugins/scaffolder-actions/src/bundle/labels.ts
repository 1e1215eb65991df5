import type { OnboardingSpec } from '../input';

export const MANAGED_BY = '254carbon-readiness';
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Labels on every generated object: the kubernetes-id label is how the Backstage Kubernetes plugin
 * and the readiness checks find the service's objects.
 */
export function serviceLabels(
  spec: Pick<OnboardingSpec, 'name'>,
): Record<string, string> {
  return {
    'app.kubernetes.io/name': spec.name,
    [KUBERNETES_ID_LABEL]: spec.name,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}
