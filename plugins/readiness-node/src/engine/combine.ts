import type {
  CheckDefinition,
  CheckResult,
  ClusterOutcome,
} from '@254carbon/plugin-readiness-common';
import type { CheckOutcome } from './types';

/** One cluster's outcome of a check, with the platform check (of that cluster) blocking it. */
export interface ClusterPart {
  /** Undefined when the check reads no cluster (Vault, Prometheus) or the sweep has none. */
  cluster?: string;
  outcome: CheckOutcome;
  blockedBy?: string;
}

const RANK = { 'n/a': 0, pass: 1, warn: 2, unknown: 3, fail: 4 } as const;

function named(cluster: string | undefined, line: string): string {
  return cluster ? `cluster ${cluster}: ${line}` : line;
}

/** An unknown's error must say which cluster could not be read, whatever the source's message. */
function errorOf(
  part: ClusterPart,
  cluster: string | undefined,
): CheckResult['error'] {
  const error = part.outcome.error;
  if (!error) return undefined;
  if (!cluster || error.message.includes(`cluster ${cluster}`)) {
    return { ...error };
  }
  return { ...error, message: `cluster ${cluster}: ${error.message}` };
}

/**
 * Combines a check's per-cluster outcomes into one result: the worst cluster decides the status,
 * its remediation and its blocking platform check; every evidence line names its cluster when
 * `nameClusters` is set (the sweep reads more than one cluster), and the per-cluster outcomes are
 * kept when there is more than one part.
 */
export function combineParts(
  def: CheckDefinition,
  parts: ClusterPart[],
  nameClusters: boolean,
): CheckResult {
  // One pass over the parts (this runs for every check of every service of every sweep).
  let worstPart = parts[0];
  let unknownPart: ClusterPart | undefined;
  let expiresAt: string | undefined;
  for (const part of parts) {
    const { outcome } = part;
    if (RANK[outcome.status] > RANK[worstPart.outcome.status]) worstPart = part;
    if (!unknownPart && outcome.status === 'unknown') unknownPart = part;
    // The nearest expiry of any cluster: that certificate is the next to lapse.
    if (
      outcome.expiresAt &&
      (!expiresAt || Date.parse(outcome.expiresAt) < Date.parse(expiresAt))
    ) {
      expiresAt = outcome.expiresAt;
    }
  }
  const status = worstPart.outcome.status;
  const label = (part: ClusterPart) =>
    nameClusters ? part.cluster : undefined;
  const evidence: string[] = [];
  for (const part of parts) {
    const cluster = label(part);
    for (const line of part.outcome.evidence)
      evidence.push(named(cluster, line));
  }
  const result: CheckResult = { checkId: def.id, status, evidence };
  if (status !== 'pass' && status !== 'n/a') {
    result.remediation = worstPart.outcome.remediation ?? def.remediation;
  }
  const errorPart = unknownPart ?? worstPart;
  const error = errorOf(errorPart, label(errorPart));
  if (error) result.error = error;
  if (worstPart.blockedBy) result.blockedBy = worstPart.blockedBy;
  if (expiresAt) result.expiresAt = expiresAt;
  if (parts.length > 1) {
    result.clusters = parts.map(p => {
      const outcome: ClusterOutcome = {
        cluster: p.cluster ?? '',
        status: p.outcome.status,
        evidence: [...p.outcome.evidence],
      };
      if (p.blockedBy) outcome.blockedBy = p.blockedBy;
      return outcome;
    });
  }
  return result;
}
