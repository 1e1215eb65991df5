import {
  backup,
  deployment,
  factsFrom,
  schedule,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { drBackupFresh } from './backupFresh';

const base = [deployment('doris'), schedule('hourly')];
const run = (...objects: unknown[]) =>
  drBackupFresh(serviceContext([...base, ...objects]));

describe('DR-BACKUP-FRESH', () => {
  it('passes when the latest backup completed within the RPO', () => {
    const out = run(
      backup('hourly-20261126110000', {
        schedule: 'hourly',
        completedHoursAgo: 0.5,
      }),
      backup('hourly-20261126100000', {
        schedule: 'hourly',
        phase: 'Failed',
        completedHoursAgo: 1.5,
      }),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      'latest Backup velero/hourly-20261126110000 (schedule hourly) of data-platform: Completed, finished 30 min ago (RPO 1 h)',
    ]);
  });

  it('warns when PartiallyFailed or 1–2× RPO old', () => {
    const partial = run(
      backup('b1', { schedule: 'hourly', phase: 'PartiallyFailed', errors: 3 }),
    );
    expect(partial.status).toBe('warn');
    expect(partial.evidence[0]).toMatch(
      /PartiallyFailed, finished 30 min ago \(RPO 1 h\), 3 errors$/,
    );
    expect(
      run(backup('b2', { schedule: 'hourly', completedHoursAgo: 1.5 })).status,
    ).toBe('warn');
  });

  it('fails when the latest failed, none exists, or it is older than 2× RPO', () => {
    expect(
      run(backup('b1', { schedule: 'hourly', phase: 'Failed' })).status,
    ).toBe('fail');
    expect(run().evidence).toEqual([
      'no finished Backup of Schedule hourly (which includes data-platform)',
    ]);
    expect(
      run(backup('b3', { schedule: 'hourly', completedHoursAgo: 5 })).status,
    ).toBe('fail');
  });

  it('judges the latest finished backup and mentions one still running', () => {
    const out = run(
      backup('new', {
        schedule: 'hourly',
        phase: 'InProgress',
        completedHoursAgo: 0,
      }),
      backup('old', { schedule: 'hourly', completedHoursAgo: 0.8 }),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toBe('Backup new of data-platform is InProgress');
  });

  it('fails with "Velero not installed" when the CRDs are absent', () => {
    const out = drBackupFresh(
      serviceContext(factsFrom([deployment('doris')], { installedCrds: [] })),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toMatch(/^Velero not installed/);
  });

  it('is n/a when the service namespace is unknown', () => {
    expect(
      drBackupFresh(serviceContext([], { target: { namespace: undefined } }))
        .status,
    ).toBe('n/a');
  });

  it('is unknown when Backups cannot be listed', () => {
    expect(
      drBackupFresh(serviceContext(withKindError(factsFrom(base), 'backups')))
        .status,
    ).toBe('unknown');
  });

  describe('the latest Backup of a Schedule covering the namespace (velero.io/schedule-name); ad-hoc backups do not count', () => {
    it('ignores a newer ad-hoc backup of the namespace and judges the scheduled one', () => {
      const out = run(
        backup('manual-before-upgrade', { completedHoursAgo: 0.1 }),
        backup('hourly-20261126080000', {
          schedule: 'hourly',
          completedHoursAgo: 4,
        }),
      );
      expect(out.status).toBe('fail');
      expect(out.evidence).toEqual([
        'latest Backup velero/hourly-20261126080000 (schedule hourly) of data-platform: Completed, finished 4 h ago (RPO 1 h)',
      ]);
    });

    it('fails when only ad-hoc backups exist, however fresh', () => {
      const out = run(backup('manual', { completedHoursAgo: 0.1 }));
      expect(out.status).toBe('fail');
    });

    it('does not count a backup of a schedule that does not include the namespace', () => {
      const out = drBackupFresh(
        serviceContext([
          deployment('doris'),
          schedule('hourly'),
          schedule('trino-hourly', { includedNamespaces: ['analytics'] }),
          backup('trino-hourly-1', { schedule: 'trino-hourly' }),
        ]),
      );
      expect(out.status).toBe('fail');
    });

    it('fails, naming why, when no Schedule includes the namespace', () => {
      const out = drBackupFresh(
        serviceContext([
          deployment('doris'),
          backup('manual', { completedHoursAgo: 0.1 }),
        ]),
      );
      expect(out.evidence).toEqual([
        'no Velero Schedule includes namespace data-platform, so no scheduled Backup of it exists (ad-hoc backups do not count)',
      ]);
    });
  });
});
