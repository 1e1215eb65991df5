import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { getCheck } from '@254carbon/plugin-readiness-common';
import {
  DEFAULT_PLATFORM,
  DEFAULT_ANNOTATION_MAY_LOOSEN,
  DEFAULT_MAX_EXEMPTION_DAYS,
  DEFAULT_THRESHOLDS,
  PlatformSettings,
  Thresholds,
  thresholdOrderErrors,
  thresholdOverridesSchema,
} from '@254carbon/plugin-readiness-node';
import { ConfigReader } from '@backstage/config';
import { z } from 'zod';

/** An exemption from app-config, for one entity and one check. */
export interface ConfigExemption {
  /** Normalised entity ref, e.g. `component:default/doris`. */
  entity: string;
  check: string;
  reason: string;
  expires: string;
}

export interface PrometheusQueries {
  /** `up` series of the service's scrape targets. */
  up: string;
  /** Success ratio 0..1 over the SLO window. */
  availability: string;
  /** p95 latency in milliseconds. */
  latencyP95: string;
}

export interface KubernetesSourceConfig {
  enabled: boolean;
  timeoutMs: number;
  pageSize: number;
  concurrency: number;
  inCluster: boolean;
  kubeconfig?: string;
  /** Tokens the backend presents for clusters with authProvider oidc, by oidcTokenProvider. */
  oidcTokens: Record<string, string>;
  /**
   * Collect each live cluster in a scheduled task of its own (replicas share them) and evaluate
   * the stored collections together in the sweep, instead of collecting inside the sweep.
   */
  perClusterTasks: boolean;
  /**
   * Keep each kind current with a watch between sweeps (an informer's list-then-watch), so a
   * sweep lists only what is not watched. `false` lists every kind at every sweep.
   */
  watch: boolean;
}

export interface VaultSourceConfig {
  baseUrl?: string;
  token?: string;
  kubernetesAuth?: { role: string; mount: string; jwtPath: string };
  authMount: string;
  kvMount: string;
  timeoutMs: number;
  caFile?: string;
  snapshotFile?: string;
  concurrency: number;
}

export interface TlsSourceConfig {
  enabled: boolean;
  timeoutMs: number;
  port: number;
  caFile?: string;
  /** host → `ip:port` to connect to instead of resolving the host. */
  resolve: Record<string, string>;
  concurrency: number;
  /** Annotation hosts allowed besides the service's own Ingress/Certificate hosts. */
  allowedHosts: string[];
  /** Ports besides 443 an annotation host may name. */
  allowedPorts: number[];
}

export interface PrometheusSourceConfig {
  baseUrl: string;
  timeoutMs: number;
  queries: PrometheusQueries;
  concurrency: number;
}

/** The validated `readiness` section of app-config, with defaults applied. */
export interface ReadinessConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  retentionDays: number;
  sources: {
    manifests?: { directory: string };
    kubernetes: KubernetesSourceConfig;
    vault?: VaultSourceConfig;
    tls: TlsSourceConfig;
    prometheus?: PrometheusSourceConfig;
  };
  thresholds: Thresholds;
  platform: PlatformSettings;
  exemptions: ConfigExemption[];
  /** On-demand refresh: at most one per entity per this many seconds. */
  refresh: { minIntervalSeconds: number };
  /** Thresholds the entity thresholds annotation may loosen (tightening is always allowed). */
  annotationMayLoosen: string[];
  /** Longest exemption, in days from now (annotation or config). */
  exemptionMaxDays: number;
  /** Regression notifications (through the notifications backend). */
  notifications: { enabled: boolean; platformTeam: string[] };
}

// ingress-nginx metrics as scraped by the Prometheus operator: the target's own namespace and
// service labels win, so the controller's labels arrive as exported_namespace/exported_service.
export const DEFAULT_PROMETHEUS_QUERIES: PrometheusQueries = {
  up: 'up{namespace="{{namespace}}",job=~".*{{name}}.*"}',
  availability:
    'sum(rate(nginx_ingress_controller_requests{exported_namespace="{{namespace}}",exported_service="{{name}}",status!~"5.."}[30d]))' +
    ' / sum(rate(nginx_ingress_controller_requests{exported_namespace="{{namespace}}",exported_service="{{name}}"}[30d]))',
  latencyP95:
    '1000 * histogram_quantile(0.95, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket{exported_namespace="{{namespace}}",exported_service="{{name}}"}[7d])))',
};

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 5 },
  timeout: { minutes: 4 },
  initialDelay: { seconds: 3 },
};

const url = z
  .string()
  .refine(v => /^https?:\/\/[^/\s]+/.test(v) && URL.canParse(v), {
    message: 'must be a URL (http:// or https://)',
  });
const positiveInt = z
  .number({ invalid_type_error: 'must be a number' })
  .int({ message: 'must be a whole number' })
  .positive({ message: 'must be greater than 0' });
const nonEmpty = z.string().min(1, { message: 'must not be empty' });

const date = z
  .union([z.string(), z.date()])
  .transform(v => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .refine(v => !Number.isNaN(new Date(v).getTime()), {
    message: 'must be a date (YYYY-MM-DD) or an ISO timestamp',
  });

const locator = z
  .object({
    namespace: nonEmpty,
    labelSelector: z.string().optional(),
    names: z.array(z.string()).optional(),
  })
  .strict();

const platformSchema = z
  .object({
    platformNamespaces: z.array(z.string()),
    ingress: locator,
    registry: locator,
    monitoring: z
      .object({
        prometheus: locator,
        alertmanager: locator,
        grafana: locator,
        loki: locator,
      })
      .partial()
      .strict(),
    velero: locator,
    ingressNamespaces: z.array(z.string()),
    monitoringNamespaces: z.array(z.string()),
  })
  .partial()
  .strict();

const vaultSchema = z
  .object({
    baseUrl: url.optional(),
    token: z.string().optional(),
    kubernetesAuth: z
      .object({
        role: nonEmpty,
        mount: nonEmpty.default('kubernetes'),
        jwtPath: nonEmpty.default(
          '/var/run/secrets/kubernetes.io/serviceaccount/token',
        ),
      })
      .strict()
      .optional(),
    authMount: nonEmpty.default('kubernetes'),
    kvMount: nonEmpty.default('secret'),
    timeoutMs: positiveInt.default(5000),
    caFile: z.string().optional(),
    snapshotFile: z.string().optional(),
    concurrency: positiveInt.default(8),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.baseUrl && !v.snapshotFile) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['baseUrl'],
        message: 'is required (or set snapshotFile for an offline Vault snapshot)',
      });
    }
    if (v.baseUrl && !v.snapshotFile && !v.token && !v.kubernetesAuth) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['token'],
        message:
          'is required with baseUrl: set a read-only token, or kubernetesAuth { role } to log in with the pod service account',
      });
    }
  });

const readinessSchema = z
  .object({
    schedule: z.unknown().optional(),
    retention: z.object({ days: positiveInt.default(90) }).strict().default({}),
    refresh: z
      .object({ minIntervalSeconds: positiveInt.default(15) })
      .strict()
      .default({}),
    sources: z
      .object({
        manifests: z.object({ directory: nonEmpty }).strict().optional(),
        kubernetes: z
          .object({
            enabled: z.boolean().default(true),
            timeoutMs: positiveInt.default(10000),
            pageSize: positiveInt.max(5000, { message: 'must be at most 5000' }).default(500),
            concurrency: positiveInt.default(6),
            inCluster: z.boolean().default(false),
            kubeconfig: z.string().optional(),
            oidcTokens: z.record(nonEmpty).default({}),
            perClusterTasks: z.boolean().default(false),
            watch: z.boolean().default(true),
          })
          .strict()
          .default({}),
        vault: vaultSchema.optional(),
        tls: z
          .object({
            enabled: z.boolean().default(false),
            timeoutMs: positiveInt.default(5000),
            port: positiveInt.max(65535, { message: 'must be a TCP port' }).default(443),
            caFile: z.string().optional(),
            resolve: z
              .record(
                z.string().regex(/^[^\s:]+:\d+$/, {
                  message: 'must be "<address>:<port>", e.g. "127.0.0.1:8443"',
                }),
              )
              .default({}),
            concurrency: positiveInt.default(10),
            allowedHosts: z
              .array(
                z.string().regex(/^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i, {
                  message: 'must be a host name, or *.domain for any name under it',
                }),
              )
              .default([]),
            allowedPorts: z
              .array(positiveInt.max(65535, { message: 'must be a TCP port' }))
              .default([]),
          })
          .strict()
          .default({}),
        prometheus: z
          .object({
            baseUrl: url,
            timeoutMs: positiveInt.default(10000),
            queries: z
              .object({ up: nonEmpty, availability: nonEmpty, latencyP95: nonEmpty })
              .partial()
              .strict()
              .default({}),
            concurrency: positiveInt.default(8),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({}),
    thresholds: z.record(z.unknown()).default({}),
    annotationMayLoosen: z
      .array(
        z.enum(Object.keys(DEFAULT_THRESHOLDS) as [string, ...string[]], {
          errorMap: () => ({
            message: `must name thresholds (${Object.keys(DEFAULT_THRESHOLDS).join(', ')})`,
          }),
        }),
      )
      .default([...DEFAULT_ANNOTATION_MAY_LOOSEN]),
    exemptionMaxDays: z.number().int().positive().default(DEFAULT_MAX_EXEMPTION_DAYS),
    notifications: z
      .object({
        enabled: z.boolean().default(true),
        platformTeam: z
          .union([nonEmpty, z.array(nonEmpty)])
          .transform(v => (Array.isArray(v) ? v : [v]))
          .default([]),
      })
      .strict()
      .default({}),
    platform: platformSchema.default({}),
    exemptions: z
      .array(
        z
          .object({
            entity: nonEmpty,
            check: nonEmpty,
            reason: nonEmpty,
            expires: date,
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** Formats a zod issue path the way it appears in app-config: `readiness.sources.vault.baseUrl`. */
function keyOf(prefix: string, path: (string | number)[]): string {
  return path.reduce<string>(
    (key, part) => (typeof part === 'number' ? `${key}[${part}]` : `${key}.${part}`),
    prefix,
  );
}

function describe(prefix: string, issues: z.ZodIssue[]): string {
  return issues
    .map(issue => {
      if (issue.code === 'unrecognized_keys') {
        return `${keyOf(prefix, issue.path)} has unknown key(s) ${issue.keys.join(', ')}`;
      }
      if (issue.code === 'invalid_type' && issue.received === 'undefined') {
        return `${keyOf(prefix, issue.path)} is required`;
      }
      return `${keyOf(prefix, issue.path)} ${issue.message.replace(/^Invalid input: ?/, '')}`;
    })
    .join('; ');
}

function mergePlatform(partial: z.infer<typeof platformSchema>): PlatformSettings {
  return {
    ...DEFAULT_PLATFORM,
    ...partial,
    monitoring: { ...DEFAULT_PLATFORM.monitoring, ...partial.monitoring },
  };
}

/**
 * Reads and validates `readiness` from app-config. Throws an Error naming the offending key and
 * what it must be, so a misconfigured backend fails at startup rather than on its first sweep.
 */
export function readReadinessConfig(config: RootConfigService): ReadinessConfig {
  const raw = config.getOptional('readiness') ?? {};
  const parsed = readinessSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid readiness config: ${describe('readiness', parsed.error.issues)}`);
  }
  const value = parsed.data;

  let schedule: SchedulerServiceTaskScheduleDefinition;
  try {
    schedule = config.has('readiness.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('readiness.schedule'),
        )
      : readSchedulerServiceTaskScheduleDefinitionFromConfig(
          new ConfigReader(DEFAULT_SCHEDULE),
        );
  } catch (e) {
    throw new Error(
      `Invalid readiness config: readiness.schedule ${(e as Error).message} (expected e.g. { frequency: { minutes: 5 }, timeout: { minutes: 4 } })`,
    );
  }

  const thresholds = thresholdOverridesSchema.safeParse(value.thresholds);
  if (!thresholds.success) {
    throw new Error(
      `Invalid readiness config: ${describe('readiness.thresholds', thresholds.error.issues)}`,
    );
  }
  const mergedThresholds = { ...DEFAULT_THRESHOLDS, ...thresholds.data } as Thresholds;
  const orderErrors = thresholdOrderErrors(mergedThresholds);
  if (orderErrors.length) {
    throw new Error(`Invalid readiness config: readiness.thresholds: ${orderErrors.join('; ')}`);
  }

  const exemptions = value.exemptions.map((e, i) => {
    let entity: string;
    try {
      entity = normaliseRef(e.entity);
    } catch (error) {
      throw new Error(
        `Invalid readiness config: readiness.exemptions[${i}].entity ${(error as Error).message} (expected e.g. component:default/doris)`,
      );
    }
    if (!getCheck(e.check)) {
      throw new Error(
        `Invalid readiness config: readiness.exemptions[${i}].check "${e.check}" is not a check id (see GET /api/readiness/checks)`,
      );
    }
    return { entity, check: e.check, reason: e.reason, expires: e.expires };
  });

  const platformTeam = value.notifications.platformTeam.map((ref, i) => {
    try {
      // Notification recipients are full refs: `platform-team` means group:default/platform-team.
      return stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group', defaultNamespace: 'default' }));
    } catch (error) {
      throw new Error(
        `Invalid readiness config: readiness.notifications.platformTeam[${i}] ${(error as Error).message} (expected e.g. group:default/platform-team)`,
      );
    }
  });

  const sources = value.sources;
  return {
    schedule,
    retentionDays: value.retention.days,
    sources: {
      manifests: sources.manifests,
      kubernetes: sources.kubernetes,
      vault: sources.vault,
      tls: sources.tls,
      prometheus: sources.prometheus && {
        ...sources.prometheus,
        queries: { ...DEFAULT_PROMETHEUS_QUERIES, ...sources.prometheus.queries },
      },
    },
    thresholds: mergedThresholds,
    platform: mergePlatform(value.platform),
    exemptions,
    refresh: value.refresh,
    annotationMayLoosen: value.annotationMayLoosen,
    exemptionMaxDays: value.exemptionMaxDays,
    notifications: { enabled: value.notifications.enabled, platformTeam },
  };
}

const FULL_REF = /^[^:/\s]+:[^:/\s]+\/[^:/\s]+$/;

/** Entity refs are compared in their lower-case form, as the catalog does. */
export function normaliseRef(ref: string): string {
  // Refs the sweep builds are already full (`kind:namespace/name`): only the case changes. This
  // runs several times per service per sweep, so the parse is kept for the other forms.
  if (FULL_REF.test(ref)) return ref.toLocaleLowerCase('en-US');
  return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
}

