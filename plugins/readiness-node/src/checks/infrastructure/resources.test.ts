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
  it('passes with cpu and memory requests and limits and ephemeral storage', () => {
    const out = infResources(serviceContext([deployment('doris')]));
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'Deployment data-platform/doris container doris: requests.cpu 250m, requests.memory 512Mi, limits.cpu 1, limits.memory 1Gi',
    ]);
  });

  it('warns when the cpu limit or ephemeral storage is missing', () => {
    const out = infResources(
      serviceContext([
        withResources({
          requests: { cpu: '100m', memory: '256Mi' },
          limits: { memory: '512Mi' },
        }),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toMatch(/missing limits\.cpu, ephemeral-storage$/);
  });

  it('counts limits as requests, as Kubernetes defaults them', () => {
    const out = infResources(
      serviceContext([
        withResources({
          limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '1Gi' },
        }),
      ]),
    );
    expect(out.status).toBe('pass');
  });

  it('fails without a memory limit or without any request', () => {
    expect(
      infResources(
        serviceContext([
          withResources({ requests: { cpu: '1', memory: '1Gi' } }),
        ]),
      ).status,
    ).toBe('fail');
    const none = infResources(serviceContext([withResources(undefined)]));
    expect(none.status).toBe('fail');
    expect(none.evidence[0]).toBe(
      'Deployment data-platform/doris container doris: no resources; missing requests.cpu, requests.memory, limits.memory, limits.cpu, ephemeral-storage',
    );
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
