import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ServiceTarget } from './engine/settings';
import type { ReadinessCheck } from './engine/registry';

/**
 * A source of facts a module adds for its own checks (e.g. an internal CMDB or cost API). Called
 * once per sweep with every measured service, never once per service: return each service's
 * facts by entity ref. A throw makes the checks reading it `unknown`, nothing else.
 */
export interface ReadinessFactsSource {
  /** Checks read the facts with `ctx.extra('<id>')`. */
  id: string;
  collect(targets: readonly ServiceTarget[]): Promise<Record<string, unknown>>;
}

/**
 * How a backend module extends readiness: more checks (scored, stored, filtered and shown like
 * the built-in ones) and the facts sources they read.
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'readiness',
 *   moduleId: 'cost-labels',
 *   register(env) {
 *     env.registerInit({
 *       deps: { readiness: readinessChecksExtensionPoint },
 *       async init({ readiness }) {
 *         readiness.addChecks(costLabelsCheck);
 *       },
 *     });
 *   },
 * });
 * ```
 */
export interface ReadinessChecksExtensionPoint {
  addChecks(...checks: ReadinessCheck[]): void;
  addFactsSource(source: ReadinessFactsSource): void;
}

export const readinessChecksExtensionPoint =
  createExtensionPoint<ReadinessChecksExtensionPoint>({
    id: 'readiness.checks',
  });
