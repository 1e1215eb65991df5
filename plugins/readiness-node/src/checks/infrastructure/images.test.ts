import {
  container,
  deployment,
  factsFrom,
  ID_LABEL,
  pod,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { DEFAULT_THRESHOLDS } from '../../engine/settings';
import { isAllowedRegistry, parseImage } from './imageReference';
import { infImages } from './images';

const withImage = (image: string, init?: string) =>
  deployment('doris', {
    containers: [container('doris', { image })],
    podSpec: init
      ? { initContainers: [container('init', { image: init })] }
      : {},
  });

describe('parseImage', () => {
  it.each([
    [
      'nginx',
      {
        registry: 'docker.io',
        repository: 'library/nginx',
        tag: undefined,
        digest: undefined,
      },
    ],
    [
      'bitnami/redis:7.2',
      {
        registry: 'docker.io',
        repository: 'bitnami/redis',
        tag: '7.2',
        digest: undefined,
      },
    ],
    [
      'harbor.254carbon.com/data/doris:2.1.0',
      {
        registry: 'harbor.254carbon.com',
        repository: 'data/doris',
        tag: '2.1.0',
        digest: undefined,
      },
    ],
    [
      'localhost:5000/app@sha256:abc',
      {
        registry: 'localhost:5000',
        repository: 'app',
        tag: undefined,
        digest: 'sha256:abc',
      },
    ],
    [
      'quay.io/org/app:latest@sha256:abc',
      {
        registry: 'quay.io',
        repository: 'org/app',
        tag: 'latest',
        digest: 'sha256:abc',
      },
    ],
  ])('parses %s', (image, expected) => {
    expect(parseImage(image)).toEqual(expected);
  });

  it('matches allowed registries by host or host/project prefix, not by substring', () => {
    const ref = parseImage('harbor.254carbon.com/data/doris:1');
    expect(isAllowedRegistry(ref, ['harbor.254carbon.com'])).toBe(true);
    expect(isAllowedRegistry(ref, ['harbor.254carbon.com/data'])).toBe(true);
    expect(isAllowedRegistry(ref, ['harbor.254carbon.com/dat'])).toBe(false);
    expect(
      isAllowedRegistry(parseImage('harbor.254carbon.com.evil.io/x:1'), [
        'harbor.254carbon.com',
      ]),
    ).toBe(false);
  });
});

describe('INF-IMAGES', () => {
  it('passes for pinned images from the private registry, digests included', () => {
    const out = infImages(
      serviceContext([
        withImage(
          'harbor.254carbon.com/data-platform/doris:2.1.0',
          'harbor.254carbon.com/tools/migrate@sha256:0f3a',
        ),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toContain(
      'Deployment data-platform/doris container doris: harbor.254carbon.com/data-platform/doris:2.1.0 pinned, allowed registry',
    );
  });

  it('warns for a pinned image from another registry', () => {
    const out = infImages(serviceContext([withImage('apache/doris:2.1.0')]));
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toBe(
      'Deployment data-platform/doris container doris: apache/doris:2.1.0 is from docker.io, not an allowed registry (harbor.254carbon.com)',
    );
  });

  it('judges only pinning when no allowed registry is configured (the engine knows no registry by itself)', () => {
    const ctx = serviceContext([withImage('quay.io/acme/doris:1.2.3')], {
      target: { thresholds: { ...DEFAULT_THRESHOLDS, allowedRegistries: [] } },
    });
    const out = infImages(ctx);
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toContain('registry not judged: no readiness.thresholds.allowedRegistries configured');
    const latest = serviceContext([withImage('quay.io/acme/doris:latest')], {
      target: { thresholds: { ...DEFAULT_THRESHOLDS, allowedRegistries: [] } },
    });
    expect(infImages(latest).status).toBe('fail');
    expect(DEFAULT_THRESHOLDS.allowedRegistries).toEqual([]);
  });

  it('fails for :latest or an untagged image, init containers included', () => {
    expect(
      infImages(
        serviceContext([
          withImage('harbor.254carbon.com/data-platform/doris:latest'),
        ]),
      ).status,
    ).toBe('fail');
    const out = infImages(
      serviceContext([withImage('harbor.254carbon.com/x/doris:1', 'busybox')]),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toBe(
      'Deployment data-platform/doris init container init: busybox is not pinned (no tag)',
    );
  });

  it('reads bare pods when the service has no workload', () => {
    const bare = pod('doris-debug', {
      labels: { [ID_LABEL]: 'doris' },
      containers: [container('app', { image: 'alpine' })],
    });
    expect(infImages(serviceContext([bare])).status).toBe('fail');
  });

  it('is n/a without workload or pod', () => {
    expect(infImages(serviceContext([])).status).toBe('n/a');
  });

  it('is unknown when StatefulSets cannot be listed', () => {
    expect(
      infImages(
        serviceContext(
          withKindError(factsFrom([withImage('x:1')]), 'statefulsets'),
        ),
      ).status,
    ).toBe('unknown');
  });
});
