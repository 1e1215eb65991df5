import { mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_THRESHOLDS, VaultSnapshot } from '@254carbon/plugin-readiness-node';
import { FactsCollector } from '../sweep/FactsCollector';
import type { VaultSource } from '../sources/vault';

const snapshot: VaultSnapshot = {
  address: 'https://vault',
  fetchedAt: '2026-11-26T12:00:00Z',
  authMount: 'kubernetes',
  kvMount: 'secret',
  health: { state: 'ok', value: { code: 200 } },
  roles: { state: 'ok', value: {} },
  policies: { state: 'ok', value: {} },
  kv: { state: 'ok', value: {} },
};

/** A Vault source that counts like VaultHttpClient: cumulatively, one per request. */
class CountingVault implements VaultSource {
  requests = 0;
  constructor(private readonly perCollect: number) {}
  async collect(): Promise<VaultSnapshot> {
    this.requests += this.perCollect;
    return snapshot;
  }
}

const items = [
  {
    name: 'doris',
    target: {
      entityRef: 'component:default/doris',
      kubernetesId: 'doris',
      vaultSecretsPath: 'doris',
      thresholds: DEFAULT_THRESHOLDS,
      exemptions: [],
      errors: [],
    },
  },
];

describe('Vault calls per sweep (the readiness_sweep_vault_calls metric)', () => {
  it("is the Vault source's request count of this collection, not since start", async () => {
    const vault = new CountingVault(7);
    const collector = new FactsCollector({ clusters: [], vault }, mockServices.logger.mock());
    expect((await collector.collect(items)).vaultCalls).toBe(7);
    expect((await collector.collect(items)).vaultCalls).toBe(7);
    expect(vault.requests).toBe(14);
  });

  it('is 0 for a source that calls no Vault (a snapshot file) and without Vault', async () => {
    const file: VaultSource = { collect: async () => snapshot };
    const logger = mockServices.logger.mock();
    expect((await new FactsCollector({ clusters: [], vault: file }, logger).collect(items)).vaultCalls).toBe(0);
    expect((await new FactsCollector({ clusters: [] }, logger).collect(items)).vaultCalls).toBe(0);
  });
});
