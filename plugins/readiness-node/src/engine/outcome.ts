import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import type { KindId, KubeObject, Read } from '../facts';
import type { CheckOutcome } from './types';

const RANK: Record<CheckStatus, number> = {
  'n/a': 0,
  pass: 1,
  warn: 2,
  unknown: 3,
  fail: 4,
};

/** The worse of several statuses: fail > unknown > warn > pass > n/a. */
export function worst(statuses: Iterable<CheckStatus>): CheckStatus {
  let result: CheckStatus = 'n/a';
  for (const s of statuses) if (RANK[s] > RANK[result]) result = s;
  return result;
}

/** An `unknown` outcome for a Kubernetes list that could not be read. */
export function kubernetesUnknown(kind: KindId, message: string): CheckOutcome {
  return {
    status: 'unknown',
    evidence: [`could not list ${kind}: ${message}`],
    error: { source: 'kubernetes', message: `${kind}: ${message}` },
  };
}

/**
 * Reads several kinds at once. Returns the values (absent kinds as empty lists plus their
 * reasons), or the `unknown` outcome of the first kind that failed: a check that needs an
 * unreadable kind must not guess.
 */
export function readKinds<K extends KindId>(
  reads: Record<K, Read<KubeObject[]>>,
):
  | { outcome: CheckOutcome }
  | { items: Record<K, KubeObject[]>; absent: Partial<Record<K, string>> } {
  const items = {} as Record<K, KubeObject[]>;
  const missing: Partial<Record<K, string>> = {};
  for (const kind of Object.keys(reads) as K[]) {
    const read = reads[kind];
    if (read.state === 'error')
      return { outcome: kubernetesUnknown(kind, read.message) };
    if (read.state === 'absent') {
      items[kind] = [];
      missing[kind] = read.reason;
    } else items[kind] = read.value;
  }
  return { items, absent: missing };
}

const LIMIT = 12;

/** Caps a long evidence list so one broken namespace cannot flood the UI and the history table. */
export function capEvidence(lines: string[], limit = LIMIT): string[] {
  if (lines.length <= limit) return lines;
  return [...lines.slice(0, limit), `… and ${lines.length - limit} more`];
}
