import {
  CHECKS,
  CheckResult,
  CheckStatus,
} from '@254carbon/plugin-readiness-common';
import {
  DEFAULT_PLATFORM,
  DEFAULT_THRESHOLDS,
  KubeObject,
  PLATFORM_CHECKS,
  PlatformContext,
  Read,
  SweepIndex,
  VaultHealth,
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
  /**
   * Everything taken as given (the workload skeleton, Vault's health when no Vault is configured)
   * and what was read live instead.
   */
  assumptions: string[];
}

const title = (id: string) => CHECKS.find(c => c.id === id)?.title ?? id;

/**
 * Platform state read live for the closed loop, when the scaffolder has the sources configured
 * (`readiness.onboarding.cluster` / `.vault`); see `readLivePlatform`. Undefined parts were not
 * configured. A bundle is judged against what is really there, never against a healthy stand-in.
 */
export interface LivePlatform {
  /** The production ClusterIssuer as the cluster has it; `ok(null)` when it does not exist. */
  issuer?: Read<KubeObject | null>;
  /** Vault `sys/health`. */
  vaultHealth?: Read<VaultHealth>;
  /** The KV v2 metadata keys at the service's secrets path (an empty list when none yet). */
  kvKeys?: Read<string[]>;
}

const VAULT_CHECKS = [
  'SEC-VAULT-ROLE',
  'SEC-VAULT-POLICY',
  'SEC-SECRETS-IN-VAULT',
];

const reasonOf = (
  read:
    | { state: 'absent'; reason: string }
    | { state: 'error'; message: string },
) => (read.state === 'error' ? read.message : read.reason);

/**
 * The closed loop: runs the same engine the readiness backend runs over the generated objects,
 * plus the service's representative workload, the generated Vault role and the parsed policy, and
 * reports the Security checks the bundle decides. Platform state the bundle cannot contain (the
 * issuer's Ready status, Vault's health, the secrets in KV) is read live when the sources are
 * configured; a check whose input could not be read is "not covered" with the reason, never a
 * pass, and every assumption left is listed in `assumptions`.
 */
export async function evaluateBundle(
  bundle: Bundle,
  settings: OnboardingSettings,
  now: Date = new Date(),
  live: LivePlatform = {},
): Promise<BundleReadiness> {
  const { spec } = bundle;
  const { deployment, pod } = representativeWorkload(bundle);
  const assumptions: string[] = [
    "the service's Deployment is the template's skeleton (its ServiceAccount, labels and Vault annotations); the real one is measured once deployed",
    'the cluster runs a CNI that enforces NetworkPolicies',
    'no RoleBinding or ClusterRoleBinding outside the bundle grants the service account more',
  ];
  const unjudged = new Map<string, string>();

  // The issuer: the real object when the cluster could be read, else SEC-CERT-ISSUER is unjudged.
  const issuerObjects: KubeObject[] = [];
  const issuerName = settings.productionIssuer;
  if (!live.issuer) {
    unjudged.set(
      'SEC-CERT-ISSUER',
      `no cluster is configured for onboarding, so ClusterIssuer ${issuerName}'s Ready status cannot be read`,
    );
  } else if (live.issuer.state !== 'ok') {
    unjudged.set(
      'SEC-CERT-ISSUER',
      `ClusterIssuer ${issuerName} could not be read: ${reasonOf(live.issuer)}`,
    );
  } else if (live.issuer.value) {
    issuerObjects.push({ ...live.issuer.value, kind: 'ClusterIssuer' });
  }

  // Vault: its real health when configured; the KV contents only when they can be read.
  const v = bundle.vault;
  let health: Read<VaultHealth> = ok({
    code: 200,
    initialized: true,
    sealed: false,
    standby: false,
  });
  if (!live.vaultHealth) {
    assumptions.push(
      'Vault is initialised and unsealed (no Vault is configured for onboarding, so its health was not read)',
    );
  } else if (live.vaultHealth.state !== 'ok') {
    for (const id of VAULT_CHECKS)
      unjudged.set(
        id,
        `Vault could not be read: ${reasonOf(live.vaultHealth)}`,
      );
  } else health = live.vaultHealth;
  let kv: Record<string, string[]> = {};
  if (!live.kvKeys) {
    unjudged.set(
      'SEC-SECRETS-IN-VAULT',
      unjudged.get('SEC-SECRETS-IN-VAULT') ??
        `needs the secrets at ${settings.kvMount}/${spec.secretsPath}, which cannot be listed without a Vault configured for onboarding`,
    );
  } else if (live.kvKeys.state !== 'ok') {
    unjudged.set(
      'SEC-SECRETS-IN-VAULT',
      `the secrets at ${settings.kvMount}/${
        spec.secretsPath
      } could not be listed: ${reasonOf(live.kvKeys)}`,
    );
  } else if (live.kvKeys.value.length === 0) {
    unjudged.set(
      'SEC-SECRETS-IN-VAULT',
      `no secret is stored at ${settings.kvMount}/${spec.secretsPath} yet: its owners write them after onboarding (expected key "${VAULT_SECRETS_FILE}")`,
    );
  } else kv = { [spec.secretsPath]: live.kvKeys.value };

  const snapshot = snapshotFromObjects(
    'onboarding',
    [...bundle.manifests, deployment, pod, ...issuerObjects],
    { fetchedAt: now.toISOString(), installedCrds: ['cert-manager.io'] },
  );
  const vault: VaultSnapshot = {
    address: settings.vault?.baseUrl ?? 'generated-bundle',
    fetchedAt: now.toISOString(),
    authMount: settings.authMount,
    kvMount: settings.kvMount,
    health,
    roles: ok(v ? { [v.roleName]: v.role } : {}),
    policies: ok(
      v
        ? { [v.policyName]: await parseVaultPolicy(v.policyName, v.policyHcl) }
        : {},
    ),
    kv: ok(kv),
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
  // PLAT-VAULT as the engine judges it (its real health, or the assumed one above), so a
  // sealed Vault blocks the Vault checks exactly as it does in the readiness backend.
  const vaultResult: CheckResult = {
    checkId: 'PLAT-VAULT',
    ...PLATFORM_CHECKS['PLAT-VAULT']({
      facts: { clusters: [], vault },
      thresholds,
      platform,
      now,
      memo: <T>(_key: string, build: () => T) => build(),
      all: () => ok([]),
    } as unknown as PlatformContext),
  };
  if (live.vaultHealth?.state === 'ok' && vaultResult.status === 'fail') {
    for (const id of VAULT_CHECKS)
      unjudged.set(
        id,
        `Vault is not usable (PLAT-VAULT fail: ${vaultResult.evidence.join(
          '; ',
        )})`,
      );
  }
  const platformResults = new Map([['PLAT-VAULT', vaultResult]]);
  const results = evaluateService(index, target, platformResults, {
    platform,
    thresholds,
    now,
  }).checks;

  const generated = new Set(bundle.pieces.flatMap(p => COVERED_BY_PIECE[p]));
  if (!bundle.ingressTls) generated.delete('SEC-CERT-ISSUER');
  const coveredIds = new Set([...generated].filter(id => !unjudged.has(id)));
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
        (generated.has(c.id) ? unjudged.get(c.id) : undefined) ??
        NOT_COVERED[c.id] ??
        (c.id === 'SEC-CERT-ISSUER' && bundle.pieces.includes('certificate')
          ? 'the service has no public hosts, so no Certificate is generated'
          : 'not generated by this action'),
    }));
  if (live.issuer?.state === 'ok') {
    assumptions.push(
      live.issuer.value
        ? `ClusterIssuer ${issuerName} read live from the cluster`
        : `ClusterIssuer ${issuerName} does not exist in the cluster`,
    );
  }
  if (live.vaultHealth?.state === 'ok') {
    assumptions.push(
      `Vault health read live: ${
        vaultResult.status
      } (${vaultResult.evidence.join('; ')})`,
    );
  }
  return {
    passed:
      covered.length === coveredIds.size &&
      covered.every(c => c.status === 'pass'),
    covered,
    notCovered,
    assumptions,
  };
}
