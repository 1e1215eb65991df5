import type { KubeObject } from '../../facts';
import { readKinds } from '../../engine/outcome';
import { fromLabelSelector, matches } from '../../engine/selectors';
import type { ServiceCheck } from '../../engine/types';
import { Findings, ref } from './findings';
import {
  isDnsOnly,
  isEmptySelector,
  policyTypes,
  ruleIsOpen,
  rulesOf,
} from './networkPolicies';
import { namespacesByName } from './namespaces';
import { noPods, podSources } from './podSources';
import { listText } from '../listText';

/**
 * Whether an ingress rule admits traffic from one of the ingress namespaces
 * (`readiness.platform.ingressNamespaces`: the ingress controller, a tunnel): an empty `from`,
 * or a peer whose namespaceSelector matches one of them.
 */
function admitsIngressNamespace(
  rule: any,
  namespaceLabels: Record<string, string>[],
): boolean {
  const from: any[] | undefined = rule?.from;
  if (!from || from.length === 0) return true;
  return from.some(peer => {
    if (!peer?.namespaceSelector) return false;
    const selector = fromLabelSelector(peer.namespaceSelector);
    return (
      selector !== undefined && namespaceLabels.some(l => matches(selector, l))
    );
  });
}

/**
 * SEC-NETPOL-SERVICE: a NetworkPolicy of its own (a non-empty podSelector matching the pods'
 * labels) restricts who reaches the service, and egress is isolated without an open rule.
 * Namespace-wide policies count for isolation and for open rules, not as the service's own. A
 * service exposed by an Ingress must admit the ingress namespaces
 * (`readiness.platform.ingressNamespaces`), or its public traffic is blocked: that warns.
 */
export const netpolService: ServiceCheck = ctx => {
  const pods = podSources(ctx);
  if ('outcome' in pods) return pods.outcome;
  if (pods.sources.length === 0) return noPods(ctx);
  const read = readKinds({
    networkpolicies: ctx.inNamespaces('networkpolicies'),
  });
  if ('outcome' in read) return read.outcome;

  const ingresses = ctx.selected('ingresses');
  const exposed = ingresses.state === 'ok' ? ingresses.value : [];
  const nsObjects = namespacesByName(ctx);
  // Labels of the configured ingress namespaces, to evaluate namespaceSelectors against; the API
  // server sets kubernetes.io/metadata.name on every namespace.
  const namespaceLabels = ctx.platform.ingressNamespaces.map(name => ({
    'kubernetes.io/metadata.name': name,
    ...(nsObjects?.get(name)?.metadata.labels ?? {}),
  }));

  const findings = new Findings();
  for (const source of pods.sources) {
    const applying = read.items.networkpolicies.filter(np => {
      if (np.metadata.namespace !== source.namespace) return false;
      const selector = fromLabelSelector(np.spec?.podSelector ?? {});
      return selector !== undefined && matches(selector, source.labels);
    });
    const own = applying.filter(
      np => !isEmptySelector(np.spec?.podSelector ?? {}),
    );
    const names = (list: KubeObject[]) =>
      listText(list.map(np => ref('NetworkPolicy', np)));
    if (own.length === 0) {
      findings.add(
        'fail',
        `${source.ref}: no NetworkPolicy selects its pods${
          applying.length ? ` (only namespace-wide ${names(applying)})` : ''
        }`,
      );
      continue;
    }
    const problems: string[] = [];
    const ingressPolicies = applying.filter(np =>
      policyTypes(np).has('Ingress'),
    );
    if (ingressPolicies.length === 0)
      problems.push('ingress is not isolated (no policy of type Ingress)');
    for (const np of ingressPolicies) {
      rulesOf(np, 'Ingress').forEach((rule, i) => {
        if (ruleIsOpen(rule, 'Ingress'))
          problems.push(
            `${ref('NetworkPolicy', np)} ingress[${i}] allows any source`,
          );
      });
    }
    if (ingressPolicies.length && exposed.length) {
      const admits = ingressPolicies.some(np =>
        rulesOf(np, 'Ingress').some(rule =>
          admitsIngressNamespace(rule, namespaceLabels),
        ),
      );
      if (!admits) {
        problems.push(
          `it is exposed by ${exposed
            .map(i => ref('Ingress', i))
            .join(', ')} but no ingress rule admits the ingress namespaces (${
            ctx.platform.ingressNamespaces.join(', ') ||
            'none configured in readiness.platform.ingressNamespaces'
          }): public traffic cannot reach it`,
        );
      }
    }
    const egressPolicies = applying.filter(np => policyTypes(np).has('Egress'));
    if (egressPolicies.length === 0)
      problems.push('egress is open (no policy of type Egress)');
    for (const np of egressPolicies) {
      rulesOf(np, 'Egress').forEach((rule, i) => {
        if (ruleIsOpen(rule, 'Egress') && !isDnsOnly(rule)) {
          problems.push(
            `${ref('NetworkPolicy', np)} egress[${i}] allows any destination`,
          );
        }
      });
    }
    if (problems.length) {
      findings.add(
        'warn',
        `${source.ref} is selected by ${names(own)}, but ${problems.join(
          '; ',
        )}`,
      );
    } else {
      findings.add(
        'pass',
        `${source.ref} is selected by ${names(
          own,
        )}: ingress from named peers only, egress restricted`,
      );
    }
  }
  return findings.outcome({
    fail: 'Add a NetworkPolicy whose podSelector matches the service pods, allowing ingress only from the ingress controller and the namespaces or pods that call it, and egress only to its dependencies and DNS.',
    warn: 'Replace open rules with named peers (namespaceSelector kubernetes.io/metadata.name, podSelector) and add policyTypes: [Ingress, Egress].',
  });
};
