import {
  container,
  deployment,
  factsFrom,
  namespace,
  NS,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { podSecurity } from './podSecurity';
import { evaluatePodSecurity } from './podSecurityStandards';
import { HARDENED_CONTAINER_SECURITY, HARDENED_POD_SPEC } from './testing';

const restricted = (
  containerSecurity: any = HARDENED_CONTAINER_SECURITY,
  podSpec: any = HARDENED_POD_SPEC,
) =>
  deployment('doris', {
    containers: [container('doris', { securityContext: containerSecurity })],
    podSpec,
  });

describe('SEC-POD-SECURITY', () => {
  it('passes when every pod spec meets restricted, and reports the namespace enforcement label', () => {
    const out = podSecurity(
      serviceContext([
        restricted(),
        namespace(NS, { 'pod-security.kubernetes.io/enforce': 'restricted' }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      `Deployment ${NS}/doris meets restricted`,
      `namespace ${NS} enforces Pod Security "restricted"`,
    ]);
  });

  it('warns when the spec meets baseline only, listing what restricted needs', () => {
    const out = podSecurity(
      serviceContext([
        deployment('doris', {
          podSpec: { securityContext: { runAsUser: 1000 } },
        }),
        namespace(NS),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toBe(
      `Deployment ${NS}/doris meets baseline, not restricted: container doris does not drop ALL capabilities; container doris allowPrivilegeEscalation not false; container doris runAsNonRoot not true; container doris seccompProfile not RuntimeDefault or Localhost`,
    );
    expect(out.evidence[1]).toBe(
      `note: namespace ${NS} has no pod-security.kubernetes.io/enforce label (the cluster's default level applies: privileged unless the admission configuration sets one), lower than its pods meet ("baseline"): label it pod-security.kubernetes.io/enforce=baseline so a weaker pod is refused`,
    );
  });

  describe('"runs as root" means neither the pod nor the container sets runAsNonRoot: true or a non-zero runAsUser', () => {
    it('fails when neither level sets either field (the image decides, usually root)', () => {
      const out = podSecurity(serviceContext([deployment('doris')]));
      expect(out.status).toBe('fail');
      expect(out.evidence[0]).toContain(
        'container doris runs as root: neither pod nor container sets runAsNonRoot: true or a non-zero runAsUser',
      );
    });

    it.each([
      [
        'pod runAsNonRoot: true',
        { securityContext: { runAsNonRoot: true } },
        undefined,
      ],
      [
        'pod runAsUser: 1000',
        { securityContext: { runAsUser: 1000 } },
        undefined,
      ],
      ['container runAsNonRoot: true', {}, { runAsNonRoot: true }],
      ['container runAsUser: 1001', {}, { runAsUser: 1001 }],
    ])('does not count %s as root', (_what, podSpec, securityContext) => {
      const out = podSecurity(
        serviceContext([
          deployment('doris', {
            podSpec,
            containers: [container('doris', { securityContext })],
          }),
        ]),
      );
      expect(out.status).toBe('warn');
    });

    it('fails on uid 0 even with runAsNonRoot: true, and a container uid 0 overrides the pod', () => {
      expect(
        evaluatePodSecurity({
          securityContext: { runAsNonRoot: true },
          containers: [{ name: 'a', securityContext: { runAsUser: 0 } }],
        }).fail,
      ).toEqual(['container a runAsUser 0 (root)']);
    });

    it('lets a container runAsNonRoot: false override the pod-level true', () => {
      expect(
        evaluatePodSecurity({
          securityContext: { runAsNonRoot: true },
          containers: [{ name: 'a', securityContext: { runAsNonRoot: false } }],
        }).fail,
      ).toEqual([
        'container a runs as root: neither pod nor container sets runAsNonRoot: true or a non-zero runAsUser',
      ]);
    });
  });

  it('notes, not passes, a namespace that enforces a lower level than its pods meet', () => {
    const out = podSecurity(
      serviceContext([
        restricted(),
        namespace(NS, { 'pod-security.kubernetes.io/enforce': 'baseline' }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      `Deployment ${NS}/doris meets restricted`,
      `note: namespace ${NS} enforces Pod Security "baseline", lower than its pods meet ("restricted"): label it pod-security.kubernetes.io/enforce=restricted so a weaker pod is refused`,
    ]);
  });

  it.each([
    [
      'privileged',
      { ...HARDENED_CONTAINER_SECURITY, privileged: true },
      HARDENED_POD_SPEC,
      'container doris privileged',
    ],
    [
      'hostNetwork',
      HARDENED_CONTAINER_SECURITY,
      { ...HARDENED_POD_SPEC, hostNetwork: true },
      'hostNetwork: true',
    ],
    [
      'hostPath',
      HARDENED_CONTAINER_SECURITY,
      {
        ...HARDENED_POD_SPEC,
        volumes: [
          { name: 'docker', hostPath: { path: '/var/run/docker.sock' } },
        ],
      },
      'hostPath volume docker (/var/run/docker.sock)',
    ],
    [
      'root',
      { ...HARDENED_CONTAINER_SECURITY, runAsUser: 0 },
      HARDENED_POD_SPEC,
      'container doris runAsUser 0 (root)',
    ],
    [
      'SYS_ADMIN',
      {
        ...HARDENED_CONTAINER_SECURITY,
        capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] },
      },
      HARDENED_POD_SPEC,
      'adds capabilities SYS_ADMIN',
    ],
  ])('fails on %s', (_name, sc, podSpec, why) => {
    const out = podSecurity(serviceContext([restricted(sc, podSpec)]));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toContain(
      `Deployment ${NS}/doris breaks baseline: `,
    );
    expect(out.evidence[0]).toContain(why);
  });

  it('evaluates init containers and pod-level settings as the admission controller does', () => {
    const spec = {
      ...HARDENED_POD_SPEC,
      initContainers: [
        { name: 'chown', image: 'busybox', securityContext: { runAsUser: 0 } },
      ],
      containers: [
        {
          name: 'app',
          image: 'x',
          securityContext: HARDENED_CONTAINER_SECURITY,
          ports: [{ containerPort: 80, hostPort: 80 }],
        },
      ],
    };
    expect(evaluatePodSecurity(spec).fail).toEqual([
      'container chown runAsUser 0 (root)',
      'container app hostPort 80',
    ]);
    const nonRootAtPod = evaluatePodSecurity({
      ...HARDENED_POD_SPEC,
      containers: [
        { name: 'app', securityContext: HARDENED_CONTAINER_SECURITY },
      ],
    });
    expect(nonRootAtPod).toEqual({ fail: [], restricted: [] });
    expect(
      evaluatePodSecurity({
        ...HARDENED_POD_SPEC,
        volumes: [{ name: 'nfs', nfs: { server: 'x', path: '/' } }],
        containers: [],
      }).restricted,
    ).toEqual(['volume nfs of type nfs']);
  });

  it('is n/a without a workload', () => {
    expect(podSecurity(serviceContext([])).status).toBe('n/a');
  });

  it('is unknown when pods cannot be listed', () => {
    const facts = withKindError(factsFrom([restricted()]), 'pods');
    expect(podSecurity(serviceContext(facts))).toMatchObject({
      status: 'unknown',
      error: { source: 'kubernetes' },
    });
  });
});
