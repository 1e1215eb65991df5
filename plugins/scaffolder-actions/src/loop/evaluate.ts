import {
  CHECKS,
  CheckResult,
  CheckStatus,
} from '@254carbon/plugin-readiness-common';
import {
  DEFAULT_PLATFORM,
  DEFAULT_THRESHOLDS,
  SweepIndex,
  VaultSnapshot,
  evaluateService,
  ok,
  snapshotFromObjects,
  targetFromEntity,
  parseVaultPolicy,
} from '@254carbon/plugin-readiness-node';
import type { Bundle } from '../bundle';
import { VAULT_SECRETS_FILE } from '../bundle';
import type { OnboardingSettings } from '../settings';
import { COVERED_BY_PIECE, NOT_COVERED } from './coverage';
import { representativeWorkload } from './representative';

export interface CoveredCheck {
  checkId: string;
  title: string;
  status: CheckStatus;
  evidence: string[];
  remediation?: string;
}

/** The `readiness` output: what the readiness checks will say about what was generated. */
export interface BundleReadiness {
  /** Every covered check passes. */
  passed: boolean;
  covered: CoveredCheck[];
  notCovered: { checkId: string; title: string; reason: string }[];
  /** Platform state taken as given, since a bundle cannot contain it. */
  assumptions: string[];
}

const title = (id: string) => CHECKS.find(c => c.id === id)?.title ?? id;

const PASSING_PLATFORM = (id: string): CheckResult => ({
  checkId: id,
  status: 'pass',
  evidence: ['assumed healthy for the onboarding check'],
});

/**
 * The closed loop: runs the same engine the readiness backend runs over the generated objects,
 * plus the service's representative workload, the generated Vault role and the parsed policy, and
 * reports the Security checks the bundle decides. A failure here is a generator bug.
 */
export async function evaluateBundle(
  bundle: Bundle,
  settings: OnboardingSettings,
  now: Date = new Date(),
): Promise<BundleReadiness> {
  const { spec } = bundle;
  const { deployment, pod } = representativeWorkload(bundle);
  const issuer = {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name: settings.productionIssuer },
    spec: {
      acme: {
        server: 'https://acme-v02.api.letsencrypt.org/directory',
        privateKeySecretRef: { name: `${settings.productionIssuer}-account` },
        solvers: [
          {
            http01: {
              ingress: { ingressClassName: settings.ingressClassName },
            },
          },
        ],
      },
    },
    status: {
      conditions: [
        { type: 'Ready', status: 'True', reason: 'ACMEAccountRegistered' },
      ],
    },
  };
  const snapshot = snapshotFromObjects(
    'onboarding',
    [...bundle.manifests, deployment, pod, issuer],
    { fetchedAt: now.toISOString(), installedCrds: ['cert-manager.io'] },
  );

  const v = bundle.vault;
  const vault: VaultSnapshot = {
    address: 'generated-bundle',
    fetchedAt: now.toISOString(),
    authMount: settings.authMount,
    kvMount: settings.kvMount,
    health: ok({ code: 200, initialized: true, sealed: false, standby: false }),
    roles: ok(v ? { [v.roleName]: v.role } : {}),
    policies: ok(
      v
        ? { [v.policyName]: await parseVaultPolicy(v.policyName, v.policyHcl) }
        : {},
    ),
    kv: ok({ [spec.secretsPath]: [VAULT_SECRETS_FILE] }),
  };

  const thresholds = {
    ...DEFAULT_THRESHOLDS,
    productionIssuers: [settings.productionIssuer],
  };
  const platform = {
    ...DEFAULT_PLATFORM,
    ingressNamespaces: [settings.ingressNamespace],
    monitoringNamespaces: [settings.monitoringNamespace],
  };
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: spec.name,
      namespace: 'default',
      annotations: bundle.catalogAnnotations,
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: spec.owner ?? 'group:default/unknown',
    },
  };
  const target = targetFromEntity(entity, { thresholds });
  const index = new SweepIndex({ clusters: [snapshot], vault });
  const platformResults = new Map(
    ['PLAT-VAULT', 'PLAT-ISSUER', 'PLAT-NODES', 'PLAT-INGRESS'].map(id => [
      id,
      PASSING_PLATFORM(id),
    ]),
  );
  const results = evaluateService(index, target, platformResults, {
    platform,
    thresholds,
    now,
  }).checks;

  const coveredIds = new Set(bundle.pieces.flatMap(p => COVERED_BY_PIECE[p]));
  if (!bundle.ingressTls) coveredIds.delete('SEC-CERT-ISSUER');
  const covered = results
    .filter(r => coveredIds.has(r.checkId))
    .map(r => ({
      checkId: r.checkId,
      title: title(r.checkId),
      status: r.status,
      evidence: r.evidence,
      ...(r.status !== 'pass' && r.remediation
        ? { remediation: r.remediation }
        : {}),
    }));
  const notCovered = CHECKS.filter(
    c => c.layer === 'security' && c.scope === 'service',
  )
    .filter(c => !coveredIds.has(c.id))
    .map(c => ({
      checkId: c.id,
      title: c.title,
      reason:
        NOT_COVERED[c.id] ??
        (c.id === 'SEC-CERT-ISSUER' && bundle.pieces.includes('certificate')
          ? 'the service has no public hosts, so no Certificate is generated'
          : 'not generated by this action'),
    }));
  return {
    passed:
      covered.length === coveredIds.size &&
      covered.every(c => c.status === 'pass'),
    covered,
    notCovered,
    assumptions: [
      `ClusterIssuer ${settings.productionIssuer} exists and is Ready (Let's Encrypt production ACME)`,
      'Vault is initialised and unsealed',
      `Vault KV ${settings.kvMount}/${spec.secretsPath} holds the key "${VAULT_SECRETS_FILE}" once the owners store their secrets`,
      "the service's Deployment is the template's skeleton (its ServiceAccount, labels and Vault annotations)",
    ],
  };
}
