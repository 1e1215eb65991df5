import { CHECKS, getCheck } from '@254carbon/plugin-readiness-common';
import { snapshotFromObjects } from '../loader';
import { ALL_CRDS, NOW, deployment, serviceTarget } from '../testing/builders';
import { failed, ok } from '../facts';
import { evaluateSweep } from './evaluate';
import { BUILT_IN_CHECKS, CheckRegistry, defineServiceCheck } from './registry';
import { DEFAULT_PLATFORM, DEFAULT_THRESHOLDS } from './settings';

const base = {
  title: 'Has a team label',
  description: 'Every workload names its team.',
  layer: 'operations' as const,
  phase: 'P4' as const,
  severity: 'medium' as const,
  sources: ['kubernetes' as const],
  criteria: { pass: 'labelled', warn: '-', fail: 'not labelled' },
  remediation: 'Add the team label.',
};

const teamLabel = defineServiceCheck({
  ...base,
  id: 'ORG-TEAM-LABEL',
  evaluate: ctx => {
    const read = ctx.selected('deployments');
    if (read.state !== 'ok') return { status: 'unknown', evidence: ['no deployments'] };
    const missing = read.value.filter(d => !d.metadata.labels?.team);
    return missing.length
      ? { status: 'fail', evidence: missing.map(d => `${d.metadata.name}: no team label`) }
      : { status: 'pass', evidence: ['every workload has a team label'] };
  },
});

const options = { platform: DEFAULT_PLATFORM, thresholds: DEFAULT_THRESHOLDS, now: NOW };
const cluster = (name: string, objects: unknown[]) =>
  snapshotFromObjects(name, objects, { fetchedAt: NOW.toISOString(), installedCrds: ALL_CRDS });

describe('CheckRegistry', () => {
  it('holds every built-in catalog check with its function', () => {
    expect(BUILT_IN_CHECKS.map(c => c.id)).toEqual(CHECKS.map(c => c.id));
    for (const check of BUILT_IN_CHECKS) expect([check.id, typeof check.evaluate]).toEqual([check.id, 'function']);
  });

  it('rejects a duplicate, a built-in id, a malformed id and a check without a function', () => {
    const registry = CheckRegistry.builtIn().with([teamLabel]);
    expect(() => registry.with([teamLabel])).toThrow('ORG-TEAM-LABEL is defined twice');
    expect(() => CheckRegistry.builtIn().with([{ ...teamLabel, id: 'HA-PDB' }])).toThrow('defined twice');
    expect(() => CheckRegistry.builtIn().with([{ ...teamLabel, id: 'org team' }])).toThrow(/upper-case words/);
    expect(() => CheckRegistry.builtIn().with([{ ...teamLabel, id: 'ORG-NOTHING', evaluate: undefined as any }])).toThrow(
      'ORG-NOTHING has no evaluate function',
    );
  });

  it('runs an added check per cluster, worst wins, and registers its definition for scoring', () => {
    const registry = CheckRegistry.builtIn().with([teamLabel]);
    expect(getCheck('ORG-TEAM-LABEL')).toMatchObject({ layer: 'operations', phase: 'P4' });
    const { services } = evaluateSweep(
      {
        clusters: [
          cluster('prod', [deployment('doris', { labels: { team: 'data' } })]),
          cluster('staging', [deployment('doris')]),
        ],
      },
      [serviceTarget()],
      { ...options, registry },
    );
    const result = services[0].checks.find(c => c.checkId === 'ORG-TEAM-LABEL')!;
    expect(result.status).toBe('fail');
    expect(result.clusters?.map(c => [c.cluster, c.status])).toEqual([
      ['prod', 'pass'],
      ['staging', 'fail'],
    ]);
    expect(result.evidence).toContain('cluster staging: doris: no team label');
    expect(result.remediation).toBe('Add the team label.');
    // Scored like a built-in medium Operations check.
    const without = evaluateSweep(
      { clusters: [cluster('prod', [deployment('doris', { labels: { team: 'data' } })]), cluster('staging', [deployment('doris')])] },
      [serviceTarget()],
      options,
    ).services[0];
    expect(services[0].layers.operations.scored).toBe(without.layers.operations.scored + 1);
  });

  it("gives a check its entity's facts from a module's source, and unknown when that source failed", () => {
    const owner = defineServiceCheck({
      ...base,
      id: 'ORG-CMDB-OWNER',
      sources: [],
      evaluate: ctx => {
        const read = ctx.extra('cmdb');
        if (!read) return { status: 'n/a', evidence: ['no CMDB source installed'] };
        if (read.state === 'error') return { status: 'unknown', evidence: [read.message], error: { source: 'kubernetes', message: read.message } };
        return read.state === 'ok' && read.value ? { status: 'pass', evidence: [`CMDB owner ${read.value}`] } : { status: 'fail', evidence: ['not in the CMDB'] };
      },
    });
    const registry = CheckRegistry.builtIn().with([owner]);
    const run = (extra?: any) =>
      evaluateSweep({ clusters: [cluster('prod', [deployment('doris')])], extra }, [serviceTarget()], { ...options, registry })
        .services[0].checks.find(c => c.checkId === 'ORG-CMDB-OWNER')!;
    expect(run().status).toBe('n/a');
    expect(run({ cmdb: ok({ 'component:default/doris': 'team-data' }) })).toMatchObject({ status: 'pass', evidence: ['CMDB owner team-data'] });
    expect(run({ cmdb: ok({}) }).status).toBe('fail');
    expect(run({ cmdb: failed('CMDB 503') }).status).toBe('unknown');
  });
});
