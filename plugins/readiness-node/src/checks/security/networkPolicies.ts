import type { KubeObject } from '../../facts';

export type Direction = 'Ingress' | 'Egress';

/** `{}` (or a selector with empty matchLabels/matchExpressions): selects every pod or namespace. */
export function isEmptySelector(sel: any): boolean {
  if (!sel || typeof sel !== 'object') return false;
  return (
    Object.keys(sel.matchLabels ?? {}).length === 0 &&
    (sel.matchExpressions ?? []).length === 0
  );
}

/**
 * The directions a policy isolates. Without `policyTypes` Kubernetes assumes Ingress, plus
 * Egress when the policy has an `egress` section.
 */
export function policyTypes(np: KubeObject): Set<Direction> {
  const explicit = np.spec?.policyTypes;
  if (Array.isArray(explicit) && explicit.length)
    return new Set(explicit as Direction[]);
  const types = new Set<Direction>(['Ingress']);
  if (np.spec?.egress) types.add('Egress');
  return types;
}

export function rulesOf(np: KubeObject, direction: Direction): any[] {
  return (direction === 'Ingress' ? np.spec?.ingress : np.spec?.egress) ?? [];
}

const ANY_ADDRESS = new Set(['0.0.0.0/0', '::/0']);

/** A peer that admits everything: `{}`, every pod of every namespace, or any address. */
export function peerIsOpen(peer: any): boolean {
  if (!peer || typeof peer !== 'object' || Object.keys(peer).length === 0)
    return true;
  if (peer.ipBlock?.cidr && ANY_ADDRESS.has(String(peer.ipBlock.cidr)))
    return true;
  if (
    peer.namespaceSelector !== undefined &&
    isEmptySelector(peer.namespaceSelector)
  ) {
    return peer.podSelector === undefined || isEmptySelector(peer.podSelector);
  }
  return false;
}

/** A rule whose peer list is missing or empty admits every peer, as does one open peer. */
export function ruleIsOpen(rule: any, direction: Direction): boolean {
  const peers = direction === 'Ingress' ? rule?.from : rule?.to;
  return !Array.isArray(peers) || peers.length === 0 || peers.some(peerIsOpen);
}

/** Egress to port 53 only: name resolution, which every pod needs wherever the DNS server is. */
export function isDnsOnly(rule: any): boolean {
  const ports = rule?.ports;
  return (
    Array.isArray(ports) &&
    ports.length > 0 &&
    ports.every(
      (p: any) => p?.port === 53 || p?.port === '53' || p?.port === 'dns',
    )
  );
}
