import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { readinessReadPermission } from '@254carbon/plugin-readiness-common';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityVisibility, VISIBILITY_MAX_STALE_MS, VISIBILITY_TTL_MS } from './EntityVisibility';

const refs = Array.from({ length: 450 }, (_, i) => `component:default/svc-${i}`);
const alice = mockCredentials.user('user:default/alice');

function conditionalPermissions(allowed: (ref: string) => boolean) {
  return mockServices.permissions.mock({
    authorizeConditional: jest.fn(async () => [
      {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: { rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: [] } },
      },
    ]) as any,
    authorize: jest.fn(async requests =>
      requests.map((r: { resourceRef?: string }) => ({
        result: allowed(r.resourceRef ?? '') ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      })),
    ) as any,
  });
}

describe('EntityVisibility', () => {
  it('asks once per caller and interval, authorizes entities in bounded batches, and reuses the answer', async () => {
    let now = 0;
    const permissions = conditionalPermissions(ref => ref.endsWith('0'));
    const visibility = new EntityVisibility(permissions, () => now);

    const first = await visibility.resolve(alice, refs);
    expect(first.all).toBe(false);
    expect(first.all === false && [...first.refs]).toEqual(refs.filter(r => r.endsWith('0')));
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
    expect(permissions.authorizeConditional).toHaveBeenCalledWith([{ permission: readinessReadPermission }], { credentials: alice });
    // 450 entities: three calls of at most 200 (the permission backend's body limit).
    expect((permissions.authorize as jest.Mock).mock.calls.map(c => c[0].length)).toEqual([200, 200, 50]);

    // Twenty concurrent requests within the interval: no further permission calls, same key.
    const again = await Promise.all(Array.from({ length: 20 }, () => visibility.resolve(alice, refs)));
    expect(new Set(again.map(v => v.key))).toEqual(new Set([first.key]));
    expect(permissions.authorize).toHaveBeenCalledTimes(3);

    // A new entity (a sweep measured one more) is authorized alone.
    await visibility.resolve(alice, [...refs, 'component:default/new-0']);
    expect((permissions.authorize as jest.Mock).mock.calls[3][0]).toEqual([
      { permission: readinessReadPermission, resourceRef: 'component:default/new-0' },
    ]);

    now += VISIBILITY_TTL_MS;
    await visibility.resolve(alice, refs);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);
  });

  it('renews decisions in the background past the TTL, and waits for them only when too old', async () => {
    let now = 0;
    let allowed = (ref: string) => ref.endsWith('0');
    const permissions = conditionalPermissions(ref => allowed(ref));
    const visibility = new EntityVisibility(permissions, () => now);
    const first = await visibility.resolve(alice, refs);

    // Ownership changed: the next request past the TTL still gets the old answer at once...
    allowed = ref => ref.endsWith('1');
    now += VISIBILITY_TTL_MS;
    const stale = await visibility.resolve(alice, refs);
    expect(stale).toBe(first);
    // ...while the new one is computed; the request after that sees it.
    await new Promise(r => setTimeout(r, 10));
    const renewed = await visibility.resolve(alice, refs);
    expect(renewed.all === false && [...renewed.refs]).toEqual(refs.filter(r => r.endsWith('1')));

    // Past the maximum age nothing stale is served: the request waits for a fresh decision.
    allowed = () => false;
    now += VISIBILITY_MAX_STALE_MS;
    const fresh = await visibility.resolve(alice, refs);
    expect(fresh.all === false && fresh.refs.size).toBe(0);
  });

  it('shows everything without per-entity calls when the policy allows, and refuses when it denies', async () => {
    const allow = mockServices.permissions.mock({
      authorizeConditional: jest.fn(async () => [{ result: AuthorizeResult.ALLOW }]) as any,
    });
    expect(await new EntityVisibility(allow).resolve(alice, refs)).toEqual({ all: true, key: 'all' });
    expect(allow.authorize).not.toHaveBeenCalled();

    const deny = mockServices.permissions.mock({
      authorizeConditional: jest.fn(async () => [{ result: AuthorizeResult.DENY }]) as any,
    });
    await expect(new EntityVisibility(deny).resolve(alice, refs)).rejects.toThrow(
      new NotAllowedError('Not allowed: readiness.read is required'),
    );
  });
});
