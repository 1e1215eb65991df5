import { DEFAULT_THRESHOLDS } from '../../engine/settings';
import {
  deployment,
  factsFrom,
  schedule,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { drBackupSchedule } from './backupSchedule';

const doris = deployment('doris');

describe('DR-BACKUP-SCHEDULE', () => {
  it('passes with an enabled hourly Schedule including the namespace', () => {
    const out = drBackupSchedule(
      serviceContext([doris, schedule('hourly', { cron: '0 * * * *' })]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      "Schedule velero/hourly '0 * * * *' includes data-platform: runs at least every 1 h (RPO 1 h)",
    ]);
  });

  it('counts a Schedule of all namespaces, or a matching glob', () => {
    expect(
      drBackupSchedule(
        serviceContext([doris, schedule('all', { includedNamespaces: ['*'] })]),
      ).status,
    ).toBe('pass');
    expect(
      drBackupSchedule(
        serviceContext([
          doris,
          schedule('g', { includedNamespaces: ['data-*'] }),
        ]),
      ).status,
    ).toBe('pass');
  });

  it.each([
    ['{data-platform,analytics}', 'pass'],
    ['data-[a-p]*', 'pass'],
    ['data-?latform', 'pass'],
    ['data-[q-z]*', 'fail'],
  ])('matches namespace glob %s as Velero does', (pattern, status) => {
    expect(
      drBackupSchedule(
        serviceContext([
          doris,
          schedule('g', { includedNamespaces: [pattern] }),
        ]),
      ).status,
    ).toBe(status);
  });

  it('reads Velero cron dialect: @every and CRON_TZ=', () => {
    const every = drBackupSchedule(
      serviceContext([doris, schedule('e', { cron: '@every 30m' })]),
    );
    expect(every.status).toBe('pass');
    const zoned = drBackupSchedule(
      serviceContext([
        doris,
        schedule('z', { cron: 'CRON_TZ=Europe/Berlin 0 2 * * *' }),
      ]),
    );
    expect(zoned.status).toBe('warn');
    expect(zoned.evidence[0]).toBe(
      "Schedule velero/z 'CRON_TZ=Europe/Berlin 0 2 * * *' includes data-platform: runs at least every 25 h (+60 min when Europe/Berlin turns its clocks back) (RPO 1 h)",
    );
  });

  it('warns when the interval exceeds the RPO, and honours a per-service RPO', () => {
    const daily = schedule('daily', { cron: '0 2 * * *' });
    expect(drBackupSchedule(serviceContext([doris, daily])).status).toBe(
      'warn',
    );
    const relaxed = serviceContext([doris, daily], {
      target: { thresholds: { ...DEFAULT_THRESHOLDS, rpoHours: 24 } },
    });
    expect(drBackupSchedule(relaxed).status).toBe('pass');
  });

  it('fails when no Schedule includes the namespace, or it is excluded', () => {
    expect(
      drBackupSchedule(
        serviceContext([
          doris,
          schedule('x', { includedNamespaces: ['other'] }),
        ]),
      ).evidence,
    ).toEqual(['no Velero Schedule includes namespace data-platform']);
    const excluded = schedule('all', {
      includedNamespaces: ['*'],
      excludedNamespaces: ['data-platform'],
    });
    expect(drBackupSchedule(serviceContext([doris, excluded])).status).toBe(
      'fail',
    );
  });

  it('fails when the only Schedule is paused, failed validation or has an invalid cron', () => {
    expect(
      drBackupSchedule(serviceContext([doris, schedule('p', { paused: true })]))
        .status,
    ).toBe('fail');
    const rejected = schedule('v', {
      phase: 'FailedValidation',
      validationErrors: ['invalid schedule: expected 5 fields'],
    });
    const out = drBackupSchedule(serviceContext([doris, rejected]));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toBe(
      "Schedule velero/v '0 * * * *' failed validation: invalid schedule: expected 5 fields",
    );
    const bad = drBackupSchedule(
      serviceContext([doris, schedule('bad', { cron: '0 25 * * *' })]),
    );
    expect(bad.status).toBe('fail');
    expect(bad.evidence[0]).toMatch(
      /is invalid: "0 25 \* \* \*": Constraint error, got value 25 expected range 0-23/,
    );
  });

  it('ignores a Schedule whose label selector does not match the service', () => {
    const other = schedule('labelled', {
      labelSelector: { matchLabels: { app: 'trino' } },
    });
    expect(drBackupSchedule(serviceContext([doris, other])).status).toBe(
      'fail',
    );
  });

  it('fails with "Velero not installed" when the CRDs are absent', () => {
    const out = drBackupSchedule(
      serviceContext(factsFrom([doris], { installedCrds: [] })),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      'Velero not installed: schedules.velero.io is not installed (no velero.io/v1 API)',
    ]);
  });

  it('is n/a when the service namespace is unknown', () => {
    expect(
      drBackupSchedule(serviceContext([], { target: { namespace: undefined } }))
        .status,
    ).toBe('n/a');
  });

  it('is unknown when Schedules cannot be listed', () => {
    expect(
      drBackupSchedule(
        serviceContext(withKindError(factsFrom([doris]), 'schedules')),
      ).status,
    ).toBe('unknown');
  });
});
