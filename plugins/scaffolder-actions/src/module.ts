import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createReadinessActions } from './actions';
import { readOnboardingSettings } from './settings';

/**
 * Adds the `readiness:*` onboarding actions to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleReadinessOnboarding = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'readiness-onboarding',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
      },
      async init({ scaffolder, config, logger, permissions }) {
        const settings = readOnboardingSettings(config);
        const actions = createReadinessActions({ settings, permissions });
        scaffolder.addActions(...actions);
        logger.info(
          `Registered ${actions
            .map(a => a.id)
            .join(', ')} (apply mode: cluster ${
            settings.cluster ? 'configured' : 'not configured'
          }, Vault ${settings.vault ? 'configured' : 'not configured'})`,
        );
      },
    });
  },
});
