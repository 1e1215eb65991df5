import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  MetricsService,
  MetricsServiceObservableResult,
} from '@backstage/backend-plugin-api/alpha';
import type { ScopedSummary } from '../service/summary';
import type { SweepObserver, SweepStats } from '../sweep/SweepObserver';
import { metricsSnapshot, MetricsSnapshot, Sample } from './metricsSnapshot';

const DAY_MS = 86_400_000;

/** Sweeps last from well under a second (the demo) to minutes (20,000 services on 10 clusters). */
const DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200];
/** One list call per cluster and kind per page: tens for a small platform, thousands for a fleet. */
const CALL_BUCKETS = [0, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/**
 * Readiness through the backend's Metrics Service (OpenTelemetry; the backend decides where it
 * is exported, e.g. Prometheus).
 *
 * The gauges are read from the store when the metrics are collected, through the same summary
 * the API serves: they show the latest STORED state (a refresh, a sweep that kept a newer
 * refresh, another replica's sweep, a restart) and equal GET /summary's numbers. Labels are
 * entity refs, cluster names and fixed vocabularies (layer, severity, status, source) only:
 * never evidence text.
 *
 * The sweep metrics (duration, Kubernetes and Vault calls, source errors) are recorded as each
 * sweep finishes, on the replica that ran it.
 */
export class ReadinessMetrics implements SweepObserver {
  readonly name = 'metrics';
  private readonly derived = new WeakMap<object, MetricsSnapshot>();
  private inFlight?: Promise<MetricsSnapshot | undefined>;
  private failing = false;
  private readonly sweepDuration;
  private readonly kubernetesCalls;
  private readonly vaultCalls;
  private readonly sweeps;
  private readonly sourceErrors;

  constructor(
    private readonly options: {
      metrics: MetricsService;
      /** The stored results as GET /summary sees them, unfiltered. */
      summary: { scoped(query: {}): Promise<ScopedSummary> };
      logger: LoggerService;
      now?: () => number;
    },
  ) {
    const { metrics } = options;
    const gauge = (
      name: string,
      description: string,
      samples: (s: MetricsSnapshot) => Sample[],
      unit?: string,
    ) =>
      metrics
        .createObservableGauge(name, { description, ...(unit ? { unit } : {}) })
        .addCallback(result => this.observe(result, samples));

    gauge(
      'readiness_entity_score_percent',
      'Readiness score of a service (0-100) per layer, and layer="overall"; absent when nothing is scored',
      s => s.entityScores,
    );
    gauge(
      'readiness_entity_checks',
      "Number of a service's checks per severity and status (exempted checks count under their raw status)",
      s => s.entityChecks,
    );
    gauge(
      'readiness_platform_cluster_score_percent',
      "Score of the platform checks (0-100) judged in each cluster, per layer and layer=\"overall\"",
      s => s.platformClusterScores,
    );
    gauge(
      'readiness_platform_score_percent',
      "The status report's platform readiness (0-100) per layer and overall: the mean over services plus the platform checks as one more member, as GET /summary's aggregate",
      s => s.platformScores,
    );
    gauge(
      'readiness_certificate_expiry_days',
      "Days until the nearest certificate expiry (notAfter) of a service's Certificates; negative once expired",
      s => {
        const now = this.options.now?.() ?? Date.now();
        return s.certificateExpiries.map(({ entity, expiresAt }) => ({
          value: Math.round(((expiresAt - now) / DAY_MS) * 1000) / 1000,
          labels: { entity },
        }));
      },
    );
    gauge('readiness_services', 'Services with a stored readiness result', s => [
      { value: s.services, labels: {} },
    ]);
    gauge(
      'readiness_last_sweep_start_timestamp_seconds',
      'When the latest sweep started (Unix seconds), from the store: any replica reports it',
      s =>
        s.lastSweep
          ? [{ value: Date.parse(s.lastSweep.startedAt) / 1000, labels: { status: s.lastSweep.status } }]
          : [],
    );

    this.sweepDuration = metrics.createHistogram('readiness_sweep_duration_seconds', {
      description: 'Duration of readiness sweeps, by outcome',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
    this.kubernetesCalls = metrics.createHistogram('readiness_sweep_kubernetes_calls', {
      description: 'Kubernetes API calls per successful sweep (0 for clusters read from stored collections)',
      advice: { explicitBucketBoundaries: CALL_BUCKETS },
    });
    this.vaultCalls = metrics.createHistogram('readiness_sweep_vault_calls', {
      description: 'Vault HTTP requests per successful sweep (0 with a Vault snapshot file)',
      advice: { explicitBucketBoundaries: CALL_BUCKETS },
    });
    this.sweeps = metrics.createCounter('readiness_sweeps', {
      description: 'Finished readiness sweeps, by status',
    });
    this.sourceErrors = metrics.createCounter('readiness_source_errors', {
      description: 'Sources a sweep could not read, by source (e.g. vault:roles, manifests:<cluster>)',
    });
    // Both statuses exist from the start, so increase() sees the first failure.
    this.sweeps.add(0, { status: 'succeeded' });
    this.sweeps.add(0, { status: 'failed' });
  }

  onSweepFinished({ info, durationMs, kubernetesCalls, vaultCalls }: SweepStats): void {
    this.sweeps.add(1, { status: info.status });
    this.sweepDuration.record(durationMs / 1000, { status: info.status });
    if (info.status === 'succeeded') {
      this.kubernetesCalls.record(kubernetesCalls);
      this.vaultCalls.record(vaultCalls);
    }
    for (const error of info.sourceErrors) this.sourceErrors.add(1, { source: error.source });
  }

  private async observe(
    result: MetricsServiceObservableResult,
    samples: (s: MetricsSnapshot) => Sample[],
  ): Promise<void> {
    const snapshot = await this.current();
    if (!snapshot) return;
    for (const sample of samples(snapshot)) result.observe(sample.value, sample.labels);
  }

  /** One store read per collection, shared by the gauges' callbacks; derived once per revision. */
  private current(): Promise<MetricsSnapshot | undefined> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(): Promise<MetricsSnapshot | undefined> {
    try {
      const summary = await this.options.summary.scoped({});
      // The summary's entries (and platform) are cached per store revision: the same array
      // means the same stored state, so the samples are derived once per write, not per scrape.
      let snapshot = this.derived.get(summary.entries);
      if (!snapshot) {
        snapshot = metricsSnapshot(summary);
        this.derived.set(summary.entries, snapshot);
      }
      this.failing = false;
      return { ...snapshot, lastSweep: summary.lastSweep };
    } catch (e) {
      // Without the store the gauges are absent (not zero); say so once, not on every scrape.
      if (!this.failing) {
        this.options.logger.warn(
          `readiness metrics: cannot read the stored results, gauges are empty: ${(e as Error).message}`,
        );
      }
      this.failing = true;
      return undefined;
    }
  }
}
