import { mkdtempSync, mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory, SchedulerServiceTaskFunction } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import readinessPlugin from '@254carbon/plugin-readiness-backend';
import request from 'supertest';
import { readinessModuleCostCenter } from './module';

jest.setTimeout(60_000);

const deployment = (name: string, labels: Record<string, string>) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: data
  labels: ${JSON.stringify({ 'backstage.io/kubernetes-id': name, ...labels })}
spec:
  replicas: 2
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name}, backstage.io/kubernetes-id: ${name} } }
    spec: { containers: [{ name: app, image: harbor.254carbon.com/data/${name}:1.0.0 }] }
status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 }
`;

const component = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': name, 'backstage.io/kubernetes-namespace': 'data' } },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/data' },
});

async function start(withModule: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-cost-center-'));
  mkdirSync(join(dir, 'prod'));
  writeFileSync(
    join(dir, 'prod', 'apps.yaml'),
    [deployment('billing', { '254carbon.io/cost-center': 'finance' }), deployment('search', {})].join('---\n'),
  );
  let sweep: SchedulerServiceTaskFunction | undefined;
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: jest.fn(async task => {
      sweep = task.fn as SchedulerServiceTaskFunction;
    }),
  });
  const catalog = catalogServiceMock({ entities: [component('billing'), component('search')] });
  const { server } = await startTestBackend({
    features: [
      readinessPlugin,
      ...(withModule ? [readinessModuleCostCenter] : []),
      mockServices.rootConfig.factory({ data: { readiness: { sources: { manifests: { directory: dir } } } } }),
      scheduler.factory,
      createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => catalog }),
    ],
  });
  await sweep!(new AbortController().signal);
  return server;
}

const user = mockCredentials.user.header();
const get = (server: any, path: string) => request(server).get(`/api/readiness${path}`).set('Authorization', user);

describe('readiness module cost-center (an organisation check through the extension point)', () => {
  it('adds its check to the catalog served by /checks', async () => {
    const server = await start(true);
    const res = await get(server, '/checks');
    expect(res.status).toBe(200);
    expect(res.body.checks.find((c: any) => c.id === 'ORG-COST-CENTER')).toMatchObject({
      scope: 'service',
      layer: 'operations',
      phase: 'P4',
      severity: 'medium',
    });
  });

  it("judges every service with it and scores it like a built-in check", async () => {
    const [withIt, without] = [await start(true), await start(false)];
    const billing = (await get(withIt, '/entities/default/component/billing')).body;
    const search = (await get(withIt, '/entities/default/component/search')).body;
    const plain = (await get(without, '/entities/default/component/search')).body;
    expect(billing.checks.find((c: any) => c.checkId === 'ORG-COST-CENTER')).toMatchObject({
      status: 'pass',
      evidence: ['Deployment data/billing: 254carbon.io/cost-center=finance'],
    });
    const failing = search.checks.find((c: any) => c.checkId === 'ORG-COST-CENTER');
    expect(failing).toMatchObject({ status: 'fail', evidence: ['Deployment data/search: no 254carbon.io/cost-center label'] });
    expect(failing.remediation).toContain('254carbon.io/cost-center');
    // One more medium check in the denominator of the service and of the Operations layer.
    expect(search.overall.scored).toBe(plain.overall.scored + 1);
    expect(search.layers.operations.scored).toBe(plain.layers.operations.scored + 1);
    expect(search.overall.counts.fail).toBe(plain.overall.counts.fail + 1);
    // And /summary can filter on it.
    const summary = (await get(withIt, '/summary?check=ORG-COST-CENTER')).body;
    expect(summary.items.map((r: any) => r.entityRef)).toEqual(['component:default/search']);
  });
});
