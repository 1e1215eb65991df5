import type { ServiceReadiness } from '@254carbon/plugin-readiness-common';
import { describeWithKube } from '../kube/KubeRest';
import { VaultStandIn } from '@internal/vault-stand-in';
import { byCheck, getJson, loadServices, namespaceOf, serviceEntity, serviceName, statusesExcept } from './fixture';
import { clusterConfig, startReadiness, userAuthorization } from './startReadiness';

jest.setTimeout(180_000);

// Services 9110..9113 (namespace team-0911), used by no other suite.
const indexes = [9110, 9111, 9112, 9113];
const names = indexes.map(serviceName);
const VAULT_CHECKS = ['SEC-VAULT-ROLE', 'SEC-VAULT-POLICY', 'SEC-SECRETS-IN-VAULT'];
const TOKEN = 'hvs.readiness-faults-test-token';

function vaultFor() {
  return new VaultStandIn({
    token: TOKEN,
    sealed: false,
    roles: Object.fromEntries(
      indexes.map(i => [
        serviceName(i),
        {
          bound_service_account_names: [serviceName(i)],
          bound_service_account_namespaces: [namespaceOf(i)],
          audience: 'vault',
          token_ttl: 3600,
          token_max_ttl: 3600,
          token_policies: [serviceName(i)],
        },
      ]),
    ),
    policies: Object.fromEntries(
      names.map(n => [n, `path "secret/data/${n}/*" {\n  capabilities = ["read"]\n}\npath "secret/metadata/${n}/*" {\n  capabilities = ["list"]\n}\n`]),
    ),
    secrets: Object.fromEntries(names.map(n => [`${n}/db`, { password: `vault-value-${n}-must-never-leak` }])),
  });
}

describeWithKube('Vault faults (Vault stand-in with real paths and status codes)', env => {
  const entities = indexes.map(i => serviceEntity(i, 'main', { 'vault.io/secrets-path': serviceName(i) }));
  const vault = vaultFor();
  let baseline: Record<string, ServiceReadiness>;

  async function sweepWith() {
    const backend = await startReadiness({
      entities,
      clusters: [clusterConfig('main', env())],
      readiness: { sources: { vault: { baseUrl: vault.url, token: TOKEN, timeoutMs: 3000 } } },
    });
    try {
      await backend.runSweep();
      const results: Record<string, ServiceReadiness> = {};
      for (const name of names) {
        const res = await getJson(`${backend.baseUrl}/entities/default/component/${name}`, userAuthorization());
        expect(res.status).toBe(200);
        results[name] = res.body;
      }
      const platform = await getJson(`${backend.baseUrl}/platform`, userAuthorization());
      expect(platform.status).toBe(200);
      return { results, platform: byCheck(platform.body) };
    } finally {
      await backend.stop();
    }
  }

  beforeAll(async () => {
    await vault.start();
    await loadServices(env(), indexes[0], indexes[indexes.length - 1] + 1);
    vault.state.sealed = false;
    const healthy = await sweepWith();
    baseline = healthy.results;
    expect(healthy.platform['PLAT-VAULT'].status).toBe('pass');
    for (const name of names) {
      const checks = byCheck(baseline[name]);
      // The stand-in's roles are bound to exactly the service's account: Vault was really read.
      expect(checks['SEC-VAULT-ROLE'].status).toBe('pass');
      for (const id of VAULT_CHECKS) expect(checks[id].status).not.toBe('unknown');
    }
  });

  afterAll(() => vault.stop());

  afterEach(() => {
    vault.state.sealed = false;
    vault.state.rejectToken = false;
  });

  it('sealed Vault (503): PLAT-VAULT fails and the Vault checks are blockedBy it; nothing else moves', async () => {
    vault.state.sealed = true;
    const { results, platform } = await sweepWith();
    expect(platform['PLAT-VAULT'].status).toBe('fail');
    expect(platform['PLAT-VAULT'].evidence.join(' ')).toMatch(/seal/i);
    for (const name of names) {
      const checks = byCheck(results[name]);
      for (const id of VAULT_CHECKS) {
        expect(checks[id].blockedBy).toBe('PLAT-VAULT');
      }
      expect(statusesExcept(results[name], VAULT_CHECKS)).toEqual(statusesExcept(baseline[name], VAULT_CHECKS));
      // Blocked checks leave the denominator: the score is not dragged down by the outage.
      expect(results[name].overall.scored).toBe(baseline[name].overall.scored - VAULT_CHECKS.length);
    }
  });

  it('rejected token (403): the Vault checks are unknown naming Vault\'s own error; nothing else moves', async () => {
    vault.state.rejectToken = true;
    const { results, platform } = await sweepWith();
    // sys/health needs no token: Vault itself is up.
    expect(platform['PLAT-VAULT'].status).toBe('pass');
    for (const name of names) {
      const checks = byCheck(results[name]);
      for (const id of ['SEC-VAULT-ROLE', 'SEC-VAULT-POLICY']) {
        expect(checks[id].status).toBe('unknown');
        expect(JSON.stringify(checks[id])).toContain('403 permission denied');
      }
      expect(statusesExcept(results[name], VAULT_CHECKS)).toEqual(statusesExcept(baseline[name], VAULT_CHECKS));
    }
  });

  it('never reads a KV value: only metadata is listed', () => {
    expect(vault.requestLines.some(r => r.includes('/secret/metadata/'))).toBe(true);
    expect(vault.requestLines.filter(r => r.includes('/secret/data/'))).toEqual([]);
  });
});
