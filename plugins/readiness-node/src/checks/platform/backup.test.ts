import {
  deployment,
  factsFrom,
  platformContext,
  schedule,
  withKindError,
} from '../../testing/builders';
import { platBackup } from './backup';

const velero = (ready?: number) =>
  deployment('velero', {
    namespace: 'velero',
    id: null,
    replicas: 1,
    readyReplicas: ready,
    labels: { 'app.kubernetes.io/name': 'velero' },
  });

describe('PLAT-BACKUP', () => {
  it('passes with Velero running and an enabled Schedule', () => {
    const out = platBackup(
      platformContext([
        velero(),
        schedule('hourly'),
        schedule('old', { paused: true }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toContain("Schedule velero/old '0 * * * *': paused");
    expect(out.evidence[out.evidence.length - 1]).toBe('1/2 Schedules enabled');
  });

  it('warns when Velero runs without an enabled Schedule', () => {
    expect(platBackup(platformContext([velero()])).status).toBe('warn');
    expect(
      platBackup(
        platformContext([
          velero(),
          schedule('bad', { phase: 'FailedValidation' }),
        ]),
      ).status,
    ).toBe('warn');
  });

  it('fails with "not installed" when the Velero CRDs are absent', () => {
    const out = platBackup(
      platformContext(factsFrom([velero()], { installedCrds: [] })),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      'Velero not installed: schedules.velero.io is not installed (no velero.io/v1 API)',
    ]);
  });

  it('fails when the CRDs exist but the Velero server is down', () => {
    const out = platBackup(platformContext([velero(0), schedule('hourly')]));
    expect(out.status).toBe('fail');
    expect(out.evidence).toContain(
      'Velero CRDs are installed but the Velero server is not running',
    );
  });

  it('is unknown when Schedules cannot be listed', () => {
    expect(
      platBackup(
        platformContext(withKindError(factsFrom([velero()]), 'schedules')),
      ).status,
    ).toBe('unknown');
  });
});
