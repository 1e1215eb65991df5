import { DEFAULT_PLATFORM } from '../../engine/settings';
import {
  daemonSet,
  deployment,
  factsFrom,
  platformContext,
  statefulSet,
  withKindError,
} from '../../testing/builders';
import { platIngress } from './ingress';
import { platRegistry } from './registry';

const nginx = (opts: { replicas?: number; ready?: number } = {}) =>
  deployment('ingress-nginx-controller', {
    namespace: 'ingress-nginx',
    id: null,
    replicas: opts.replicas ?? 2,
    readyReplicas: opts.ready,
    labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
  });

const harbor = (name: string, ready?: number, kind = deployment) =>
  kind(name, {
    namespace: 'harbor',
    id: null,
    replicas: 1,
    readyReplicas: ready,
    labels: { app: 'harbor' },
  });

describe('PLAT-INGRESS', () => {
  it('passes when the controller has all replicas ready', () => {
    const out = platIngress(platformContext([nginx()]));
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toBe(
      'ingress controller: Deployment ingress-nginx/ingress-nginx-controller 2/2 ready',
    );
  });

  it('warns when degraded', () => {
    expect(platIngress(platformContext([nginx({ ready: 1 })])).status).toBe(
      'warn',
    );
  });

  it('fails when down or not found', () => {
    expect(platIngress(platformContext([nginx({ ready: 0 })])).status).toBe(
      'fail',
    );
    const out = platIngress(platformContext([]));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toBe(
      'ingress controller: no workload found in namespace ingress-nginx (selector app.kubernetes.io/name=ingress-nginx)',
    );
  });

  it('finds a DaemonSet controller located by name', () => {
    const platform = {
      ...DEFAULT_PLATFORM,
      ingress: { namespace: 'ingress-nginx', names: ['nginx'] },
    };
    const ds = daemonSet('nginx', {
      namespace: 'ingress-nginx',
      id: null,
      desired: 3,
      ready: 3,
    });
    expect(platIngress(platformContext([ds], { platform })).status).toBe(
      'pass',
    );
  });

  it('is unknown when workloads cannot be listed', () => {
    expect(
      platIngress(
        platformContext(withKindError(factsFrom([nginx()]), 'deployments')),
      ).status,
    ).toBe('unknown');
  });
});

describe('PLAT-REGISTRY', () => {
  const all = [
    'harbor-core',
    'harbor-portal',
    'harbor-registry',
    'harbor-jobservice',
  ];

  it('passes when every Harbor component is available', () => {
    const out = platRegistry(
      platformContext([
        ...all.map(n => harbor(n)),
        harbor('harbor-database', undefined, statefulSet),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toHaveLength(6);
  });

  it('warns when some components are down', () => {
    const out = platRegistry(
      platformContext([
        ...all.map(n => harbor(n)),
        harbor('harbor-trivy', 0, statefulSet),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence).toContain(
      'registry: StatefulSet harbor/harbor-trivy 0/1 ready',
    );
  });

  it('fails when every component is down, or none exists', () => {
    expect(
      platRegistry(platformContext(all.map(n => harbor(n, 0)))).status,
    ).toBe('fail');
    expect(platRegistry(platformContext([])).status).toBe('fail');
  });

  it('is unknown when StatefulSets cannot be listed', () => {
    expect(
      platRegistry(
        platformContext(
          withKindError(factsFrom(all.map(n => harbor(n))), 'statefulsets'),
        ),
      ).status,
    ).toBe('unknown');
  });
});
