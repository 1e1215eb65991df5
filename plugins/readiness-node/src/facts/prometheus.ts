import type { Read } from './read';

/** Prometheus figures for one service, from the PromQL queries in config. */
export interface PrometheusServiceFacts {
  /** `up` series of the service's targets: how many, how many up. */
  targets: Read<{ total: number; up: number }>;
  /** Success ratio 0..1 over the SLO window; null when there is no traffic. */
  availability: Read<number | null>;
  /** p95 latency in milliseconds; null when there is no traffic. */
  latencyP95Ms: Read<number | null>;
}

/** Prometheus readiness (`/-/ready`) and per-service facts keyed by entity ref. */
export interface PrometheusFacts {
  ready: Read<boolean>;
  services: Record<string, PrometheusServiceFacts>;
}
