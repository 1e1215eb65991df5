import type { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readinessOnboardingAdoptPermission } from '@254carbon/plugin-readiness-common';
import { Bundle, DEFAULT_DENY_NAME } from '../bundle';
import type { Delivery, OnboardingSpec } from '../input';
import type { ObjectApplier } from './kubernetes';
import { IsolatedPod, podsIsolatedByDefaultDeny } from './isolation';
import { policyConflict, roleConflict } from './ownership';
import type { VaultWriter } from './vault';

export interface PreflightResult {
  /** Vault objects taken over with `adopt: true`. */
  adopted: string[];
  /** Pods the default-deny cuts off, confirmed with `confirmDefaultDeny: true`. */
  isolatedPods: IsolatedPod[];
}

const MAX_LISTED = 20;

/**
 * Checks, before anything is applied, what apply mode must not do silently: take over a Vault
 * role or policy another service or person owns, or cut off running pods with a namespace-wide
 * default-deny. Throws (409/403) naming what was found and the input that would allow it, so a
 * refused run leaves everything as it was.
 */
export async function preflight(options: {
  bundle: Bundle;
  spec: OnboardingSpec;
  delivery: Delivery;
  kube?: ObjectApplier;
  vault?: VaultWriter;
  permissions?: PermissionsService;
  credentials?: () => Promise<BackstageCredentials>;
}): Promise<PreflightResult> {
  const { bundle, spec, delivery, kube, vault } = options;
  const result: PreflightResult = { adopted: [], isolatedPods: [] };

  const v = bundle.vault;
  if (v && vault) {
    const [policy, role] = await Promise.all([
      vault.readPolicy(v.policyName),
      vault.readRole(v.authMount, v.roleName),
    ]);
    const conflicts = [policyConflict(policy, v, spec), roleConflict(role, v, spec)].filter(
      (c): c is string => Boolean(c),
    );
    if (conflicts.length && !delivery.adopt) {
      throw new ConflictError(
        `${conflicts.join('; ')}. Nothing was applied. Choose another service name, or set adopt: true to take them over (needs the ${readinessOnboardingAdoptPermission.name} permission).`,
      );
    }
    if (conflicts.length) {
      const allowed = await adoptAllowed(options.permissions, options.credentials);
      if (!allowed) {
        throw new NotAllowedError(
          `adopt: true needs the ${readinessOnboardingAdoptPermission.name} permission, which you do not hold: ${conflicts.join('; ')}. Nothing was applied.`,
        );
      }
      result.adopted = conflicts;
    }
  }

  const deny = bundle.manifests.find(m => m.kind === 'NetworkPolicy' && m.metadata.name === DEFAULT_DENY_NAME);
  if (deny && kube) {
    const [pods, policies] = await Promise.all([
      kube.list('v1', 'Pod', spec.namespace),
      kube.list('networking.k8s.io/v1', 'NetworkPolicy', spec.namespace),
    ]);
    const isolated = podsIsolatedByDefaultDeny(
      pods,
      policies,
      bundle.manifests.filter(m => m.kind === 'NetworkPolicy'),
    );
    if (isolated.length && !delivery.confirmDefaultDeny) {
      const shown = isolated.slice(0, MAX_LISTED).map(p => `${p.name} (loses ${p.loses.join(' and ').toLowerCase()})`);
      throw new ConflictError(
        `NetworkPolicy ${spec.namespace}/${DEFAULT_DENY_NAME} would cut off ${isolated.length} running pod(s) that no other NetworkPolicy allows: ${shown.join(', ')}${
          isolated.length > MAX_LISTED ? `, and ${isolated.length - MAX_LISTED} more` : ''
        }. Nothing was applied. Give them their own NetworkPolicies first, or set confirmDefaultDeny: true to isolate them.`,
      );
    }
    result.isolatedPods = isolated;
  }
  return result;
}

async function adoptAllowed(
  permissions: PermissionsService | undefined,
  credentials: (() => Promise<BackstageCredentials>) | undefined,
): Promise<boolean> {
  if (!permissions || !credentials) return false;
  const [decision] = await permissions.authorize(
    [{ permission: readinessOnboardingAdoptPermission }],
    { credentials: await credentials() },
  );
  return decision.result === AuthorizeResult.ALLOW;
}
