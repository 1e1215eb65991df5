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
  it('passes with a policy/v1 PDB allowing a disruption (from status)', () => {
    const out = haPdb(
      serviceContext([
        deployment('doris'),
        pdb('doris', { minAvailable: 1, disruptionsAllowed: 1 }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'Deployment data-platform/doris (2 replicas): policy/v1 PodDisruptionBudget doris allows 1 disruption (status.disruptionsAllowed)',
    ]);
  });

  it('reads policy/v1beta1 PDBs too, computing from the spec when there is no status', () => {
    const out = haPdb(
      serviceContext([
        deployment('doris', { replicas: 3 }),
        pdb('doris', { apiVersion: 'policy/v1beta1', maxUnavailable: '34%' }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toContain(
      'policy/v1beta1 PodDisruptionBudget doris allows 2 disruptions (maxUnavailable 34%)',
    );
  });

  it('warns when the PDB allows 0 disruptions', () => {
    const out = haPdb(
      serviceContext([deployment('doris'), pdb('doris', { minAvailable: 2 })]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toMatch(
      /allows 0 disruptions \(minAvailable 2\); node drains will block$/,
    );
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
