import type { KubeObject } from '../../facts';
import { kubernetesUnknown, readKinds } from '../../engine/outcome';
import type {
  CheckOutcome,
  ServiceCheck,
  ServiceContext,
} from '../../engine/types';
import { Findings, ref } from './findings';
import { podSources } from './podSources';
import { secretsReadBy } from './secretRefs';
import { VAULT_NOT_CONFIGURED, vaultUnknown } from './vaultRoles';

export const AGENT_INJECT_ANNOTATION = 'vault.hashicorp.com/agent-inject';
export const AGENT_ROLE_ANNOTATION = 'vault.hashicorp.com/role';

/**
 * The providers of this cluster's SecretStores and ClusterSecretStores, read once per sweep. A
 * store list that cannot be read makes the check unknown: without it no ExternalSecret can be
 * shown to come from Vault.
 */
function storeProviders(ctx: ServiceContext):
  | { outcome: CheckOutcome }
  | {
      providerOf(es: KubeObject): string | undefined;
      describe(es: KubeObject): string;
    } {
  const read = readKinds({
    secretstores: ctx.all('secretstores'),
    clustersecretstores: ctx.all('clustersecretstores'),
  });
  if ('outcome' in read) return read;
  const index = ctx.memo('eso:store-providers', () => {
    const providers = new Map<string, string>();
    const provider = (store: KubeObject) =>
      Object.keys(store.spec?.provider ?? {})[0] ?? 'unknown';
    for (const s of read.items.secretstores)
      providers.set(
        `SecretStore/${s.metadata.namespace}/${s.metadata.name}`,
        provider(s),
      );
    for (const s of read.items.clustersecretstores)
      providers.set(`ClusterSecretStore/${s.metadata.name}`, provider(s));
    return providers;
  });
  const keyOf = (es: KubeObject) => {
    const storeRef = es.spec?.secretStoreRef ?? {};
    const kind =
      storeRef.kind === 'ClusterSecretStore'
        ? 'ClusterSecretStore'
        : 'SecretStore';
    return kind === 'ClusterSecretStore'
      ? `${kind}/${storeRef.name}`
      : `${kind}/${es.metadata.namespace}/${storeRef.name}`;
  };
  return {
    providerOf: es => index.get(keyOf(es)),
    describe: es => {
      const key = keyOf(es);
      return index.has(key)
        ? key.replace('/', ' ')
        : `${key.replace('/', ' ')}, which does not exist`;
    },
  };
}

/** The Secret an ExternalSecret writes: `spec.target.name`, defaulting to its own name. */
function externalSecretTarget(es: KubeObject): string {
  return String(es.spec?.target?.name || es.metadata.name);
}

/**
 * SEC-SECRETS-IN-VAULT: the service's secrets are in Vault KV (listed through metadata, never
 * read) and its pods get them from Vault: through the Agent Injector with the service's own role
 * (`vault.hashicorp.com/role`), or through Secrets that an ExternalSecret syncs from a
 * (Cluster)SecretStore whose provider is Vault. A pod still reading a hand-made Secret, or an
 * ExternalSecret from another provider, warns.
 */
export const secretsInVault: ServiceCheck = ctx => {
  const vault = ctx.vault;
  if (!vault) return VAULT_NOT_CONFIGURED;
  const path = ctx.target.vaultSecretsPath;
  if (!path) {
    return {
      status: 'fail',
      evidence: [
        'the entity has no vault.io/secrets-path annotation: where its secrets live in Vault is unknown',
      ],
      remediation: `Store the service's secrets under ${vault.kvMount}/<service> in Vault and add the annotation vault.io/secrets-path: <service> to its catalog entity.`,
    };
  }
  const location = `${vault.kvMount}/metadata/${path}`;
  if (vault.kv.state === 'error')
    return vaultUnknown(`KV metadata at ${location}`, vault.kv.message);
  if (vault.kv.state === 'absent') {
    return {
      status: 'fail',
      evidence: [
        `KV engine ${vault.kvMount} is not available: ${vault.kv.reason}`,
      ],
      remediation: `Enable a KV v2 engine at ${vault.kvMount} and store the service's secrets under ${path}.`,
    };
  }
  const kvError = vault.kvErrors?.[path];
  if (kvError) return vaultUnknown(`KV metadata at ${location}`, kvError);
  const keys = vault.kv.value[path] ?? [];
  if (keys.length === 0) {
    return {
      status: 'fail',
      evidence: [`no secret under ${location}`],
      remediation: `Write the service's secrets to ${vault.kvMount}/data/${path}/<name> (vault kv put) and rotate any that lived in Secrets or ConfigMaps.`,
    };
  }

  const pods = podSources(ctx);
  if ('outcome' in pods) return pods.outcome;
  const es = readKinds({
    externalsecrets: ctx.inNamespaces('externalsecrets'),
  });
  if ('outcome' in es) return es.outcome;
  const labelled = ctx.selected('externalsecrets');
  if (labelled.state === 'error')
    return kubernetesUnknown('externalsecrets', labelled.message);
  const stores = storeProviders(ctx);
  if ('outcome' in stores) return stores.outcome;
  const role = ctx.target.vaultRole ?? ctx.target.kubernetesId;

  const findings = new Findings();
  findings.add(
    'pass',
    `${keys.length} secret(s) at ${location}: ${keys.slice(0, 10).join(', ')}${
      keys.length > 10 ? ', …' : ''
    }`,
  );
  // Only an ExternalSecret whose store's provider is Vault brings the secret from Vault.
  const synced = new Map<string, KubeObject>();
  const syncedElsewhere = new Map<string, KubeObject>();
  for (const e of es.items.externalsecrets) {
    const key = `${e.metadata.namespace}/${externalSecretTarget(e)}`;
    if (stores.providerOf(e) === 'vault') synced.set(key, e);
    else syncedElsewhere.set(key, e);
  }
  const labelledSync = (labelled.state === 'ok' ? labelled.value : []).filter(
    e => stores.providerOf(e) === 'vault',
  );
  if (pods.sources.length === 0) {
    findings.add(
      labelledSync.length ? 'pass' : 'warn',
      labelledSync.length
        ? `${labelledSync
            .map(e => ref('ExternalSecret', e))
            .join(', ')} sync the service's secrets (no workload found)`
        : 'no workload of the service found: cannot tell whether it reads its secrets from Vault',
    );
  }

  for (const source of pods.sources) {
    const inject = source.annotations[AGENT_INJECT_ANNOTATION] === 'true';
    const podRole = source.annotations[AGENT_ROLE_ANNOTATION];
    const reads = secretsReadBy(source);
    const key = (name: string) => `${source.namespace}/${name}`;
    const viaEso = reads.filter(r => synced.has(key(r.name)));
    const viaOther = reads.filter(r => syncedElsewhere.has(key(r.name)));
    const plain = reads.filter(
      r => !synced.has(key(r.name)) && !syncedElsewhere.has(key(r.name)),
    );
    for (const r of viaOther) {
      const e = syncedElsewhere.get(key(r.name))!;
      const provider = stores.providerOf(e);
      findings.add(
        'warn',
        `${source.ref} reads Secret ${r.name}, synced by ${ref(
          'ExternalSecret',
          e,
        )} from ${stores.describe(e)}${
          provider ? ` (provider ${provider}, not Vault)` : ''
        }`,
      );
    }
    if (inject && !podRole) {
      findings.add(
        'warn',
        `${source.ref} sets ${AGENT_INJECT_ANNOTATION}: "true" without ${AGENT_ROLE_ANNOTATION}: the injector cannot log in`,
      );
    }
    if (plain.length) {
      findings.add(
        'warn',
        `${source.ref} still reads plain Secret(s) ${plain
          .map(p => `${p.name} (${p.how})`)
          .join(', ')}`,
      );
    }
    if (inject && podRole && podRole !== role) {
      findings.add(
        'warn',
        `${
          source.ref
        } injects secrets with Vault role ${podRole}, not the service's role ${
          role ?? '(none: set readiness.254carbon.io/vault-role)'
        }`,
      );
    } else if (inject && podRole) {
      findings.add(
        'pass',
        `${source.ref} injects secrets with the Vault Agent (role ${podRole})`,
      );
    }
    for (const r of viaEso) {
      const e = synced.get(`${source.namespace}/${r.name}`)!;
      findings.add(
        'pass',
        `${source.ref} reads Secret ${
          r.name
        }, synced from the secret store by ${ref('ExternalSecret', e)}`,
      );
    }
    if (
      !(inject && podRole === role) &&
      viaEso.length === 0 &&
      plain.length === 0 &&
      viaOther.length === 0
    ) {
      findings.add(
        'warn',
        `${
          source.ref
        } reads nothing from Vault with the service's role: no ${AGENT_INJECT_ANNOTATION} annotation with role ${
          role ?? '?'
        } and no Secret synced by an ExternalSecret from a Vault store`,
      );
    }
  }
  return findings.outcome({
    warn: `Inject the secrets instead: annotate the pod template with ${AGENT_INJECT_ANNOTATION}: "true", ${AGENT_ROLE_ANNOTATION}: <role> and vault.hashicorp.com/agent-inject-secret-<file>: ${vault.kvMount}/data/${path}/<name> (or sync them with an ExternalSecret), then delete the plain Secrets.`,
  });
};
