import {
  CHECKS,
  LAYERS,
  LAYER_TITLES,
  PHASES,
  PHASE_TITLES,
  type Layer,
  type Phase,
} from '@254carbon/plugin-readiness-common';
import type { FactRetriever } from '@backstage-community/plugin-tech-insights-node';

// The -node package declares the schema type through its -common package; naming it by the
// retriever's field keeps -common out of this module's dependencies.
type FactSchema = FactRetriever['schema'];

/**
 * The retriever's id: the key of its `techInsights.factRetrievers` config and of its fact rows.
 *
 * @public
 */
export const READINESS_FACT_RETRIEVER_ID = 'readinessFactRetriever';

/**
 * The version of the fact schema below. Tech Insights stores each fact row with the schema
 * version it was written under, so bump it whenever a fact is added (minor, with `since`) or
 * changes meaning or disappears (major).
 *
 * @public
 */
export const READINESS_FACT_SCHEMA_VERSION = '1.0.0';

/**
 * Fact names, so rules and scorecards can be written against constants.
 *
 * @public
 */
export const readinessFactNames = {
  overallScore: 'overallScore',
  layerScore: (layer: Layer) => `${layer}Score`,
  phaseComplete: (phase: Phase) => `phase${phase}Complete`,
  checkStatus: (checkId: string) => `check:${checkId}`,
  measuredAt: 'measuredAt',
  stale: 'stale',
} as const;

/**
 * The checks with one status fact each: the built-in service checks of the catalog this package
 * was built with. Checks that readiness modules add at runtime are not in it: the schema is
 * stored when Tech Insights starts, which may be before the readiness plugin has registered them.
 */
export const SCHEMA_CHECKS = CHECKS.filter(c => c.scope === 'service');

const SINCE = '1.0.0';

function buildSchema(): FactSchema {
  const schema: FactSchema = {
    [readinessFactNames.overallScore]: {
      type: 'float',
      description:
        'Weighted readiness score of all checks, 0 to 100. Absent when no check counts (all n/a, exempted or blocked).',
      since: SINCE,
    },
    [readinessFactNames.measuredAt]: {
      type: 'datetime',
      description: 'When readiness read the sources these facts come from.',
      since: SINCE,
    },
    [readinessFactNames.stale]: {
      type: 'boolean',
      description:
        'True when the latest readiness sweep failed for the entity and these are the previous measurement\u2019s values.',
      since: SINCE,
    },
  };
  for (const layer of LAYERS) {
    schema[readinessFactNames.layerScore(layer)] = {
      type: 'float',
      description: `Weighted readiness score of the ${LAYER_TITLES[layer]} layer, 0 to 100. Absent when no check of the layer counts.`,
      since: SINCE,
    };
  }
  for (const phase of PHASES) {
    schema[readinessFactNames.phaseComplete(phase)] = {
      type: 'boolean',
      description: `Phase gate ${phase} (${PHASE_TITLES[phase]}): true when no check of the phase fails, is unknown or is blocked (n/a and exempted checks do not hold it open).`,
      since: SINCE,
    };
  }
  for (const check of SCHEMA_CHECKS) {
    schema[readinessFactNames.checkStatus(check.id)] = {
      type: 'string',
      description: `Status of ${check.id} (${check.title}): pass, warn, fail or n/a. Absent when readiness could not judge it (unknown) or did not report it.`,
      since: SINCE,
      metadata: {
        layer: check.layer,
        phase: check.phase,
        severity: check.severity,
      },
    };
  }
  return schema;
}

/**
 * The fact schema of {@link READINESS_FACT_SCHEMA_VERSION}.
 *
 * @public
 */
export const readinessFactSchema: FactRetriever['schema'] = buildSchema();
