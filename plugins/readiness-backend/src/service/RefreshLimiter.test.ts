import { RefreshLimiter, TooManyRequestsError } from './RefreshLimiter';

describe('RefreshLimiter', () => {
  it('allows one refresh per entity per interval and says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new RefreshLimiter(15_000, () => now);
    limiter.take('component:default/doris');
    // Another entity is not held back by the first.
    limiter.take('component:default/portal');

    now += 4_200;
    let error: unknown;
    try {
      limiter.take('component:default/doris');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error).toMatchObject({ statusCode: 429, retryAfterSeconds: 11 });
    expect((error as Error).message).toContain('component:default/doris was refreshed less than 15 seconds ago');

    now += 10_800;
    expect(() => limiter.take('component:default/doris')).not.toThrow();
  });
});
