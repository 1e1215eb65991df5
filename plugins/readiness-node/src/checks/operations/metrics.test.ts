import { failed, ok, PrometheusFacts } from '../../facts';
import {
  deployment,
  factsFrom,
  podMonitor,
  service,
  serviceContext,
  serviceMonitor,
  withKindError,
} from '../../testing/builders';
import { opsMetrics } from './metrics';

const objects = [deployment('doris'), service('doris')];
const prom = (
  targets: PrometheusFacts['services'][string]['targets'],
): PrometheusFacts => ({
  ready: ok(true),
  services: {
    'component:default/doris': {
      targets,
      availability: ok(null),
      latencyP95Ms: ok(null),
    },
  },
});

describe('OPS-METRICS', () => {
  it('passes with a ServiceMonitor in the monitoring namespace and all targets up', () => {
    const sm = serviceMonitor('doris', {
      namespace: 'monitoring',
      namespaces: ['data-platform'],
    });
    const out = opsMetrics(
      serviceContext(
        factsFrom([...objects, sm], {
          prometheus: prom(ok({ total: 2, up: 2 })),
        }),
      ),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'ServiceMonitor monitoring/doris selects Service data-platform/doris',
      'Prometheus: 2/2 targets up',
    ]);
  });

  it('passes on a PodMonitor or scrape annotations when Prometheus is not configured, saying it did not verify', () => {
    const out = opsMetrics(serviceContext([...objects, podMonitor('doris')]));
    expect(out.status).toBe('pass');
    expect(out.evidence).toContain(
      'Prometheus is not configured: scrape targets not verified',
    );
    const annotated = deployment('doris', {
      podAnnotations: { 'prometheus.io/scrape': 'true' },
    });
    expect(
      opsMetrics(serviceContext(factsFrom([annotated], { installedCrds: [] })))
        .status,
    ).toBe('pass');
  });

  it('warns when some targets are down, or Prometheus has none', () => {
    const sm = serviceMonitor('doris');
    expect(
      opsMetrics(
        serviceContext(
          factsFrom([...objects, sm], {
            prometheus: prom(ok({ total: 3, up: 2 })),
          }),
        ),
      ).evidence,
    ).toContain('Prometheus: 2/3 targets up');
    expect(
      opsMetrics(
        serviceContext(
          factsFrom([...objects, sm], {
            prometheus: prom(ok({ total: 0, up: 0 })),
          }),
        ),
      ).status,
    ).toBe('warn');
  });

  it('fails when not scraped: a ServiceMonitor in another namespace without namespaceSelector does not count', () => {
    const elsewhere = serviceMonitor('doris', { namespace: 'monitoring' });
    const out = opsMetrics(serviceContext([...objects, elsewhere]));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toMatch(/^not scraped/);
  });

  it('fails and says the operator CRDs are missing when they are absent', () => {
    const out = opsMetrics(
      serviceContext(factsFrom(objects, { installedCrds: [] })),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toContain(
      'no ServiceMonitor CRD (servicemonitors.monitoring.coreos.com is not installed (no monitoring.coreos.com/v1 API))',
    );
  });

  it('is unknown when ServiceMonitors cannot be listed and nothing else shows scraping', () => {
    expect(
      opsMetrics(
        serviceContext(withKindError(factsFrom(objects), 'servicemonitors')),
      ).status,
    ).toBe('unknown');
  });

  it('is unknown when the Prometheus up query fails', () => {
    const out = opsMetrics(
      serviceContext(
        factsFrom([...objects, serviceMonitor('doris')], {
          prometheus: prom(failed('503 Service Unavailable')),
        }),
      ),
    );
    expect(out).toMatchObject({
      status: 'unknown',
      error: { source: 'prometheus' },
    });
  });

  it('is n/a without workload or Service', () => {
    expect(opsMetrics(serviceContext([])).status).toBe('n/a');
  });
});
