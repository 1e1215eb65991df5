export { ReadinessMetrics } from './ReadinessMetrics';
