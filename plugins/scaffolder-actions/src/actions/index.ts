import { createCertificateAction } from './certificate';
import { createNetworkPolicyAction } from './networkPolicy';
import { createOnboardAction } from './onboard';
import type { ActionOptions } from './run';
import { createServiceAccountAction } from './serviceAccount';
import { createVaultAction } from './vault';

export * from './certificate';
export * from './networkPolicy';
export * from './onboard';
export * from './serviceAccount';
export * from './vault';
export type { ActionOptions } from './run';

/** Every `readiness:*` action, sharing one set of options. */
export function createReadinessActions(options: ActionOptions) {
  return [
    createOnboardAction(options),
    createServiceAccountAction(options),
    createVaultAction(options),
    createNetworkPolicyAction(options),
    createCertificateAction(options),
  ];
}
