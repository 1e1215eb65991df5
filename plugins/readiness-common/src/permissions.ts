import { createPermission } from '@backstage/plugin-permission-common';

/** Read readiness results, history, the platform checks and the check catalog. */
export const readinessReadPermission = createPermission({
  name: 'readiness.read',
  attributes: { action: 'read' },
});

/** Trigger an on-demand measurement of one entity. */
export const readinessRefreshPermission = createPermission({
  name: 'readiness.refresh',
  attributes: { action: 'update' },
});

export const readinessPermissions = [
  readinessReadPermission,
  readinessRefreshPermission,
];
