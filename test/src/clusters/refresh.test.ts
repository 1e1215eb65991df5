import type { ServiceReadiness } from '@254carbon/plugin-readiness-common';
import { describeWithKube, KubeRest } from '../kube/KubeRest';
import { clusterConfig, startReadiness, userAuthorization } from '../faults/startReadiness';
import { byCheck, getJson, loadServices, serviceEntity, serviceName, serviceObjectsOf } from '../faults/fixture';

jest.setTimeout(180_000);

// Services 9400 and 9410 live in namespaces team-0940 and team-0941, used by no other suite.
const A = 9400;
const B = 9410;

async function readiness(baseUrl: string, i: number): Promise<ServiceReadiness> {
  const res = await getJson(`${baseUrl}/entities/default/component/${serviceName(i)}`, userAuthorization());
  expect(res.status).toBe(200);
  return res.body;
}

/** Marks every replica of service i's Deployment unready, as a controller would after a bad rollout. */
async function breakWorkload(rest: KubeRest, i: number) {
  const deployment = serviceObjectsOf(i).find(o => o.kind === 'Deployment');
  deployment.status = {
    ...deployment.status,
    readyReplicas: 0,
    availableReplicas: 0,
    conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }],
  };
  await rest.put(deployment);
}

describeWithKube('"Measure now" re-measures one service from the live cluster', env => {
  it("re-reads that service's objects at once, and only that service's", async () => {
    const rest = await loadServices(env(), A, A + 1);
    await loadServices(env(), B, B + 1);
    const backend = await startReadiness({
      entities: [serviceEntity(A), serviceEntity(B)],
      clusters: [clusterConfig('main', env())],
    });
    try {
      await backend.runSweep();
      expect(byCheck(await readiness(backend.baseUrl, A))['INF-WORKLOAD'].status).toBe('pass');
      expect(byCheck(await readiness(backend.baseUrl, B))['INF-WORKLOAD'].status).toBe('pass');

      await breakWorkload(rest, A);
      await breakWorkload(rest, B);
      const res = await fetch(`${backend.baseUrl}/entities/default/component/${serviceName(A)}/refresh`, {
        method: 'POST',
        headers: { authorization: userAuthorization() },
      });
      expect(res.status).toBe(200);
      const refreshed = await readiness(backend.baseUrl, A);
      expect(byCheck(refreshed)['INF-WORKLOAD'].status).toBe('fail');
      expect(byCheck(refreshed)['INF-WORKLOAD'].evidence.join(' ')).toMatch(/0\/2/);
      // The refresh read A's namespace only: B keeps the sweep's measurement until the next sweep.
      expect(byCheck(await readiness(backend.baseUrl, B))['INF-WORKLOAD'].status).toBe('pass');
      // The platform checks still block A's checks as they did (last sweep's platform results).
      expect(refreshed.checks.map(c => c.checkId)).toEqual((await readiness(backend.baseUrl, B)).checks.map(c => c.checkId));

      await backend.runSweep();
      expect(byCheck(await readiness(backend.baseUrl, B))['INF-WORKLOAD'].status).toBe('fail');
    } finally {
      await backend.stop();
    }
  });
});
