import { applyThresholdOverrides } from '../entity/loosening';
import {
  CHECK_STATUSES,
  CheckDefinition,
  CheckResult,
  ClusterPlatformReadiness,
  isExemptionActive,
  PlatformReadiness,
  scoreResults,
  ServiceReadiness,
} from '@254carbon/plugin-readiness-common';
import { ClusterPart, combineParts } from './combine';
import {
  createPlatformContext,
  createServiceContext,
  SweepIndex,
} from './context';
import { placeService, Placement } from './placement';
import { CheckRegistry } from './registry';
import type { PlatformSettings, ServiceTarget, Thresholds } from './settings';
import type { KindId, KubeObject, Read } from '../facts';
import type { CheckOutcome, ServiceContext, SweepFacts } from './types';

export interface EvaluateOptions {
  platform: PlatformSettings;
  /** Thresholds of the platform checks (service checks use each target's own). */
  thresholds: Thresholds;
  /** The measurement time: every age and expiry is computed against it. */
  now: Date;
  /**
   * The clusters each service (by entity ref) was judged in by the last good sweep. A service
   * placed in a cluster that cannot be read now is `unknown` there instead of silently judged
   * from its other clusters.
   */
  previousPlacement?: ReadonlyMap<string, readonly string[]>;
  /** The checks to run: the built-in catalog unless modules added more. */
  registry?: CheckRegistry;
}

/**
 * Platform results a service's checks are blocked by: one map for every cluster (the scaffolder's
 * one-cluster loop), or a lookup by cluster.
 */
export type PlatformResults =
  | ReadonlyMap<string, CheckResult>
  | ((cluster: string | undefined) => ReadonlyMap<string, CheckResult>);

export const NO_TARGET_ANNOTATION =
  'no backstage.io/kubernetes-id or kubernetes-label-selector annotation';

const BUILT_IN = CheckRegistry.builtIn();

/** A check that reads no cluster is judged once per sweep (or per service), not per cluster. */
const readsClusters = (def: CheckDefinition) =>
  def.sources.includes('kubernetes');

/** Runs one check function; a throw becomes `unknown` naming the error, never a crashed sweep. */
function run(
  def: CheckDefinition,
  fn: (() => CheckOutcome) | undefined,
): CheckOutcome {
  if (!fn) {
    return {
      status: 'unknown',
      evidence: [`no implementation is registered for ${def.id}`],
      error: {
        source: def.sources[0],
        message: `check ${def.id} is not implemented`,
      },
    };
  }
  try {
    const outcome = fn();
    if (
      !outcome ||
      !CHECK_STATUSES.includes(outcome.status) ||
      !Array.isArray(outcome.evidence)
    ) {
      throw new Error(
        `returned an invalid outcome: ${JSON.stringify(outcome)}`,
      );
    }
    return outcome;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      status: 'unknown',
      evidence: [`check ${def.id} failed while evaluating: ${message}`],
      error: { source: def.sources[0], message },
    };
  }
}

const NO_CLUSTER: CheckOutcome = {
  status: 'n/a',
  evidence: ['no Kubernetes cluster is configured'],
};

/** The platform checks judged in every cluster, and the platform row (worst cluster per check). */
export interface PlatformEvaluation {
  checks: CheckResult[];
  clusters: ClusterPlatformReadiness[];
  /** Each cluster's results by check id, for `blockedBy` of that cluster's services. */
  byCluster: Map<string, Map<string, CheckResult>>;
}

/**
 * Evaluates every platform check in each cluster on its own. Checks that read no cluster
 * (PLAT-VAULT) are judged once and appear in every cluster.
 */
export function evaluatePlatformClusters(
  index: SweepIndex,
  options: EvaluateOptions,
): PlatformEvaluation {
  const names = [...index.clusters.keys()];
  const nameClusters = names.length > 1;
  const contexts = new Map(
    names.map(cluster => [
      cluster,
      createPlatformContext({ index, cluster, ...options }),
    ]),
  );
  const global = createPlatformContext({ index, ...options });
  const registry = options.registry ?? BUILT_IN;
  const partsByCheck = registry.platform.map(def => {
    const fn = def.evaluate;
    if (!readsClusters(def)) {
      const outcome = run(def, fn && (() => fn(global)));
      return { def, parts: [{ outcome }] as ClusterPart[], global: true };
    }
    if (names.length === 0) {
      return { def, parts: [{ outcome: NO_CLUSTER }] as ClusterPart[], global: true };
    }
    const parts = names.map(cluster => ({
      cluster,
      outcome: run(def, fn && (() => fn(contexts.get(cluster)!))),
    }));
    return { def, parts, global: false };
  });

  const checks = partsByCheck.map(({ def, parts }) =>
    combineParts(def, parts, nameClusters),
  );
  const byCluster = new Map<string, Map<string, CheckResult>>();
  const clusters = names.map(cluster => {
    const clusterChecks = partsByCheck.map(({ def, parts, global: g }) =>
      combineParts(
        def,
        g ? parts : parts.filter(p => p.cluster === cluster),
        false,
      ),
    );
    byCluster.set(cluster, new Map(clusterChecks.map(r => [r.checkId, r])));
    return {
      cluster,
      checks: clusterChecks,
      overall: scoreResults(clusterChecks).overall,
    };
  });
  return { checks, clusters, byCluster };
}

/** The platform row: every platform check, worst cluster first-class (kept for callers and tests). */
export function evaluatePlatform(
  index: SweepIndex,
  options: EvaluateOptions,
): CheckResult[] {
  return evaluatePlatformClusters(index, options).checks;
}

/**
 * The platform check that makes a non-passing result meaningless: a failed dependency, or an
 * unknown PLAT-VAULT (Vault configured but its health unreadable).
 */
function blockingDependency(
  def: CheckDefinition,
  outcome: CheckOutcome,
  platformResults: ReadonlyMap<string, CheckResult>,
): string | undefined {
  if (!['fail', 'warn', 'unknown'].includes(outcome.status)) return undefined;
  return def.dependsOn?.find(dep => {
    const status = platformResults.get(dep)?.status;
    return status === 'fail' || (dep === 'PLAT-VAULT' && status === 'unknown');
  });
}

function applyExemptions(
  result: CheckResult,
  target: ServiceTarget,
  now: Date,
): void {
  for (const exemption of target.exemptions.filter(
    e => e.checkId === result.checkId,
  )) {
    if (isExemptionActive(exemption, now)) {
      result.exemption ??= exemption;
    } else {
      result.evidence.push(
        `exemption expired ${exemption.expires} (${exemption.origin}: ${exemption.reason})`,
      );
    }
  }
}

/** A cluster annotation naming no configured cluster leaves nothing to measure: say so. */
function clusterErrors(index: SweepIndex, target: ServiceTarget): string[] {
  if (!target.cluster || index.clusters.has(target.cluster)) return [];
  const known = [...index.clusters.keys()].join(', ') || 'none';
  return [
    `annotation readiness.254carbon.io/cluster: cluster "${target.cluster}" is not configured (configured: ${known})`,
  ];
}

/**
 * Caches a context's object lookups for the duration of one service's evaluation in one cluster:
 * most checks start from the same Deployments, StatefulSets and Pods.
 */
function memoized(ctx: ServiceContext): ServiceContext {
  // One cache per lookup, keyed by kind: no key string built per call.
  const wrap = (fn: (kind: KindId) => Read<KubeObject[]>) => {
    const cache = new Map<KindId, Read<KubeObject[]>>();
    return (kind: KindId) => {
      let read = cache.get(kind);
      if (!read) {
        read = fn(kind);
        cache.set(kind, read);
      }
      return read;
    };
  };
  return {
    ...ctx,
    selected: wrap(ctx.selected),
    inNamespaces: wrap(ctx.inNamespaces),
    all: wrap(ctx.all),
  };
}

const lookup = (results: PlatformResults) =>
  typeof results === 'function' ? results : () => results;

/**
 * Evaluates every service check once for one target in each cluster it runs in (see
 * `placeService`), combines them (worst cluster wins) and scores the result.
 */
export function evaluateService(
  index: SweepIndex,
  target: ServiceTarget,
  platformResults: PlatformResults,
  options: EvaluateOptions,
  placement: Placement = placeService(
    index,
    target,
    options.previousPlacement?.get(target.entityRef),
  ),
): ServiceReadiness {
  const platformOf = lookup(platformResults);
  const contexts = placement.clusters.map(cluster =>
    memoized(
      createServiceContext({
        index,
        target,
        cluster,
        platform: options.platform,
        platformResults: platformOf(cluster),
        now: options.now,
      }),
    ),
  );
  const nameClusters = index.clusters.size > 1;
  const hasSelector = Boolean(target.kubernetesId || target.labelSelector);
  const registry = options.registry ?? BUILT_IN;
  const checks = registry.service.map(def => {
    const fn = def.evaluate;
    let parts: ClusterPart[];
    if (!hasSelector && readsClusters(def)) {
      parts = [{ outcome: { status: 'n/a', evidence: [NO_TARGET_ANNOTATION] } }];
    } else if (!readsClusters(def) || contexts.length === 0) {
      const ctx =
        contexts[0] ??
        memoized(
          createServiceContext({
            index,
            target,
            platform: options.platform,
            platformResults: platformOf(undefined),
            now: options.now,
          }),
        );
      const outcome = run(def, fn && (() => fn(ctx)));
      parts = [
        { outcome, blockedBy: blockingDependency(def, outcome, ctx.platformResults) },
      ];
    } else {
      parts = contexts.map(ctx => {
        const outcome = run(def, fn && (() => fn(ctx)));
        return {
          cluster: ctx.cluster,
          outcome,
          blockedBy: blockingDependency(def, outcome, ctx.platformResults),
        };
      });
    }
    const result = combineParts(
      def,
      parts,
      nameClusters && readsClusters(def),
    );
    applyExemptions(result, target, options.now);
    applyThresholdOverrides(result, target);
    return result;
  });
  const readiness: ServiceReadiness = {
    entityRef: target.entityRef,
    measuredAt: options.now.toISOString(),
    stale: false,
    ...scoreResults(checks),
    checks,
    entityErrors: [...target.errors, ...clusterErrors(index, target)],
  };
  if (hasSelector && placement.clusters.length) {
    readiness.clusters = placement.clusters.filter(
      (c): c is string => typeof c === 'string',
    );
  }
  if (placement.notes.length) readiness.notes = placement.notes;
  return readiness;
}

/**
 * One sweep: index the facts once (or reuse the collector's index), evaluate the platform in each
 * cluster, then every service in the clusters it runs in.
 */
export function evaluateSweep(
  factsOrIndex: SweepFacts | SweepIndex,
  targets: ServiceTarget[],
  options: EvaluateOptions,
): { platform: PlatformReadiness; services: ServiceReadiness[] } {
  const index =
    factsOrIndex instanceof SweepIndex
      ? factsOrIndex
      : new SweepIndex(factsOrIndex);
  const { platform, platformOf } = evaluateSweepPlatform(index, options);
  return {
    platform,
    services: targets.map(target =>
      evaluateService(index, target, platformOf, options),
    ),
  };
}

/**
 * The platform half of a sweep: the platform row (with its clusters), and each cluster's platform
 * results for `evaluateService`. A caller that evaluates thousands of services one at a time (and
 * stores each result's serialised form rather than keeping the result) starts here.
 */
export function evaluateSweepPlatform(
  index: SweepIndex,
  options: EvaluateOptions,
): { platform: PlatformReadiness; platformOf: PlatformResults } {
  const platform = evaluatePlatformClusters(index, options);
  const rowById = new Map(platform.checks.map(r => [r.checkId, r]));
  const platformOf = (cluster: string | undefined) =>
    (cluster && platform.byCluster.get(cluster)) || rowById;
  const result: PlatformReadiness = {
    measuredAt: options.now.toISOString(),
    stale: false,
    checks: platform.checks,
    overall: scoreResults(platform.checks).overall,
  };
  if (platform.clusters.length) result.clusters = platform.clusters;
  return { platform: result, platformOf };
}
