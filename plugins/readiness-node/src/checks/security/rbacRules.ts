/**
 * One RBAC PolicyRule judged against the escalation paths of the Kubernetes "RBAC good
 * practices" (https://kubernetes.io/docs/concepts/security/rbac-good-practices/):
 *
 * fail: wildcards (verbs, resources, API groups); `pods/exec` and `pods/attach` (a shell in other
 * pods); create/update/patch/delete on `secrets` (replace or plant credentials); `impersonate`
 * (act as another user, group or account); `escalate` and `bind` (grant more than one holds);
 * create on `serviceaccounts/token` (mint tokens for other accounts).
 * warn: read (get/list/watch) on `secrets`; create on pods or on a workload kind (a pod can mount
 * any Secret and run as any ServiceAccount of its namespace).
 */
import type { V1PolicyRule } from '@kubernetes/client-node';

export type RuleVerdict = { status: 'fail' | 'warn' | 'pass'; why: string };

const READ = ['get', 'list', 'watch'];
const SECRET_WRITE = [
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
];
const SHELL = ['pods/exec', 'pods/attach'];
/** Kinds whose create makes a pod, by API group. */
const WORKLOADS: Record<string, string[]> = {
  '': ['pods', 'replicationcontrollers'],
  apps: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'],
  batch: ['jobs', 'cronjobs'],
};

/** The implemented escalation list, as the docs and the checks.md row name it. */
export const RBAC_FAIL_RULES = [
  'cluster-admin',
  'wildcards (*) in verbs, resources or API groups',
  'pods/exec or pods/attach',
  'create/update/patch/delete on secrets',
  'impersonate',
  'escalate',
  'bind',
  'create on serviceaccounts/token',
];
export const RBAC_WARN_RULES = [
  'any ClusterRoleBinding (cluster-wide)',
  'read (get/list/watch) on secrets',
  'create on pods or workload kinds (deployments, statefulsets, daemonsets, replicasets, replicationcontrollers, jobs, cronjobs)',
];

function grants(
  rule: Partial<V1PolicyRule>,
  group: string,
  resource: string,
): boolean {
  const groups: string[] = rule?.apiGroups ?? [];
  const resources: string[] = rule?.resources ?? [];
  return groups.includes(group) && resources.includes(resource);
}

/** Judges one rule as read from a Role or ClusterRole (fields may be missing in a manifest). */
export function judgeRule(rule: Partial<V1PolicyRule>): RuleVerdict {
  const verbs: string[] = (rule?.verbs ?? []).map(String);
  const resources: string[] = (rule?.resources ?? []).map(String);
  const groups: string[] = (rule?.apiGroups ?? []).map(String);
  const text = `${verbs.join(',')} on ${
    [...resources, ...(rule?.nonResourceURLs ?? [])].join(',') || '(nothing)'
  }`;
  const fails: string[] = [];
  const warns: string[] = [];
  if (
    verbs.includes('*') ||
    resources.some(r => r === '*' || r.endsWith('/*')) ||
    groups.includes('*')
  ) {
    fails.push(
      `wildcard rule${groups.includes('*') ? ' in every API group' : ''}`,
    );
  }
  const shell = resources.filter(r => SHELL.includes(r));
  if (shell.length && groups.includes(''))
    fails.push(`${shell.join(', ')}: a shell in other pods`);
  for (const verb of ['impersonate', 'escalate', 'bind']) {
    if (verbs.includes(verb)) {
      fails.push(
        verb === 'impersonate'
          ? 'impersonate: acts as another user, group or account'
          : `${verb}: grants more than the account holds`,
      );
    }
  }
  if (grants(rule, '', 'secrets')) {
    const writes = verbs.filter(v => SECRET_WRITE.includes(v));
    const reads = verbs.filter(v => READ.includes(v));
    const only = rule?.resourceNames?.length
      ? ` (only ${rule.resourceNames.join(', ')})`
      : '';
    if (writes.length)
      fails.push(`${writes.join('/')} on Secrets${only}: replaces credentials`);
    else if (reads.length) warns.push(`reads Secrets${only}`);
  }
  if (grants(rule, '', 'serviceaccounts/token') && verbs.includes('create'))
    fails.push(
      'create on serviceaccounts/token: mints tokens for other accounts',
    );
  if (verbs.includes('create')) {
    const made = Object.entries(WORKLOADS).flatMap(([group, kinds]) =>
      groups.includes(group) ? kinds.filter(k => resources.includes(k)) : [],
    );
    if (made.length)
      warns.push(
        `create on ${made.join(
          ', ',
        )}: its pods can mount any Secret and use any ServiceAccount of the namespace`,
      );
  }
  if (fails.length)
    return { status: 'fail', why: `${fails.join('; ')} (${text})` };
  if (warns.length)
    return { status: 'warn', why: `${warns.join('; ')} (${text})` };
  return { status: 'pass', why: text };
}
