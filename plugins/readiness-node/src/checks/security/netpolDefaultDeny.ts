import { readKinds } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { Findings, ref } from './findings';
import {
  Direction,
  isEmptySelector,
  policyTypes,
  rulesOf,
} from './networkPolicies';
import { listText } from '../listText';

/**
 * SEC-NETPOL-DEFAULT-DENY: each namespace of the service has a policy selecting every pod
 * (`podSelector: {}`) that isolates Ingress and Egress without allowing anything itself.
 */
export const netpolDefaultDeny: ServiceCheck = ctx => {
  if (ctx.namespaces.length === 0) {
    return {
      status: 'n/a',
      evidence: [
        'no namespace known for the service: no workload found and no backstage.io/kubernetes-namespace annotation',
      ],
    };
  }
  const read = readKinds({
    networkpolicies: ctx.inNamespaces('networkpolicies'),
  });
  if ('outcome' in read) return read.outcome;
  const findings = new Findings();
  for (const ns of ctx.namespaces) {
    const wide = read.items.networkpolicies.filter(
      np =>
        np.metadata.namespace === ns &&
        isEmptySelector(np.spec?.podSelector ?? {}),
    );
    const denying = (direction: Direction) =>
      wide.filter(
        np =>
          policyTypes(np).has(direction) && rulesOf(np, direction).length === 0,
      );
    const ingress = denying('Ingress');
    const egress = denying('Egress');
    const names = (list: typeof wide) =>
      listText(list.map(np => ref('NetworkPolicy', np)));
    if (ingress.length && egress.length) {
      findings.add(
        'pass',
        `namespace ${ns}: default deny for Ingress (${names(
          ingress,
        )}) and Egress (${names(egress)})`,
      );
    } else if (ingress.length) {
      findings.add(
        'warn',
        `namespace ${ns}: default deny for Ingress only (${names(
          ingress,
        )}); egress is open`,
      );
    } else {
      findings.add(
        'fail',
        `namespace ${ns}: no default-deny NetworkPolicy for Ingress${
          egress.length ? ` (Egress only: ${names(egress)})` : ''
        }`,
      );
    }
  }
  const example = (types: string) =>
    `apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: default-deny-all}, spec: {podSelector: {}, policyTypes: [${types}]}`;
  return findings.outcome({
    fail: `Add to each namespace: ${example(
      'Ingress, Egress',
    )}; then allow each service's real peers (and DNS) with their own policies.`,
    warn: `Deny egress by default too: ${example(
      'Ingress, Egress',
    )}, with an egress rule to kube-dns on port 53.`,
  });
};
