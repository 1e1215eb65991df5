import type { KubeObject } from '../../facts';
import { readKinds } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { Findings, ref } from './findings';
import { noPods, podSources, serviceAccountsOf } from './podSources';
import { bindingsOf } from './rbacBindings';

const READ = ['get', 'list', 'watch'];
/** Verbs that let an account grant itself more, or act as someone else. */
const ESCALATING = ['escalate', 'bind', 'impersonate'];
const SHELL = ['pods/exec', 'pods/attach'];

/** What is dangerous in one PolicyRule, worst first. */
export function judgeRule(rule: any): {
  status: 'fail' | 'warn' | 'pass';
  why: string;
} {
  const verbs: string[] = rule?.verbs ?? [];
  const resources: string[] = rule?.resources ?? [];
  const groups: string[] = rule?.apiGroups ?? [];
  const text = `${verbs.join(',')} on ${
    [...resources, ...(rule?.nonResourceURLs ?? [])].join(',') || '(nothing)'
  }`;
  if (
    verbs.includes('*') ||
    resources.some(r => r === '*' || r.endsWith('/*')) ||
    groups.includes('*')
  ) {
    return {
      status: 'fail',
      why: `wildcard rule: ${text}${
        groups.includes('*') ? ' in every API group' : ''
      }`,
    };
  }
  const shell = resources.filter(r => SHELL.includes(r));
  if (shell.length)
    return {
      status: 'fail',
      why: `${shell.join(', ')}: a shell in other pods (${text})`,
    };
  const escalating = verbs.filter(v => ESCALATING.includes(v));
  if (escalating.length)
    return {
      status: 'fail',
      why: `${escalating.join(', ')}: privilege escalation (${text})`,
    };
  if (resources.includes('secrets') && verbs.some(v => READ.includes(v))) {
    const names = rule?.resourceNames?.length
      ? ` (only ${rule.resourceNames.join(', ')})`
      : '';
    return { status: 'warn', why: `reads Secrets${names} (${text})` };
  }
  return { status: 'pass', why: text };
}

/**
 * SEC-RBAC: the roles bound to the service's account(s), resolved to their rules. Cluster-admin,
 * wildcards, exec/attach and escalation verbs fail; any cluster-wide binding or reading Secrets
 * warns; an account bound to nothing has no API permission at all, which passes.
 */
export const rbac: ServiceCheck = ctx => {
  const pods = podSources(ctx);
  if ('outcome' in pods) return pods.outcome;
  if (pods.sources.length === 0) return noPods(ctx);
  const read = readKinds({
    rolebindings: ctx.all('rolebindings'),
    clusterrolebindings: ctx.all('clusterrolebindings'),
    roles: ctx.all('roles'),
    clusterroles: ctx.all('clusterroles'),
  });
  if ('outcome' in read) return read.outcome;
  const { rolebindings, clusterrolebindings, roles, clusterroles } = read.items;

  const findings = new Findings();
  for (const sa of serviceAccountsOf(pods.sources)) {
    const account = `ServiceAccount ${sa.namespace}/${sa.name}`;
    const bindings = bindingsOf(sa, rolebindings, clusterrolebindings);
    if (bindings.length === 0) {
      findings.add(
        'pass',
        `no RBAC bindings for ${account}: the account has no API permissions`,
      );
      continue;
    }
    for (const { binding, kind } of bindings) {
      const where = `${ref(kind, binding)} → ${binding.roleRef?.kind ?? '?'} ${
        binding.roleRef?.name ?? '?'
      }`;
      const roleRef = binding.roleRef ?? {};
      if (roleRef.kind === 'ClusterRole' && roleRef.name === 'cluster-admin') {
        findings.add(
          'fail',
          `${account}: ${where}: full control of the cluster`,
        );
        continue;
      }
      const role: KubeObject | undefined =
        roleRef.kind === 'Role'
          ? roles.find(
              r =>
                r.metadata.namespace === binding.metadata.namespace &&
                r.metadata.name === roleRef.name,
            )
          : clusterroles.find(r => r.metadata.name === roleRef.name);
      if (kind === 'ClusterRoleBinding') {
        findings.add('warn', `${account}: ${where} applies in every namespace`);
      }
      if (!role) {
        findings.add(
          'pass',
          `${account}: ${where} references a role that does not exist: grants nothing`,
        );
        continue;
      }
      const verdicts: ReturnType<typeof judgeRule>[] = (role.rules ?? []).map(
        (r: any) => judgeRule(r),
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
    fail: 'Replace the listed bindings with a namespaced Role naming only the resources and verbs the service calls; never bind cluster-admin, wildcards, pods/exec or pods/attach to a workload.',
    warn: 'Use a RoleBinding in the service namespace instead of a ClusterRoleBinding, and read Secrets through Vault rather than the Kubernetes API.',
  });
};
