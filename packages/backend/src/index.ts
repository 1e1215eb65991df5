/*
 * The 254Carbon Backstage backend: the standard plugins a real instance runs, plus the readiness
 * suite (its backend plugin and the scaffolder onboarding actions).
 */
import { createBackend } from '@backstage/backend-defaults';
import { readinessExamplePolicyModule } from './permissions/module';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: guest for local use; configure a real provider (auth.providers) in production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog, with the scaffolder entity model so templates show up.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Scaffolder, with the readiness onboarding actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@254carbon/plugin-scaffolder-backend-module-readiness'));

// Permissions: the example policy (platform team: everything; owners: refresh their own;
// everyone: read the readiness of what the catalog shows them). See the README.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(readinessExamplePolicyModule);

// Search over the catalog (in-memory engine by default).
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// The Kubernetes tab on entity pages; readiness reads the same cluster config.
backend.add(import('@backstage/plugin-kubernetes-backend'));

// Notifications, with signals pushing them to open browsers: readiness notifies owners of
// regressions through them (readiness.notifications).
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// The readiness suite.
backend.add(import('@254carbon/plugin-readiness-backend'));
// An organisation-specific check added through the readiness extension point (ORG-COST-CENTER);
// plugins/readiness-backend-module-cost-center shows how to write your own.
backend.add(import('@254carbon/plugin-readiness-backend-module-cost-center'));

backend.start();
