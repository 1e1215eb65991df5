import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';

/**
 * The app on the new frontend system, as `@backstage/create-app` generates it: every frontend
 * plugin in this package's dependencies is discovered (`app.packages: all` in app-config.yaml),
 * so the readiness page, entity card and tab come from `@254carbon/plugin-readiness/alpha` with
 * no wiring here. The legacy wiring the README also documents lives in ./legacy.
 */
export default createApp({
  features: [catalogPlugin, navModule],
});
