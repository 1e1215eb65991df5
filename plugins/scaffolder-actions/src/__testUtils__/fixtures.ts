import { DEFAULT_SETTINGS, OnboardingSettings } from '../settings';

/** The settings of the 254Carbon cluster used across the tests. */
export const SETTINGS: OnboardingSettings = {
  ...DEFAULT_SETTINGS,
  allowedNamespaces: ['data-platform', 'analytics'],
};

/** The sample service of the report: lakefs in data-platform. */
export const LAKEFS = {
  name: 'lakefs',
  namespace: 'data-platform',
  owner: 'group:default/data-platform',
  hosts: ['lakefs.254carbon.com'],
  secretsPath: 'data-platform/lakefs',
  dependencies: ['minio:9000', 'analytics/postgres:5432'],
  ports: [8000],
};

export const NOW = new Date('2026-11-26T12:00:00Z');

/**
 * A live platform as `readLivePlatform` reads it when the onboarding sources are configured:
 * the production ClusterIssuer Ready on Let's Encrypt production, Vault active, and the
 * service's secrets stored.
 */
export const LIVE_PLATFORM = {
  issuer: {
    state: 'ok' as const,
    value: {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt-prod' },
      spec: {
        acme: {
          server: 'https://acme-v02.api.letsencrypt.org/directory',
          privateKeySecretRef: { name: 'letsencrypt-prod-account' },
          solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
        },
      },
      status: {
        conditions: [
          { type: 'Ready', status: 'True', reason: 'ACMEAccountRegistered' },
        ],
      },
    },
  },
  vaultHealth: {
    state: 'ok' as const,
    value: { code: 200, initialized: true, sealed: false, standby: false },
  },
  kvKeys: { state: 'ok' as const, value: ['config'] },
};
