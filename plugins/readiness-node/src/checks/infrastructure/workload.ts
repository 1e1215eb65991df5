import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import type { KubeObject } from '../../facts';
import {
  condition,
  describeObject,
  desiredReplicas,
  readyReplicas,
} from '../../engine/objects';
import { capEvidence, worst } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { selectionText, serviceWorkloads } from '../../engine/workloads';

/** Whether a workload is mid-rollout: the controller has not caught up or old pods remain. */
function rollingOut(w: KubeObject): boolean {
  const generation = (w.metadata as { generation?: number }).generation;
  const observed = w.status?.observedGeneration;
  if (
    typeof generation === 'number' &&
    typeof observed === 'number' &&
    observed < generation
  ) {
    return true;
  }
  const updated = w.status?.updatedReplicas;
  return typeof updated === 'number' && updated < desiredReplicas(w);
}

function rate(w: KubeObject): { status: CheckStatus; line: string } {
  const desired = desiredReplicas(w);
  const ready = readyReplicas(w);
  const parts = [`${describeObject(w)} ${ready}/${desired} ready`];
  const available = condition(w, 'Available');
  if (available && available.status !== 'True') {
    parts.push(
      `Available=${available.status}${
        available.reason ? ` (${available.reason})` : ''
      }`,
    );
  }
  if (desired === 0) {
    parts.push('scaled to 0');
    return { status: 'fail', line: parts.join(', ') };
  }
  const rolling = rollingOut(w);
  if (rolling) parts.push('rolling out');
  if (ready === 0) return { status: 'fail', line: parts.join(', ') };
  if (ready < desired || rolling || available?.status === 'False') {
    return { status: 'warn', line: parts.join(', ') };
  }
  return { status: 'pass', line: parts.join(', ') };
}

/** Ready and not-ready addresses of an Endpoints object. */
function endpointCounts(ep: KubeObject): { ready: number; notReady: number } {
  let ready = 0;
  let notReady = 0;
  for (const subset of ep.subsets ?? []) {
    ready += (subset.addresses ?? []).length;
    notReady += (subset.notReadyAddresses ?? []).length;
  }
  return { ready, notReady };
}

/**
 * INF-WORKLOAD: ready versus desired replicas and the Available condition of the service's
 * Deployments and StatefulSets; a Service of it without ready endpoints degrades a passing
 * result (traffic would not reach the pods). Endpoints are secondary evidence: if they cannot be
 * read the workload verdict stands and the evidence says so.
 */
export const infWorkload: ServiceCheck = ctx => {
  const found = serviceWorkloads(ctx);
  if ('outcome' in found) return found.outcome;
  if (found.workloads.length === 0) {
    return {
      status: 'fail',
      evidence: [
        `no Deployment or StatefulSet selected by ${selectionText(ctx)}`,
      ],
      remediation:
        'Label the workload with backstage.io/kubernetes-id (or fix the kubernetes-label-selector annotation) and deploy it.',
    };
  }
  const rated = found.workloads.map(rate);
  const statuses = rated.map(r => r.status);
  const evidence = rated.map(r => r.line);
  let status: CheckStatus;
  if (statuses.every(s => s === 'fail')) status = 'fail';
  else if (statuses.every(s => s === 'pass')) status = 'pass';
  else status = 'warn';

  const services = ctx.selected('services');
  const endpoints = ctx.inNamespaces('endpoints');
  if (services.state === 'ok' && endpoints.state === 'ok') {
    for (const svc of services.value) {
      // ExternalName and selector-less Services have no controller-managed endpoints.
      if (!svc.spec?.selector || svc.spec?.type === 'ExternalName') continue;
      const ep = endpoints.value.find(
        e =>
          e.metadata.name === svc.metadata.name &&
          e.metadata.namespace === svc.metadata.namespace,
      );
      const counts = ep ? endpointCounts(ep) : { ready: 0, notReady: 0 };
      evidence.push(
        `${describeObject(svc)}: ${counts.ready} ready endpoint${
          counts.ready === 1 ? '' : 's'
        }${counts.notReady ? `, ${counts.notReady} not ready` : ''}`,
      );
      if (counts.ready === 0 && status === 'pass')
        status = worst([status, 'warn']);
    }
  } else {
    const failedRead = [services, endpoints].find(r => r.state === 'error');
    if (failedRead && failedRead.state === 'error') {
      evidence.push(`Service endpoints not checked: ${failedRead.message}`);
    }
  }
  return { status, evidence: capEvidence(evidence) };
};
