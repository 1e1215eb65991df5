import type {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { applyBundle } from '../apply/applyBundle';
import { ObjectApplier, ServerSideApplier } from '../apply/kubernetes';
import { preflight } from '../apply/preflight';
import { PartialApplyError } from '../apply/types';
import { VaultHttpWriter, VaultWriter } from '../apply/vault';
import { Bundle, buildBundle, DEFAULT_DENY_NAME, Piece } from '../bundle';
import { OnboardingSpec, parseDelivery, parseOnboardingInput } from '../input';
import {
  BundleReadiness,
  evaluateBundle,
  LivePlatform,
} from '../loop/evaluate';
import { readLivePlatform } from '../loop/live';
import type { OnboardingSettings } from '../settings';
import { renderFiles } from '../write/render';
import { writeFiles } from '../write/writeFiles';

/** What the actions need from the backend; tests pass stand-ins for the cluster and Vault. */
export interface ActionOptions {
  settings: OnboardingSettings;
  /** Default: server-side apply to `readiness.onboarding.cluster`. */
  kubeApplier?: (settings: OnboardingSettings) => ObjectApplier;
  /** Default: Vault's HTTP API at `readiness.onboarding.vault`. */
  vaultWriter?: (settings: OnboardingSettings) => VaultWriter;
  /** Clock of the closed loop. */
  now?: () => Date;
  /**
   * Reads the platform state the closed loop judges against (issuer, Vault health, KV keys).
   * Default: `readLivePlatform` from the configured `readiness.onboarding.cluster` / `.vault`.
   */
  livePlatform?: (
    settings: OnboardingSettings,
    secretsPath: string,
  ) => Promise<LivePlatform>;
  /** Decides `readiness.onboarding.adopt` for `adopt: true`; without it adopting is refused. */
  permissions?: PermissionsService;
}

/** The slice of the scaffolder's ActionContext the runner uses. */
export interface RunContext {
  input: Record<string, unknown>;
  workspacePath: string;
  logger: LoggerService;
  isDryRun?: boolean;
  checkpoint(opts: { key: string; fn: () => Promise<any> }): Promise<any>;
  output(name: string, value: any): void;
  /** The credentials of the user who started the task. */
  getInitiatorCredentials?(): Promise<BackstageCredentials>;
}

/** Narrows an action's context to what the runner uses, with the handler's input defaults. */
export function runContext(
  ctx: {
    workspacePath: string;
    logger: LoggerService;
    isDryRun?: boolean;
    checkpoint(opts: { key: string; fn: () => Promise<any> }): Promise<any>;
    output(name: any, value: any): void;
    getInitiatorCredentials?(): Promise<BackstageCredentials>;
  },
  input: Record<string, unknown>,
): RunContext {
  return {
    input,
    workspacePath: ctx.workspacePath,
    logger: ctx.logger,
    isDryRun: ctx.isDryRun,
    checkpoint: opts => ctx.checkpoint(opts),
    output: (name, value) => ctx.output(name, value),
    getInitiatorCredentials: ctx.getInitiatorCredentials
      ? () => ctx.getInitiatorCredentials!()
      : undefined,
  };
}

export interface RunResult {
  spec: OnboardingSpec;
  bundle: Bundle;
  readiness: BundleReadiness;
}

function connectors(bundle: Bundle, options: ActionOptions, actionId: string) {
  const { settings } = options;
  const missing: string[] = [];
  // Without an allow-list every namespace but the system ones could be written to by anyone who
  // can run a template; apply mode only works inside namespaces the platform team listed.
  if (!settings.allowedNamespaces)
    missing.push('readiness.onboarding.allowedNamespaces');
  if (bundle.manifests.length && !settings.cluster && !options.kubeApplier) {
    missing.push('readiness.onboarding.cluster');
  }
  if (bundle.vault && !settings.vault && !options.vaultWriter) {
    missing.push('readiness.onboarding.vault');
  }
  if (missing.length) {
    throw new InputError(
      `mode: 'apply' needs ${missing.join(
        ' and ',
      )} in app-config; ${actionId} cannot apply without them (use mode 'write' to produce files for a pull request instead)`,
    );
  }
  return {
    kube: bundle.manifests.length
      ? (
          options.kubeApplier ??
          (s => ServerSideApplier.fromSettings(s.cluster!))
        )(settings)
      : undefined,
    vault: bundle.vault
      ? (options.vaultWriter ?? (s => new VaultHttpWriter(s.vault!)))(settings)
      : undefined,
  };
}

/**
 * Everything an action does: validate, generate, write or apply (or, on a dry run, only say what
 * would change), report, then check the generated bundle with the readiness engine.
 */
export async function runOnboarding(
  ctx: RunContext,
  actionId: string,
  pieces: readonly Piece[],
  options: ActionOptions,
): Promise<RunResult> {
  const {
    mode = 'write',
    targetPath = '.',
    adopt = false,
    confirmDefaultDeny = false,
    ...rest
  } = ctx.input;
  const delivery = parseDelivery(
    { mode, targetPath, adopt, confirmDefaultDeny },
    actionId,
  );
  const spec = parseOnboardingInput(rest, options.settings, actionId);
  if (
    pieces.length === 1 &&
    pieces[0] === 'certificate' &&
    spec.hosts.length === 0
  ) {
    throw new InputError(
      `Invalid input to ${actionId}: hosts: at least one host is needed to issue a Certificate`,
    );
  }
  const bundle = buildBundle(spec, options.settings, pieces);
  const dryRun = ctx.isDryRun === true;
  ctx.output('dryRun', dryRun);
  ctx.output('catalogAnnotations', bundle.catalogAnnotations);
  if (bundle.vault) {
    ctx.output('podAnnotations', bundle.podAnnotations);
    ctx.output(
      'vaultRole',
      `auth/${bundle.vault.authMount}/role/${bundle.vault.roleName}`,
    );
    ctx.output('vaultPolicy', bundle.vault.policyName);
  }
  if (bundle.ingressTls) {
    ctx.output('ingressTls', bundle.ingressTls);
    ctx.output('secretName', bundle.ingressTls.secretName);
  }
  if (pieces.includes('service-account'))
    ctx.output('serviceAccountName', spec.name);
  if (bundle.manifests.some(m => m.metadata.name === DEFAULT_DENY_NAME)) {
    ctx.logger.warn(
      `NetworkPolicy ${spec.namespace}/${DEFAULT_DENY_NAME} denies all traffic to every pod in ${spec.namespace} that no other policy allows; services there without their own NetworkPolicy lose traffic`,
    );
  }

  if (delivery.mode === 'write') {
    const files = renderFiles(bundle, delivery.targetPath);
    // Files in the workspace are not a side effect: on a dry run the workspace IS the preview the
    // scaffolder returns (fetch:template writes there too). Only apply mode holds back on a dry run.
    const written = dryRun
      ? await writeFiles(ctx.workspacePath, files)
      : await ctx.checkpoint({
          key: `readiness.write.${actionId}.${spec.namespace}.${spec.name}`,
          fn: () => writeFiles(ctx.workspacePath, files) as Promise<any>,
        });
    for (const f of written) {
      ctx.logger.info(`${f.result}: ${f.path}`);
    }
    ctx.output('files', written);
  } else {
    const targets = connectors(bundle, options, actionId);
    const checked = await preflight({
      bundle,
      spec,
      delivery,
      ...targets,
      permissions: options.permissions,
      credentials: ctx.getInitiatorCredentials,
    });
    if (checked.adopted.length) {
      ctx.logger.warn(`adopting (adopt: true): ${checked.adopted.join('; ')}`);
      ctx.output('adopted', checked.adopted);
    }
    if (checked.isolatedPods.length) {
      ctx.logger.warn(
        `confirmDefaultDeny: true: the default-deny isolates ${checked.isolatedPods
          .map(p => p.name)
          .join(', ')}`,
      );
      ctx.output('isolatedPods', checked.isolatedPods);
    }
    try {
      const applied = await applyBundle({
        bundle,
        ...targets,
        dryRun,
        checkpoint: ctx.checkpoint,
        logger: ctx.logger,
      });
      ctx.output('applied', applied);
    } catch (e) {
      if (e instanceof PartialApplyError) ctx.output('applied', e.applied);
      throw e;
    }
  }

  // The closed loop judges the bundle against the live platform where it can be read; what it
  // cannot read is reported as not covered, never assumed.
  const live = await (options.livePlatform ?? readLivePlatform)(
    options.settings,
    spec.secretsPath,
  );
  const readiness = await evaluateBundle(
    bundle,
    options.settings,
    options.now?.() ?? new Date(),
    live,
  );
  ctx.output('readiness', readiness);
  const summary = readiness.covered
    .map(c => `${c.checkId} ${c.status}`)
    .join(', ');
  if (readiness.passed)
    ctx.logger.info(`Readiness of the generated objects: ${summary}`);
  else
    ctx.logger.warn(
      `Readiness of the generated objects is not all passing: ${summary}`,
    );
  return { spec, bundle, readiness };
}
