/**
 * Shared code of the 254Carbon readiness suite: the readiness model, the check catalog, scoring,
 * permissions, annotations, the REST API's wire types and the status report (built from results,
 * rendered as Markdown or printable HTML; shared by the backend and the CI audit). Isomorphic: no
 * Node or browser APIs.
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
export * from './report';
