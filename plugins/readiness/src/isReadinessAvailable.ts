import type { Entity } from '@backstage/catalog-model';
import { REQUIRED_ANNOTATIONS } from '@254carbon/plugin-readiness-common';

/**
 * True when the entity names its cluster objects with the Kubernetes plugin's annotations, which
 * is what the readiness backend needs to measure it. Use it in `EntitySwitch.Case` and
 * `EntityLayout.Route if=...`, like `isKubernetesAvailable`.
 *
 * @public
 */
export function isReadinessAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return REQUIRED_ANNOTATIONS.some(annotation =>
    Boolean(annotations[annotation]),
  );
}
