import { capEvidence } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import { Findings } from './findings';
import { namespacesByName } from './namespaces';
import { evaluatePodSecurity } from './podSecurityStandards';
import { noPods, podSources } from './podSources';

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const LEVELS = ['privileged', 'baseline', 'restricted'] as const;
type Level = (typeof LEVELS)[number];

/**
 * SEC-POD-SECURITY: every pod spec of the service against the Pod Security Standards:
 * `restricted` passes, `baseline` only warns, anything below fails, and so does running as root
 * (neither pod nor container sets `runAsNonRoot: true` or a non-zero `runAsUser`). The
 * namespaces' admission labels are evidence, never a pass: a namespace enforcing a lower level
 * than its pods meet gets a note, since it would admit a weaker pod tomorrow.
 */
export const podSecurity: ServiceCheck = ctx => {
  const pods = podSources(ctx);
  if ('outcome' in pods) return pods.outcome;
  if (pods.sources.length === 0) return noPods(ctx);

  const findings = new Findings();
  // The lowest level any pod of the namespace meets.
  const metByNamespace = new Map<string, Level>();
  const lower = (ns: string, level: Level) => {
    const current = metByNamespace.get(ns);
    if (!current || LEVELS.indexOf(level) < LEVELS.indexOf(current))
      metByNamespace.set(ns, level);
  };
  for (const source of pods.sources) {
    const verdict = evaluatePodSecurity(source.spec, source.annotations);
    if (verdict.fail.length) {
      lower(source.namespace, 'privileged');
      findings.add(
        'fail',
        `${source.ref} breaks baseline: ${capEvidence(verdict.fail, 5).join(
          '; ',
        )}`,
      );
    } else if (verdict.restricted.length) {
      lower(source.namespace, 'baseline');
      findings.add(
        'warn',
        `${source.ref} meets baseline, not restricted: ${capEvidence(
          verdict.restricted,
          5,
        ).join('; ')}`,
      );
    } else {
      lower(source.namespace, 'restricted');
      findings.add('pass', `${source.ref} meets restricted`);
    }
  }
  const notes: string[] = [];
  const namespaces = namespacesByName(ctx);
  if (namespaces) {
    for (const [ns, met] of [...metByNamespace].sort()) {
      const labels = namespaces.get(ns)?.metadata.labels ?? {};
      const enforced = labels[ENFORCE_LABEL];
      const level = (LEVELS as readonly string[]).includes(enforced ?? '')
        ? (enforced as Level)
        : undefined;
      const text = enforced
        ? `namespace ${ns} enforces Pod Security "${enforced}"`
        : `namespace ${ns} has no ${ENFORCE_LABEL} label (the cluster's default level applies: privileged unless the admission configuration sets one)`;
      if (
        met !== 'privileged' &&
        LEVELS.indexOf(level ?? 'privileged') < LEVELS.indexOf(met)
      ) {
        notes.push(
          `note: ${text}, lower than its pods meet ("${met}"): label it ${ENFORCE_LABEL}=${met} so a weaker pod is refused`,
        );
      } else notes.push(text);
    }
  }
  const outcome = findings.outcome({
    fail: 'Run as a non-root uid (runAsNonRoot: true or runAsUser ≠ 0 on the pod or container); remove privileged, hostNetwork/hostPID/hostIPC, hostPath and hostPort.',
    warn: 'Set allowPrivilegeEscalation: false, runAsNonRoot: true, seccompProfile.type: RuntimeDefault and capabilities.drop: [ALL]; then label the namespace pod-security.kubernetes.io/enforce=restricted.',
  });
  return { ...outcome, evidence: [...outcome.evidence, ...notes] };
};
