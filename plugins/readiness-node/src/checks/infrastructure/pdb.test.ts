import {
  deployment,
  factsFrom,
  hpa,
  pdb,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { allowedDisruptions, haPdb } from './pdb';

describe('HA-PDB', () => {
  it('passes when the budget by configuration allows a disruption; live disruptionsAllowed is evidence only', () => {
    const out = haPdb(
      serviceContext([
        deployment('doris'),
        // One pod is unready right now: the controller reports 0, the configuration allows 1.
        pdb('doris', { minAvailable: 1, disruptionsAllowed: 0 }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'Deployment data-platform/doris (2 desired replicas): policy/v1 PodDisruptionBudget doris by configuration allows 1 disruption (minAvailable 1); live status.disruptionsAllowed 0',
    ]);
  });

  it.each<
    [
      string,
      { minAvailable?: number | string; maxUnavailable?: number | string },
      number,
      'pass' | 'warn',
    ]
  >([
    ['maxUnavailable 1', { maxUnavailable: 1 }, 3, 'pass'],
    ['maxUnavailable 0', { maxUnavailable: 0 }, 3, 'warn'],
    ['maxUnavailable 34%', { maxUnavailable: '34%' }, 3, 'pass'],
    ['maxUnavailable 0%', { maxUnavailable: '0%' }, 3, 'warn'],
    ['minAvailable 2 of 3', { minAvailable: 2 }, 3, 'pass'],
    ['minAvailable 3 of 3', { minAvailable: 3 }, 3, 'warn'],
    [
      'minAvailable 50% of 3 (rounds up to 2)',
      { minAvailable: '50%' },
      3,
      'pass',
    ],
    ['minAvailable 100%', { minAvailable: '100%' }, 3, 'warn'],
  ])(
    'judges %s against the desired replicas',
    (_what, budget, replicas, status) => {
      const out = haPdb(
        serviceContext([
          deployment('doris', { replicas }),
          pdb('doris', { ...budget, disruptionsAllowed: 1 }),
        ]),
      );
      expect(out.status).toBe(status);
    },
  );

  it('reads policy/v1beta1 PDBs too', () => {
    const out = haPdb(
      serviceContext([
        deployment('doris', { replicas: 3 }),
        pdb('doris', { apiVersion: 'policy/v1beta1', maxUnavailable: '34%' }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toContain(
      'policy/v1beta1 PodDisruptionBudget doris by configuration allows 2 disruptions (maxUnavailable 34%)',
    );
  });

  it('warns when the budget by configuration allows 0 disruptions', () => {
    const out = haPdb(
      serviceContext([deployment('doris'), pdb('doris', { minAvailable: 2 })]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toMatch(
      /allows 0 disruptions \(minAvailable 2\); node drains will block$/,
    );
  });

  it('is unknown, not ignored, when the HPA read fails', () => {
    const out = haPdb(
      serviceContext(
        withKindError(
          factsFrom([deployment('doris'), pdb('doris')]),
          'horizontalpodautoscalers',
          'Forbidden (403)',
        ),
      ),
    );
    expect(out.status).toBe('unknown');
    expect(out.error).toEqual({
      source: 'kubernetes',
      message: 'horizontalpodautoscalers: Forbidden (403)',
    });
  });

  it('fails when no PDB selects a multi-replica workload (an empty v1beta1 selector selects nothing)', () => {
    expect(
      haPdb(serviceContext([deployment('doris'), pdb('other')])).status,
    ).toBe('fail');
    const emptyV1beta1 = pdb('all', {
      apiVersion: 'policy/v1beta1',
      selector: {},
    });
    expect(
      haPdb(serviceContext([deployment('doris'), emptyV1beta1])).status,
    ).toBe('fail');
    const emptyV1 = pdb('all', { selector: {} });
    expect(haPdb(serviceContext([deployment('doris'), emptyV1])).status).toBe(
      'pass',
    );
  });

  it('counts HPA minimum replicas as the workload size', () => {
    expect(
      haPdb(
        serviceContext([
          deployment('doris', { replicas: 1 }),
          hpa('doris', { min: 3 }),
        ]),
      ).status,
    ).toBe('fail');
  });

  it('is n/a for a single-replica workload without PDB, and without workload', () => {
    expect(
      haPdb(serviceContext([deployment('doris', { replicas: 1 })])).status,
    ).toBe('n/a');
    expect(haPdb(serviceContext([])).status).toBe('n/a');
  });

  it('is unknown when PDBs cannot be listed', () => {
    expect(
      haPdb(
        serviceContext(
          withKindError(
            factsFrom([deployment('doris')]),
            'poddisruptionbudgets',
          ),
        ),
      ).status,
    ).toBe('unknown');
  });

  it('rounds percentages up as the disruption controller does', () => {
    expect(
      allowedDisruptions(pdb('x', { minAvailable: '50%' }), 3).allowed,
    ).toBe(1);
    expect(
      allowedDisruptions(pdb('x', { maxUnavailable: '10%' }), 3).allowed,
    ).toBe(1);
  });
});
