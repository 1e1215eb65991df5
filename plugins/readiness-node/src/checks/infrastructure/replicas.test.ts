import {
  deployment,
  factsFrom,
  hpa,
  serviceContext,
  statefulSet,
  withKindError,
} from '../../testing/builders';
import { haReplicas } from './replicas';

describe('HA-REPLICAS', () => {
  it('passes at the required minimum', () => {
    const out = haReplicas(
      serviceContext([deployment('doris', { replicas: 2 })]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'Deployment data-platform/doris replicas 2 (required 2)',
    ]);
  });

  it('uses the HPA minimum and passes with headroom', () => {
    const out = haReplicas(
      serviceContext([
        deployment('doris', { replicas: 1 }),
        hpa('doris', { min: 2, max: 6, current: 3 }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toBe(
      'Deployment data-platform/doris scaled by HorizontalPodAutoscaler doris: min 2, max 6, current 3 (required 2)',
    );
  });

  it('warns when the HPA is pinned at its maximum', () => {
    const out = haReplicas(
      serviceContext([
        deployment('doris', { replicas: 4 }),
        hpa('doris', {
          min: 2,
          max: 4,
          current: 4,
          apiVersion: 'autoscaling/v1',
        }),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toMatch(/pinned at its maximum/);
  });

  it('fails on a single replica or an HPA minimum of 1', () => {
    expect(
      haReplicas(serviceContext([statefulSet('doris', { replicas: 1 })]))
        .status,
    ).toBe('fail');
    expect(
      haReplicas(
        serviceContext([
          deployment('doris'),
          hpa('doris', { min: 1, max: 3, current: 1 }),
        ]),
      ).status,
    ).toBe('fail');
  });

  it('honours a per-service minimum', () => {
    const ctx = serviceContext([deployment('doris', { replicas: 2 })], {
      target: {
        thresholds: { ...serviceContext([]).thresholds, minReplicas: 3 },
      },
    });
    expect(haReplicas(ctx).status).toBe('fail');
  });

  it('is n/a without workload', () => {
    expect(haReplicas(serviceContext([])).status).toBe('n/a');
  });

  it('is unknown when HPAs cannot be listed', () => {
    expect(
      haReplicas(
        serviceContext(
          withKindError(
            factsFrom([deployment('doris')]),
            'horizontalpodautoscalers',
          ),
        ),
      ).status,
    ).toBe('unknown');
  });
});
