import { mockServices } from '@backstage/backend-test-utils';
import { readFileSync } from 'fs';
import { discoverClusters, KubeCluster } from '../sources/kubernetes/clusters';

/**
 * The real kube-apiserver the test script started (KUBE_URL, KUBE_CA_FILE), declared the way a
 * user declares a cluster in `kubernetes.clusterLocatorMethods`, with the given auth fields.
 * `oidcTokens` are the backend's own tokens for clusters with authProvider oidc.
 */
export function liveCluster(
  auth: Record<string, string>,
  oidcTokens: Record<string, string> = {},
): KubeCluster {
  const env = process.env;
  const [found] = discoverClusters(
    mockServices.rootConfig({
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'real',
                  url: env.KUBE_URL!,
                  ...auth,
                  caData: Buffer.from(readFileSync(env.KUBE_CA_FILE!)).toString('base64'),
                },
              ],
            },
          ],
        },
      },
    }),
    { enabled: true, timeoutMs: 30_000, pageSize: 50, concurrency: 4, inCluster: false, oidcTokens, perClusterTasks: false, watch: false },
    mockServices.logger.mock(),
  );
  return found;
}

/**
 * `describe` for suites against the real kube-apiserver: they need these variables from the
 * env file scripts/test-env/kube-up.sh writes. Outside CI a missing server skips the suite with
 * what to run; in CI (scripts/test.sh always starts one) it is a failing test, never a skip.
 */
export function describeLive(name: string, variables: string[], fn: () => void): void {
  const missing = variables.filter(v => !process.env[v]);
  if (!missing.length) {
    describe(name, fn);
    return;
  }
  const why = `${missing.join(', ')} not set: run scripts/test.sh unit, or scripts/test-env/kube-up.sh <dir> <port> and source <dir>/env`;
  if (process.env.CI) {
    describe(name, () => {
      it(`has a real kube-apiserver (${why})`, () => {
        expect(missing).toEqual([]);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`skipping "${name}": ${why}`);
  describe.skip(name, fn);
}
