import type { KubeObject } from '../../facts';
import { kubernetesUnknown, readKinds } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { Findings, ref } from './findings';
import { podSources } from './podSources';
import { secretsReadBy } from './secretRefs';
import { VAULT_NOT_CONFIGURED, vaultUnknown } from './vaultRoles';

export const AGENT_INJECT_ANNOTATION = 'vault.hashicorp.com/agent-inject';
export const AGENT_ROLE_ANNOTATION = 'vault.hashicorp.com/role';

/** The Secret an ExternalSecret writes: `spec.target.name`, defaulting to its own name. */
function externalSecretTarget(es: KubeObject): string {
  return String(es.spec?.target?.name || es.metadata.name);
}

/**
 * SEC-SECRETS-IN-VAULT: the service's secrets are in Vault KV (listed through metadata, never
 * read) and its pods get them from Vault, through the Agent Injector or through Secrets that an
 * ExternalSecret syncs; a pod still reading a hand-made Secret warns.
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

  const findings = new Findings();
  findings.add(
    'pass',
    `${keys.length} secret(s) at ${location}: ${keys.slice(0, 10).join(', ')}${
      keys.length > 10 ? ', …' : ''
    }`,
  );
  const synced = new Map<string, KubeObject>();
  for (const e of es.items.externalsecrets) {
    synced.set(`${e.metadata.namespace}/${externalSecretTarget(e)}`, e);
  }
  const labelledSync = labelled.state === 'ok' ? labelled.value : [];
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
    const role = source.annotations[AGENT_ROLE_ANNOTATION];
    const reads = secretsReadBy(source);
    const plain = reads.filter(
      r => !synced.has(`${source.namespace}/${r.name}`),
    );
    const viaEso = reads.filter(r =>
      synced.has(`${source.namespace}/${r.name}`),
    );
    if (inject && !role) {
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
    if (inject && role) {
      findings.add(
        'pass',
        `${source.ref} injects secrets with the Vault Agent (role ${role})`,
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
    if (!(inject && role) && viaEso.length === 0 && plain.length === 0) {
      findings.add(
        'warn',
        `${source.ref} reads nothing from Vault: no ${AGENT_INJECT_ANNOTATION} annotation and no Secret synced by an ExternalSecret`,
      );
    }
  }
  return findings.outcome({
    warn: `Inject the secrets instead: annotate the pod template with ${AGENT_INJECT_ANNOTATION}: "true", ${AGENT_ROLE_ANNOTATION}: <role> and vault.hashicorp.com/agent-inject-secret-<file>: ${vault.kvMount}/data/${path}/<name> (or sync them with an ExternalSecret), then delete the plain Secrets.`,
  });
};
