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
import { sourceHolds } from '../sourceHolds';
import { listText } from '../listText';

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
 * Whether a workload carries status the controller wrote. A manifests export from a GitOps repo
 * holds only the desired state; `{}` is what the API server stores before any controller acts.
 */
function hasObservedStatus(w: KubeObject): boolean {
  return (
    w.status !== null &&
    typeof w.status === 'object' &&
    Object.keys(w.status).length > 0
  );
}

/**
 * The endpoints part of the evidence. Only an Endpoints object that exists says how many
 * addresses are ready: a source that holds no Endpoints at all (a manifests export, a GitOps
 * repo) or none for this Service is not evidence of zero, so the workload is judged alone.
 */
function endpointLines(ctx: Parameters<ServiceCheck>[0]): {
  lines: string[];
  noneReady: boolean;
} {
  const services = ctx.selected('services');
  const endpoints = ctx.inNamespaces('endpoints');
  const failedRead = [services, endpoints].find(r => r.state === 'error');
  if (failedRead?.state === 'error') {
    return {
      lines: [`Service endpoints not checked: ${failedRead.message}`],
      noneReady: false,
    };
  }
  if (services.state !== 'ok') return { lines: [], noneReady: false };
  const routed = services.value.filter(
    // ExternalName and selector-less Services have no controller-managed endpoints.
    svc => svc.spec?.selector && svc.spec?.type !== 'ExternalName',
  );
  if (routed.length === 0) return { lines: [], noneReady: false };
  const held = sourceHolds(ctx, 'endpoints');
  if (!held.holds || endpoints.state !== 'ok') {
    return {
      lines: [
        `Service endpoints not judged: ${
          held.holds ? 'Endpoints not read' : held.why
        }; the workload is judged alone`,
      ],
      noneReady: false,
    };
  }
  const lines: string[] = [];
  let noneReady = false;
  for (const svc of routed) {
    const ep = endpoints.value.find(
      e =>
        e.metadata.name === svc.metadata.name &&
        e.metadata.namespace === svc.metadata.namespace,
    );
    if (!ep) {
      lines.push(
        `${describeObject(
          svc,
        )}: no Endpoints object in the source, so endpoints are not judged`,
      );
      continue;
    }
    const counts = endpointCounts(ep);
    lines.push(
      `${describeObject(svc)}: ${counts.ready} ready endpoint${
        counts.ready === 1 ? '' : 's'
      }${counts.notReady ? `, ${counts.notReady} not ready` : ''}`,
    );
    if (counts.ready === 0) noneReady = true;
  }
  return { lines, noneReady };
}

/**
 * INF-WORKLOAD: ready versus desired replicas and the Available condition of the service's
 * Deployments and StatefulSets; a Service of it whose Endpoints object lists no ready address
 * degrades a passing result (traffic would not reach the pods). Endpoints are secondary
 * evidence: unreadable or not held by the source, the workload verdict stands and the evidence
 * says so. A workload without any status (desired state only) cannot show it is ready: `unknown`.
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
  const unobserved = found.workloads.filter(w => !hasObservedStatus(w));
  if (unobserved.length) {
    const names = listText(unobserved.map(describeObject));
    return {
      status: 'unknown',
      evidence: capEvidence([
        ...unobserved.map(
          w =>
            `${describeObject(
              w,
            )} has no status: the source holds its desired state only (a manifests export or GitOps repo), not whether it runs`,
        ),
      ]),
      error: {
        source: 'kubernetes',
        message: `no observed status for ${names}; read the live cluster to measure it`,
      },
    };
  }
  const rated = found.workloads.map(rate);
  const statuses = rated.map(r => r.status);
  const evidence = rated.map(r => r.line);
  let status: CheckStatus;
  if (statuses.every(s => s === 'fail')) status = 'fail';
  else if (statuses.every(s => s === 'pass')) status = 'pass';
  else status = 'warn';

  const eps = endpointLines(ctx);
  evidence.push(...eps.lines);
  if (eps.noneReady && status === 'pass') status = worst([status, 'warn']);
  return { status, evidence: capEvidence(evidence) };
};
