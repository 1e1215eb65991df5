import { failed, ok } from '@254carbon/plugin-readiness-node';
import { buildBundle } from '../bundle';
import { parseOnboardingInput } from '../input';
import {
  LAKEFS,
  LIVE_PLATFORM,
  NOW,
  SETTINGS,
} from '../__testUtils__/fixtures';
import { evaluateBundle } from './evaluate';

jest.setTimeout(60_000);

const bundle = () =>
  buildBundle(parseOnboardingInput(LAKEFS, SETTINGS, 'test'), SETTINGS);
const statusOf = (r: Awaited<ReturnType<typeof evaluateBundle>>) =>
  Object.fromEntries(r.covered.map(c => [c.checkId, c.status]));
const reasonOf = (r: Awaited<ReturnType<typeof evaluateBundle>>, id: string) =>
  r.notCovered.find(c => c.checkId === id)?.reason;

describe('the closed loop reports honestly', () => {
  it('reports a check it could not judge as not covered, never pass, and names every assumption', async () => {
    const r = await evaluateBundle(bundle(), SETTINGS, NOW);
    expect(statusOf(r)['SEC-CERT-ISSUER']).toBeUndefined();
    expect(statusOf(r)['SEC-SECRETS-IN-VAULT']).toBeUndefined();
    expect(reasonOf(r, 'SEC-CERT-ISSUER')).toBe(
      "no cluster is configured for onboarding, so ClusterIssuer letsencrypt-prod's Ready status cannot be read",
    );
    expect(reasonOf(r, 'SEC-SECRETS-IN-VAULT')).toBe(
      'needs the secrets at secret/data-platform/lakefs, which cannot be listed without a Vault configured for onboarding',
    );
    expect(r.assumptions).toEqual([
      "the service's Deployment is the template's skeleton (its ServiceAccount, labels and Vault annotations); the real one is measured once deployed",
      'the cluster runs a CNI that enforces NetworkPolicies',
      'no RoleBinding or ClusterRoleBinding outside the bundle grants the service account more',
      'Vault is initialised and unsealed (no Vault is configured for onboarding, so its health was not read)',
    ]);
    // What the bundle itself decides is still judged.
    expect(statusOf(r)['SEC-VAULT-POLICY']).toBe('pass');
    expect(statusOf(r)['SEC-NETPOL-DEFAULT-DENY']).toBe('pass');
  });

  it("judges the issuer's real Ready status: an issuer that is not Ready fails the loop", async () => {
    const notReady = {
      ...LIVE_PLATFORM,
      issuer: ok({
        ...LIVE_PLATFORM.issuer.value,
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'ErrRegisterACMEAccount',
              message: 'Failed to register ACME account',
            },
          ],
        },
      }),
    };
    const r = await evaluateBundle(bundle(), SETTINGS, NOW, notReady);
    expect(statusOf(r)['SEC-CERT-ISSUER']).toBe('fail');
    expect(r.passed).toBe(false);
  });

  it('fails SEC-CERT-ISSUER when the production issuer does not exist in the cluster', async () => {
    const r = await evaluateBundle(bundle(), SETTINGS, NOW, {
      ...LIVE_PLATFORM,
      issuer: ok(null),
    });
    expect(statusOf(r)['SEC-CERT-ISSUER']).toBe('fail');
    expect(r.assumptions).toContain(
      'ClusterIssuer letsencrypt-prod does not exist in the cluster',
    );
  });

  it('does not judge the issuer when the cluster cannot be read', async () => {
    const r = await evaluateBundle(bundle(), SETTINGS, NOW, {
      ...LIVE_PLATFORM,
      issuer: failed('reading ClusterIssuer letsencrypt-prod: Forbidden'),
    });
    expect(reasonOf(r, 'SEC-CERT-ISSUER')).toBe(
      'ClusterIssuer letsencrypt-prod could not be read: reading ClusterIssuer letsencrypt-prod: Forbidden',
    );
  });

  it('does not judge the Vault checks when Vault is sealed or unreachable', async () => {
    const sealed = await evaluateBundle(bundle(), SETTINGS, NOW, {
      ...LIVE_PLATFORM,
      vaultHealth: ok({ code: 503, initialized: true, sealed: true }),
    });
    for (const id of [
      'SEC-VAULT-ROLE',
      'SEC-VAULT-POLICY',
      'SEC-SECRETS-IN-VAULT',
    ]) {
      expect(statusOf(sealed)[id]).toBeUndefined();
      expect(reasonOf(sealed, id)).toMatch(
        /^Vault is not usable \(PLAT-VAULT fail: /,
      );
    }
    const down = await evaluateBundle(bundle(), SETTINGS, NOW, {
      ...LIVE_PLATFORM,
      vaultHealth: failed('Vault https://vault:8200 unreachable: ECONNREFUSED'),
    });
    expect(reasonOf(down, 'SEC-VAULT-ROLE')).toBe(
      'Vault could not be read: Vault https://vault:8200 unreachable: ECONNREFUSED',
    );
  });

  it('judges SEC-SECRETS-IN-VAULT only once the secrets are stored', async () => {
    const empty = await evaluateBundle(bundle(), SETTINGS, NOW, {
      ...LIVE_PLATFORM,
      kvKeys: ok([]),
    });
    expect(reasonOf(empty, 'SEC-SECRETS-IN-VAULT')).toBe(
      'no secret is stored at secret/data-platform/lakefs yet: its owners write them after onboarding (expected key "config")',
    );
    const stored = await evaluateBundle(bundle(), SETTINGS, NOW, LIVE_PLATFORM);
    expect(statusOf(stored)['SEC-SECRETS-IN-VAULT']).toBe('pass');
    expect(stored.passed).toBe(true);
    expect(stored.assumptions).toContain(
      'ClusterIssuer letsencrypt-prod read live from the cluster',
    );
  });
});
