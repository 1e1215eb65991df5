import { VaultStandIn } from '@internal/vault-stand-in';
import { SETTINGS } from '../__testUtils__/fixtures';
import { readLivePlatform } from './live';

describe('readLivePlatform', () => {
  let vault: VaultStandIn;
  beforeEach(async () => {
    vault = await new VaultStandIn({
      token: 'hvs.onboarding',
      secrets: { 'data-platform/lakefs/config': { AWS_SECRET: 'not-real' } },
    }).start();
  });
  afterEach(() => vault.stop());

  const settings = () => ({
    ...SETTINGS,
    vault: { baseUrl: vault.baseUrl, token: 'hvs.onboarding' },
    cluster: { url: 'https://kube.invalid', serviceAccountToken: 'sa' },
  });
  const issuer = {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name: 'letsencrypt-prod' },
  };

  it("reads Vault's health, the KV key names (never the values) and the issuer", async () => {
    const live = await readLivePlatform(settings(), 'data-platform/lakefs', {
      kubernetes: { read: async () => issuer as any },
    });
    expect(live.vaultHealth).toEqual({
      state: 'ok',
      value: expect.objectContaining({ code: 200, sealed: false }),
    });
    expect(live.kvKeys).toEqual({ state: 'ok', value: ['config'] });
    expect(live.issuer).toEqual({ state: 'ok', value: issuer });
    expect(vault.requestLines).toEqual([
      'GET /v1/sys/health',
      'GET /v1/secret/metadata/data-platform/lakefs?list=true',
    ]);
  });

  it('reads a sealed Vault as a reading, a missing issuer as null, and an empty path as no keys', async () => {
    vault.state.sealed = true;
    const live = await readLivePlatform(settings(), 'analytics/none', {
      kubernetes: {
        read: async () => {
          throw Object.assign(new Error('not found'), { code: 404 });
        },
      },
    });
    expect(live.vaultHealth).toEqual({
      state: 'ok',
      value: expect.objectContaining({ code: 503, sealed: true }),
    });
    expect(live.kvKeys).toEqual({
      state: 'error',
      message:
        'Vault LIST secret/metadata/analytics/none?list=true answered 503: Vault is sealed',
    });
    expect(live.issuer).toEqual({ state: 'ok', value: null });
  });

  it('reads nothing for a source that is not configured', async () => {
    expect(await readLivePlatform(SETTINGS, 'data-platform/lakefs')).toEqual(
      {},
    );
  });
});
