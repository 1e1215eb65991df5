import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  loadManifestsDirectory,
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

  it('names the file and line of a YAML syntax error', async () => {
    const root = await tree({
      'prod/bad.yaml': `${DEPLOYMENT}---\nkind: Service\nmetadata:\n  name: [unclosed\n`,
    });
    await expect(loadManifestsDirectory(root)).rejects.toThrow(
      /^prod\/bad\.yaml:1[0-9]: invalid YAML: /,
    );
  });

  it('names the file of an object without a name, and of invalid JSON with its line', async () => {
    const nameless = await tree({
      'prod/x.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {}\n',
    });
    await expect(loadManifestsDirectory(nameless)).rejects.toThrow(
      'prod/x.yaml: Deployment #1 (apps/v1) has no metadata.name',
    );
    expect(() =>
      parseManifestFile('{\n  "kind": "Pod",\n  oops\n}', 'c/p.json'),
    ).toThrow(/^c\/p\.json:3: invalid JSON/);
  });

  it('rejects manifests outside a cluster folder and a missing directory', async () => {
    const root = await tree({ 'doris.yaml': DEPLOYMENT });
    await expect(loadManifestsDirectory(root)).rejects.toThrow(
      /doris\.yaml must be inside a cluster folder/,
    );
    await expect(loadManifestsDirectory(join(root, 'nope'))).rejects.toThrow(
      /^cannot read manifests directory/,
    );
  });
});
