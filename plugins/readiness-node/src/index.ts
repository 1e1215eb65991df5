/**
 * The readiness check engine, shared by the readiness backend and the scaffolder actions.
 *
 * @packageDocumentation
 */
export * from './facts';
export * from './engine';
