import {
  backup,
  deployment,
  factsFrom,
  restore,
  schedule,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { drRestoreDrill } from './restoreDrill';

const base = [
  deployment('doris'),
  schedule('hourly'),
  backup('hourly-20261001000000', {
    schedule: 'hourly',
    completedHoursAgo: 24 * 50,
  }),
];
const run = (...objects: unknown[]) =>
  drRestoreDrill(serviceContext([...base, ...objects]));

describe('DR-RESTORE-DRILL', () => {
  it('passes with a recent restore within the RTO', () => {
    const out = run(
      restore('drill-1', {
        backupName: 'hourly-20261001000000',
        completedDaysAgo: 10,
        durationMinutes: 20,
      }),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'Restore velero/drill-1 from hourly-20261001000000 into data-platform: Completed, 10 d ago, took 20 min (RTO 1 h, max age 90 d)',
    ]);
  });

  it('counts a restore of an expired backup recognised by its schedule name', () => {
    expect(
      run(
        restore('drill', {
          backupName: 'hourly-20260901000000',
          completedDaysAgo: 30,
        }),
      ).status,
    ).toBe('pass');
  });

  it('warns when the drill is older than 90 days or slower than the RTO', () => {
    expect(
      run(
        restore('old', {
          backupName: 'hourly-20261001000000',
          completedDaysAgo: 120,
        }),
      ).status,
    ).toBe('warn');
    const slow = run(
      restore('slow', {
        backupName: 'hourly-20261001000000',
        durationMinutes: 95,
      }),
    );
    expect(slow.status).toBe('warn');
    expect(slow.evidence[0]).toMatch(/took 1 h 35 min \(RTO 1 h/);
  });

  it('fails when no restore ever succeeded', () => {
    expect(run().evidence).toEqual([
      'no Velero Restore from a backup of data-platform was ever run',
    ]);
    const failed = run(
      restore('r', { backupName: 'hourly-20261001000000', phase: 'Failed' }),
    );
    expect(failed.status).toBe('fail');
    expect(failed.evidence[0]).toBe(
      'no successful restore drill for data-platform: Restore r Failed (only a Completed restore is a drill)',
    );
    // A restore of another namespace's backup does not count.
    expect(
      run(restore('x', { backupName: 'trino-20261001000000' })).status,
    ).toBe('fail');
  });

  it('does not count a PartiallyFailed restore as a completed drill', () => {
    const out = run(
      restore('partial', {
        backupName: 'hourly-20261001000000',
        phase: 'PartiallyFailed',
        completedDaysAgo: 5,
        durationMinutes: 10,
      }),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      'no successful restore drill for data-platform: Restore partial PartiallyFailed (only a Completed restore is a drill)',
    ]);
  });

  it('fails with "Velero not installed" when the CRDs are absent', () => {
    expect(
      drRestoreDrill(
        serviceContext(factsFrom([deployment('doris')], { installedCrds: [] })),
      ).status,
    ).toBe('fail');
  });

  it('is n/a when the service namespace is unknown', () => {
    expect(
      drRestoreDrill(serviceContext([], { target: { namespace: undefined } }))
        .status,
    ).toBe('n/a');
  });

  it('is unknown when Restores cannot be listed', () => {
    expect(
      drRestoreDrill(serviceContext(withKindError(factsFrom(base), 'restores')))
        .status,
    ).toBe('unknown');
  });
});
