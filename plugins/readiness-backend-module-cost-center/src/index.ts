/**
 * An example readiness module: one organisation-specific check, added through the readiness
 * checks extension point. Copy it to add your own.
 *
 * @packageDocumentation
 */
export { readinessModuleCostCenter as default } from './module';
export { costCenterCheck, COST_CENTER_LABEL } from './costCenterCheck';
