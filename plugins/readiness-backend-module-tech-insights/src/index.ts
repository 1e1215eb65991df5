/**
 * A Tech Insights backend module that publishes readiness results as facts, so Tech Insights
 * checks and scorecards can use readiness scores, phase gates and check statuses.
 *
 * @packageDocumentation
 */
export { techInsightsModuleReadiness as default } from './module';
export {
  createReadinessFactRetriever,
  type ReadinessFactRetrieverOptions,
} from './readinessFactRetriever';
export {
  READINESS_FACT_RETRIEVER_ID,
  READINESS_FACT_SCHEMA_VERSION,
  readinessFactNames,
  readinessFactSchema,
} from './schema';
