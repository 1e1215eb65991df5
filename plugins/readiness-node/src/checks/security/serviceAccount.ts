import type { KubeObject } from '../../facts';
import { podTemplate } from '../../engine/objects';
import { kubernetesUnknown, readKinds } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { Findings, ref } from './findings';
import { noPods, podSources } from './podSources';
import { bindingsFor, clusterBindings } from './rbacBindings';
import { AGENT_INJECT_ANNOTATION } from './secretsInVault';
import { listText } from '../listText';

/**
 * SEC-SERVICE-ACCOUNT: pods run as an account of their own (not `default`, not shared with
 * another workload) and mount its token only when something needs it: Vault Kubernetes auth
 * (the Agent annotation or a Vault role bound to the account) or Kubernetes RBAC bindings.
 */
export const serviceAccount: ServiceCheck = ctx => {
  const pods = podSources(ctx);
  if ('outcome' in pods) return pods.outcome;
  if (pods.sources.length === 0) return noPods(ctx);
  const read = readKinds({
    serviceaccounts: ctx.inNamespaces('serviceaccounts'),
    deployments: ctx.inNamespaces('deployments'),
    statefulsets: ctx.inNamespaces('statefulsets'),
    daemonsets: ctx.inNamespaces('daemonsets'),
  });
  if ('outcome' in read) return read.outcome;
  const { serviceaccounts } = read.items;
  const bindingIndex = clusterBindings(ctx);
  if ('failed' in bindingIndex)
    return kubernetesUnknown(
      bindingIndex.failed.kind,
      bindingIndex.failed.message,
    );
  const id = (kind: string, o: KubeObject) =>
    `${kind}/${o.metadata.namespace}/${o.metadata.name}`;
  const ours = new Set(pods.sources.map(s => id(s.obj.kind!, s.obj)));
  const others = (
    [
      ['Deployment', read.items.deployments],
      ['StatefulSet', read.items.statefulsets],
      ['DaemonSet', read.items.daemonsets],
    ] as const
  ).flatMap(([kind, list]) =>
    list
      .filter(o => !ours.has(id(kind, o)))
      .map(o => [kind, o] as [string, KubeObject]),
  );
  const roles = ctx.vault?.roles.state === 'ok' ? ctx.vault.roles.value : {};
  // Whether a Vault role needs the token cannot be told when roles could not be read.
  const failedRoles = Object.keys(ctx.vault?.roleErrors ?? {});
  let vaultRolesUnreadable: string | undefined;
  if (ctx.vault?.roles.state === 'error') vaultRolesUnreadable = ctx.vault.roles.message;
  else if (failedRoles.length) vaultRolesUnreadable = `roles ${failedRoles.join(', ')} could not be read`;

  const findings = new Findings();
  for (const source of pods.sources) {
    const sa = { namespace: source.namespace, name: source.serviceAccount };
    const account = `ServiceAccount ${sa.namespace}/${sa.name}`;
    if (sa.name === 'default') {
      findings.add(
        'fail',
        `${source.ref} runs as the default ServiceAccount of ${sa.namespace}`,
      );
      continue;
    }
    const object = serviceaccounts.find(
      o => o.metadata.namespace === sa.namespace && o.metadata.name === sa.name,
    );
    if (!object)
      findings.add(
        'warn',
        `${source.ref}: ${account} does not exist, so its pods cannot be created`,
      );
    const sharers = others.filter(([kind, o]) => {
      const spec = podTemplate({ ...o, kind }).spec ?? {};
      return (
        o.metadata.namespace === sa.namespace &&
        (spec.serviceAccountName || spec.serviceAccount || 'default') ===
          sa.name
      );
    });
    if (sharers.length) {
      findings.add(
        'warn',
        `${account} is shared with ${listText(
          sharers.map(([kind, o]) => ref(kind, o)),
        )}`,
      );
    }

    const needs: string[] = [];
    if (source.annotations[AGENT_INJECT_ANNOTATION] === 'true')
      needs.push('Vault Agent injection');
    const vaultRoles = Object.entries(roles)
      .filter(
        ([, r]) =>
          r.bound_service_account_names?.includes(sa.name) &&
          r.bound_service_account_namespaces?.includes(sa.namespace),
      )
      .map(([name]) => name);
    if (vaultRoles.length) needs.push(`Vault role ${vaultRoles.join(', ')}`);
    const bindings = bindingsFor(bindingIndex.index, sa);
    if (bindings.length)
      needs.push(
        `RBAC ${bindings.map(b => ref(b.kind, b.binding)).join(', ')}`,
      );

    const automount: boolean =
      source.spec.automountServiceAccountToken ??
      object?.automountServiceAccountToken ??
      true;
    if (automount && needs.length === 0 && vaultRolesUnreadable) {
      findings.add(
        'unknown',
        `${source.ref} mounts the ${account} token and no RBAC binding needs it; whether a Vault role does is unknown (${vaultRolesUnreadable})`,
      );
    } else if (automount && needs.length === 0) {
      findings.add(
        'warn',
        `${source.ref} mounts the ${account} token, but nothing needs it (no Vault Kubernetes auth, no RBAC binding)`,
      );
    } else {
      findings.add(
        'pass',
        `${source.ref} runs as ${account}; token ${
          automount ? `mounted for ${needs.join(', ')}` : 'not mounted'
        }`,
      );
    }
  }
  const outcome = findings.outcome({
    fail: 'Create a ServiceAccount for the service, set spec.template.spec.serviceAccountName, and automountServiceAccountToken: false unless Vault Kubernetes auth needs the token.',
    warn: 'Give the service its own ServiceAccount and set automountServiceAccountToken: false when neither Vault nor the Kubernetes API is called with it.',
  });
  return outcome.status === 'unknown'
    ? {
        ...outcome,
        error: {
          source: 'vault',
          message: `Kubernetes auth roles: ${vaultRolesUnreadable}`,
        },
      }
    : outcome;
};
