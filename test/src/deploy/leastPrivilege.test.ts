import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KINDS, parseVaultPolicy, VaultPolicyRule } from '@254carbon/plugin-readiness-node';
import { describeWithKube, KubeRest } from '../kube/KubeRest';
import { VaultStandIn } from '@internal/vault-stand-in';
import { serviceEntity, serviceName } from '../faults/fixture';
import { startReadiness } from '../faults/startReadiness';

jest.setTimeout(120_000);

const deploy = resolve(__dirname, '../../../deploy');
const rbacDocs = parseAllDocuments(readFileSync(resolve(deploy, 'kubernetes/readiness-rbac.yaml'), 'utf8')).map(
  d => d.toJS(),
);
const clusterRole = rbacDocs.find(d => d.kind === 'ClusterRole');
const SUBJECT = 'system:serviceaccount:backstage:readiness-reader';

describe('deploy/kubernetes/readiness-rbac.yaml', () => {
  it('grants list and watch on exactly the kinds the collector reads, and nothing else', () => {
    const granted = new Set<string>();
    for (const rule of clusterRole.rules) {
      expect(rule.verbs).toEqual(['list', 'watch']);
      expect(rule.resourceNames).toBeUndefined();
      for (const group of rule.apiGroups) for (const resource of rule.resources) granted.add(`${group}/${resource}`);
    }
    const collected = KINDS.map(k => `${k.group}/${k.plural}`);
    expect([...granted].sort()).toEqual([...collected].sort());
    expect([...granted].some(g => g.endsWith('/secrets') || g.includes('*'))).toBe(false);
  });
});

describeWithKube('the RBAC on a real kube-apiserver (SubjectAccessReviews)', env => {
  let rest: KubeRest;
  const review = async (verb: string, group: string, resource: string, namespace?: string) => {
    const res = await rest.request('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: SUBJECT,
        groups: ['system:serviceaccounts', 'system:serviceaccounts:backstage', 'system:authenticated'],
        resourceAttributes: { verb, group, resource, ...(namespace ? { namespace } : {}) },
      },
    });
    expect(res.status).toBe(201);
    return res.body.status.allowed === true;
  };

  beforeAll(async () => {
    rest = new KubeRest(env());
    await rest.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'backstage' } });
    for (const doc of rbacDocs) await rest.put(doc);
  });

  it('allows list and watch on every collected kind, cluster-wide and in a namespace', async () => {
    const denied: string[] = [];
    for (const kind of KINDS) {
      for (const verb of ['list', 'watch']) {
        if (!(await review(verb, kind.group, kind.plural))) denied.push(`${verb} ${kind.group}/${kind.plural}`);
        if (kind.namespaced && !(await review(verb, kind.group, kind.plural, 'data-platform'))) {
          denied.push(`${verb} ${kind.group}/${kind.plural} in data-platform`);
        }
      }
    }
    expect(denied).toEqual([]);
  });

  it('denies Secrets, single-object reads and every write', async () => {
    for (const verb of ['get', 'list', 'watch']) {
      expect([verb, 'secrets', await review(verb, '', 'secrets')]).toEqual([verb, 'secrets', false]);
      expect([verb, 'secrets ns', await review(verb, '', 'secrets', 'data-platform')]).toEqual([verb, 'secrets ns', false]);
    }
    for (const verb of ['create', 'update', 'patch', 'delete', 'deletecollection']) {
      expect([verb, await review(verb, 'apps', 'deployments', 'data-platform')]).toEqual([verb, false]);
      expect([verb, await review(verb, '', 'configmaps', 'data-platform')]).toEqual([verb, false]);
    }
    // Impersonating other identities or escalating through RBAC is not possible either.
    expect(await review('impersonate', '', 'serviceaccounts')).toBe(false);
    expect(await review('bind', 'rbac.authorization.k8s.io', 'clusterroles')).toBe(false);
  });
});

/** Vault's path matching: `+` is one segment, a trailing `*` a string prefix; exact paths first. */
function ruleFor(rules: VaultPolicyRule[], path: string): VaultPolicyRule | undefined {
  const matches = (rule: VaultPolicyRule) => {
    const glob = rule.path.endsWith('*');
    const parts = (glob ? rule.path.slice(0, -1) : rule.path).split('/');
    const target = path.split('/');
    if (glob ? target.length < parts.length : target.length !== parts.length) return false;
    return parts.every((p, i) => {
      if (p === '+') return target[i] !== '';
      const last = i === parts.length - 1;
      return last && glob ? target[i].startsWith(p) : target[i] === p;
    });
  };
  const exact = rules.find(r => !r.path.endsWith('*') && matches(r));
  if (exact) return exact;
  // Among globs the longest prefix wins, as in Vault.
  return rules
    .filter(r => r.path.endsWith('*') && matches(r))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

describe('deploy/vault/readiness-policy.hcl', () => {
  const text = readFileSync(resolve(deploy, 'vault/readiness-policy.hcl'), 'utf8');

  it('is read and list only, on health, auth roles, ACL policies and KV metadata; nothing on data/', async () => {
    const rules = await parseVaultPolicy('readiness-reader', text);
    expect(rules.map(r => `${r.path} ${[...r.capabilities].sort().join(',')}`).sort()).toEqual([
      'auth/kubernetes/role list',
      'auth/kubernetes/role/* read',
      'secret/metadata/* list',
      'sys/health read',
      'sys/policies/acl list',
      'sys/policies/acl/* read',
    ]);
    for (const rule of rules) {
      expect(rule.capabilities.every(c => c === 'read' || c === 'list')).toBe(true);
      expect(rule.path).not.toMatch(/(^|\/)data\//);
    }
    expect(ruleFor(rules, 'secret/data/doris/db')).toBeUndefined();
  });

  it('allows every request the Vault source makes in a real sweep', async () => {
    const rules = await parseVaultPolicy('readiness-reader', text);
    const name = serviceName(9140);
    const vault = await new VaultStandIn({
      token: 'hvs.least-privilege',
      sealed: false,
      roles: { [name]: { bound_service_account_names: [name], bound_service_account_namespaces: ['team'], token_policies: [name] } },
      policies: { [name]: `path "secret/data/${name}/*" {\n  capabilities = ["read"]\n}\n` },
      secrets: { [`${name}/db`]: { password: 'never-read' } },
    }).start();
    const backend = await startReadiness({
      entities: [serviceEntity(9140, undefined, { 'vault.io/secrets-path': name })],
      readiness: { sources: { vault: { baseUrl: vault.url, token: 'hvs.least-privilege' } } },
    });
    try {
      await backend.runSweep();
    } finally {
      await backend.stop();
      await vault.stop();
    }
    const requests = vault.requestLines.map(r => {
      const [method, target] = r.split(' ');
      const url = new URL(target, 'http://vault');
      const capability = url.searchParams.get('list') === 'true' || method === 'LIST' ? 'list' : 'read';
      return { path: url.pathname.replace(/^\/v1\//, '').replace(/\/$/, ''), capability };
    });
    expect(requests.map(r => r.path)).toEqual(expect.arrayContaining(['sys/health', 'auth/kubernetes/role', 'sys/policies/acl']));
    expect(requests.some(r => r.path.startsWith(`secret/metadata/${name}`))).toBe(true);
    const refused = requests.filter(r => !ruleFor(rules, r.path)?.capabilities.includes(r.capability));
    expect(refused).toEqual([]);
  });
});
