import { createBackendModule } from '@backstage/backend-plugin-api';
import { readinessChecksExtensionPoint } from '@254carbon/plugin-readiness-node';
import { costCenterCheck } from './costCenterCheck';

/**
 * Adds ORG-COST-CENTER to readiness. Install with
 * `backend.add(import('@254carbon/plugin-readiness-backend-module-cost-center'))`.
 *
 * @public
 */
export const readinessModuleCostCenter = createBackendModule({
  pluginId: 'readiness',
  moduleId: 'cost-center',
  register(env) {
    env.registerInit({
      deps: { readiness: readinessChecksExtensionPoint },
      async init({ readiness }) {
        readiness.addChecks(costCenterCheck);
      },
    });
  },
});
