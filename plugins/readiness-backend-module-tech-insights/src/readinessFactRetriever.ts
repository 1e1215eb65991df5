import type {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { parseEntityRef } from '@backstage/catalog-model';
import pLimit from 'p-limit';
import { ReadinessResultsReader } from './ReadinessResultsReader';
import {
  READINESS_FACT_RETRIEVER_ID,
  READINESS_FACT_SCHEMA_VERSION,
  readinessFactSchema,
} from './schema';
import { toFacts } from './toFacts';

/**
 * Options of {@link createReadinessFactRetriever}.
 *
 * @public
 */
export interface ReadinessFactRetrieverOptions {
  /** Entity results read from the readiness API at once (default 4). */
  concurrency?: number;
}

/**
 * A Tech Insights fact retriever publishing each measured entity's readiness: score overall and
 * per layer, phase gates, one status per built-in service check, when it was measured and
 * whether it is stale. It reads the readiness backend's API with the tech-insights plugin's
 * service credentials; when the entity list cannot be read it throws, so Tech Insights stores
 * nothing for that run rather than partial or made-up facts.
 *
 * @public
 */
export function createReadinessFactRetriever(
  options: ReadinessFactRetrieverOptions = {},
): FactRetriever {
  const concurrency = options.concurrency ?? 4;
  return {
    id: READINESS_FACT_RETRIEVER_ID,
    version: READINESS_FACT_SCHEMA_VERSION,
    title: 'Production readiness',
    description:
      'Readiness scores per layer, phase gates and check statuses, as measured by the readiness plugin',
    schema: readinessFactSchema,
    async handler({ discovery, auth, logger }) {
      const reader = new ReadinessResultsReader({ discovery, auth });
      const refs = await reader.listMeasuredEntities();
      const limit = pLimit(concurrency);
      let withAbsent = 0;
      let failed = 0;
      const rows = await Promise.all(
        refs.map(ref =>
          limit(async (): Promise<TechInsightFact | undefined> => {
            let result;
            try {
              result = await reader.getResult(ref);
            } catch (e) {
              failed += 1;
              logger.warn(`No readiness facts for ${ref}: its result could not be read: ${e}`);
              return undefined;
            }
            if (!result) {
              logger.info(`No readiness facts for ${ref}: readiness no longer measures it`);
              return undefined;
            }
            const { facts, absent } = toFacts(result);
            if (absent.length > 0) {
              withAbsent += 1;
              logger.info(`Readiness facts absent for ${ref}: ${absent.join('; ')}`);
            }
            const { kind, namespace, name } = parseEntityRef(ref);
            return { entity: { kind, namespace, name }, facts };
          }),
        ),
      );
      const facts = rows.filter((r): r is TechInsightFact => r !== undefined);
      logger.info(
        `Readiness facts for ${facts.length} of ${refs.length} measured entities (schema ${READINESS_FACT_SCHEMA_VERSION}); ${withAbsent} with absent facts, ${failed} unreadable`,
      );
      return facts;
    },
  };
}
