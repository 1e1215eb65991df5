import { mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_PLATFORM, DEFAULT_THRESHOLDS } from '@254carbon/plugin-readiness-node';
import { Duration } from 'luxon';
import { DEFAULT_PROMETHEUS_QUERIES, readReadinessConfig } from './config';

const read = (readiness: unknown) =>
  readReadinessConfig(mockServices.rootConfig({ data: readiness === undefined ? {} : { readiness } as any }));

describe('readReadinessConfig', () => {
  it('applies defaults when nothing is configured', () => {
    const config = read(undefined);
    expect(Duration.fromObject(config.schedule.frequency as object).as('minutes')).toBe(5);
    expect(Duration.fromObject(config.schedule.timeout as object).as('minutes')).toBe(4);
    expect(config.retentionDays).toBe(90);
    expect(config.sources.kubernetes).toEqual({
      enabled: true,
      timeoutMs: 10000,
      pageSize: 500,
      concurrency: 6,
      inCluster: false,
      oidcTokens: {},
      perClusterTasks: false,
      watch: true,
    });
    expect(config.sources.tls.enabled).toBe(false);
    expect(config.sources.vault).toBeUndefined();
    expect(config.sources.prometheus).toBeUndefined();
    expect(config.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(config.platform).toEqual(DEFAULT_PLATFORM);
    expect(config.exemptions).toEqual([]);
  });

  it('merges partial thresholds, platform settings and PromQL templates over the defaults', () => {
    const config = read({
      schedule: { frequency: { minutes: 10 }, timeout: { minutes: 8 } },
      thresholds: { minReplicas: 3, allowedRegistries: ['registry.example.com'] },
      platform: { monitoring: { loki: { namespace: 'logging' } } },
      sources: { prometheus: { baseUrl: 'http://prometheus:9090', queries: { up: 'up{job="{{name}}"}' } } },
      exemptions: [
        { entity: 'Component:default/Doris', check: 'SEC-RBAC', reason: 'operator needs it', expires: '2027-01-31' },
      ],
    });
    expect(config.thresholds).toEqual({
      ...DEFAULT_THRESHOLDS,
      minReplicas: 3,
      allowedRegistries: ['registry.example.com'],
    });
    expect(config.platform.monitoring).toEqual({
      ...DEFAULT_PLATFORM.monitoring,
      loki: { namespace: 'logging' },
    });
    expect(config.sources.prometheus).toEqual({
      baseUrl: 'http://prometheus:9090',
      timeoutMs: 10000,
      concurrency: 8,
      queries: { ...DEFAULT_PROMETHEUS_QUERIES, up: 'up{job="{{name}}"}' },
    });
    expect(config.exemptions).toEqual([
      { entity: 'component:default/doris', check: 'SEC-RBAC', reason: 'operator needs it', expires: '2027-01-31' },
    ]);
  });

  it.each([
    [{ sources: { vault: { baseUrl: 'vault:8200', token: 't' } } }, 'readiness.sources.vault.baseUrl must be a URL'],
    [{ sources: { vault: { baseUrl: 'https://vault:8200' } } }, 'readiness.sources.vault.token is required with baseUrl'],
    [{ sources: { vault: { kvMount: 'secret' } } }, 'readiness.sources.vault.baseUrl is required (or set snapshotFile'],
    [{ sources: { kubernetes: { timeoutMs: -1 } } }, 'readiness.sources.kubernetes.timeoutMs must be greater than 0'],
    [{ sources: { kubernetes: { pageSize: 'many' } } }, 'readiness.sources.kubernetes.pageSize must be a number'],
    [{ sources: { tls: { resolve: { 'portal.254carbon.com': 'localhost' } } } }, 'readiness.sources.tls.resolve.portal.254carbon.com must be "<address>:<port>"'],
    [{ sources: { prometheus: { timeoutMs: 5 } } }, 'readiness.sources.prometheus.baseUrl is required'],
    [{ sources: { vaults: {} } }, 'readiness.sources has unknown key(s) vaults'],
    [{ retention: { days: 0 } }, 'readiness.retention.days must be greater than 0'],
    [{ thresholds: { minReplicas: 'two' } }, 'readiness.thresholds.minReplicas'],
    [{ thresholds: { minReplica: 2 } }, 'readiness.thresholds has unknown key(s) minReplica'],
    [{ thresholds: { certWarnDays: 5, certFailDays: 10 } }, 'certWarnDays must be ≥ certFailDays'],
    [{ platform: { ingress: { labelSelector: 'a=b' } } }, 'readiness.platform.ingress.namespace is required'],
    [{ exemptions: [{ entity: 'component:default/doris', check: 'SEC-NOPE', reason: 'x', expires: '2027-01-01' }] }, 'readiness.exemptions[0].check "SEC-NOPE" is not a check id'],
    [{ exemptions: [{ entity: 'doris', check: 'SEC-RBAC', reason: 'x', expires: '2027-01-01' }] }, 'readiness.exemptions[0].entity'],
    [{ exemptions: [{ entity: 'component:default/doris', check: 'SEC-RBAC', reason: 'x', expires: 'someday' }] }, 'readiness.exemptions[0].expires must be a date'],
    [{ schedule: { frequency: { minutes: 'often' } } }, 'readiness.schedule'],
  ])('rejects %j naming the key', (readiness, message) => {
    expect(() => read(readiness)).toThrow(message);
  });
});
