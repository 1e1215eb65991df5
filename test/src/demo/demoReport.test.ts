import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory, SchedulerServiceTaskFunction } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import readinessPlugin from '@254carbon/plugin-readiness-backend';
import { CHECK_STATUSES, CheckStatus, getCheck, SERVICE_CHECK_IDS } from '@254carbon/plugin-readiness-common';
import {
  DEMO_PLATFORM_DIR,
  DEMO_VAULT_SNAPSHOT,
  demoComponents,
  demoReadinessConfig,
  expected,
} from './demoFixtures';

jest.setTimeout(120_000);

const user = mockCredentials.user.header();

describe('the status report of the demo platform', () => {
  let markdown: string;
  let html: string;
  const services = Object.keys(expected.services);
  const lines = () => markdown.split('\n');
  /** The Markdown line starting with `prefix` under the heading starting with `heading`. */
  const lineIn = (heading: string, prefix: string) => {
    const start = lines().findIndex(l => l.startsWith(heading));
    return lines().slice(start + 1).find(l => l.startsWith(prefix));
  };
  /** Services of expected-results.json where a check has one of these statuses. */
  const expectedWith = (checkId: string, statuses: CheckStatus[]) =>
    services.filter(ref => statuses.includes(expected.services[ref][checkId].status as CheckStatus));

  beforeAll(async () => {
    // Certificate days-left depend on the clock: the demo is set at expected.now.
    jest.useFakeTimers({ now: new Date(expected.now), toFake: ['Date'] } as any);
    let sweep: SchedulerServiceTaskFunction | undefined;
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: jest.fn(async task => {
        sweep = task.fn as SchedulerServiceTaskFunction;
      }),
    });
    const { server } = await startTestBackend({
      features: [
        readinessPlugin,
        mockServices.rootConfig.factory({
          data: {
            readiness: {
              ...demoReadinessConfig(),
              sources: {
                manifests: { directory: DEMO_PLATFORM_DIR },
                vault: { snapshotFile: DEMO_VAULT_SNAPSHOT },
              },
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
    await sweep!(new AbortController().signal);
    const res = await request(server).get('/api/readiness/report?format=md').set('Authorization', user);
    expect(res.status).toBe(200);
    markdown = res.text;
    html = (await request(server).get('/api/readiness/report?format=html').set('Authorization', user)).text;
  });

  afterAll(() => jest.useRealTimers());

  it('states when it was measured, for the nine services, with every source readable', () => {
    expect(markdown).toContain(`for all services you may read: ${services.length} services.`);
    expect(services).toHaveLength(9);
    expect(markdown).toContain(`Services measured at ${new Date(expected.now).toISOString()}.`);
    expect(markdown).toContain('Every source was readable in the last sweep.');
  });

  it('shows the single node as a platform warning and a risk mitigated by adding nodes', () => {
    expect(expected.platform['PLAT-NODES'].status).toBe('warn');
    expect(lineIn('### Platform components', '| PLAT-NODES |')).toMatch(
      /^\| PLAT-NODES \| Cluster nodes \| warn \| 1\/1 nodes Ready \(k8s-prod-01\); a single Ready node is a single point of failure \|$/,
    );
    expect(lineIn('## Risks and mitigations', '| PLAT-NODES ')).toContain(
      `| platform warn: 1/1 nodes Ready (k8s-prod-01); a single Ready node is a single point of failure | ${getCheck('PLAT-NODES')!.remediation} |`,
    );
  });

  it('shows Velero missing, so backup and DR are blocked for every service', () => {
    expect(lineIn('### Platform components', '| PLAT-BACKUP |')).toContain('| fail | Velero not installed');
    expect(lineIn('## Risks and mitigations', '| PLAT-BACKUP ')).toContain(getCheck('PLAT-BACKUP')!.remediation);
    expect(markdown).toContain('## P5: Backup and disaster recovery (0%, 0/9 services complete)');
    for (const id of ['DR-BACKUP-SCHEDULE', 'DR-BACKUP-FRESH', 'DR-RESTORE-DRILL']) {
      const line = lineIn('## P5', `- ${id} `)!;
      expect(line).toContain(', 9 services: ');
      for (const ref of services) expect(line).toContain(`${ref} (fail, blocked by PLAT-BACKUP)`);
    }
  });

  it('shows the nine certificates, doris expiring', () => {
    expect(lineIn('### Security layer', '| SEC-CERT-READY ')).toBe(
      '| SEC-CERT-READY Certificate ready | critical | 8/9 | 8 pass, 1 warn |',
    );
    expect(expectedWith('SEC-CERT-EXPIRY', ['fail'])).toEqual(['component:default/doris']);
    expect(lineIn('### Remaining', '- SEC-CERT-EXPIRY ')).toMatch(
      /^- SEC-CERT-EXPIRY Certificate expiry \(critical\), 1 service: component:default\/doris \(fail\)\. Fix: /,
    );
    expect(lineIn('## Risks and mitigations', '| SEC-CERT-EXPIRY ')).toContain('| fail on 1 service: component:default/doris |');
  });

  it('shows secrets in ConfigMaps and not in Vault, as risks', () => {
    const plaintext = expectedWith('SEC-NO-PLAINTEXT', ['fail']);
    expect(plaintext).toHaveLength(6);
    expect(lineIn('## Risks and mitigations', '| SEC-NO-PLAINTEXT ')).toContain(
      `| fail on 6 services: ${plaintext.join(', ')} | ${getCheck('SEC-NO-PLAINTEXT')!.remediation} |`,
    );
    const notInVault = expectedWith('SEC-SECRETS-IN-VAULT', ['fail']);
    expect(lineIn('## Risks and mitigations', '| SEC-SECRETS-IN-VAULT ')).toContain(
      `| fail on ${notInVault.length} services: ${notInVault.join(', ')} |`,
    );
  });

  it('shows no NetworkPolicies: default deny failing on all nine services', () => {
    expect(lineIn('### Security layer', '| SEC-NETPOL-DEFAULT-DENY ')).toBe(
      '| SEC-NETPOL-DEFAULT-DENY Default-deny NetworkPolicy | critical | 0/9 | 9 fail |',
    );
    expect(lineIn('## Risks and mitigations', '| SEC-NETPOL-DEFAULT-DENY ')).toContain('| fail on 9 services: ');
  });

  it('matrix breakdown equals demo/expected-results.json for every service check', () => {
    const rows: Record<string, string | undefined> = {};
    const want: Record<string, string | undefined> = {};
    for (const id of SERVICE_CHECK_IDS) {
      const counts = Object.fromEntries(CHECK_STATUSES.map(st => [st, 0])) as Record<CheckStatus, number>;
      let exempt = 0;
      let passing = 0;
      for (const ref of services) {
        const c = expected.services[ref][id];
        counts[c.status as CheckStatus] += 1;
        if (c.exempt && c.status !== 'n/a') exempt += 1;
        if (c.status === 'pass' || (c.exempt && c.status !== 'n/a')) passing += 1;
      }
      const applicable = services.length - counts['n/a'];
      rows[id] = lines().find(l => l.startsWith(`| ${id} ${getCheck(id)!.title} | ${getCheck(id)!.severity} |`));
      // A check that applies to no service has no row.
      if (!applicable) continue;
      const breakdown = (['pass', 'warn', 'fail', 'unknown'] as CheckStatus[])
        .filter(st => counts[st] > 0)
        .map(st => `${counts[st]} ${st}`)
        .concat(exempt ? [`${exempt} exempt`] : [])
        .join(', ');
      want[id] = `| ${id} ${getCheck(id)!.title} | ${getCheck(id)!.severity} | ${passing}/${applicable} | ${breakdown} |`;
    }
    expect(rows).toEqual(want);
  });

  it('prints the same report as a self-contained HTML page', () => {
    expect(html).toContain('@media print');
    expect(html).toContain('<td>fail on 1 service: component:default/doris</td>');
    expect(html).toContain('<td>PLAT-BACKUP</td><td>Backup system</td><td>fail</td>');
  });
});
