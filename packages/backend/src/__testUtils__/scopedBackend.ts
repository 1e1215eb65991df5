import { createBackendModule, SchedulerServiceTaskFunction } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import type { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import readinessPlugin from '@254carbon/plugin-readiness-backend';
import type { Server } from 'node:http';
import { resolve } from 'path';
import request from 'supertest';
import { realAuthFeatures, REAL_AUTH_CONFIG, signIn } from './realAuth';

const fixtures = resolve(__dirname, '../../../../plugins/readiness-backend/src/__fixtures__');

export interface ScopedBackendOptions {
  policy: PermissionPolicy;
  entities: Entity[];
  /** User ref → ownership claims, as a sign-in resolver would issue them. */
  ownership: Record<string, string[]>;
  /** Users to sign in (names under user:default/). */
  users: string[];
  /** A static token for backend.auth.externalAccess. */
  serviceToken: string;
}

/**
 * The real catalog (fed by an entity provider), the real permission backend with the policy under
 * test, real auth with signed user tokens, and the readiness plugin, in one backend; returns once
 * the catalog holds every entity and a sweep has measured them.
 */
export async function startScopedBackend(
  options: ScopedBackendOptions,
): Promise<{ server: Server; as(user: string): string }> {
  const tasks = new Map<string, SchedulerServiceTaskFunction>();
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      permissionPlugin,
      readinessPlugin,
      createBackendModule({
        pluginId: 'permission',
        moduleId: 'policy-under-test',
        register(reg) {
          reg.registerInit({
            deps: { policy: policyExtensionPoint },
            async init(deps) {
              deps.policy.setPolicy(options.policy);
            },
          });
        },
      }),
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'test-entities',
        register(reg) {
          reg.registerInit({
            deps: { processing: catalogProcessingExtensionPoint },
            async init({ processing }) {
              processing.addEntityProvider({
                getProviderName: () => 'test-entities',
                connect: async connection => {
                  await connection.applyMutation({
                    type: 'full',
                    entities: options.entities.map(entity => ({
                      entity: {
                        ...entity,
                        metadata: {
                          ...entity.metadata,
                          annotations: {
                            ...entity.metadata.annotations,
                            'backstage.io/managed-by-location': 'url:https://example.com/catalog-info.yaml',
                            'backstage.io/managed-by-origin-location': 'url:https://example.com/catalog-info.yaml',
                          },
                        },
                      },
                      locationKey: 'test-entities',
                    })),
                  });
                },
              });
            },
          });
        },
      }),
      ...realAuthFeatures(options.ownership),
      mockServices.scheduler.mock({
        scheduleTask: jest.fn(async task => {
          tasks.set(task.id, task.fn as SchedulerServiceTaskFunction);
        }),
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          ...REAL_AUTH_CONFIG,
          backend: {
            auth: {
              externalAccess: [{ type: 'static', options: { token: options.serviceToken, subject: 'reporting-job' } }],
            },
          },
          permission: { enabled: true },
          // Entities from a provider are processed at once; no re-processing during the tests.
          catalog: { processingInterval: { minutes: 10 } },
          readiness: {
            sources: { manifests: { directory: resolve(fixtures, 'manifests') } },
            refresh: { minIntervalSeconds: 1 },
          },
        },
      }),
    ],
  });

  const tokens: Record<string, string> = {};
  for (const user of options.users) tokens[user] = await signIn(server, user);
  const as = (user: string) => tokens[user];
  // Wait until the catalog has processed every entity (with the service token, which sees all).
  const components = options.entities.filter(e => e.kind === 'Component').length;
  const deadline = Date.now() + 240_000;
  for (;;) {
    const res = await request(server)
      .get('/api/catalog/entities/by-query?filter=kind=component&limit=1')
      .set('Authorization', `Bearer ${options.serviceToken}`);
    if (res.status === 200 && res.body.totalItems === components) break;
    if (Date.now() > deadline) throw new Error(`the catalog did not deliver the entities: ${res.status} ${res.text.slice(0, 300)}`);
    await new Promise(r => setTimeout(r, 500));
  }
  const sweep = tasks.get('readiness-sweep');
  if (!sweep) throw new Error('readiness scheduled no sweep');
  await sweep(new AbortController().signal);
  return { server, as };
}
