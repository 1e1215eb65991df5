import { failed, ok, PrometheusServiceFacts } from '../../facts';
import { DEFAULT_THRESHOLDS } from '../../engine/settings';
import { factsFrom, serviceContext } from '../../testing/builders';
import { opsSloAvailability, opsSloLatency } from './slo';

function ctx(
  facts: Partial<PrometheusServiceFacts>,
  thresholds = DEFAULT_THRESHOLDS,
) {
  const service: PrometheusServiceFacts = {
    targets: ok({ total: 1, up: 1 }),
    availability: ok(null),
    latencyP95Ms: ok(null),
    ...facts,
  };
  return serviceContext(
    factsFrom([], {
      prometheus: {
        ready: ok(true),
        services: { 'component:default/doris': service },
      },
    }),
    { target: { thresholds } },
  );
}

describe('OPS-SLO-AVAILABILITY', () => {
  it.each([
    [0.9995, 'pass'],
    [0.999, 'pass'],
    [0.997, 'warn'],
    [0.995, 'warn'],
    [0.99, 'fail'],
  ])('ratio %f is %s', (ratio, status) => {
    expect(opsSloAvailability(ctx({ availability: ok(ratio) })).status).toBe(
      status,
    );
  });

  it('says the value and the thresholds', () => {
    expect(
      opsSloAvailability(ctx({ availability: ok(0.99912) })).evidence,
    ).toEqual([
      'availability 99.912% over the SLO window (pass ≥ 99.9%, warn ≥ 99.5%)',
    ]);
  });

  it('is n/a without traffic or without Prometheus', () => {
    expect(
      opsSloAvailability(ctx({ availability: ok(null) })).evidence,
    ).toEqual(['no traffic in the SLO window']);
    expect(opsSloAvailability(serviceContext([])).status).toBe('n/a');
  });

  it('is unknown when the query fails', () => {
    const out = opsSloAvailability(
      ctx({ availability: failed('bad_data: parse error') }),
    );
    expect(out).toMatchObject({
      status: 'unknown',
      error: { source: 'prometheus', message: 'bad_data: parse error' },
    });
  });
});

describe('OPS-SLO-LATENCY', () => {
  it.each([
    [80, 'pass'],
    [100, 'warn'],
    [250, 'warn'],
    [251, 'fail'],
  ])('p95 %i ms is %s', (ms, status) => {
    expect(opsSloLatency(ctx({ latencyP95Ms: ok(ms) })).status).toBe(status);
  });

  it('honours per-service thresholds', () => {
    expect(
      opsSloLatency(
        ctx(
          { latencyP95Ms: ok(400) },
          {
            ...DEFAULT_THRESHOLDS,
            sloLatencyPassMs: 500,
            sloLatencyWarnMs: 900,
          },
        ),
      ).status,
    ).toBe('pass');
  });

  it('is n/a without traffic or without Prometheus', () => {
    expect(opsSloLatency(ctx({ latencyP95Ms: ok(null) })).status).toBe('n/a');
    expect(opsSloLatency(serviceContext([])).status).toBe('n/a');
  });

  it('is unknown when the query fails', () => {
    expect(opsSloLatency(ctx({ latencyP95Ms: failed('timeout') })).status).toBe(
      'unknown',
    );
  });
});
