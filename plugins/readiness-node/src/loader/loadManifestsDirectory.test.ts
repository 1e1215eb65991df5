import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  loadManifestsDirectory,
  ManifestCache,
  parseManifestFile,
} from './loadManifestsDirectory';

async function tree(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(join(tmpdir(), 'readiness-manifests-'));
  for (const [path, text] of Object.entries(files)) {
    await fs.mkdir(join(root, path, '..'), { recursive: true });
    await fs.writeFile(join(root, path), text);
  }
  return root;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: doris
  namespace: data-platform
spec:
  replicas: 2
`;

describe('loadManifestsDirectory', () => {
  it('reads one cluster per subdirectory, recursively, with multi-document YAML, Lists and JSON', async () => {
    const root = await tree({
      'prod/apps/doris.yaml': `${DEPLOYMENT}---\napiVersion: v1\nkind: Service\nmetadata: {name: doris, namespace: data-platform}\n---\n`,
      'prod/dump.json': JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }],
      }),
      'prod/secrets.yml':
        'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: hunter2}\n',
      'prod/crds/velero.yaml':
        'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: schedules.velero.io}\nspec: {group: velero.io}\n',
      'staging/doris.yml': DEPLOYMENT,
      'README.md': '# not a manifest',
    });
    const snapshots = await loadManifestsDirectory(root);
    expect(snapshots.map(s => s.cluster)).toEqual(['prod', 'staging']);
    const [prod] = snapshots;
    expect(
      prod.kinds.deployments.state === 'ok' && prod.kinds.deployments.value,
    ).toHaveLength(1);
    expect(
      prod.kinds.services.state === 'ok' && prod.kinds.services.value,
    ).toHaveLength(1);
    expect(
      prod.kinds.nodes.state === 'ok' &&
        prod.kinds.nodes.value[0].metadata.name,
    ).toBe('n1');
    expect(prod.kinds.schedules.state).toBe('ok');
    expect(prod.kinds.backups.state).toBe('absent');
    expect(JSON.stringify(snapshots)).not.toContain('hunter2');
  });

  it("marks kinds present from the repository's real CRD fixtures (<group>_<plural>.yaml)", async () => {
    const fixtures = join(__dirname, '../../../../test/fixtures/crds');
    const names = (await fs.readdir(fixtures)).filter(n => n.endsWith('.yaml'));
    const files: Record<string, string> = {};
    for (const name of names) {
      files[`prod/crds/${name}`] = await fs.readFile(
        join(fixtures, name),
        'utf8',
      );
    }
    const [prod] = await loadManifestsDirectory(await tree(files));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const plural = name
        .replace(/^.*_/, '')
        .replace(/\.yaml$/, '') as keyof typeof prod.kinds;
      expect(prod.kinds[plural]).toEqual({ state: 'ok', value: [] });
    }
    const bare = await loadManifestsDirectory(
      await tree({ 'prod/none.yaml': DEPLOYMENT }),
    );
    expect(bare[0].kinds.schedules.state).toBe('absent');
  });

  it('makes only the cluster with an unparsable file unreadable, naming file, line, column and message', async () => {
    const root = await tree({
      'prod/ok.yaml': DEPLOYMENT,
      'staging/bad.yaml': `${DEPLOYMENT}---\nkind: Service\nmetadata:\n  name: [unclosed\n`,
    });
    const [prod, staging] = await loadManifestsDirectory(root);
    expect(prod.error).toBeUndefined();
    expect(prod.kinds.deployments.state).toBe('ok');
    expect(staging.cluster).toBe('staging');
    expect(staging.error).toMatch(
      /^staging\/bad\.yaml:1[0-9]:[0-9]+: invalid YAML: /,
    );
    for (const read of Object.values(staging.kinds)) {
      expect(read).toEqual({ state: 'error', message: staging.error });
    }
  });

  it('makes a cluster with a nameless object unreadable naming the file; invalid JSON names line and column', async () => {
    const [x] = await loadManifestsDirectory(
      await tree({
        'prod/x.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {}\n',
      }),
    );
    expect(x.error).toBe(
      'prod/x.yaml: Deployment #1 (apps/v1) has no metadata.name; every Kubernetes object needs one',
    );
    expect(() =>
      parseManifestFile('{\n  "kind": "Pod",\n  oops\n}', 'c/p.json'),
    ).toThrow(/^c\/p\.json:3:[0-9]+: invalid JSON/);
  });

  it('skips a document that is not a Kubernetes object with a warning naming file and line', async () => {
    const [prod] = await loadManifestsDirectory(
      await tree({
        'prod/mixed.yaml': `${DEPLOYMENT}---\nreplicas: 3\nimage: nginx\n`,
      }),
    );
    expect(prod.error).toBeUndefined();
    expect(prod.warnings).toEqual([
      'prod/mixed.yaml:9: not a Kubernetes object (no apiVersion and kind); skipped',
    ]);
    expect(
      prod.kinds.deployments.state === 'ok' && prod.kinds.deployments.value,
    ).toHaveLength(1);
  });

  it('makes a cluster folder without any Kubernetes object unreadable', async () => {
    const [empty, notes] = await loadManifestsDirectory(
      await tree({ 'empty/.keep': '', 'notes/values.yaml': 'replicas: 2\n' }),
    );
    expect(empty.error).toBe(
      'cluster folder empty holds no Kubernetes objects (no .yaml, .yml or .json file)',
    );
    expect(notes.error).toBe(
      'cluster folder notes holds no Kubernetes objects (1 files read)',
    );
  });

  it('reuses parsed files while size and mtime are unchanged, and re-reads an edited one', async () => {
    const root = await tree({ 'prod/a.yaml': DEPLOYMENT });
    const cache = new ManifestCache();
    const first = await loadManifestsDirectory(root, cache);
    const second = await loadManifestsDirectory(root, cache);
    expect(second[0]).toBe(first[0]);
    await fs.writeFile(
      join(root, 'prod/a.yaml'),
      DEPLOYMENT.replace('replicas: 2', 'replicas: 3'),
    );
    await fs.utimes(join(root, 'prod/a.yaml'), new Date(), new Date(Date.now() + 5000));
    const third = await loadManifestsDirectory(root, cache);
    expect(third[0]).not.toBe(first[0]);
    const deployments = third[0].kinds.deployments;
    expect(deployments.state === 'ok' && deployments.value[0].spec.replicas).toBe(3);
  });

  it('rejects manifests outside a cluster folder and a missing directory', async () => {
    const root = await tree({ 'doris.yaml': DEPLOYMENT });
    await expect(loadManifestsDirectory(root)).rejects.toThrow(
      /doris\.yaml must be inside a cluster folder/,
    );
    await expect(loadManifestsDirectory(join(root, 'nope'))).rejects.toThrow(
      /^cannot read manifests directory/,
    );
    await expect(loadManifestsDirectory(await tree({}))).rejects.toThrow(
      /holds no cluster folder/,
    );
  });
});
