import {
  factsFrom,
  platformContext,
  pod,
  waiting,
  withKindError,
} from '../../testing/builders';
import { platPods } from './pods';

const healthy = (n: number, namespace = 'data-platform') =>
  Array.from({ length: n }, (_, i) =>
    pod(`p-${namespace}-${i}`, { namespace }),
  );

describe('PLAT-PODS', () => {
  it('passes at 100% healthy, counting Succeeded job pods as healthy', () => {
    const out = platPods(
      platformContext([
        ...healthy(9),
        pod('job-1', { phase: 'Succeeded', ready: false }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toMatch(/^10\/10 pods healthy \(100%/);
  });

  it('warns between 95% and 99% healthy', () => {
    const pods = [
      ...healthy(97),
      pod('pending', { phase: 'Pending', ready: false, containerStatuses: [] }),
    ];
    const out = platPods(platformContext(pods));
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toMatch(/^97\/98 pods healthy \(98.9%/);
    expect(out.evidence).toContain('Pod data-platform/pending: Pending');
  });

  it('fails under 95% healthy', () => {
    const pods = [
      ...healthy(18),
      pod('a', { ready: false }),
      pod('b', { ready: false }),
    ];
    expect(platPods(platformContext(pods)).status).toBe('fail');
  });

  it('fails on a CrashLoopBackOff in a platform namespace even at 99%+ overall', () => {
    const pods = [
      ...healthy(200),
      pod('ingress-nginx-controller-x', {
        namespace: 'ingress-nginx',
        containerStatuses: [waiting('CrashLoopBackOff', 14, 'controller')],
      }),
    ];
    const out = platPods(platformContext(pods));
    expect(out.status).toBe('fail');
    expect(out.evidence).toContain(
      'Pod ingress-nginx/ingress-nginx-controller-x container controller: CrashLoopBackOff in platform namespace (restarts 14)',
    );
  });

  it('does not fail outright on a crash loop outside the platform namespaces', () => {
    const pods = [
      ...healthy(200),
      pod('app', { containerStatuses: [waiting('CrashLoopBackOff', 3)] }),
    ];
    expect(platPods(platformContext(pods)).status).toBe('pass');
  });

  it('is n/a, saying why, when the source holds no pods (a manifests export): not a measurement of zero', () => {
    expect(platPods(platformContext([]))).toEqual({
      status: 'n/a',
      evidence: [
        'pod health not judged: the source holds no pods objects at all (a manifests export or GitOps repo)',
      ],
    });
  });

  it('is unknown when pods cannot be listed', () => {
    const out = platPods(
      platformContext(withKindError(factsFrom(healthy(3)), 'pods')),
    );
    expect(out.status).toBe('unknown');
    expect(out.error?.source).toBe('kubernetes');
  });

  it('caps a long list of unhealthy pods ("… and N more") so one broken namespace cannot flood the evidence', () => {
    const broken = Array.from({ length: 40 }, (_, i) =>
      pod(`crash-${i}`, {
        namespace: 'data-platform',
        phase: 'Pending',
        ready: false,
        containerStatuses: [],
      }),
    );
    const out = platPods(platformContext([...healthy(10), ...broken]));
    expect(out.status).toBe('fail');
    expect(out.evidence).toHaveLength(13);
    expect(out.evidence[0]).toMatch(/^10\/50 pods healthy/);
    expect(out.evidence[12]).toBe('… and 29 more');
  });
});
