import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { resolve } from 'path';
import { readReadinessConfig } from '../config';
import { ManifestsSource } from '../sources/manifests';
import { DatabaseReadinessStore } from '../store/DatabaseReadinessStore';
import { FactsCollector } from './FactsCollector';
import type { StoredResults, SweepObserver } from './SweepObserver';
import { SweepRunner } from './SweepRunner';

jest.setTimeout(60_000);

const doris: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'doris', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'doris' } },
  // Short refs, as written in catalog-info.yaml; stored in full.
  spec: { type: 'service', lifecycle: 'production', owner: 'data', system: 'analytics' },
};

const collectorOf = (runner: SweepRunner) => (runner as any).options.collector as FactsCollector;

describe('SweepRunner', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(observers: SweepObserver[] = []) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseReadinessStore.create({ database: mockServices.database({ knex }) });
    const logger = mockServices.logger.mock();
    const config = readReadinessConfig(mockServices.rootConfig({ data: {} }));
    const collector = new FactsCollector(
      { clusters: [], manifests: new ManifestsSource(resolve(__dirname, '../__fixtures__/manifests')) },
      logger,
    );
    const collect = jest.spyOn(collector, 'collect');
    const runner = new SweepRunner({
      catalog: catalogServiceMock({ entities: [doris] }),
      auth: mockServices.auth(),
      logger,
      store,
      collector,
      config,
      observers,
    });
    return { store, runner, collect, logger };
  }

  it('stores the catalog facts the summary filters on and logs the sweep figures', async () => {
    const { store, runner, logger } = await setup();
    const info = await runner.run();
    expect(info).toMatchObject({ status: 'succeeded', services: 1, sourceErrors: [] });
    const { entries } = await store.getSummaryEntries();
    expect(entries[0].row).toMatchObject({
      entityRef: 'component:default/doris',
      owner: 'group:default/data',
      system: 'system:default/analytics',
      lifecycle: 'production',
      namespace: 'data',
    });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^readiness sweep: 1 services, 1 clusters, 0 Kubernetes API calls, 0 source errors, 0 history rows pruned, \d+ ms$/),
    );
  });

  it('does not store a sweep that overran its timeout, and marks the old results stale', async () => {
    const { store, runner } = await setup();
    await runner.run();
    const controller = new AbortController();
    controller.abort();
    const info = await runner.run(controller.signal);
    expect(info).toMatchObject({
      status: 'failed',
      error: 'the sweep exceeded readiness.schedule.timeout while collecting',
    });
    expect(await store.getLatest('component:default/doris')).toMatchObject({
      stale: true,
      staleReason: expect.stringContaining('exceeded readiness.schedule.timeout'),
    });
  });

  it("re-reads the service's own objects on every refresh, in its namespaces and clusters", async () => {
    const { runner, collect } = await setup();
    // Before any sweep: nothing is known about the service, so everything is read.
    await runner.refreshEntity('component:default/doris');
    expect(collect).toHaveBeenLastCalledWith([expect.objectContaining({ name: 'doris' })], undefined);
    await runner.run();
    collect.mockClear();
    await runner.refreshEntity('component:default/doris');
    await runner.refreshEntity('component:default/doris');
    // No reuse of earlier facts: each refresh reads again, narrowed to where doris was found.
    expect(collect).toHaveBeenCalledTimes(2);
    expect(collect).toHaveBeenLastCalledWith([expect.objectContaining({ name: 'doris' })], {
      clusters: ['test-cluster'],
      namespaces: ['data'],
    });
  });

  it('never lets a full sweep overwrite a newer on-demand refresh', async () => {
    const { store, runner, collect } = await setup();
    await runner.run();
    // A sweep whose facts were read before a refresh stored its result.
    let release!: () => void;
    const gate = new Promise<void>(done => (release = done));
    const original = collect.getMockImplementation();
    collect.mockImplementationOnce(async (...args) => {
      const collected = await FactsCollector.prototype.collect.apply(collectorOf(runner), args as any);
      await gate;
      return collected;
    });
    const sweep = runner.run();
    await new Promise(r => setTimeout(r, 50));
    const refreshed = await runner.refreshEntity('component:default/doris');
    release();
    await sweep;
    if (original) collect.mockImplementation(original);
    expect((await store.getLatest('component:default/doris'))?.measuredAt).toBe(refreshed.measuredAt);
  });

  it('tells observers what was stored and what the sweep cost, after the store committed', async () => {
    const seen: string[] = [];
    let storeHeld: string | undefined;
    // What the store holds while the observer runs (bound once the store exists).
    const probe: { read?: () => Promise<string | undefined> } = {};
    const observer: SweepObserver = {
      name: 'recorder',
      async onResults(results) {
        seen.push(`${results.origin}:${results.services.map(s => s.entityRef).join(',')}:${results.platform ? 'platform' : 'no-platform'}`);
        storeHeld = await probe.read?.();
        expect(results.services[0].meta.owner).toBe('group:default/data');
      },
      onSweepFinished(stats) {
        seen.push(`finished:${stats.info.status}:${stats.info.services}:${stats.kubernetesCalls}`);
        expect(stats.durationMs).toBeGreaterThanOrEqual(0);
      },
    };
    const { store, runner } = await setup([observer]);
    probe.read = async () => (await store.getLatest('component:default/doris'))?.measuredAt;
    await runner.run();
    const refreshed = await runner.refreshEntity('component:default/doris');
    expect(seen).toEqual([
      'sweep:component:default/doris:platform',
      'finished:succeeded:1:0',
      'refresh:component:default/doris:no-platform',
    ]);
    expect(storeHeld).toBe(refreshed.measuredAt);
  });

  it('logs an observer that throws and still finishes the sweep', async () => {
    const failing: SweepObserver = {
      name: 'broken',
      onResults() {
        throw new Error('exporter down');
      },
    };
    const { runner, logger } = await setup([failing]);
    expect(await runner.run()).toMatchObject({ status: 'succeeded', services: 1 });
    expect(logger.warn).toHaveBeenCalledWith(
      'readiness: observer broken failed on sweep results: exporter down',
    );
  });

  it('hands observers every check of a sweep, with evidence only on failing ones, and all of it on a refresh', async () => {
    const got: StoredResults[] = [];
    const { runner, store } = await setup([{ name: 'recorder', onResults: r => void got.push(r) }]);
    await runner.run();
    const refreshed = await runner.refreshEntity('component:default/doris');
    const stored = (await store.getLatest('component:default/doris'))!;
    const [sweep, refresh] = got;
    // Every check, with its status, exemption and blocking platform check, as stored.
    expect(sweep.services[0].checks.map(c => [c.checkId, c.status, c.blockedBy])).toEqual(
      stored.checks.map(c => [c.checkId, c.status, c.blockedBy]),
    );
    const failing = sweep.services[0].checks.filter(c => c.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    expect(failing).toEqual(stored.checks.filter(c => c.status === 'fail'));
    expect(sweep.services[0].checks.filter(c => c.status !== 'fail').every(c => c.evidence.length === 0)).toBe(true);
    expect(refresh.services[0].checks).toEqual(refreshed.checks);
  });

  it('stores a sweep exactly as the engine evaluated it, and a steady sweep rewrites no payload', async () => {
    const { runner, store } = await setup();
    const refreshed = await runner.refreshEntity('component:default/doris');
    await runner.run();
    const swept = (await store.getLatest('component:default/doris'))!;
    // The same facts: the same result, measured later.
    expect({ ...swept, measuredAt: undefined }).toEqual({ ...refreshed, measuredAt: undefined });
    const save = jest.spyOn(store, 'savePrepared');
    await runner.run();
    const services = save.mock.calls[0][0].services;
    expect(services.map(s => [s.entityRef, s.payload])).toEqual([['component:default/doris', undefined]]);
    expect((await store.getLatest('component:default/doris'))!.measuredAt).not.toBe(swept.measuredAt);
  });
});
