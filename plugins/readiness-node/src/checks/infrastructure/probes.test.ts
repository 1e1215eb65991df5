import {
  container,
  deployment,
  factsFrom,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { infProbes } from './probes';

const withProbes = (probes: any, extra: any[] = []) =>
  deployment('doris', { containers: [container('doris', probes), ...extra] });
const http = (path: string) => ({
  httpGet: { path, port: 8030 },
  periodSeconds: 10,
});

describe('INF-PROBES', () => {
  it('passes with distinct readiness and liveness probes', () => {
    const out = infProbes(serviceContext([deployment('doris')]));
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'Deployment data-platform/doris container doris: readiness httpGet /ready on http, liveness httpGet /healthz on http',
    ]);
  });

  it('warns with readiness only', () => {
    const out = infProbes(
      serviceContext([withProbes({ livenessProbe: undefined })]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toMatch(/no livenessProbe/);
  });

  it('warns when liveness is identical to readiness, whatever the key order', () => {
    const readiness = {
      httpGet: { path: '/api/health', port: 8030 },
      periodSeconds: 10,
    };
    const liveness = {
      periodSeconds: 10,
      httpGet: { port: 8030, path: '/api/health' },
    };
    const out = infProbes(
      serviceContext([
        withProbes({ readinessProbe: readiness, livenessProbe: liveness }),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toMatch(/identical/);
  });

  it('fails when any container lacks a readiness probe (the worst container wins)', () => {
    const sidecar = container('exporter', {
      readinessProbe: undefined,
      livenessProbe: http('/'),
    });
    const out = infProbes(serviceContext([withProbes({}, [sidecar])]));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toBe(
      'Deployment data-platform/doris container exporter: no readinessProbe (liveness httpGet / on 8030)',
    );
  });

  it('is n/a without workload', () => {
    expect(infProbes(serviceContext([])).status).toBe('n/a');
  });

  it('is unknown when Deployments cannot be listed', () => {
    expect(
      infProbes(
        serviceContext(
          withKindError(factsFrom([deployment('doris')]), 'deployments'),
        ),
      ).status,
    ).toBe('unknown');
  });
});
