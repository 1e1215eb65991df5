import {
  ANNOTATION_CLUSTER,
  ANNOTATION_EXEMPTIONS,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_PUBLIC_HOSTS,
  ANNOTATION_THRESHOLDS,
  ANNOTATION_VAULT_ROLE,
  ANNOTATION_VAULT_SECRETS_PATH,
  Exemption,
} from '@254carbon/plugin-readiness-common';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { parse } from 'yaml';
import { parseSelector } from '../engine/selectors';
import type {
  ServiceTarget,
  ThresholdOverride,
  Thresholds,
} from '../engine/settings';
import {
  DEFAULT_MAX_EXEMPTION_DAYS,
  ExemptionConfig,
  exemptionTooLong,
  parseExemptions,
} from './exemptions';
import { DEFAULT_ANNOTATION_MAY_LOOSEN, isLooser } from './loosening';
import {
  mergeThresholds,
  parseThresholdOverrides,
  ThresholdOverrides,
  thresholdOrderErrors,
} from './thresholds';

function parseYaml(
  text: string,
  annotation: string,
  errors: string[],
): unknown {
  try {
    return parse(text);
  } catch (e) {
    errors.push(
      `annotation ${annotation}: not valid YAML or JSON (${
        (e as Error).message.split('\n')[0]
      })`,
    );
    return undefined;
  }
}

const nonEmpty = (v: string | undefined) =>
  v && v.trim() ? v.trim() : undefined;

/**
 * Resolves a catalog entity to what the engine measures. Never throws: each bad annotation adds
 * a message to `errors` naming the annotation and what to fix, and only that part is ignored.
 */
export function targetFromEntity(
  entity: Entity,
  options: {
    thresholds: Thresholds;
    /**
     * Exemptions from app-config: `ExemptionConfig` entries (kept when their entityRef is this
     * entity's) or `Exemption`s already resolved for this entity.
     */
    configExemptions?: (ExemptionConfig | Exemption)[];
    /**
     * Thresholds the thresholds annotation may loosen (`readiness.annotationMayLoosen`); by
     * default every number but not allowedRegistries, productionIssuers or vaultAllowedPaths.
     * Tightening is always allowed.
     */
    annotationMayLoosen?: readonly string[];
    /** Longest exemption, in days from now (`readiness.exemptionMaxDays`, default 90). */
    maxExemptionDays?: number;
    now?: Date;
  },
): ServiceTarget {
  const annotations = entity.metadata.annotations ?? {};
  const entityRef = stringifyEntityRef(entity);
  const errors: string[] = [];

  const kubernetesId = nonEmpty(annotations[ANNOTATION_KUBERNETES_ID]);
  let labelSelector = nonEmpty(
    annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR],
  );
  // An invalid selector selects nothing: falling back to the kubernetes id, or dropping the
  // requirement that did not parse, would measure a wider set of objects than the owner meant.
  let selectsNothing = false;
  if (labelSelector) {
    try {
      parseSelector(labelSelector);
    } catch (e) {
      errors.push(
        `annotation ${ANNOTATION_KUBERNETES_LABEL_SELECTOR}: ${
          (e as Error).message
        }; no Kubernetes object is measured until it is fixed${
          kubernetesId
            ? ` (${ANNOTATION_KUBERNETES_ID}=${kubernetesId} is not used instead: it may select more)`
            : ''
        }`,
      );
      labelSelector = undefined;
      selectsNothing = true;
    }
  }

  let overrides: ThresholdOverrides = {};
  const mayLoosen = new Set<string>(
    options.annotationMayLoosen ?? DEFAULT_ANNOTATION_MAY_LOOSEN,
  );
  const thresholdsText = nonEmpty(annotations[ANNOTATION_THRESHOLDS]);
  if (thresholdsText) {
    const raw = parseYaml(thresholdsText, ANNOTATION_THRESHOLDS, errors);
    if (raw !== undefined) {
      const parsed = parseThresholdOverrides(
        raw,
        `annotation ${ANNOTATION_THRESHOLDS}`,
      );
      errors.push(...parsed.errors);
      for (const [key, value] of Object.entries(parsed.overrides) as [
        keyof Thresholds,
        unknown,
      ][]) {
        if (
          isLooser(key, value, options.thresholds[key]) &&
          !mayLoosen.has(key)
        ) {
          errors.push(
            `annotation ${ANNOTATION_THRESHOLDS}: "${key}" may not be loosened by an annotation (readiness.annotationMayLoosen does not list it); the config value is kept`,
          );
          continue;
        }
        (overrides as Record<string, unknown>)[key] = value;
      }
    }
  }
  let thresholds = mergeThresholds(options.thresholds, overrides);
  const orderErrors = thresholdOrderErrors(thresholds);
  if (orderErrors.length) {
    errors.push(
      ...orderErrors.map(
        m =>
          `annotation ${ANNOTATION_THRESHOLDS}: ${m}; the overrides are ignored`,
      ),
    );
    thresholds = options.thresholds;
    overrides = {};
  }
  const thresholdOverrides: ThresholdOverride[] = (
    Object.entries(overrides) as [keyof Thresholds, unknown][]
  )
    .filter(
      ([key, value]) =>
        JSON.stringify(value) !== JSON.stringify(options.thresholds[key]),
    )
    .map(([key, value]) => ({
      key,
      value,
      base: options.thresholds[key],
      loosened: isLooser(key, value, options.thresholds[key]),
      origin: 'annotation' as const,
    }));

  const maxDays = options.maxExemptionDays ?? DEFAULT_MAX_EXEMPTION_DAYS;
  const now = options.now ?? new Date();
  const exemptions: Exemption[] = [];
  const exemptionsText = nonEmpty(annotations[ANNOTATION_EXEMPTIONS]);
  if (exemptionsText) {
    const raw = parseYaml(exemptionsText, ANNOTATION_EXEMPTIONS, errors);
    if (raw !== undefined) {
      const parsed = parseExemptions(
        raw,
        `annotation ${ANNOTATION_EXEMPTIONS}`,
      );
      errors.push(...parsed.errors);
      exemptions.push(
        ...parsed.exemptions.filter(e => {
          const tooLong = exemptionTooLong(e, maxDays, now);
          if (tooLong) {
            errors.push(
              `annotation ${ANNOTATION_EXEMPTIONS}: the exemption of ${e.checkId} ${tooLong}; it is ignored`,
            );
          }
          return !tooLong;
        }),
      );
    }
  }
  for (const c of options.configExemptions ?? []) {
    if ('checkId' in c) {
      const tooLong = exemptionTooLong(c, maxDays, now);
      if (tooLong) {
        errors.push(
          `readiness.exemptions: the exemption of ${c.checkId} ${tooLong}; it is ignored`,
        );
      } else exemptions.push(c);
    } else if (
      c.entityRef.toLocaleLowerCase('en-US') ===
      entityRef.toLocaleLowerCase('en-US')
    ) {
      exemptions.push({
        checkId: c.check,
        reason: c.reason,
        expires: c.expires,
        origin: 'config',
      });
    }
  }

  const publicHosts = nonEmpty(annotations[ANNOTATION_PUBLIC_HOSTS])
    ?.split(',')
    .map(h => h.trim())
    .filter(Boolean);
  const spec = (entity.spec ?? {}) as { lifecycle?: unknown };

  return {
    entityRef,
    kubernetesId: selectsNothing ? undefined : kubernetesId,
    labelSelector,
    namespace: nonEmpty(annotations[ANNOTATION_KUBERNETES_NAMESPACE]),
    cluster: nonEmpty(annotations[ANNOTATION_CLUSTER]),
    vaultSecretsPath: nonEmpty(
      annotations[ANNOTATION_VAULT_SECRETS_PATH],
    )?.replace(/^\/+|\/+$/g, ''),
    vaultRole: nonEmpty(annotations[ANNOTATION_VAULT_ROLE]) ?? kubernetesId,
    publicHosts: publicHosts?.length ? publicHosts : undefined,
    lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined,
    thresholds,
    ...(thresholdOverrides.length ? { thresholdOverrides } : {}),
    exemptions,
    errors,
  };
}
