import {
  CheckRegistry,
  ManifestLocation,
  evaluateSweep,
  loadManifestsDirectory,
  locateManifestObjects,
  targetFromEntity,
} from '@254carbon/plugin-readiness-node';
import type { PlatformReadiness, ServiceReadiness } from '@254carbon/plugin-readiness-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogComponent, exemptionsOf, readCatalogFiles, readSettings, readVaultSnapshot } from './inputs';
import { UsageError } from './UsageError';

/** What one audit reads. */
export interface AuditInput {
  manifests: string;
  catalog: string[];
  config?: string;
  vault?: string;
  exemptions?: string;
  /** The measurement instant (certificate days-left depend on it). */
  now: Date;
}

/** The engine's results with what a report needs to point at the source files. */
export interface AuditReport {
  now: Date;
  platform: PlatformReadiness;
  services: ServiceReadiness[];
  /** The catalog entity of each service, by entity ref. */
  components: Map<string, CatalogComponent>;
  /** The namespace each service was looked up in, by entity ref (from its annotations). */
  namespaces: Map<string, string | undefined>;
  objects: ManifestLocation[];
}

/**
 * Runs the readiness engine offline, exactly as a backend sweep does: the same loader, the same
 * targetFromEntity and evaluateSweep with the built-in checks.
 */
export async function runAudit(input: AuditInput): Promise<AuditReport> {
  const settings = await readSettings(input.config, input.exemptions);
  const components = await readCatalogFiles(input.catalog);
  const vault = input.vault ? await readVaultSnapshot(input.vault) : undefined;
  let clusters;
  try {
    clusters = await loadManifestsDirectory(input.manifests);
  } catch (e) {
    throw new UsageError(`--manifests: ${(e as Error).message}`);
  }
  // A cluster folder that cannot be parsed would only turn its checks `unknown`; in CI it is a
  // broken input to fix, and its message names the file and line.
  const broken = clusters.filter(c => c.error);
  if (broken.length) {
    throw new UsageError(
      `--manifests ${input.manifests}: ${broken.map(c => `cluster ${c.cluster}: ${c.error}`).join('; ')}`,
    );
  }
  const targets = components.map(c =>
    targetFromEntity(c.entity, {
      thresholds: settings.thresholds,
      configExemptions: exemptionsOf(settings, c.entity),
      annotationMayLoosen: settings.annotationMayLoosen,
      maxExemptionDays: settings.exemptionMaxDays,
      now: input.now,
    }),
  );
  const result = evaluateSweep({ clusters, vault }, targets, {
    platform: settings.platform,
    thresholds: settings.thresholds,
    now: input.now,
    registry: CheckRegistry.builtIn(),
  });
  return {
    now: input.now,
    platform: result.platform,
    services: result.services,
    components: new Map(components.map(c => [stringifyEntityRef(c.entity), c])),
    namespaces: new Map(targets.map(t => [t.entityRef, t.namespace])),
    objects: await locateManifestObjects(input.manifests),
  };
}
