import type { KubeObject } from '../../facts';
import { kubernetesUnknown, readKinds } from '../../engine/outcome';
import type { ServiceCheck, ServiceContext } from '../../engine/types';
import { Findings, ref } from './findings';
import { noPods, podSources, serviceAccountsOf } from './podSources';
import {
  bindingsFor as bindingsForAccount,
  clusterBindings,
} from './rbacBindings';
import { judgeRule, RuleVerdict } from './rbacRules';

export { judgeRule } from './rbacRules';

/** Roles by `<namespace>/<name>` and ClusterRoles by name, indexed once per cluster and sweep. */
function roleIndex(ctx: ServiceContext) {
  return ctx.memo('rbac:roles-by-name', () => {
    const read = readKinds({
      roles: ctx.all('roles'),
      clusterroles: ctx.all('clusterroles'),
    });
    if ('outcome' in read) return read;
    return {
      roles: new Map(
        read.items.roles.map(r => [
          `${r.metadata.namespace}/${r.metadata.name}`,
          r,
        ]),
      ),
      clusterroles: new Map(
        read.items.clusterroles.map(r => [r.metadata.name, r]),
      ),
    };
  });
}

/**
 * SEC-RBAC: the roles bound to the service's account(s), resolved to their rules and judged
 * against the known escalation paths (rbacRules.ts): cluster-admin, wildcards, exec/attach,
 * writing Secrets, impersonate, escalate, bind and minting tokens fail; any cluster-wide
 * binding, reading Secrets, or creating pods or workloads warns. An account with no binding
 * beyond the API server's own defaults can call nothing but discovery, which passes.
 */
export const rbac: ServiceCheck = ctx => {
  const pods = podSources(ctx);
  if ('outcome' in pods) return pods.outcome;
  if (pods.sources.length === 0) return noPods(ctx);
  const bindings = clusterBindings(ctx);
  if ('failed' in bindings)
    return kubernetesUnknown(bindings.failed.kind, bindings.failed.message);
  const roles = roleIndex(ctx);
  if ('outcome' in roles) return roles.outcome;

  const findings = new Findings();
  for (const sa of serviceAccountsOf(pods.sources)) {
    const account = `ServiceAccount ${sa.namespace}/${sa.name}`;
    const bound = bindingsForAccount(bindings.index, sa);
    if (bound.length === 0) {
      findings.add(
        'pass',
        `no RBAC bindings for ${account} beyond the API server's defaults: it can call discovery only`,
      );
      continue;
    }
    for (const { binding, kind } of bound) {
      const roleRef = binding.roleRef ?? {};
      const where = `${ref(kind, binding)} → ${roleRef.kind ?? '?'} ${
        roleRef.name ?? '?'
      }`;
      if (roleRef.kind === 'ClusterRole' && roleRef.name === 'cluster-admin') {
        findings.add(
          'fail',
          `${account}: ${where}: full control of the cluster`,
        );
        continue;
      }
      const role: KubeObject | undefined =
        roleRef.kind === 'Role'
          ? roles.roles.get(`${binding.metadata.namespace}/${roleRef.name}`)
          : roles.clusterroles.get(roleRef.name);
      if (kind === 'ClusterRoleBinding') {
        findings.add('warn', `${account}: ${where} applies in every namespace`);
      }
      if (!role) {
        findings.add(
          'pass',
          `${account}: ${where} references a role that does not exist, so it grants nothing today (creating that role would grant it)`,
        );
        continue;
      }
      const verdicts: RuleVerdict[] = (role.rules ?? []).map((r: any) =>
        judgeRule(r),
      );
      for (const v of verdicts.filter(x => x.status !== 'pass')) {
        findings.add(v.status, `${account}: ${where}: ${v.why}`);
      }
      if (verdicts.every(v => v.status === 'pass')) {
        findings.add(
          'pass',
          `${account}: ${where}: ${
            verdicts.map(v => v.why).join('; ') || 'no rules'
          }`,
        );
      }
    }
  }
  return findings.outcome({
    fail: 'Replace the listed bindings with a namespaced Role naming only the resources and verbs the service calls; never grant a workload cluster-admin, wildcards, pods/exec or pods/attach, write on secrets, impersonate, escalate, bind or serviceaccounts/token.',
    warn: 'Use a RoleBinding in the service namespace instead of a ClusterRoleBinding, read Secrets through Vault rather than the Kubernetes API, and leave creating pods and workloads to the deployment pipeline.',
  });
};
