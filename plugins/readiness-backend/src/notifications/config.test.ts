import { mockServices } from '@backstage/backend-test-utils';
import { readReadinessConfig } from '../config';

const read = (notifications: unknown) =>
  readReadinessConfig(
    mockServices.rootConfig({
      data:
        notifications === undefined
          ? {}
          : { readiness: { notifications } as any },
    }),
  ).notifications;

describe('readiness.notifications', () => {
  it('is on by default, with no platform team', () => {
    expect(read(undefined)).toEqual({ enabled: true, platformTeam: [] });
  });

  it('takes the platform team as one ref or a list, completing a bare name as a group', () => {
    expect(read({ platformTeam: 'platform-team' }).platformTeam).toEqual([
      'group:default/platform-team',
    ]);
    expect(
      read({ platformTeam: ['group:ops/sre', 'user:default/alex.morgan'] })
        .platformTeam,
    ).toEqual(['group:ops/sre', 'user:default/alex.morgan']);
    expect(read({ enabled: false }).enabled).toBe(false);
  });

  it('names the key and the expected form when the config is wrong', () => {
    expect(() => read({ enabled: 'no' })).toThrow(
      'Invalid readiness config: readiness.notifications.enabled Expected boolean, received string',
    );
    expect(() => read({ platformTeam: ['group:'] })).toThrow(
      /^Invalid readiness config: readiness\.notifications\.platformTeam\[0\] .* \(expected e\.g\. group:default\/platform-team\)$/,
    );
    expect(() => read({ platformTeam: [''] })).toThrow(
      'Invalid readiness config: readiness.notifications.platformTeam[0] must not be empty',
    );
    expect(() => read({ recipients: [] })).toThrow(
      'Invalid readiness config: readiness.notifications has unknown key(s) recipients',
    );
  });
});
