export { PrometheusCollector, renderQuery } from './PrometheusCollector';
export type { PrometheusSource, PrometheusTarget } from './PrometheusCollector';
