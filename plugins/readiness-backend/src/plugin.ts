import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { readinessPermissions } from '@254carbon/plugin-readiness-common';
import {
  CheckRegistry,
  ReadinessCheck,
  readinessChecksExtensionPoint,
  ReadinessFactsSource,
} from '@254carbon/plugin-readiness-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { readReadinessConfig } from './config';
import { ReadinessMetrics } from './metrics';
import { createRouter } from './router';
import { NotificationStateStore, ReadinessNotifier } from './notifications';
import { createSources } from './sources';
import { RefreshLimiter } from './service/RefreshLimiter';
import { SummaryService } from './service/summary';
import { summaryPrimer } from './service/summaryPrimer';
import { DatabaseReadinessStore } from './store/DatabaseReadinessStore';
import { FactsCollector, Sources } from './sweep/FactsCollector';
import { maxCollectionAgeMs, scheduleClusterCollections } from './sweep/clusterCollectionTasks';
import { SweepRunner } from './sweep/SweepRunner';
import { scheduleSweep } from './sweep/scheduleSweep';
import { describeFrequency } from './sweep/describeFrequency';

/**
 * The readiness backend plugin: sweeps the catalog's services on a schedule, measuring them from
 * Kubernetes, Vault, TLS and Prometheus, and serves the results under /api/readiness.
 *
 * @public
 */
export const readinessPlugin = createBackendPlugin({
  pluginId: 'readiness',
  register(env) {
    // Modules add organisation-specific checks and the facts sources they read.
    const addedChecks: ReadinessCheck[] = [];
    const addedSources: ReadinessFactsSource[] = [];
    env.registerExtensionPoint(readinessChecksExtensionPoint, {
      addChecks(...checks) {
        addedChecks.push(...checks);
      },
      addFactsSource(source) {
        if (addedSources.some(s => s.id === source.id)) {
          throw new Error(`readiness facts source ${source.id} is added twice`);
        }
        addedSources.push(source);
      },
    });
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        metrics: metricsServiceRef,
        notifications: notificationService,
      },
      async init({
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        logger,
        config,
        database,
        scheduler,
        auth,
        lifecycle,
        catalog,
        notifications,
        metrics,
      }) {
        // Module checks first: exemptions in config may name them.
        const registry = CheckRegistry.builtIn().with(addedChecks);
        // Fails startup with the offending key named, rather than the first sweep.
        const readinessConfig = readReadinessConfig(config);
        const sources: Sources = { ...createSources(config, readinessConfig, logger), extra: addedSources };
        // Watches keep connections to every cluster open between sweeps; close them on shutdown.
        lifecycle.addShutdownHook(() => sources.kubernetes?.stop?.());
        const store = await DatabaseReadinessStore.create({ database });
        const summary = new SummaryService(store);
        if (readinessConfig.sources.kubernetes.perClusterTasks && sources.kubernetes) {
          await scheduleClusterCollections({
            scheduler,
            schedule: readinessConfig.schedule,
            clusters: sources.clusters,
            collector: sources.kubernetes,
            store,
            logger,
          });
          sources.stored = {
            load: names => store.loadClusterSnapshots(names),
            maxAgeMs: maxCollectionAgeMs(readinessConfig.schedule.frequency),
          };
        }
        const runner = new SweepRunner({
          catalog,
          auth,
          logger,
          store,
          collector: new FactsCollector(sources, logger),
          config: readinessConfig,
          registry,
          observers: [
            summaryPrimer(summary, logger),
            new ReadinessMetrics({ metrics, summary, logger }),
            new ReadinessNotifier({
              config: readinessConfig.notifications,
              notifications,
              state: new NotificationStateStore(await database.getClient()),
              catalog,
              auth,
              logger,
              certFailDays: readinessConfig.thresholds.certFailDays,
            }),
          ],
        });

        permissionsRegistry.addPermissions(readinessPermissions);

        await scheduleSweep({
          scheduler,
          schedule: readinessConfig.schedule,
          run: signal => runner.run(signal),
          store,
          logger,
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            catalog,
            store,
            summary,
            runner,
            refreshLimiter: new RefreshLimiter(readinessConfig.refresh.minIntervalSeconds * 1000),
            sweepEvery: describeFrequency(readinessConfig.schedule.frequency),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        logger.info(
          `readiness: ${sources.clusters.length} live cluster(s)${
            sources.manifests ? ', a manifests directory' : ''
          }${sources.vault ? ', Vault' : ''}${sources.tls ? ', TLS probes' : ''}${
            sources.prometheus ? ', Prometheus' : ''
          }; sweeping every ${describeFrequency(readinessConfig.schedule.frequency)}`,
        );
      },
    });
  },
});
