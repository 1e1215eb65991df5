/**
 * The check engine's public surface. Data flows one way: sources → facts (ClusterSnapshot,
 * VaultSnapshot, TlsFacts, PrometheusFacts) → checks → scores. Everything here is pure: no I/O,
 * the current time is passed in, so the backend, the scaffolder's closed loop and the tests all
 * get the same answer from the same facts.
 */
export * from './settings';
export * from './types';
export * from './selectors';
export * from './context';
export * from './evaluate';
export * from './registry';
export * from './placement';
export { combineParts } from './combine';
export type { ClusterPart } from './combine';
export { worst, kubernetesUnknown, readKinds, capEvidence } from './outcome';
export {
  describeObject,
  podTemplate,
  containersOf,
  desiredReplicas,
  readyReplicas,
  podsOf,
  condition,
  conditionTrue,
  parseTime,
  formatDuration,
} from './objects';
export type { ContainerRef } from './objects';
export {
  FATAL_WAITING_REASONS,
  waitingProblems,
  isPodHealthy,
  podStateText,
} from './pods';
export type { ContainerProblem } from './pods';
export { serviceWorkloads, noWorkload, selectionText } from './workloads';
