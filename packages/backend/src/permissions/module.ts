import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ReadinessExamplePolicy } from './ReadinessExamplePolicy';

/**
 * Installs ReadinessExamplePolicy. The platform team is read from
 * `permission.readinessPolicy.platformTeam` (ownership refs; default
 * `group:default/platform-team`).
 */
export const readinessExamplePolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'readiness-example-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        const platformTeam = config.getOptionalStringArray(
          'permission.readinessPolicy.platformTeam',
        ) ?? ['group:default/platform-team'];
        policy.setPolicy(new ReadinessExamplePolicy({ platformTeam }));
      },
    });
  },
});
