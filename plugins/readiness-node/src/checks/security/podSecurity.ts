import { capEvidence } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { Findings } from './findings';
import { evaluatePodSecurity } from './podSecurityStandards';
import { noPods, podSources } from './podSources';

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/**
 * SEC-POD-SECURITY: every pod spec of the service against the Pod Security Standards:
 * `restricted` passes, `baseline` only warns, anything below (or uid 0) fails. The namespaces'
 * admission labels are reported beside it: they say what the cluster will refuse from now on.
 */
export const podSecurity: ServiceCheck = ctx => {
  const pods = podSources(ctx);
  if ('outcome' in pods) return pods.outcome;
  if (pods.sources.length === 0) return noPods(ctx);

  const findings = new Findings();
  for (const source of pods.sources) {
    const verdict = evaluatePodSecurity(source.spec, source.annotations);
    if (verdict.fail.length) {
      findings.add(
        'fail',
        `${source.ref} breaks baseline: ${capEvidence(verdict.fail, 5).join(
          '; ',
        )}`,
      );
    } else if (verdict.restricted.length) {
      findings.add(
        'warn',
        `${source.ref} meets baseline, not restricted: ${capEvidence(
          verdict.restricted,
          5,
        ).join('; ')}`,
      );
    } else {
      findings.add('pass', `${source.ref} meets restricted`);
    }
  }
  const namespaces = ctx.all('namespaces');
  if (namespaces.state === 'ok') {
    for (const ns of new Set(pods.sources.map(s => s.namespace))) {
      const level = namespaces.value.find(n => n.metadata.name === ns)?.metadata
        .labels?.[ENFORCE_LABEL];
      findings.add(
        'pass',
        `namespace ${ns} ${
          level
            ? `enforces Pod Security "${level}"`
            : `has no ${ENFORCE_LABEL} label`
        }`,
      );
    }
  }
  return findings.outcome({
    fail: 'Remove privileged, hostNetwork/hostPID/hostIPC, hostPath and hostPort; run as a non-root uid (runAsNonRoot: true, runAsUser ≠ 0).',
    warn: 'Set allowPrivilegeEscalation: false, runAsNonRoot: true, seccompProfile.type: RuntimeDefault and capabilities.drop: [ALL]; then label the namespace pod-security.kubernetes.io/enforce=restricted.',
  });
};
