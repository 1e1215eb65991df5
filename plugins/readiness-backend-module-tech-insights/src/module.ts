import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { createReadinessFactRetriever } from './readinessFactRetriever';
import { READINESS_FACT_RETRIEVER_ID } from './schema';

/**
 * Adds the readiness fact retriever to Tech Insights. Tech Insights schedules it only when
 * `techInsights.factRetrievers.readinessFactRetriever.cadence` is configured.
 *
 * @public
 */
export const techInsightsModuleReadiness = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'readiness',
  register(env) {
    env.registerInit({
      deps: { techInsights: techInsightsFactRetrieversExtensionPoint },
      async init({ techInsights }) {
        techInsights.addFactRetrievers({
          [READINESS_FACT_RETRIEVER_ID]: createReadinessFactRetriever(),
        });
      },
    });
  },
});
