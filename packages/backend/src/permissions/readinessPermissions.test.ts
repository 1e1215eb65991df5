import { createBackendModule, SchedulerServiceTaskFunction } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import { resolve } from 'path';
import request from 'supertest';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import readinessPlugin from '@254carbon/plugin-readiness-backend';
import { realAuthFeatures, REAL_AUTH_CONFIG, signIn } from '../__testUtils__/realAuth';
import { ReadinessExamplePolicy } from './ReadinessExamplePolicy';

jest.setTimeout(120_000);

const fixtures = resolve(__dirname, '../../../../plugins/readiness-backend/src/__fixtures__');

const component = (name: string, owner: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner },
});

const ENTITIES = [
  component('doris', 'group:default/data', {
    'backstage.io/kubernetes-id': 'doris',
    'backstage.io/kubernetes-namespace': 'data',
  }),
  component('portal', 'group:default/web', { 'backstage.io/kubernetes-id': 'portal' }),
];

/** Who belongs to which group: what the auth backend's sign-in resolver puts in the token. */
const OWNERSHIP: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/data'],
  'user:default/bob': ['user:default/bob', 'group:default/web'],
  'user:default/pat': ['user:default/pat', 'group:default/platform-team'],
};
const SERVICE_TOKEN = 'reporting-job-static-token-0123456789';

/** The same policy in an organisation whose catalog shows each user only what their teams own. */
class OwnersOnlyCatalogPolicy extends ReadinessExamplePolicy {
  protected catalogRead(user?: PolicyQueryUser): PolicyDecision {
    return createCatalogConditionalDecision(
      catalogEntityReadPermission,
      catalogConditions.isEntityOwner({ claims: user?.info.ownershipEntityRefs ?? [] }),
    );
  }
}

/**
 * The real catalog, the real permission backend with the policy under test, the real
 * permissions and permissions-registry services, and the readiness plugin, in one backend.
 */
async function start(policy: ReadinessExamplePolicy) {
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
              deps.policy.setPolicy(policy);
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
                    entities: ENTITIES.map(entity => ({
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
      ...realAuthFeatures(OWNERSHIP),
      mockServices.scheduler.mock({
        scheduleTask: jest.fn(async task => {
          tasks.set(task.id, task.fn as SchedulerServiceTaskFunction);
        }),
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          ...REAL_AUTH_CONFIG,
          backend: {
            auth: { externalAccess: [{ type: 'static', options: { token: SERVICE_TOKEN, subject: 'reporting-job' } }] },
          },
          permission: { enabled: true },
          catalog: { processingInterval: { seconds: 1 } },
          readiness: {
            sources: { manifests: { directory: resolve(fixtures, 'manifests') } },
            refresh: { minIntervalSeconds: 1 },
          },
        },
      }),
    ],
  });

  const tokens: Record<string, string> = {};
  for (const user of ['alice', 'bob', 'pat']) tokens[user] = await signIn(server, user);
  const as = (user: string) => tokens[user];
  // Wait until the catalog has processed both entities (as the platform team, who sees all).
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await request(server).get('/api/catalog/entities?filter=kind=component').set('Authorization', as('pat'));
    if (res.status === 200 && res.body.length === ENTITIES.length) break;
    if (Date.now() > deadline) throw new Error(`the catalog did not deliver the entities: ${res.status} ${res.text}`);
    await new Promise(r => setTimeout(r, 250));
  }
  const sweep = tasks.get('readiness-sweep');
  if (!sweep) throw new Error('readiness scheduled no sweep');
  await sweep(new AbortController().signal);
  return { server, as };
}

type Started = Awaited<ReturnType<typeof start>>;
const refsOf = (body: { items: { entityRef: string }[] }) => body.items.map(i => i.entityRef);

describe('readiness permissions with the real permission framework and catalog', () => {
  describe('the example policy (everyone sees the whole catalog)', () => {
    let server: Started['server'];
    let as: Started['as'];
    beforeAll(async () => {
      ({ server, as } = await start(new ReadinessExamplePolicy({ platformTeam: ['group:default/platform-team'] })));
    });

    it('lets everyone read every entity the catalog shows them, and the platform checks', async () => {
      for (const user of ['alice', 'bob', 'pat']) {
        for (const name of ['doris', 'portal']) {
          const res = await request(server).get(`/api/readiness/entities/default/component/${name}`).set('Authorization', as(user));
          expect([user, name, res.status]).toEqual([user, name, 200]);
        }
        const summary = await request(server).get('/api/readiness/summary').set('Authorization', as(user)).expect(200);
        expect(refsOf(summary.body).sort()).toEqual(['component:default/doris', 'component:default/portal']);
        await request(server).get('/api/readiness/platform').set('Authorization', as(user)).expect(200);
      }
    });

    it('lets owners refresh only their own entities, and the platform team any', async () => {
      await request(server).post('/api/readiness/entities/default/component/doris/refresh').set('Authorization', as('alice')).expect(200);
      const denied = await request(server)
        .post('/api/readiness/entities/default/component/portal/refresh')
        .set('Authorization', as('alice'));
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe('Not allowed: readiness.refresh is required for component:default/portal');
      await request(server).post('/api/readiness/entities/default/component/portal/refresh').set('Authorization', as('pat')).expect(200);
    });
  });

  describe('a catalog that shows users only what their teams own', () => {
    let server: Started['server'];
    let as: Started['as'];
    beforeAll(async () => {
      ({ server, as } = await start(new OwnersOnlyCatalogPolicy({ platformTeam: ['group:default/platform-team'] })));
    });

    it('the catalog itself hides portal from alice (the rule readiness reuses)', async () => {
      const res = await request(server).get('/api/catalog/entities?filter=kind=component').set('Authorization', as('alice')).expect(200);
      expect(res.body.map((e: Entity) => e.metadata.name)).toEqual(['doris']);
    });

    it('answers 403 for the entity routes of an entity the caller may not read', async () => {
      await request(server).get('/api/readiness/entities/default/component/doris').set('Authorization', as('alice')).expect(200);
      for (const path of ['', '/history']) {
        const res = await request(server).get(`/api/readiness/entities/default/component/portal${path}`).set('Authorization', as('alice'));
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe('Not allowed: readiness.read is required for component:default/portal');
      }
    });

    it('scopes /summary rows, totals, facets and aggregates (the CSV source) to readable entities', async () => {
      const alice = await request(server).get('/api/readiness/summary').set('Authorization', as('alice')).expect(200);
      expect(refsOf(alice.body)).toEqual(['component:default/doris']);
      expect(alice.body.totalCount).toBe(1);
      expect(alice.body.facets.owners).toEqual(['group:default/data']);
      expect(alice.body.aggregate.byOwner.map((o: { owner: string }) => o.owner)).toEqual(['group:default/data']);
      const checkCounts = Object.values(alice.body.aggregate.byCheck['INF-WORKLOAD'] as Record<string, number>);
      expect(checkCounts.reduce((a, b) => a + b, 0)).toBe(1);
      // A filter naming a hidden owner finds nothing rather than revealing it.
      const probe = await request(server)
        .get('/api/readiness/summary?owner=group:default/web')
        .set('Authorization', as('alice'))
        .expect(200);
      expect(probe.body).toMatchObject({ totalCount: 0, items: [] });

      const bob = await request(server).get('/api/readiness/summary').set('Authorization', as('bob')).expect(200);
      expect(refsOf(bob.body)).toEqual(['component:default/portal']);
      const pat = await request(server).get('/api/readiness/summary').set('Authorization', as('pat')).expect(200);
      expect(pat.body.totalCount).toBe(2);
    });

    it('lets a backend service (service token) read everything', async () => {
      const res = await request(server)
        .get('/api/readiness/summary')
        .set('Authorization', `Bearer ${SERVICE_TOKEN}`)
        .expect(200);
      expect(res.body.totalCount).toBe(2);
    });
  });
});
