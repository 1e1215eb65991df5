export type { ReadinessApi } from './ReadinessApi';
export { readinessApiRef } from './ReadinessApi';
export { ReadinessClient } from './ReadinessClient';
