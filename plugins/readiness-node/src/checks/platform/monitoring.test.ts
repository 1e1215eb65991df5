import { failed, ok, PrometheusFacts } from '../../facts';
import {
  deployment,
  factsFrom,
  platformContext,
  statefulSet,
  withKindError,
} from '../../testing/builders';
import { platMonitoring } from './monitoring';

const part = (name: string, ready?: number, kind = deployment) =>
  kind(name, {
    namespace: 'monitoring',
    id: null,
    replicas: 1,
    readyReplicas: ready,
    labels: { 'app.kubernetes.io/name': name },
  });

const stack = (overrides: Record<string, number> = {}) => [
  part('prometheus', overrides.prometheus, statefulSet),
  part('alertmanager', overrides.alertmanager, statefulSet),
  part('grafana', overrides.grafana),
  part('loki', overrides.loki, statefulSet),
];
const prometheus = (ready: PrometheusFacts['ready']): PrometheusFacts => ({
  ready,
  services: {},
});

describe('PLAT-MONITORING', () => {
  it('passes when all four components are up', () => {
    const out = platMonitoring(platformContext(stack()));
    expect(out.status).toBe('pass');
    expect(out.evidence).toContain(
      'Prometheus: StatefulSet monitoring/prometheus 1/1 ready',
    );
    expect(out.evidence[out.evidence.length - 1]).toBe(
      'all monitoring components up',
    );
  });

  it('warns when a component other than Prometheus is down or missing', () => {
    const out = platMonitoring(platformContext(stack({ loki: 0 })));
    expect(out.status).toBe('warn');
    expect(out.evidence[out.evidence.length - 1]).toBe(
      'not fully up: Loki down',
    );
    expect(platMonitoring(platformContext(stack().slice(0, 3))).status).toBe(
      'warn',
    );
  });

  it('fails when Prometheus is down', () => {
    expect(
      platMonitoring(platformContext(stack({ prometheus: 0 }))).status,
    ).toBe('fail');
  });

  it("trusts Prometheus' /-/ready when configured: not ready fails, ready covers an external Prometheus", () => {
    expect(
      platMonitoring(
        platformContext(
          factsFrom(stack(), { prometheus: prometheus(ok(false)) }),
        ),
      ).status,
    ).toBe('fail');
    const external = factsFrom(stack().slice(1), {
      prometheus: prometheus(ok(true)),
    });
    expect(platMonitoring(platformContext(external)).status).toBe('pass');
  });

  it('warns when /-/ready cannot be read although the workload is up', () => {
    const out = platMonitoring(
      platformContext(
        factsFrom(stack(), {
          prometheus: prometheus(failed('timeout after 5000 ms')),
        }),
      ),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence).toContain(
      'Prometheus /-/ready could not be read: timeout after 5000 ms',
    );
  });

  it('is unknown when workloads cannot be listed', () => {
    expect(
      platMonitoring(
        platformContext(withKindError(factsFrom(stack()), 'statefulsets')),
      ).status,
    ).toBe('unknown');
  });
});
