import {
  deployment,
  factsFrom,
  podsFor,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { haSpread } from './spread';

const spreadRule = {
  topologySpreadConstraints: [
    {
      maxSkew: 1,
      topologyKey: 'kubernetes.io/hostname',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: { app: 'doris' } },
    },
  ],
};
const antiAffinity = {
  affinity: {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            topologyKey: 'kubernetes.io/hostname',
            labelSelector: { matchLabels: { app: 'doris' } },
          },
        },
      ],
    },
  },
};

describe('HA-SPREAD', () => {
  it('passes with a spread rule and pods on two nodes', () => {
    const d = deployment('doris', { podSpec: spreadRule });
    const out = haSpread(
      serviceContext([d, ...podsFor(d, ['node-1', 'node-2'])]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'Deployment data-platform/doris: 2 pods on 2 nodes (node-1, node-2); topologySpreadConstraint kubernetes.io/hostname maxSkew 1 DoNotSchedule',
    ]);
  });

  it('warns with a rule but pods co-located', () => {
    const d = deployment('doris', { podSpec: antiAffinity });
    const out = haSpread(serviceContext([d, ...podsFor(d, ['node-1'])]));
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toMatch(
      /preferred podAntiAffinity on kubernetes.io\/hostname; pods co-located$/,
    );
  });

  it('warns when pods are spread only by chance', () => {
    const d = deployment('doris');
    expect(
      haSpread(serviceContext([d, ...podsFor(d, ['node-1', 'node-2'])])).status,
    ).toBe('warn');
  });

  it('fails with all pods on one node and no rule', () => {
    const d = deployment('doris');
    const out = haSpread(serviceContext([d, ...podsFor(d, ['node-1'])]));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toBe(
      'Deployment data-platform/doris: 2 pods on 1 node (node-1); no spread rule',
    );
  });

  it('is n/a without workload', () => {
    expect(haSpread(serviceContext([])).status).toBe('n/a');
  });

  it('is unknown when pods cannot be listed', () => {
    const d = deployment('doris', { podSpec: spreadRule });
    expect(
      haSpread(
        serviceContext(withKindError(factsFrom([d, ...podsFor(d)]), 'pods')),
      ).status,
    ).toBe('unknown');
  });

  it.each([
    'topology.kubernetes.io/zone',
    'topology.kubernetes.io/rack',
    'example.com/power-domain',
  ])(
    'counts a spread rule on any topologyKey (%s), not only the hostname',
    key => {
      const d = deployment('doris', {
        podSpec: {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: key,
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: { app: 'doris' } },
            },
          ],
        },
      });
      const spread = haSpread(
        serviceContext([d, ...podsFor(d, ['node-1', 'node-2'])]),
      );
      expect(spread.status).toBe('pass');
      expect(spread.evidence[0]).toContain(
        `topologySpreadConstraint ${key} maxSkew 1 ScheduleAnyway`,
      );
      // A rule, but co-located: warn, not the "no rule" fail.
      expect(
        haSpread(serviceContext([d, ...podsFor(d, ['node-1'])])).status,
      ).toBe('warn');
    },
  );

  it('counts required pod anti-affinity on a zone key as a rule', () => {
    const d = deployment('doris', {
      podSpec: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                topologyKey: 'topology.kubernetes.io/zone',
                labelSelector: { matchLabels: { app: 'doris' } },
              },
            ],
          },
        },
      },
    });
    const out = haSpread(serviceContext([d, ...podsFor(d)]));
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toContain(
      'required podAntiAffinity on topology.kubernetes.io/zone',
    );
  });

  it('judges the rule alone when the source holds no Pods (a manifests export)', () => {
    const withRule = haSpread(
      serviceContext([deployment('doris', { podSpec: spreadRule })]),
    );
    expect(withRule.status).toBe('pass');
    expect(withRule.evidence[0]).toBe(
      'Deployment data-platform/doris: pod placement not in the source; topologySpreadConstraint kubernetes.io/hostname maxSkew 1 DoNotSchedule',
    );
    const noRule = haSpread(serviceContext([deployment('doris')]));
    expect(noRule.status).toBe('warn');
  });
});
