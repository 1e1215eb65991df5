import type { Entity } from '@backstage/catalog-model';

/**
 * Per-entity opt-out: `readiness.254carbon.io/notifications: disabled` on a Component stops
 * regression notifications about it (its results and history are kept as usual). The state is
 * still recorded, so removing the annotation later does not notify failures that are old news.
 */
export const ANNOTATION_NOTIFICATIONS = 'readiness.254carbon.io/notifications';

export function isOptedOut(entity: Entity): boolean {
  const value = entity.metadata.annotations?.[ANNOTATION_NOTIFICATIONS];
  return value?.trim().toLocaleLowerCase('en-US') === 'disabled';
}
