import {
  CHECKS,
  CheckDefinition,
  registerCheckDefinitions,
} from '@254carbon/plugin-readiness-common';
import { PLATFORM_CHECKS, SERVICE_CHECKS } from '../checks';
import type { PlatformCheck, PlatformContext, ServiceCheck, ServiceContext } from './types';

/**
 * One check as the engine runs it: the catalog entry (id, layer, phase, severity, criteria,
 * remediation, sources, dependsOn, the thresholds it reads) and its function. A definition
 * without a function does not type-check, so no check can silently evaluate to `unknown`.
 */
export type ReadinessCheck =
  | (CheckDefinition & { scope: 'service'; evaluate: ServiceCheck })
  | (CheckDefinition & { scope: 'platform'; evaluate: PlatformCheck });

export type ServiceReadinessCheck = Extract<ReadinessCheck, { scope: 'service' }>;
export type PlatformReadinessCheck = Extract<ReadinessCheck, { scope: 'platform' }>;

/** Defines an organisation's own service check (for a module using the extension point). */
export function defineServiceCheck(
  check: Omit<ServiceReadinessCheck, 'scope'>,
): ServiceReadinessCheck {
  return { ...check, scope: 'service' };
}

/** Defines an organisation's own platform check, judged per cluster like the built-in ones. */
export function definePlatformCheck(
  check: Omit<PlatformReadinessCheck, 'scope'>,
): PlatformReadinessCheck {
  return { ...check, scope: 'platform' };
}

/**
 * The built-in catalog joined with its functions (checks/index.ts maps every id, typed). The
 * function is looked up in that table when the check runs, so the table stays the one place a
 * built-in check's function is found.
 */
export const BUILT_IN_CHECKS: readonly ReadinessCheck[] = CHECKS.map(def =>
  def.scope === 'service'
    ? {
        ...def,
        scope: 'service' as const,
        evaluate: (ctx: ServiceContext) => (SERVICE_CHECKS as Record<string, ServiceCheck>)[def.id](ctx),
      }
    : {
        ...def,
        scope: 'platform' as const,
        evaluate: (ctx: PlatformContext) => (PLATFORM_CHECKS as Record<string, PlatformCheck>)[def.id](ctx),
      },
);

/**
 * The checks one sweep evaluates, in order: the built-in catalog, then checks added by modules.
 * Adding registers the definitions with the common catalog too, so scoring, /checks, filters and
 * the UI treat them exactly like the built-in ones.
 */
export class CheckRegistry {
  private constructor(private readonly checks: readonly ReadinessCheck[]) {}

  static builtIn(): CheckRegistry {
    return new CheckRegistry(BUILT_IN_CHECKS);
  }

  /** A registry with more checks; throws naming the problem on a bad or duplicate id. */
  with(extra: readonly ReadinessCheck[]): CheckRegistry {
    const seen = new Set(this.checks.map(c => c.id));
    for (const check of extra) {
      if (seen.has(check.id)) {
        throw new Error(`readiness check ${check.id} is defined twice; check ids must be unique`);
      }
      if (typeof check.evaluate !== 'function') {
        throw new Error(`readiness check ${check.id} has no evaluate function`);
      }
      seen.add(check.id);
    }
    registerCheckDefinitions(extra.map(({ evaluate: _e, ...def }) => def));
    return new CheckRegistry([...this.checks, ...extra]);
  }

  get all(): readonly ReadinessCheck[] {
    return this.checks;
  }

  get platform(): PlatformReadinessCheck[] {
    return this.checks.filter((c): c is PlatformReadinessCheck => c.scope === 'platform');
  }

  get service(): ServiceReadinessCheck[] {
    return this.checks.filter((c): c is ServiceReadinessCheck => c.scope === 'service');
  }
}
