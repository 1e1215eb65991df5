import { failed, ok } from '../../facts';
import {
  deployment,
  factsFrom,
  NS,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { secretsInVault } from './secretsInVault';
import {
  HARDENED_POD_SPEC,
  VAULT_AGENT_ANNOTATIONS,
  vaultSnapshot,
} from './testing';

const injected = (podSpec: any = {}) =>
  deployment('doris', {
    podAnnotations: VAULT_AGENT_ANNOTATIONS,
    podSpec: { ...HARDENED_POD_SPEC, ...podSpec },
  });
const ctx = (
  objects: any[],
  vault = vaultSnapshot(),
  target: any = { vaultSecretsPath: 'doris' },
) => serviceContext(factsFrom(objects, { vault }), { target });

function externalSecret(name: string, target?: string) {
  return {
    apiVersion: 'external-secrets.io/v1beta1',
    kind: 'ExternalSecret',
    metadata: { name, namespace: NS },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
      target: target
        ? { name: target, creationPolicy: 'Owner' }
        : { creationPolicy: 'Owner' },
      dataFrom: [{ extract: { key: 'doris/database' } }],
    },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'SecretSynced' }],
    },
  };
}

function store(
  kind: 'ClusterSecretStore' | 'SecretStore',
  name: string,
  provider: Record<string, unknown>,
) {
  return {
    apiVersion: 'external-secrets.io/v1beta1',
    kind,
    metadata: { name, ...(kind === 'SecretStore' ? { namespace: NS } : {}) },
    spec: { provider },
  };
}
const VAULT_STORE = store('ClusterSecretStore', 'vault', {
  vault: {
    server: 'https://vault.254carbon.com',
    path: 'secret',
    version: 'v2',
    auth: { kubernetes: { mountPath: 'kubernetes', role: 'doris' } },
  },
});

describe('SEC-SECRETS-IN-VAULT', () => {
  it('passes when the secrets are in Vault KV and injected by the Vault Agent', () => {
    const out = secretsInVault(ctx([injected()]));
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      '2 secret(s) at secret/metadata/doris: database, stripe',
      `Deployment ${NS}/doris injects secrets with the Vault Agent (role doris)`,
    ]);
  });

  it('passes when the pods read a Secret that an ExternalSecret syncs from Vault', () => {
    const dep = deployment('doris', {
      podSpec: {
        volumes: [{ name: 'db', secret: { secretName: 'doris-db' } }],
      },
    });
    const out = secretsInVault(
      ctx([dep, externalSecret('doris-db-sync', 'doris-db'), VAULT_STORE]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence[1]).toBe(
      `Deployment ${NS}/doris reads Secret doris-db, synced from the secret store by ExternalSecret ${NS}/doris-db-sync`,
    );
  });

  describe('an ExternalSecret counts only when its (Cluster)SecretStore provider is Vault', () => {
    const dep = deployment('doris', {
      podSpec: {
        volumes: [{ name: 'db', secret: { secretName: 'doris-db' } }],
      },
    });

    it('warns when the store provider is not Vault', () => {
      const aws = store('ClusterSecretStore', 'vault', {
        aws: { service: 'SecretsManager', region: 'eu-west-1' },
      });
      const out = secretsInVault(
        ctx([dep, externalSecret('doris-db-sync', 'doris-db'), aws]),
      );
      expect(out.status).toBe('warn');
      expect(out.evidence[0]).toBe(
        `Deployment ${NS}/doris reads Secret doris-db, synced by ExternalSecret ${NS}/doris-db-sync from ClusterSecretStore vault (provider aws, not Vault)`,
      );
    });

    it('warns when the store does not exist', () => {
      const out = secretsInVault(
        ctx([dep, externalSecret('doris-db-sync', 'doris-db')]),
      );
      expect(out.status).toBe('warn');
      expect(out.evidence[0]).toContain(
        'from ClusterSecretStore vault, which does not exist',
      );
    });

    it('resolves a namespaced SecretStore in the ExternalSecret namespace', () => {
      const es = externalSecret('doris-db-sync', 'doris-db');
      es.spec.secretStoreRef = { kind: 'SecretStore', name: 'team-vault' };
      const out = secretsInVault(
        ctx([
          dep,
          es,
          store('SecretStore', 'team-vault', {
            vault: { server: 'https://vault' },
          }),
        ]),
      );
      expect(out.status).toBe('pass');
    });

    it('is unknown when the stores cannot be listed', () => {
      const facts = withKindError(
        factsFrom([dep, externalSecret('doris-db-sync', 'doris-db')], {
          vault: vaultSnapshot(),
        }),
        'clustersecretstores',
        'Forbidden (403)',
      );
      const out = secretsInVault(
        serviceContext(facts, { target: { vaultSecretsPath: 'doris' } }),
      );
      expect(out.status).toBe('unknown');
    });
  });

  it("warns when the agent's role annotation is not the service's role", () => {
    const dep = deployment('doris', {
      podAnnotations: {
        ...VAULT_AGENT_ANNOTATIONS,
        'vault.hashicorp.com/role': 'superset',
      },
      podSpec: HARDENED_POD_SPEC,
    });
    const out = secretsInVault(ctx([dep]));
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toBe(
      `Deployment ${NS}/doris injects secrets with Vault role superset, not the service's role doris`,
    );
  });

  it('warns when pods still read plain Secrets besides Vault', () => {
    const dep = injected({
      containers: [
        {
          name: 'api',
          image: 'harbor.254carbon.com/data-platform/doris:1.4.2',
          envFrom: [{ secretRef: { name: 'doris-legacy' } }],
          env: [
            {
              name: 'REDIS_PASSWORD',
              valueFrom: { secretKeyRef: { name: 'redis', key: 'password' } },
            },
          ],
        },
      ],
    });
    const out = secretsInVault(ctx([dep]));
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toBe(
      `Deployment ${NS}/doris still reads plain Secret(s) doris-legacy (container api envFrom), redis (container api env REDIS_PASSWORD)`,
    );
    expect(out.remediation).toContain('vault.hashicorp.com/agent-inject');
  });

  it('warns when nothing consumes the secrets from Vault', () => {
    const out = secretsInVault(ctx([deployment('doris')]));
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toContain('reads nothing from Vault');
  });

  it('ignores the service-account token volume an old cluster injects into bare pods', () => {
    const podObj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'doris-debug',
        namespace: NS,
        labels: { 'backstage.io/kubernetes-id': 'doris' },
        annotations: VAULT_AGENT_ANNOTATIONS,
      },
      spec: {
        serviceAccountName: 'doris',
        containers: [
          {
            name: 'app',
            image: 'x',
            volumeMounts: [
              {
                name: 'doris-token-x7k2p',
                mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
                readOnly: true,
              },
            ],
          },
        ],
        volumes: [
          {
            name: 'doris-token-x7k2p',
            secret: { secretName: 'doris-token-x7k2p', defaultMode: 420 },
          },
        ],
      },
    };
    expect(secretsInVault(ctx([podObj])).status).toBe('pass');
  });

  it('fails without the vault.io/secrets-path annotation, naming it in the remediation', () => {
    const out = secretsInVault(ctx([injected()], vaultSnapshot(), {}));
    expect(out.status).toBe('fail');
    expect(out.remediation).toContain('vault.io/secrets-path');
  });

  it('fails when Vault holds nothing at the path', () => {
    const out = secretsInVault(
      ctx([injected()], vaultSnapshot({ kv: ok({ doris: [] }) })),
    );
    expect(out).toMatchObject({
      status: 'fail',
      evidence: ['no secret under secret/metadata/doris'],
    });
  });

  it('is n/a without Vault configured', () => {
    expect(
      secretsInVault(
        serviceContext([injected()], { target: { vaultSecretsPath: 'doris' } }),
      ).status,
    ).toBe('n/a');
  });

  it('is unknown when the KV metadata cannot be listed, or the pods cannot be read', () => {
    const out = secretsInVault(
      ctx([injected()], vaultSnapshot({ kv: failed('503 Vault is sealed') })),
    );
    expect(out).toMatchObject({
      status: 'unknown',
      error: { source: 'vault' },
    });
    const facts = withKindError(
      factsFrom([injected()], { vault: vaultSnapshot() }),
      'pods',
    );
    expect(
      secretsInVault(
        serviceContext(facts, { target: { vaultSecretsPath: 'doris' } }),
      ),
    ).toMatchObject({
      status: 'unknown',
      error: { source: 'kubernetes' },
    });
  });

  it('is unknown for this service only when its own KV path answers 403', () => {
    const vault = vaultSnapshot({
      kv: ok({ superset: ['db'] }),
      kvErrors: { doris: 'LIST secret/metadata/doris: 403 permission denied' },
    });
    expect(secretsInVault(ctx([injected()], vault))).toMatchObject({
      status: 'unknown',
      error: {
        source: 'vault',
        message:
          'KV metadata at secret/metadata/doris: LIST secret/metadata/doris: 403 permission denied',
      },
    });
    const other = vaultSnapshot({
      kvErrors: {
        superset: 'LIST secret/metadata/superset: 403 permission denied',
      },
    });
    expect(secretsInVault(ctx([injected()], other)).status).not.toBe('unknown');
  });
});
