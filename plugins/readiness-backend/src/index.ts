/**
 * The readiness backend plugin for Backstage.
 *
 * @packageDocumentation
 */
export { readinessPlugin as default } from './plugin';
