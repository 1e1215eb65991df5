import type { ServiceCheck } from '../../engine/types';

const round = (n: number, digits: number) =>
  Math.round(n * 10 ** digits) / 10 ** digits;

/** OPS-SLO-AVAILABILITY: the success ratio from the configured PromQL against the thresholds. */
export const opsSloAvailability: ServiceCheck = ctx => {
  const prom = ctx.prometheus;
  if (!prom)
    return {
      status: 'n/a',
      evidence: ['Prometheus is not configured (readiness.prometheus)'],
    };
  const read = prom.availability;
  if (read.state === 'error') {
    return {
      status: 'unknown',
      evidence: [`availability query failed: ${read.message}`],
      error: { source: 'prometheus', message: read.message },
    };
  }
  if (read.state === 'absent')
    return {
      status: 'n/a',
      evidence: [`availability not measured: ${read.reason}`],
    };
  if (read.value === null)
    return { status: 'n/a', evidence: ['no traffic in the SLO window'] };
  const pct = read.value * 100;
  const { sloAvailabilityPass: pass, sloAvailabilityWarn: warn } =
    ctx.thresholds;
  const evidence = [
    `availability ${round(
      pct,
      3,
    )}% over the SLO window (pass ≥ ${pass}%, warn ≥ ${warn}%)`,
  ];
  if (pct >= pass) return { status: 'pass', evidence };
  return { status: pct >= warn ? 'warn' : 'fail', evidence };
};

/** OPS-SLO-LATENCY: p95 latency from the configured PromQL against the thresholds. */
export const opsSloLatency: ServiceCheck = ctx => {
  const prom = ctx.prometheus;
  if (!prom)
    return {
      status: 'n/a',
      evidence: ['Prometheus is not configured (readiness.prometheus)'],
    };
  const read = prom.latencyP95Ms;
  if (read.state === 'error') {
    return {
      status: 'unknown',
      evidence: [`latency query failed: ${read.message}`],
      error: { source: 'prometheus', message: read.message },
    };
  }
  if (read.state === 'absent')
    return {
      status: 'n/a',
      evidence: [`latency not measured: ${read.reason}`],
    };
  if (read.value === null)
    return { status: 'n/a', evidence: ['no traffic in the SLO window'] };
  const { sloLatencyPassMs: pass, sloLatencyWarnMs: warn } = ctx.thresholds;
  const evidence = [
    `p95 latency ${round(
      read.value,
      1,
    )} ms over the SLO window (pass < ${pass} ms, warn ≤ ${warn} ms)`,
  ];
  if (read.value < pass) return { status: 'pass', evidence };
  return { status: read.value <= warn ? 'warn' : 'fail', evidence };
};
