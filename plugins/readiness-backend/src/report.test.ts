import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
  PermissionsService,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  formatPercent,
  getCheck,
  LAYER_TITLES,
  LAYERS,
  PHASE_TITLES,
  PHASES,
  PlatformResponse,
  SummaryResponse,
} from '@254carbon/plugin-readiness-common';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import request from 'supertest';
import { readinessPlugin } from './plugin';

jest.setTimeout(60_000);

const fixtures = resolve(__dirname, '__fixtures__');

const component = (name: string, annotations: Record<string, string>, spec: object = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/data', ...spec },
});

const entities: Entity[] = [
  component(
    'doris',
    {
      'backstage.io/kubernetes-id': 'doris',
      'backstage.io/kubernetes-namespace': 'data',
      'vault.io/secrets-path': 'doris',
    },
    { system: 'analytics' },
  ),
  component('portal', { 'backstage.io/kubernetes-id': 'portal' }, { owner: 'group:default/web' }),
];

const config = {
  readiness: {
    sources: {
      manifests: { directory: resolve(fixtures, 'manifests') },
      vault: { snapshotFile: resolve(fixtures, 'vault-snapshot.json') },
    },
  },
};

/**
 * A permission service whose policy is conditional for readiness.read and allows only entities
 * whose ref is in `readable` (what a catalog ownership rule resolves to), like a team member.
 */
function scopedPermissions(readable: string[]): PermissionsService {
  return {
    authorizeConditional: async requests =>
      requests.map(() => ({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: { rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: [] } },
      })) as any,
    authorize: async requests =>
      requests.map(r => ({
        result:
          'resourceRef' in r && r.resourceRef && !readable.includes(r.resourceRef as string)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  };
}

async function start(
  permissions?: PermissionsService,
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  data: object = config,
) {
  let sweep: SchedulerServiceTaskFunction | undefined;
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: jest.fn(async task => {
      sweep = task.fn as SchedulerServiceTaskFunction;
    }),
  });
  const { server } = await startTestBackend({
    features: [
      readinessPlugin,
      mockServices.rootConfig.factory({ data }),
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      permissions
        ? createServiceFactory({ service: coreServices.permissions, deps: {}, factory: () => permissions })
        : mockServices.permissions.factory({ result }),
      scheduler.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalogServiceMock({ entities }),
      }),
    ],
  });
  await sweep!(new AbortController().signal);
  return Object.assign(server, { sweep: () => sweep!(new AbortController().signal) });
}

const user = mockCredentials.user.header();

/** The Quick status table's rows, as label → [readiness, services complete]. */
function quickStatus(markdown: string): Map<string, string[]> {
  const section = markdown.split('## Quick status')[1].split('###')[0];
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| Measure'))) {
    const [label, ...cells] = line.slice(2, -2).split(' | ').map(c => c.trim());
    rows.set(label, cells);
  }
  return rows;
}

describe('GET /api/readiness/report', () => {
  it('answers 401 without credentials and 403 when readiness.read is denied', async () => {
    expect((await request(await start()).get('/api/readiness/report')).status).toBe(401);
    const denied = await request(await start(undefined, AuthorizeResult.DENY))
      .get('/api/readiness/report')
      .set('Authorization', user);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('readiness.read');
  });

  it('serves Markdown as a download whose figures are /summary\'s and /platform\'s', async () => {
    const server = await start();
    const res = await request(server).get('/api/readiness/report?format=md').set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="readiness-status-\d{4}-\d{2}-\d{2}\.md"$/);

    const summary: SummaryResponse = (
      await request(server).get('/api/readiness/summary').set('Authorization', user)
    ).body;
    const platform: PlatformResponse = (
      await request(server).get('/api/readiness/platform').set('Authorization', user)
    ).body;
    const rows = quickStatus(res.text);
    for (const phase of PHASES) {
      const complete = summary.items.filter(i => i.phasesComplete.includes(phase)).length;
      expect(rows.get(`${phase}: ${PHASE_TITLES[phase]}`)).toEqual([
        formatPercent(summary.aggregate.phases[phase]),
        `${complete}/${summary.totalCount}`,
      ]);
    }
    for (const layer of LAYERS) {
      expect(rows.get(`${LAYER_TITLES[layer]} layer`)?.[0]).toBe(formatPercent(summary.aggregate.layers[layer]));
    }
    expect(rows.get('Overall (services and platform)')?.[0]).toBe(formatPercent(summary.aggregate.overall));
    // Every platform component with /platform's status.
    for (const check of platform.checks) {
      expect(res.text).toContain(`| ${check.checkId} | ${getCheck(check.checkId)!.title} | ${check.status} |`);
    }
    // Per-check breakdown: each matrix row's passing count is /summary's byCheck count (this
    // config grants no exemption, so passing is exactly the pass count).
    for (const [checkId, counts] of Object.entries(summary.aggregate.byCheck)) {
      const applicable = Object.values(counts).reduce((a, b) => a + b, 0) - counts['n/a'];
      if (!applicable) continue;
      const row = res.text.split('\n').find(l => l.startsWith(`| ${checkId} `) && l.split(' | ').length === 4);
      expect(row).toContain(` | ${getCheck(checkId)!.severity} | ${counts.pass}/${applicable} | `);
    }
    expect(res.text).toContain(`Generated `);
    expect(res.text).toMatch(/Every source was readable in the last sweep|Unreadable sources/);
  });

  it('serves a self-contained printable HTML page', async () => {
    const server = await start();
    const res = await request(server).get('/api/readiness/report?format=html').set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/^inline; /);
    expect(res.text).toMatch(/^<!doctype html>/);
    expect(res.text).toContain('@media print');
    expect(res.text).not.toMatch(/<script|<link|src=|href=/);
    expect(res.text).toContain('<h2>Risks and mitigations</h2>');
  });

  it('reports what changed since a date from the stored history', async () => {
    const server = await start();
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const res = await request(server)
      .get(`/api/readiness/report?since=${encodeURIComponent(since)}`)
      .set('Authorization', user);
    expect(res.status).toBe(200);
    // One sweep: every service's baseline is its current result.
    expect(res.text).toContain(`## What changed since ${since}`);
    expect(res.text).toContain('0 checks fixed and 0 regressions on services; platform: 0 fixed, 0 regressed.');
    expect(res.text).toContain('0 services improved, 0 regressed, 0 changed without moving either way, 2 unchanged, 0 without a point since then.');
  });

  it('names the checks fixed and regressed per service between two sweeps, from the stored history', async () => {
    // A copy of the fixture manifests that the test edits between the two sweeps.
    const dir = mkdtempSync(join(tmpdir(), 'readiness-report-'));
    cpSync(resolve(fixtures, 'manifests'), dir, { recursive: true });
    const server = await start(undefined, AuthorizeResult.ALLOW, {
      readiness: { sources: { ...config.readiness.sources, manifests: { directory: dir } } },
    });
    const since = new Date(Date.now() - 60_000).toISOString();
    const statusOf = async (checkId: string) => {
      const res = await request(server).get('/api/readiness/entities/default/component/doris').set('Authorization', user);
      return res.body.checks.find((c: { checkId: string }) => c.checkId === checkId)?.status;
    };
    // Before: the password in doris-config fails SEC-NO-PLAINTEXT, the probes pass INF-PROBES.
    expect(await statusOf('SEC-NO-PLAINTEXT')).toBe('fail');
    expect(await statusOf('INF-PROBES')).toBe('pass');

    const file = join(dir, 'test-cluster', 'doris.yaml');
    const manifest = readFileSync(file, 'utf8');
    const edited = manifest
      .replace(/^ {2}DB_PASSWORD: .*\n/m, '')
      .replace(/^ {10}readinessProbe:\n(?: {12}.*\n)+/m, '')
      .replace(/^ {10}livenessProbe:\n(?: {12}.*\n)+/m, '');
    expect(edited).not.toContain('DB_PASSWORD');
    expect(edited).not.toMatch(/Probe:/);
    writeFileSync(file, edited);
    await server.sweep();
    expect(await statusOf('SEC-NO-PLAINTEXT')).toBe('pass');
    expect(await statusOf('INF-PROBES')).toBe('fail');

    const res = await request(server)
      .get(`/api/readiness/report?since=${encodeURIComponent(since)}`)
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const section = res.text.split(`## What changed since ${since}`)[1].split('\n## ')[0];
    const table = (heading: string) =>
      section.split(`### ${heading}\n`)[1]?.split('\n\n')[0].trim().split('\n').slice(2) ?? [];
    expect(table('Checks fixed')).toEqual([
      expect.stringMatching(new RegExp(`^\\| component:default/doris \\| SEC-NO-PLAINTEXT ${getCheck('SEC-NO-PLAINTEXT')!.title} \\| fail → pass \\| \\d{4}-`)),
    ]);
    expect(table('Regressions')).toEqual([
      expect.stringMatching(new RegExp(`^\\| component:default/doris \\| INF-PROBES ${getCheck('INF-PROBES')!.title} \\| pass → fail \\| \\d{4}-`)),
    ]);
    // The score delta is /summary's score now against the first sweep's.
    const summary: SummaryResponse = (
      await request(server).get('/api/readiness/summary').set('Authorization', user)
    ).body;
    const doris = summary.items.find(i => i.entityRef === 'component:default/doris')!;
    expect(section).toMatch(
      new RegExp(`^- component:default/doris: \\d+(\\.\\d)?% → ${formatPercent(doris.overall).replace('.', '\\.')}, .*1 check fixed, 1 regression\\)$`, 'm'),
    );
    expect(section).toContain('1 check fixed and 1 regression on services');
    // portal did not change: no row, counted unchanged.
    expect(section).not.toContain('component:default/portal:');
  });

  it('narrows to the view\'s filters (system, owner, namespace, cluster) like /summary', async () => {
    const server = await start();
    const res = await request(server).get('/api/readiness/report?system=system:default/analytics').set('Authorization', user);
    expect(res.text).toContain('for system system:default/analytics: 1 service.');
    expect(res.text).toContain('component:default/doris');
    expect(res.text).not.toContain('component:default/portal');
    const summary: SummaryResponse = (
      await request(server).get('/api/readiness/summary?system=system:default/analytics').set('Authorization', user)
    ).body;
    expect(quickStatus(res.text).get('Overall (services and platform)')?.[0]).toBe(
      formatPercent(summary.aggregate.overall),
    );
    const doris = await request(server).get('/api/readiness/entities/default/component/doris').set('Authorization', user);
    const [cluster] = doris.body.clusters;
    expect(cluster).toBeTruthy();
    const inCluster = await request(server)
      .get(`/api/readiness/report?cluster=${encodeURIComponent(cluster)}`)
      .set('Authorization', user);
    expect(inCluster.text).toContain(`for cluster ${cluster}: `);
    expect(inCluster.text).toContain('component:default/doris');
    const none = await request(server).get('/api/readiness/report?cluster=elsewhere').set('Authorization', user);
    expect(none.text).toContain('for cluster elsewhere: 0 services.');
  });

  it('shows a scoped caller only the entities they may read, with /summary\'s figures for them', async () => {
    const server = await start(scopedPermissions(['component:default/portal']));
    const res = await request(server).get('/api/readiness/report').set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.text).toContain('for all services you may read: 1 service.');
    expect(res.text).toContain('component:default/portal');
    expect(res.text).not.toContain('doris');
    const summary: SummaryResponse = (
      await request(server).get('/api/readiness/summary').set('Authorization', user)
    ).body;
    expect(summary.totalCount).toBe(1);
    expect(quickStatus(res.text).get('Overall (services and platform)')?.[0]).toBe(
      formatPercent(summary.aggregate.overall),
    );
  });

  it.each([
    ['format=pdf', 'Invalid report query: format must be md (Markdown download) or html (printable page)'],
    ['since=yesterday', 'Invalid report query: since must be an ISO date or timestamp'],
    ['since=2999-01-01', 'Invalid report query: since must not be in the future'],
    ['team=data', 'Invalid report query: unknown parameter(s) team'],
  ])('rejects %s with a 400 saying what is wrong', async (query, message) => {
    const server = await start();
    const res = await request(server).get(`/api/readiness/report?${query}`).set('Authorization', user);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });
});
