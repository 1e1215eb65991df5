/**
 * Production readiness for Backstage: an entity card, an entity tab and a catalog-wide page.
 *
 * @packageDocumentation
 */
export {
  readinessPlugin,
  EntityReadinessCard,
  EntityReadinessContent,
  ReadinessPage,
} from './plugin';
export { isReadinessAvailable } from './isReadinessAvailable';
export { readinessApiRef, ReadinessClient } from './api';
export type { ReadinessApi } from './api';
