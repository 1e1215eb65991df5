import { failed, ok, VaultSnapshot } from '../../facts';
import { factsFrom, NOW, platformContext } from '../../testing/builders';
import { platVault } from './vault';

function vault(health: VaultSnapshot['health']): VaultSnapshot {
  return {
    address: 'https://vault.254carbon.com',
    fetchedAt: NOW.toISOString(),
    authMount: 'kubernetes',
    kvMount: 'secret',
    health,
    roles: ok({}),
    policies: ok({}),
    kv: ok({}),
  };
}
const run = (health: VaultSnapshot['health']) =>
  platVault(platformContext(factsFrom([], { vault: vault(health) })));

describe('PLAT-VAULT', () => {
  it.each([200, 429, 473])('passes on %i', code => {
    expect(run(ok({ code, initialized: true, sealed: false })).status).toBe(
      'pass',
    );
  });

  it('names the state in the evidence', () => {
    expect(
      run(
        ok({
          code: 200,
          initialized: true,
          sealed: false,
          standby: false,
          version: '1.15.2',
        }),
      ).evidence,
    ).toEqual([
      'Vault https://vault.254carbon.com sys/health 200: initialised, unsealed and active (initialized, unsealed, active, version 1.15.2)',
    ]);
  });

  it.each([472, 474])('warns on %i', code => {
    expect(run(ok({ code })).status).toBe('warn');
  });

  it.each([
    [501, 'not initialised'],
    [503, 'sealed'],
  ])('fails on %i (%s)', (code, meaning) => {
    const out = run(ok({ code }));
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toContain(meaning);
  });

  it('fails when Vault is unreachable and carries the error so dependants are blocked', () => {
    const out = run(failed('connect ECONNREFUSED 127.0.0.1:8200'));
    expect(out.status).toBe('fail');
    expect(out.error).toEqual({
      source: 'vault',
      message: 'connect ECONNREFUSED 127.0.0.1:8200',
    });
    expect(out.evidence[0]).toMatch(/unreachable: connect ECONNREFUSED/);
  });

  it('is n/a when Vault is not configured', () => {
    expect(platVault(platformContext([])).status).toBe('n/a');
  });
});
