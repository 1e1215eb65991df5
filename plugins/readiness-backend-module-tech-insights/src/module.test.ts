import fs from 'node:fs';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import {
  FactRetriever,
  FactRetrieverContext,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The test backend hosts the real readiness plugin whose API the module reads; the module itself
// only talks to it over HTTP.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import readinessPlugin from '@254carbon/plugin-readiness-backend';
import {
  getCheck,
  LAYERS,
  PHASES,
  ServiceReadiness,
} from '@254carbon/plugin-readiness-common';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { techInsightsModuleReadiness } from './module';
import { READINESS_FACT_RETRIEVER_ID, readinessFactNames, SCHEMA_CHECKS } from './schema';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const at = (p: string) => path.join(ROOT, p);
const demoComponents = () =>
  parseAllDocuments(fs.readFileSync(at('examples/254carbon/components.yaml'), 'utf8'))
    .map(d => d.toJS())
    .filter(e => e?.kind === 'Component');
const demoReadinessConfig = () =>
  parseAllDocuments(fs.readFileSync(at('app-config.yaml'), 'utf8'))[0].toJS().readiness;

/**
 * What the community tech-insights backend does with the retrievers its extension point
 * receives, minus storage and scheduling: it keeps them by key and runs a retriever's handler
 * with its plugin-scoped config, discovery, logger, auth and urlReader. (The community backend
 * itself cannot be installed on this release line; see the README.)
 */
function techInsightsHost() {
  const retrievers: Record<string, FactRetriever> = {};
  let context: Omit<FactRetrieverContext, 'entityFilter'> | undefined;
  const plugin = createBackendPlugin({
    pluginId: 'tech-insights',
    register(env) {
      env.registerExtensionPoint(techInsightsFactRetrieversExtensionPoint, {
        addFactRetrievers(added) {
          Object.assign(retrievers, added);
        },
      });
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          discovery: coreServices.discovery,
          logger: coreServices.logger,
          auth: coreServices.auth,
          urlReader: coreServices.urlReader,
        },
        async init(deps) {
          context = deps;
        },
      });
    },
  });
  const run = async (id: string, logger = context!.logger) =>
    retrievers[id].handler({ ...context!, logger, entityFilter: retrievers[id].entityFilter });
  return { plugin, retrievers, run };
}

async function startDemo(options: { withReadiness: boolean; vaultSnapshot?: string }) {
  const host = techInsightsHost();
  let sweep: SchedulerServiceTaskFunction | undefined;
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: jest.fn(async task => {
      if (task.id === 'readiness-sweep') sweep = task.fn as SchedulerServiceTaskFunction;
    }),
  });
  const demo = demoReadinessConfig();
  const { server } = await startTestBackend({
    features: [
      ...(options.withReadiness ? [readinessPlugin] : []),
      host.plugin,
      techInsightsModuleReadiness,
      mockServices.rootConfig.factory({
        data: {
          readiness: {
            sources: {
              manifests: { directory: at('demo/platform') },
              vault: { snapshotFile: options.vaultSnapshot ?? at('demo/vault-snapshot.json') },
            },
            thresholds: demo.thresholds,
            platform: demo.platform,
          },
        },
      }),
      scheduler.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalogServiceMock({ entities: demoComponents() }),
      }),
    ],
  });
  if (options.withReadiness) await sweep!(new AbortController().signal);
  return { server, host };
}

const readinessApi = async (server: any, entityRef: string): Promise<ServiceReadiness> => {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  const res = await request(server)
    .get(`/api/readiness/entities/${namespace}/${kind}/${name}`)
    .set('Authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  return res.body;
};

describe('tech-insights module readiness', () => {
  it('adds the readiness retriever through the Tech Insights extension point, with a versioned schema', async () => {
    const { host } = await startDemo({ withReadiness: false });
    const retriever = host.retrievers[READINESS_FACT_RETRIEVER_ID];
    expect(retriever.id).toBe(READINESS_FACT_RETRIEVER_ID);
    expect(retriever.version).toMatch(/^\d+\.\d+\.\d+$/);
    const names = Object.keys(retriever.schema);
    // One status fact per built-in service check, a score overall and per layer, a gate per phase.
    for (const check of SCHEMA_CHECKS) {
      expect(retriever.schema[`check:${check.id}`]).toMatchObject({ type: 'string' });
    }
    for (const layer of LAYERS) expect(retriever.schema[`${layer}Score`].type).toBe('float');
    for (const phase of PHASES) expect(retriever.schema[`phase${phase}Complete`].type).toBe('boolean');
    expect(names).toHaveLength(SCHEMA_CHECKS.length + 1 + LAYERS.length + PHASES.length + 2);
    // Every fact says from which schema version on it exists.
    expect(Object.values(retriever.schema).every(f => /^\d+\.\d+\.\d+$/.test(f.since ?? ''))).toBe(true);
  });

  /** Runs the retriever on the demo and compares each entity's facts with GET /entities/... */
  async function factsAgainstApi(vaultSnapshot?: string) {
    const { server, host } = await startDemo({ withReadiness: true, vaultSnapshot });
    const logger = mockServices.logger.mock();
    const facts = await host.run(READINESS_FACT_RETRIEVER_ID, logger);

    const demoRefs = demoComponents().map(e => `component:default/${e.metadata.name}`).sort();
    expect(facts.map(f => `${f.entity.kind}:${f.entity.namespace}/${f.entity.name}`.toLowerCase()).sort()).toEqual(demoRefs);

    const unknown: string[] = [];
    for (const fact of facts) {
      const ref = `${fact.entity.kind}:${fact.entity.namespace}/${fact.entity.name}`;
      const api = await readinessApi(server, ref);
      const expected: Record<string, unknown> = { measuredAt: api.measuredAt, stale: api.stale };
      if (api.overall.percent !== null) expected.overallScore = api.overall.percent;
      for (const layer of LAYERS) {
        if (api.layers[layer].percent !== null) expected[`${layer}Score`] = api.layers[layer].percent;
      }
      for (const phase of PHASES) expected[`phase${phase}Complete`] = api.phases[phase].complete;
      for (const check of api.checks) {
        if (check.status !== 'unknown') expected[`check:${check.checkId}`] = check.status;
        else unknown.push(`${ref} check:${check.checkId}: unknown (${check.error?.source}: ${check.error?.message})`);
      }
      expect(fact.facts).toEqual(expected);
    }
    const infoLines = logger.info.mock.calls.map(([message]) => String(message));
    expect(infoLines).toContain(
      `Readiness facts for ${demoRefs.length} of ${demoRefs.length} measured entities (schema 1.0.0); ${new Set(unknown.map(u => u.split(' ')[0])).size} with absent facts, 0 unreadable`,
    );
    return { unknown, infoLines };
  }

  it("publishes, for every measured demo service, exactly the readiness API's scores, gates and statuses", async () => {
    const { unknown } = await factsAgainstApi();
    // The demo measures every check of every service.
    expect(unknown).toEqual([]);
  });

  it('leaves unknown checks out and logs why: the Vault checks without a readable Vault snapshot', async () => {
    const { unknown, infoLines } = await factsAgainstApi(at('demo/no-such-vault-snapshot.json'));
    expect(unknown.length).toBeGreaterThan(0);
    // Exactly the checks that read Vault, each with the Vault source's reason.
    for (const line of unknown) {
      const [, checkId, source] = line.match(/ check:([A-Z0-9-]+): unknown \((\w+): /)!;
      expect(getCheck(checkId)?.sources).toContain('vault');
      expect(source).toBe('vault');
    }
    // Each absent fact is named in the log with readiness' own reason.
    const absent = infoLines.filter(m => m.startsWith('Readiness facts absent for ')).join('\n');
    for (const line of unknown) {
      const [ref, ...rest] = line.split(' ');
      expect(absent).toContain(`Readiness facts absent for ${ref}: `);
      expect(absent).toContain(rest.join(' '));
    }
  });

  it('publishes nothing, by failing the run, when the readiness API cannot be read', async () => {
    const { host } = await startDemo({ withReadiness: false });
    await expect(host.run(READINESS_FACT_RETRIEVER_ID)).rejects.toThrow(/404/);
  });
});

// Fact names used by the assertions above are the public constants.
test('fact names', () => {
  expect(readinessFactNames.checkStatus('SEC-RBAC')).toBe('check:SEC-RBAC');
  expect(readinessFactNames.layerScore('security')).toBe('securityScore');
  expect(readinessFactNames.phaseComplete('P2')).toBe('phaseP2Complete');
});
