/**
 * Shared code of the 254Carbon readiness suite: the readiness model, the check catalog, scoring,
 * permissions, annotations and the REST API's wire types. Isomorphic: no Node or browser APIs.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './catalog';
export * from './scoring';
export * from './percent';
export * from './permissions';
export * from './annotations';
export * from './api';
