import {
  coreServices,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
  SchedulerService,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import readinessPlugin from '@254carbon/plugin-readiness-backend';
import type { KubeEnv } from '../kube/KubeRest';

/** Every line the backend logged, at any level, with its metadata: what a log shipper would see. */
export class CapturingLogger implements RootLoggerService {
  constructor(
    readonly lines: string[] = [],
    private readonly meta: Record<string, unknown> = {},
  ) {}

  private write(level: string, message: string, meta?: Error | Record<string, unknown>) {
    const extra = meta instanceof Error ? { error: `${meta.name}: ${meta.message}`, stack: meta.stack } : meta;
    this.lines.push(`${level} ${message} ${JSON.stringify({ ...this.meta, ...extra })}`);
  }

  error(message: string, meta?: Error | Record<string, unknown>) {
    this.write('error', message, meta);
  }
  warn(message: string, meta?: Error | Record<string, unknown>) {
    this.write('warn', message, meta);
  }
  info(message: string, meta?: Error | Record<string, unknown>) {
    this.write('info', message, meta);
  }
  debug(message: string, meta?: Error | Record<string, unknown>) {
    this.write('debug', message, meta);
  }
  child(meta: Record<string, unknown>): LoggerService {
    return new CapturingLogger(this.lines, { ...this.meta, ...meta });
  }
}

/** A kubernetes.clusterLocatorMethods entry for a real API server, the way app-config declares it. */
export function clusterConfig(name: string, env: KubeEnv, token = env.token) {
  return { name, url: env.url, authProvider: 'serviceAccount', serviceAccountToken: token, caData: Buffer.from(env.ca).toString('base64') };
}

export interface StartReadinessOptions {
  /** The `readiness` section of app-config. */
  readiness?: Record<string, unknown>;
  /** kubernetes.clusterLocatorMethods[0].clusters */
  clusters?: Record<string, unknown>[];
  entities: Entity[];
  /** A PostgreSQL connection string; without it the backend uses in-memory SQLite. */
  postgres?: string;
  /**
   * Database name prefix on PostgreSQL (the plugin's database is `<prefix>readiness`), so suites
   * sharing one server do not share tables unless they mean to (replicas do).
   */
  databasePrefix?: string;
  /** `capture`: sweeps run only through runSweep(); `real`: Backstage's own scheduler runs them. */
  scheduler?: 'capture' | 'real';
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** Extra app-config (merged at the top level). */
  config?: Record<string, unknown>;
  logger?: CapturingLogger;
  /** Methods replacing the catalog mock's (e.g. a streamEntities that fails, as a down catalog). */
  catalog?: Record<string, unknown>;
}

export interface RunningReadiness {
  /** http://127.0.0.1:<port>/api/readiness */
  baseUrl: string;
  server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  logger: CapturingLogger;
  /** Runs the scheduled sweep function once, as the scheduler would (capture mode only). */
  runSweep(): Promise<void>;
  stop(): Promise<void>;
}

/** A user's Authorization header accepted by the mock httpAuth service. */
export const userAuthorization = () => mockCredentials.user.header();

/**
 * Starts the real readiness backend plugin in-process (startTestBackend) against real sources:
 * the real plugin code, config, database and HTTP stack; only the catalog, auth and permission
 * services are Backstage's mocks.
 */
export async function startReadiness(options: StartReadinessOptions): Promise<RunningReadiness> {
  const logger = options.logger ?? new CapturingLogger();
  let sweep: SchedulerServiceTaskFunction | undefined;
  const capturingScheduler: SchedulerService = {
    async scheduleTask(task) {
      sweep = task.fn as SchedulerServiceTaskFunction;
    },
    createScheduledTaskRunner() {
      throw new Error('not used by the readiness plugin');
    },
    async triggerTask() {},
    async cancelTask() {},
    async getScheduledTasks() {
      return [];
    },
  };
  const config = {
    ...(options.postgres
      ? {
          backend: {
            database: {
              client: 'pg',
              connection: options.postgres,
              prefix: options.databasePrefix ?? 'backstage_plugin_',
            },
          },
        }
      : {}),
    ...(options.clusters
      ? { kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters: options.clusters }] } }
      : {}),
    readiness: options.readiness ?? {},
    ...options.config,
  };
  const mock = catalogServiceMock({ entities: options.entities });
  const overrides = options.catalog ?? {};
  // Methods run on the mock itself (it keeps private fields), except the overridden ones.
  const catalog = new Proxy(mock, {
    get: (target, prop) => {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop];
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const backend = await startTestBackend({
    features: [
      readinessPlugin,
      mockServices.rootConfig.factory({ data: config as JsonObject }),
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      mockServices.permissions.factory({ result: options.permission ?? AuthorizeResult.ALLOW }),
      createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => logger }),
      createServiceFactory({
        service: coreServices.logger,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => logger.child({ plugin: plugin.getId() }),
      }),
      options.scheduler === 'real'
        ? schedulerServiceFactory
        : createServiceFactory({ service: coreServices.scheduler, deps: {}, factory: () => capturingScheduler }),
      createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => catalog }),
    ],
  });
  const port = backend.server.port();
  return {
    baseUrl: `http://127.0.0.1:${port}/api/readiness`,
    server: backend.server,
    logger,
    async runSweep() {
      if (!sweep) throw new Error('the readiness plugin scheduled no sweep (scheduler: real?)');
      await sweep(new AbortController().signal);
    },
    stop: () => backend.stop(),
  };
}
