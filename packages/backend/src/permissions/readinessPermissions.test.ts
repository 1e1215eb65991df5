import type { Entity } from '@backstage/catalog-model';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { startScopedBackend } from '../__testUtils__/scopedBackend';
import { ReadinessExamplePolicy } from './ReadinessExamplePolicy';

jest.setTimeout(120_000);

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

const start = (policy: ReadinessExamplePolicy) =>
  startScopedBackend({ policy, entities: ENTITIES, ownership: OWNERSHIP, users: ['alice', 'bob', 'pat'], serviceToken: SERVICE_TOKEN });

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
