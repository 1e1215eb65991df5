import { mockServices } from '@backstage/backend-test-utils';

// The Kubernetes client libraries cost a backend ~57 MB of RSS: they load with the first
// configured cluster, not with the plugin.
describe('discoverClusters loads the Kubernetes client libraries only for a configured cluster', () => {
  const source = { enabled: true, timeoutMs: 1000, pageSize: 500, concurrency: 2, inCluster: false, oidcTokens: {}, perClusterTasks: false, watch: false };
  const loaded: string[] = [];

  beforeEach(() => {
    loaded.length = 0;
    jest.resetModules();
    for (const name of ['@kubernetes/client-node', '@backstage/plugin-kubernetes-backend']) {
      jest.doMock(name, () => {
        loaded.push(name);
        return jest.requireActual(name);
      });
    }
  });

  const discover = (data: object) => {
    // The plugin as the backend imports it, then the clusters of the config.
    require('../../plugin');
    const { discoverClusters } = require('./clusters') as typeof import('./clusters');
    return discoverClusters(mockServices.rootConfig({ data }), source, mockServices.logger.mock());
  };

  it('loads neither without a cluster (manifests only)', () => {
    expect(discover({})).toEqual([]);
    expect(loaded).toEqual([]);
  });

  it('loads both for a cluster of kubernetes.clusterLocatorMethods', () => {
    const clusters = discover({
      kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters: [{ name: 'a', url: 'https://k', serviceAccountToken: 't' }] }] },
    });
    expect(clusters.map(c => c.name)).toEqual(['a']);
    expect(clusters[0].kubeConfig.getCurrentCluster()?.server).toBe('https://k');
    expect([...loaded].sort()).toEqual(['@backstage/plugin-kubernetes-backend', '@kubernetes/client-node']);
  });
});
