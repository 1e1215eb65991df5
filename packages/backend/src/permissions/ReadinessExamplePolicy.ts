import {
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  readinessOnboardingAdoptPermission,
  readinessReadPermission,
  readinessRefreshPermission,
} from '@254carbon/plugin-readiness-common';

export interface ReadinessExamplePolicyOptions {
  /**
   * Ownership refs (groups, or users) of the platform team. A user whose ownership claims include
   * one of them may do everything.
   */
  platformTeam: string[];
}

/**
 * An example permission policy for an instance running the readiness suite:
 *
 * - the platform team may do everything (including `readiness.onboarding.adopt`);
 * - owners may refresh (`readiness.refresh`) the entities they own, through the catalog's
 *   `isEntityOwner` rule;
 * - everyone may read an entity's readiness (`readiness.read`) exactly when the catalog shows
 *   them the entity: the decision for `catalog.entity.read` is reused with the permission
 *   swapped, so narrowing catalog visibility narrows readiness with it;
 * - everything else is allowed, as Backstage's default policy does; narrow it for your own
 *   plugins.
 */
export class ReadinessExamplePolicy implements PermissionPolicy {
  constructor(private readonly options: ReadinessExamplePolicyOptions) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.some(ref => this.options.platformTeam.includes(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(request.permission, readinessRefreshPermission)) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (isPermission(request.permission, readinessReadPermission)) {
      return this.sameAs(request.permission, this.catalogRead(user));
    }
    if (isPermission(request.permission, readinessOnboardingAdoptPermission)) {
      return { result: AuthorizeResult.DENY };
    }
    if (isPermission(request.permission, catalogEntityReadPermission)) {
      return this.catalogRead(user);
    }
    return { result: AuthorizeResult.ALLOW };
  }

  /**
   * What the catalog shows a user. Everyone sees every entity here, as in a default Backstage
   * instance; an organisation that hides entities (e.g. to owners only) changes this method and
   * readiness follows.
   */
  protected catalogRead(_user?: PolicyQueryUser): PolicyDecision {
    return { result: AuthorizeResult.ALLOW };
  }

  private sameAs(
    permission: ResourcePermission<'catalog-entity'>,
    decision: PolicyDecision,
  ): PolicyDecision {
    if (decision.result !== AuthorizeResult.CONDITIONAL) return decision;
    return createCatalogConditionalDecision(permission, decision.conditions as any);
  }
}
