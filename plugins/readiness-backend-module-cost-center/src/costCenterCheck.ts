import {
  defineServiceCheck,
  describeObject,
  noWorkload,
  serviceWorkloads,
} from '@254carbon/plugin-readiness-node';

/** The label this organisation's finance reports group cloud spend by. */
export const COST_CENTER_LABEL = '254carbon.io/cost-center';

/**
 * ORG-COST-CENTER: every Deployment and StatefulSet of the service says which cost center pays
 * for it, so spend can be charged back. An example of an organisation-specific check: it reads the
 * same cluster facts as the built-in checks, and is judged per cluster, scored and shown like them.
 */
export const costCenterCheck = defineServiceCheck({
  id: 'ORG-COST-CENTER',
  title: 'Cost center label',
  description: `Every workload carries the ${COST_CENTER_LABEL} label so its spend can be charged back.`,
  layer: 'operations',
  phase: 'P4',
  severity: 'medium',
  sources: ['kubernetes'],
  criteria: {
    pass: `every Deployment and StatefulSet has a non-empty ${COST_CENTER_LABEL} label`,
    warn: 'some workloads have it, some do not',
    fail: 'no workload has it',
  },
  remediation: `Add metadata.labels["${COST_CENTER_LABEL}"] (e.g. "data-platform") to each Deployment and StatefulSet.`,
  evaluate: ctx => {
    const found = serviceWorkloads(ctx);
    if ('outcome' in found) return found.outcome;
    if (found.workloads.length === 0) return noWorkload(ctx);
    const labelled = found.workloads.filter(w => Boolean(w.metadata.labels?.[COST_CENTER_LABEL]));
    const evidence = found.workloads.map(w => {
      const value = w.metadata.labels?.[COST_CENTER_LABEL];
      return value ? `${describeObject(w)}: ${COST_CENTER_LABEL}=${value}` : `${describeObject(w)}: no ${COST_CENTER_LABEL} label`;
    });
    if (labelled.length === found.workloads.length) return { status: 'pass', evidence };
    return { status: labelled.length ? 'warn' : 'fail', evidence };
  },
});
