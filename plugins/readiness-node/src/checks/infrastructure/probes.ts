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

/** JSON with sorted keys, so two probes written in a different key order still compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonical((value as any)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function probeText(probe: any): string {
  if (probe.httpGet)
    return `httpGet ${probe.httpGet.path ?? '/'} on ${probe.httpGet.port}`;
  if (probe.tcpSocket) return `tcpSocket ${probe.tcpSocket.port}`;
  if (probe.grpc) return `grpc ${probe.grpc.port}`;
  if (probe.exec) return `exec ${(probe.exec.command ?? []).join(' ')}`;
  return 'probe';
}

/**
 * INF-PROBES, per container: no readiness probe fails; readiness only, or a liveness probe
 * identical to it, warns (an identical liveness probe restarts pods exactly when they are merely
 * busy, turning overload into a crash loop); distinct readiness and liveness probes pass.
 */
export const infProbes: ServiceCheck = ctx => {
  const found = podSpecOwners(ctx);
  if ('outcome' in found) return found.outcome;
  if (found.owners.length === 0) return noWorkload(ctx);
  const lines: { status: CheckStatus; text: string }[] = [];
  for (const owner of found.owners) {
    for (const { name, container } of containersOf(podTemplate(owner).spec)) {
      const where = `${describeObject(owner)} container ${name}`;
      const readiness = container.readinessProbe;
      const liveness = container.livenessProbe;
      const startup = container.startupProbe
        ? `, startup ${probeText(container.startupProbe)}`
        : '';
      if (!readiness) {
        lines.push({
          status: 'fail',
          text: `${where}: no readinessProbe${
            liveness ? ` (liveness ${probeText(liveness)})` : ''
          }`,
        });
      } else if (!liveness) {
        lines.push({
          status: 'warn',
          text: `${where}: readiness ${probeText(
            readiness,
          )}, no livenessProbe${startup}`,
        });
      } else if (canonical(readiness) === canonical(liveness)) {
        lines.push({
          status: 'warn',
          text: `${where}: readiness and liveness probes are identical (${probeText(
            readiness,
          )})`,
        });
      } else {
        lines.push({
          status: 'pass',
          text: `${where}: readiness ${probeText(
            readiness,
          )}, liveness ${probeText(liveness)}${startup}`,
        });
      }
    }
  }
  const order = ['fail', 'warn', 'pass'];
  lines.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  return {
    status: worst(lines.map(l => l.status)),
    evidence: capEvidence(lines.map(l => l.text)),
  };
};
