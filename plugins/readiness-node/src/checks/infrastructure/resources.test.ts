import {
  container,
  deployment,
  factsFrom,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { infResources } from './resources';

const withResources = (resources: any) =>
  deployment('doris', { containers: [container('doris', { resources })] });

describe('INF-RESOURCES', () => {
  it('passes with cpu and memory requests and a memory limit on every container', () => {
    const out = infResources(serviceContext([deployment('doris')]));
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'Deployment data-platform/doris container doris: requests.cpu 250m, requests.memory 512Mi, limits.memory 1Gi (limits.cpu 1, ephemeral-storage 1Gi)',
    ]);
  });

  it('a missing cpu limit or ephemeral storage is evidence only, never a warn', () => {
    const out = infResources(
      serviceContext([
        withResources({
          requests: { cpu: '100m', memory: '256Mi' },
          limits: { memory: '512Mi' },
        }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toBe(
      'Deployment data-platform/doris container doris: requests.cpu 100m, requests.memory 256Mi, limits.memory 512Mi (no cpu limit, no ephemeral-storage)',
    );
  });

  it('warns when the cpu request is missing', () => {
    const out = infResources(
      serviceContext([
        withResources({
          requests: { memory: '256Mi' },
          limits: { memory: '1Gi' },
        }),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toContain('missing requests.cpu');
  });

  it('treats a missing memory request as set when a memory limit is set (the API server defaults it)', () => {
    // With a memory limit the API server defaults the memory request to it, so a missing
    // memory request only shows next to a missing memory limit, which fails.
    const out = infResources(
      serviceContext([
        withResources({ requests: { cpu: '100m' }, limits: { memory: '1Gi' } }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toContain(
      'requests.memory 1Gi (defaulted from its limit)',
    );
  });

  it('counts a limit as the request, as the API server defaults it', () => {
    const out = infResources(
      serviceContext([withResources({ limits: { cpu: '1', memory: '1Gi' } })]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toContain(
      'requests.cpu 1 (defaulted from its limit)',
    );
  });

  it('fails without a memory limit', () => {
    const out = infResources(
      serviceContext([
        withResources({ requests: { cpu: '1', memory: '1Gi' } }),
      ]),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toContain('missing limits.memory');
  });

  it('fails with no requests at all', () => {
    const none = infResources(serviceContext([withResources(undefined)]));
    expect(none.status).toBe('fail');
    expect(none.evidence[0]).toBe(
      'Deployment data-platform/doris container doris: no requests or memory limit; missing requests.cpu, requests.memory, limits.memory (no cpu limit, no ephemeral-storage)',
    );
  });

  it('judges every container: one failing container fails the check', () => {
    const d = deployment('doris', {
      containers: [container('doris'), container('sidecar', { resources: {} })],
    });
    const out = infResources(serviceContext([d]));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toMatch(/container sidecar: no requests/);
  });

  it('is n/a without workload', () => {
    expect(infResources(serviceContext([])).status).toBe('n/a');
  });

  it('is unknown when Deployments cannot be listed', () => {
    expect(
      infResources(serviceContext(withKindError(factsFrom([]), 'deployments')))
        .status,
    ).toBe('unknown');
  });
});
