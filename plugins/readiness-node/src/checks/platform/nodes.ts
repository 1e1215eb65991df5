import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import { capEvidence, kubernetesUnknown, worst } from '../../engine/outcome';
import { condition } from '../../engine/objects';
import type { CheckOutcome, PlatformCheck } from '../../engine/types';
import { listText } from '../listText';

/**
 * PLAT-NODES: Ready nodes per cluster. Judged per cluster (the worst wins) because two clusters
 * of one node each are two single points of failure, not a redundant pair.
 */
export const platNodes: PlatformCheck = ctx => {
  if (ctx.facts.clusters.length === 0) {
    return { status: 'n/a', evidence: ['no Kubernetes cluster configured'] };
  }
  const many = ctx.facts.clusters.length > 1;
  const statuses: CheckStatus[] = [];
  const evidence: string[] = [];
  for (const snapshot of ctx.facts.clusters) {
    const prefix = many ? `cluster ${snapshot.cluster}: ` : '';
    const read = snapshot.kinds.nodes;
    if (read.state === 'error') {
      const unknown = kubernetesUnknown(
        'nodes',
        `cluster ${snapshot.cluster}: ${read.message}`,
      );
      if (!many) return unknown;
      statuses.push('unknown');
      evidence.push(...unknown.evidence);
      continue;
    }
    if (read.state === 'absent') {
      // A manifests export may hold no Nodes: that is not a cluster without nodes.
      statuses.push('n/a');
      evidence.push(`${prefix}nodes not judged: ${read.reason}`);
      continue;
    }
    const nodes = read.value;
    const ready = nodes.filter(n => condition(n, 'Ready')?.status === 'True');
    const notReady = nodes.filter(n => !ready.includes(n));
    const cordoned = ready.filter(n => n.spec?.unschedulable === true);
    evidence.push(
      `${prefix}${ready.length}/${nodes.length} nodes Ready${
        ready.length ? ` (${listText(ready.map(n => n.metadata.name))})` : ''
      }`,
    );
    for (const n of notReady) {
      const c = condition(n, 'Ready');
      evidence.push(
        `${prefix}Node ${n.metadata.name} not Ready (${
          c
            ? `${c.status}${c.reason ? `, ${c.reason}` : ''}`
            : 'no Ready condition'
        })`,
      );
    }
    for (const n of cordoned)
      evidence.push(
        `${prefix}Node ${n.metadata.name} is cordoned (unschedulable)`,
      );
    if (ready.length === 0) statuses.push('fail');
    else if (ready.length === 1) {
      statuses.push('warn');
      evidence.push(
        `${prefix}a single Ready node is a single point of failure`,
      );
    } else statuses.push('pass');
  }
  const status = worst(statuses);
  const outcome: CheckOutcome = { status, evidence: capEvidence(evidence) };
  if (status === 'unknown') {
    outcome.error = {
      source: 'kubernetes',
      message: evidence.filter(e => e.startsWith('could not')).join('; '),
    };
  }
  return outcome;
};
