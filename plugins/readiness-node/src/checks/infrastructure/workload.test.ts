import {
  deployment,
  endpoints,
  factsFrom,
  service,
  serviceContext,
  statefulSet,
  withKindError,
} from '../../testing/builders';
import { infWorkload } from './workload';

describe('INF-WORKLOAD', () => {
  it('passes when every replica is ready and the Service has ready endpoints', () => {
    const out = infWorkload(
      serviceContext([
        deployment('doris'),
        service('doris'),
        endpoints('doris', { ready: 2 }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'Deployment data-platform/doris 2/2 ready',
      'Service data-platform/doris: 2 ready endpoints',
    ]);
  });

  it('warns when degraded', () => {
    const out = infWorkload(
      serviceContext([deployment('doris', { replicas: 3, readyReplicas: 2 })]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toBe('Deployment data-platform/doris 2/3 ready');
  });

  it('warns while rolling out (newer generation not yet observed)', () => {
    const d = deployment('doris');
    (d.metadata as any).generation = 2;
    const out = infWorkload(serviceContext([d]));
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toMatch(/rolling out/);
  });

  it('warns when all replicas are ready but the Service has no ready endpoint', () => {
    const out = infWorkload(
      serviceContext([
        deployment('doris'),
        service('doris'),
        endpoints('doris', { ready: 0, notReady: 2 }),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence).toContain(
      'Service data-platform/doris: 0 ready endpoints, 2 not ready',
    );
  });

  it('fails when no replica is ready, or the workload is scaled to 0', () => {
    const down = infWorkload(
      serviceContext([deployment('doris', { readyReplicas: 0 })]),
    );
    expect(down.status).toBe('fail');
    expect(down.evidence[0]).toBe(
      'Deployment data-platform/doris 0/2 ready, Available=False (MinimumReplicasAvailable)',
    );
    const zero = infWorkload(
      serviceContext([statefulSet('doris', { replicas: 0 })]),
    );
    expect(zero.status).toBe('fail');
    expect(zero.evidence[0]).toMatch(/scaled to 0/);
  });

  it('warns when one of several workloads is down but another is up', () => {
    const out = infWorkload(
      serviceContext(
        [
          deployment('doris-fe', { id: 'doris' }),
          statefulSet('doris-be', { id: 'doris', readyReplicas: 0 }),
        ],
        { target: { kubernetesId: 'doris' } },
      ),
    );
    expect(out.status).toBe('warn');
  });

  it('fails when no workload is found, saying how it searched', () => {
    const out = infWorkload(serviceContext([deployment('other')]));
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      'no Deployment or StatefulSet selected by backstage.io/kubernetes-id=doris in namespace data-platform',
    ]);
  });

  it('is unknown when Deployments cannot be listed', () => {
    const out = infWorkload(
      serviceContext(
        withKindError(
          factsFrom([deployment('doris')]),
          'deployments',
          'Forbidden (403)',
        ),
      ),
    );
    expect(out).toMatchObject({
      status: 'unknown',
      error: {
        source: 'kubernetes',
        message: 'deployments: Forbidden (403)',
      },
    });
  });

  it('keeps the workload verdict and says so when endpoints cannot be read', () => {
    const facts = withKindError(
      factsFrom([deployment('doris'), service('doris')]),
      'endpoints',
      'timeout',
    );
    const out = infWorkload(serviceContext(facts));
    expect(out.status).toBe('pass');
    expect(out.evidence).toContain('Service endpoints not checked: timeout');
  });

  describe('a manifests export or GitOps repo without Endpoints objects is judged by the workload alone', () => {
    it('passes a healthy service when the source holds no Endpoints at all', () => {
      const out = infWorkload(
        serviceContext([deployment('doris'), service('doris')]),
      );
      expect(out.status).toBe('pass');
      expect(out.evidence).toEqual([
        'Deployment data-platform/doris 2/2 ready',
        'Service endpoints not judged: the source holds no endpoints objects at all (a manifests export or GitOps repo); the workload is judged alone',
      ]);
    });

    it('does not read a missing Endpoints object for one Service as zero ready endpoints', () => {
      const out = infWorkload(
        serviceContext([
          deployment('doris'),
          service('doris'),
          // Some other Service's Endpoints: the source does hold the kind.
          endpoints('kafka', { ready: 1 }),
        ]),
      );
      expect(out.status).toBe('pass');
      expect(out.evidence).toContain(
        'Service data-platform/doris: no Endpoints object in the source, so endpoints are not judged',
      );
    });

    it('still warns when an Endpoints object exists and lists no ready address', () => {
      const out = infWorkload(
        serviceContext([
          deployment('doris'),
          service('doris'),
          endpoints('doris', { ready: 0 }),
        ]),
      );
      expect(out.status).toBe('warn');
      expect(out.evidence).toContain(
        'Service data-platform/doris: 0 ready endpoints',
      );
    });

    it('is unknown, not fail, for a workload that carries only its desired state (no status)', () => {
      const out = infWorkload(
        serviceContext([deployment('doris', { status: {} })]),
      );
      expect(out.status).toBe('unknown');
      expect(out.error?.source).toBe('kubernetes');
      expect(out.evidence).toEqual([
        'Deployment data-platform/doris has no status: the source holds its desired state only (a manifests export or GitOps repo), not whether it runs',
      ]);
    });
  });
});
