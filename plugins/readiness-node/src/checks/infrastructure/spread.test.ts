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
});
