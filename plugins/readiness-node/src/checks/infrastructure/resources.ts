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
 * INF-RESOURCES, per container, as the catalog row says: pass with cpu and memory requests and a
 * memory limit; warn when one of the cpu or memory requests is missing; fail with no request at
 * all or no memory limit. A cpu limit and ephemeral-storage are reported as evidence only, never
 * a warn (a cpu limit throttles, it protects no neighbour from an OOM). A request left unset
 * with its limit set counts as set, because the API server defaults the request to the limit.
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
      const request = (resource: string) => {
        if (has(requests, resource))
          return `requests.${resource} ${requests[resource]}`;
        if (has(limits, resource))
          return `requests.${resource} ${limits[resource]} (defaulted from its limit)`;
        return undefined;
      };
      const cpuRequest = request('cpu');
      const memRequest = request('memory');
      const memLimit = has(limits, 'memory')
        ? `limits.memory ${limits.memory}`
        : undefined;
      const missing = [
        cpuRequest ? undefined : 'requests.cpu',
        memRequest ? undefined : 'requests.memory',
        memLimit ? undefined : 'limits.memory',
      ].filter(Boolean);
      let status: CheckStatus = 'pass';
      if (!memLimit || (!cpuRequest && !memRequest)) status = 'fail';
      else if (!cpuRequest || !memRequest) status = 'warn';
      // Evidence only: never changes the status.
      const extra = [
        has(limits, 'cpu') ? `limits.cpu ${limits.cpu}` : 'no cpu limit',
        has(requests, 'ephemeral-storage') || has(limits, 'ephemeral-storage')
          ? `ephemeral-storage ${
              requests['ephemeral-storage'] ?? limits['ephemeral-storage']
            }`
          : 'no ephemeral-storage',
      ];
      const set = [cpuRequest, memRequest, memLimit].filter(Boolean);
      lines.push({
        status,
        text: `${describeObject(owner)} container ${name}: ${
          set.length ? set.join(', ') : 'no requests or memory limit'
        }${
          missing.length ? `; missing ${missing.join(', ')}` : ''
        } (${extra.join(', ')})`,
      });
    }
  }
  const status = worst(lines.map(l => l.status));
  const order = ['fail', 'warn', 'pass'];
  lines.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  return { status, evidence: capEvidence(lines.map(l => l.text)) };
};
