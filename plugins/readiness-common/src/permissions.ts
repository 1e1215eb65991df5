import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read one entity's readiness: its result, history, and its row in the summary. A resource
 * permission on catalog entities, so a policy decides it with the catalog's own rules
 * (isEntityOwner, hasAnnotation, isEntityKind, …) exactly as it decides catalog.entity.read.
 */
export const readinessReadPermission = createPermission({
  name: 'readiness.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Trigger an on-demand measurement of one entity (a resource permission, like read). */
export const readinessRefreshPermission = createPermission({
  name: 'readiness.refresh',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read the platform checks (GET /platform): they belong to no catalog entity, so this stays a
 * basic permission.
 */
export const readinessPlatformReadPermission = createPermission({
  name: 'readiness.platform.read',
  attributes: { action: 'read' },
});

/**
 * Let the onboarding actions take over a Vault role or policy that already exists and was not
 * written by them (`adopt: true`). Rebinding a role can hand another service's secrets to a new
 * service account, so this is for platform administrators only.
 */
export const readinessOnboardingAdoptPermission = createPermission({
  name: 'readiness.onboarding.adopt',
  attributes: { action: 'update' },
});

export const readinessPermissions = [
  readinessReadPermission,
  readinessRefreshPermission,
  readinessPlatformReadPermission,
  readinessOnboardingAdoptPermission,
];
