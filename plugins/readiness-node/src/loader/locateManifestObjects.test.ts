import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadManifestsDirectory, locateManifestObjects } from './loadManifestsDirectory';

describe('locateManifestObjects', () => {
  it('gives each object its file and the line its document starts on, per cluster folder', async () => {
    const root = await fs.mkdtemp(join(tmpdir(), 'readiness-locate-'));
    await fs.mkdir(join(root, 'prod', 'apps'), { recursive: true });
    await fs.mkdir(join(root, 'staging'));
    const app = [
      '# comment lines before the first document',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: api, namespace: shop}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: api',
      '  namespace: shop',
      '---',
      'just: a note, not an object',
    ].join('\n');
    await fs.writeFile(join(root, 'prod', 'apps', 'api.yaml'), app);
    await fs.writeFile(
      join(root, 'staging', 'list.yaml'),
      'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Namespace, metadata: {name: shop}}\n',
    );

    expect(await locateManifestObjects(root)).toEqual([
      { cluster: 'prod', kind: 'Deployment', namespace: 'shop', name: 'api', file: join(root, 'prod/apps/api.yaml'), line: 2 },
      { cluster: 'prod', kind: 'Service', namespace: 'shop', name: 'api', file: join(root, 'prod/apps/api.yaml'), line: 6 },
      { cluster: 'staging', kind: 'Namespace', namespace: undefined, name: 'shop', file: join(root, 'staging/list.yaml'), line: 1 },
    ]);
  });

  it('leaves the snapshots the loader returns unchanged (no location fields in them)', async () => {
    const root = await fs.mkdtemp(join(tmpdir(), 'readiness-locate-'));
    await fs.mkdir(join(root, 'prod'));
    await fs.writeFile(join(root, 'prod', 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
    const [snapshot] = await loadManifestsDirectory(root);
    expect(JSON.stringify(snapshot)).not.toMatch(/ns\.yaml|"line"/);
  });
});
