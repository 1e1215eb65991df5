import type { Entity } from '@backstage/catalog-model';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startScopedBackend } from '../__testUtils__/scopedBackend';
import { ReadinessExamplePolicy } from './ReadinessExamplePolicy';

// The catalog processes a thousand entities first.
jest.setTimeout(600_000);

const N = 1000;
const TEAMS = 20;
const entities: Entity[] = Array.from({ length: N }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `svc-${String(i).padStart(4, '0')}`,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': `svc-${i}` },
  },
  spec: { type: 'service', lifecycle: 'production', owner: `group:default/team-${i % TEAMS}` },
}));

/** Owners-only catalog visibility, counting how often the permission backend asks the policy. */
class CountingPolicy extends ReadinessExamplePolicy {
  decisions = 0;
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    this.decisions += 1;
    return super.handle(request, user);
  }
  protected catalogRead(user?: PolicyQueryUser): PolicyDecision {
    return createCatalogConditionalDecision(
      catalogEntityReadPermission,
      catalogConditions.isEntityOwner({ claims: user?.info.ownershipEntityRefs ?? [] }),
    );
  }
}

/** `count` GETs from `clients` concurrent keep-alive clients; sorted latencies in ms. */
async function load(url: string, authorization: string, count: number, clients: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let issued = 0;
  const one = () =>
    new Promise<void>((done, fail) => {
      const started = performance.now();
      http
        .get(url, { agent, headers: { authorization } }, res => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) fail(new Error(`status ${res.statusCode}`));
            latencies.push(performance.now() - started);
            done();
          });
        })
        .on('error', fail);
    });
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < count) {
        issued += 1;
        await one();
      }
    }),
  );
  agent.destroy();
  return latencies.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

describe(`/summary scoped by a conditional policy over ${N} services (real permission backend and catalog)`, () => {
  it('asks the policy per entity once per caller and interval, not per request, and stays fast', async () => {
    const policy = new CountingPolicy({ platformTeam: ['group:default/platform-team'] });
    const { server, as } = await startScopedBackend({
      policy,
      entities,
      ownership: { 'user:default/alice': ['user:default/alice', 'group:default/team-3'] },
      users: ['alice'],
      serviceToken: 'scale-test-static-token-0123456789',
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/api/readiness/summary`;

    policy.decisions = 0;
    const cold = await load(url, as('alice'), 1, 1);
    // One conditional query, then every measured entity once (in batches of 200).
    expect(policy.decisions).toBe(1 + N);
    const first = await new Promise<any>(done =>
      http.get(url, { headers: { authorization: as('alice') } }, res => {
        let text = '';
        res.on('data', c => (text += c));
        res.on('end', () => done(JSON.parse(text)));
      }),
    );
    expect(first.totalCount).toBe(N / TEAMS);
    expect(first.facets.owners).toEqual(['group:default/team-3']);

    policy.decisions = 0;
    const warm = await load(url, as('alice'), 400, 20);
    expect(policy.decisions).toBe(0);
    // eslint-disable-next-line no-console
    console.log(
      `scoped /summary, ${N} services, 20 clients: cold ${cold[0].toFixed(0)} ms; warm p50 ${percentile(warm, 50).toFixed(1)} ms, p99 ${percentile(warm, 99).toFixed(1)} ms`,
    );
    // Generous: a shared 2-core machine; the bench measures the real figure.
    expect(percentile(warm, 50)).toBeLessThan(250);
  });
});
