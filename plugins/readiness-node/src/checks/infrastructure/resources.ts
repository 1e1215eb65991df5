import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import {
  containersOf,
  describeObject,
  podTemplate,
} from '../../engine/objects';
import { capEvidence, worst } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { noWorkload } from '../../engine/workloads';
import { podSpecOwners } from './images';

const has = (map: any, key: string) =>
  map !== null &&
  typeof map === 'object' &&
  map[key] !== undefined &&
  map[key] !== null &&
  map[key] !== '';

/**
 * INF-RESOURCES, per container: fail without a memory limit or without any request; warn when a
 * cpu or memory request, the cpu limit or ephemeral-storage is missing; pass with all of them.
 * A missing request with a limit set counts as set, because Kubernetes defaults the request to
 * the limit.
 */
export const infResources: ServiceCheck = ctx => {
  const found = podSpecOwners(ctx);
  if ('outcome' in found) return found.outcome;
  if (found.owners.length === 0) return noWorkload(ctx);
  const lines: { status: CheckStatus; text: string }[] = [];
  for (const owner of found.owners) {
    for (const { name, container } of containersOf(podTemplate(owner).spec)) {
      const requests = container.resources?.requests ?? {};
      const limits = container.resources?.limits ?? {};
      const cpuRequest = has(requests, 'cpu') || has(limits, 'cpu');
      const memRequest = has(requests, 'memory') || has(limits, 'memory');
      const missing: string[] = [];
      if (!has(requests, 'cpu') && !has(limits, 'cpu'))
        missing.push('requests.cpu');
      if (!has(requests, 'memory') && !has(limits, 'memory'))
        missing.push('requests.memory');
      if (!has(limits, 'memory')) missing.push('limits.memory');
      if (!has(limits, 'cpu')) missing.push('limits.cpu');
      if (
        !has(requests, 'ephemeral-storage') &&
        !has(limits, 'ephemeral-storage')
      ) {
        missing.push('ephemeral-storage');
      }
      let status: CheckStatus = 'pass';
      if (!has(limits, 'memory') || (!cpuRequest && !memRequest))
        status = 'fail';
      else if (missing.length) status = 'warn';
      const set = [
        has(requests, 'cpu') ? `requests.cpu ${requests.cpu}` : undefined,
        has(requests, 'memory')
          ? `requests.memory ${requests.memory}`
          : undefined,
        has(limits, 'cpu') ? `limits.cpu ${limits.cpu}` : undefined,
        has(limits, 'memory') ? `limits.memory ${limits.memory}` : undefined,
      ].filter(Boolean);
      lines.push({
        status,
        text: `${describeObject(owner)} container ${name}: ${
          set.length ? set.join(', ') : 'no resources'
        }${missing.length ? `; missing ${missing.join(', ')}` : ''}`,
      });
    }
  }
  const status = worst(lines.map(l => l.status));
  const order = ['fail', 'warn', 'pass'];
  lines.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  return { status, evidence: capEvidence(lines.map(l => l.text)) };
};
