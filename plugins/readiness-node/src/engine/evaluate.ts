import {
  CHECK_STATUSES,
  CHECKS,
  CheckDefinition,
  CheckResult,
  isExemptionActive,
  PlatformReadiness,
  scoreResults,
  ServiceReadiness,
} from '@254carbon/plugin-readiness-common';
import { PLATFORM_CHECKS, SERVICE_CHECKS } from '../checks';
import {
  createPlatformContext,
  createServiceContext,
  SweepIndex,
} from './context';
import type { PlatformSettings, ServiceTarget, Thresholds } from './settings';
import type { KindId, KubeObject, Read } from '../facts';
import type { CheckOutcome, ServiceContext, SweepFacts } from './types';

export interface EvaluateOptions {
  platform: PlatformSettings;
  /** Thresholds of the platform checks (service checks use each target's own). */
  thresholds: Thresholds;
  /** The measurement time: every age and expiry is computed against it. */
  now: Date;
}

export const NO_TARGET_ANNOTATION =
  'no backstage.io/kubernetes-id or kubernetes-label-selector annotation';

const PLATFORM_DEFS = CHECKS.filter(c => c.scope === 'platform');
const SERVICE_DEFS = CHECKS.filter(c => c.scope === 'service');

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

function toResult(def: CheckDefinition, outcome: CheckOutcome): CheckResult {
  const result: CheckResult = {
    checkId: def.id,
    status: outcome.status,
    evidence: [...outcome.evidence],
  };
  if (outcome.status !== 'pass' && outcome.status !== 'n/a') {
    result.remediation = outcome.remediation ?? def.remediation;
  }
  if (outcome.error) result.error = outcome.error;
  return result;
}

/** Evaluates every platform check of the catalog once, in catalog order. */
export function evaluatePlatform(
  index: SweepIndex,
  options: EvaluateOptions,
): CheckResult[] {
  const ctx = createPlatformContext({
    index,
    platform: options.platform,
    thresholds: options.thresholds,
    now: options.now,
  });
  return PLATFORM_DEFS.map(def => {
    const fn = PLATFORM_CHECKS[def.id];
    return toResult(def, run(def, fn && (() => fn(ctx))));
  });
}

/**
 * The platform check that makes a non-passing result meaningless: a failed dependency, or an
 * unknown PLAT-VAULT (Vault configured but its health unreadable).
 */
function blockingDependency(
  def: CheckDefinition,
  result: CheckResult,
  platformResults: ReadonlyMap<string, CheckResult>,
): string | undefined {
  if (!['fail', 'warn', 'unknown'].includes(result.status)) return undefined;
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
 * Caches a context's object lookups for the duration of one service's evaluation: most checks
 * start from the same Deployments, StatefulSets and Pods, and each lookup merges clusters.
 */
function memoized(ctx: ServiceContext): ServiceContext {
  const cache = new Map<string, Read<KubeObject[]>>();
  const wrap =
    (scope: string, fn: (kind: KindId) => Read<KubeObject[]>) =>
    (kind: KindId) => {
      const key = `${scope}:${kind}`;
      let read = cache.get(key);
      if (!read) {
        read = fn(kind);
        cache.set(key, read);
      }
      return read;
    };
  return {
    ...ctx,
    selected: wrap('selected', ctx.selected),
    inNamespaces: wrap('inNamespaces', ctx.inNamespaces),
    all: wrap('all', ctx.all),
  };
}

/** Evaluates every service check of the catalog once for one target, in catalog order, and scores it. */
export function evaluateService(
  index: SweepIndex,
  target: ServiceTarget,
  platformResults: ReadonlyMap<string, CheckResult>,
  options: EvaluateOptions,
): ServiceReadiness {
  const ctx = memoized(
    createServiceContext({
      index,
      target,
      platform: options.platform,
      platformResults,
      now: options.now,
    }),
  );
  const hasSelector = Boolean(target.kubernetesId || target.labelSelector);
  const checks = SERVICE_DEFS.map(def => {
    const fn = SERVICE_CHECKS[def.id];
    const outcome: CheckOutcome =
      !hasSelector && def.sources.includes('kubernetes')
        ? { status: 'n/a', evidence: [NO_TARGET_ANNOTATION] }
        : run(def, fn && (() => fn(ctx)));
    const result = toResult(def, outcome);
    const blockedBy = blockingDependency(def, result, platformResults);
    if (blockedBy) result.blockedBy = blockedBy;
    applyExemptions(result, target, options.now);
    return result;
  });
  return {
    entityRef: target.entityRef,
    measuredAt: options.now.toISOString(),
    stale: false,
    ...scoreResults(checks),
    checks,
    entityErrors: [...target.errors, ...clusterErrors(index, target)],
  };
}

/** One sweep: index the facts once, evaluate the platform once, then every service against it. */
export function evaluateSweep(
  facts: SweepFacts,
  targets: ServiceTarget[],
  options: EvaluateOptions,
): { platform: PlatformReadiness; services: ServiceReadiness[] } {
  const index = new SweepIndex(facts);
  const platformChecks = evaluatePlatform(index, options);
  const byId = new Map(platformChecks.map(r => [r.checkId, r]));
  return {
    platform: {
      measuredAt: options.now.toISOString(),
      stale: false,
      checks: platformChecks,
      overall: scoreResults(platformChecks).overall,
    },
    services: targets.map(target =>
      evaluateService(index, target, byId, options),
    ),
  };
}
