import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_KUBERNETES_ID,
  CheckResult,
  Exemption,
  PlatformReadiness,
  REQUIRED_ANNOTATIONS,
  ServiceReadiness,
  SweepInfo,
} from '@254carbon/plugin-readiness-common';
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CheckRegistry,
  EvaluateOptions,
  evaluateService,
  evaluateSweep,
  evaluateSweepPlatform,
  ServiceTarget,
  targetFromEntity,
} from '@254carbon/plugin-readiness-node';
import { normaliseRef, ReadinessConfig } from '../config';
import type { EntityMeta } from '../service/summaryEntry';
import type { ReadinessStore, StoredService } from '../store/ReadinessStore';
import { PreparedService, prepareService } from '../store/prepareService';
import type { Collected, CollectTarget, FactsCollector } from './FactsCollector';
import type { ObservedService, StoredResults, SweepObserver, SweepStats } from './SweepObserver';

export function isMeasurable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return REQUIRED_ANNOTATIONS.some(a => Boolean(annotations[a]));
}

/**
 * `spec.owner: data-engineering` means `group:<entity namespace>/data-engineering`. Stored as the
 * full ref so filters match exactly and the UI can link it (EntityRefLink needs a kind).
 */
function fullRef(value: unknown, defaultKind: string, entity: Entity): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: entity.metadata.namespace ?? 'default' }),
    );
  } catch {
    return value;
  }
}

function metaOf(entity: Entity, namespaces: string[]): EntityMeta {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    title: str(entity.metadata.title),
    owner: fullRef(spec.owner, 'group', entity),
    system: fullRef(spec.system, 'system', entity),
    lifecycle: str(spec.lifecycle),
    namespaces,
  };
}

const NO_EVIDENCE: string[] = [];

/** A check result as observers get it after a sweep: the evidence only of a failing check. */
function evidenceOnlyIfFailing(check: CheckResult): CheckResult {
  if (check.status === 'fail') return check;
  const slim: CheckResult = { checkId: check.checkId, status: check.status, evidence: NO_EVIDENCE };
  if (check.exemption) slim.exemption = check.exemption;
  if (check.blockedBy) slim.blockedBy = check.blockedBy;
  return slim;
}

/**
 * One sweep: every measurable Component in the catalog, every source read once, the engine run,
 * the results stored. A failed sweep leaves the previous results in place, marked stale.
 */
export class SweepRunner {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      store: ReadinessStore;
      collector: FactsCollector;
      config: ReadinessConfig;
      /** The checks to run (built-in plus module-added); default the built-in catalog. */
      registry?: CheckRegistry;
      /** Told about stored results and finished sweeps (metrics, notifications). */
      observers?: SweepObserver[];
      now?: () => Date;
    },
  ) {}

  /** Observers run after the store committed; one that throws is logged, never fatal. */
  private async notify(
    call: (observer: SweepObserver) => Promise<void> | void,
    what: string,
  ): Promise<void> {
    for (const observer of this.options.observers ?? []) {
      try {
        await call(observer);
      } catch (e) {
        this.options.logger.warn(
          `readiness: observer ${observer.name} failed on ${what}: ${(e as Error).message ?? e}`,
        );
      }
    }
  }

  private resultsStored(results: StoredResults) {
    return this.notify(o => o.onResults?.(results), `${results.origin} results`);
  }

  private sweepFinished(stats: SweepStats) {
    return this.notify(o => o.onSweepFinished?.(stats), 'the finished sweep');
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  private exemptionsFor(entityRef: string): Exemption[] {
    const key = normaliseRef(entityRef);
    return this.options.config.exemptions
      .filter(e => e.entity === key)
      .map(e => ({ checkId: e.check, reason: e.reason, expires: e.expires, origin: 'config' as const }));
  }

  private toTarget(entity: Entity): CollectTarget {
    const ref = stringifyEntityRef(entity);
    const target: ServiceTarget = targetFromEntity(entity, {
      thresholds: this.options.config.thresholds,
      configExemptions: this.exemptionsFor(ref),
      annotationMayLoosen: this.options.config.annotationMayLoosen,
      maxExemptionDays: this.options.config.exemptionMaxDays,
    });
    return {
      target,
      name: entity.metadata.annotations?.[ANNOTATION_KUBERNETES_ID] ?? entity.metadata.name,
    };
  }

  private async listEntities(): Promise<Entity[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of this.options.catalog.streamEntities(
      { filter: { kind: 'Component' } },
      { credentials },
    )) {
      entities.push(...page.filter(isMeasurable));
    }
    return entities;
  }

  /**
   * Where each service ran at the last good sweep (by lower-case ref), so a service whose cluster
   * is unreadable now is `unknown` there rather than judged from its other clusters. Loaded from
   * the store on first use so a restart keeps it.
   */
  private placements?: Map<string, string[]>;

  private async previousPlacement(): Promise<Map<string, string[]>> {
    this.placements ??= await this.options.store.getPlacements();
    return this.placements;
  }

  /** The engine's options for these targets, with where each ran at the last good sweep. */
  private async engineOptions(targets: ServiceTarget[], now: Date): Promise<EvaluateOptions> {
    const placements = await this.previousPlacement();
    return {
      platform: this.options.config.platform,
      thresholds: this.options.config.thresholds,
      now,
      registry: this.options.registry,
      previousPlacement: new Map(
        targets.map(t => [t.entityRef, placements.get(normaliseRef(t.entityRef)) ?? []]),
      ),
    };
  }

  /** Remembers where a service was found, for the next sweep's placement. */
  private placed(service: ServiceReadiness) {
    if (service.clusters?.length) this.placements?.set(normaliseRef(service.entityRef), service.clusters);
  }

  private metaFor(entityRef: string, entities: Map<string, Entity>, collected: Collected): EntityMeta {
    const entity = entities.get(normaliseRef(entityRef));
    const namespaces = collected.namespaces.get(entityRef) ?? [];
    return entity ? metaOf(entity, namespaces) : { namespaces };
  }

  private async evaluate(collected: Collected, targets: ServiceTarget[], now: Date) {
    const result = evaluateSweep(collected.index, targets, await this.engineOptions(targets, now));
    result.services.forEach(service => this.placed(service));
    return result;
  }

  /**
   * The sweep's evaluation: the platform, then each service, turned at once into what the store
   * writes and what the observers read. No service's full result outlives its own evaluation, so
   * at thousands of services the results die young instead of filling the old generation (a
   * steady 5,000-service sweep promoted ~80 MB of check results while it held them all).
   */
  private async evaluatePrepared(
    collected: Collected,
    targets: ServiceTarget[],
    entities: Map<string, Entity>,
    now: Date,
  ): Promise<{ platform: PlatformReadiness; prepared: PreparedService[]; observed: ObservedService[] }> {
    const options = await this.engineOptions(targets, now);
    const storedFingerprint = await this.options.store.storedFingerprints();
    const { platform, platformOf } = evaluateSweepPlatform(collected.index, options);
    const prepared: PreparedService[] = [];
    const observed: ObservedService[] = [];
    for (const target of targets) {
      const result = evaluateService(collected.index, target, platformOf, options);
      this.placed(result);
      const meta = this.metaFor(result.entityRef, entities, collected);
      prepared.push(prepareService(result, meta, storedFingerprint(result.entityRef)));
      observed.push({ entityRef: result.entityRef, meta, checks: result.checks.map(evidenceOnlyIfFailing) });
    }
    return { platform, prepared, observed };
  }

  private stored(
    services: ServiceReadiness[],
    entities: Map<string, Entity>,
    collected: Collected,
  ): StoredService[] {
    return services.map(result => ({ result, meta: this.metaFor(result.entityRef, entities, collected) }));
  }

  /** Runs one sweep; never throws (a failure is recorded and the old results marked stale). */
  async run(signal?: AbortSignal): Promise<SweepInfo> {
    const { store, logger } = this.options;
    const startedAt = this.now();
    const started = Date.now();
    const sweepId = await store.startSweep(startedAt);
    let sourceErrors: SweepInfo['sourceErrors'] = [];
    try {
      const entities = await this.listEntities();
      const byRef = new Map(entities.map(e => [normaliseRef(stringifyEntityRef(e)), e]));
      const items: CollectTarget[] = [];
      for (const entity of entities) {
        try {
          items.push(this.toTarget(entity));
        } catch (e) {
          logger.warn(`readiness: skipping ${stringifyEntityRef(entity)}: ${(e as Error).message}`);
        }
      }
      // Results are measured as of when the sources were read, so a refresh stored while this
      // sweep was still collecting is recognisably newer and is not overwritten.
      const now = this.now();
      const collected = await this.options.collector.collect(items);
      sourceErrors = collected.sourceErrors;
      // Past the scheduler's timeout another replica may already be sweeping: do not store.
      if (signal?.aborted) {
        throw new Error('the sweep exceeded readiness.schedule.timeout while collecting');
      }

      const result = await this.evaluatePrepared(collected, items.map(i => i.target), byRef, now);
      await store.savePrepared({ platform: result.platform, services: result.prepared, replaceAll: true });
      await this.resultsStored({
        origin: 'sweep',
        measuredAt: now,
        services: result.observed,
        platform: result.platform,
      });
      const pruned = await store.pruneHistory(
        new Date(now.getTime() - this.options.config.retentionDays * 86_400_000),
      );
      const finishedAt = this.now();
      await store.finishSweep(sweepId, {
        status: 'succeeded',
        finishedAt,
        services: result.prepared.length,
        sourceErrors,
      });
      logger.info(
        `readiness sweep: ${result.prepared.length} services, ${collected.facts.clusters.length} clusters, ${collected.apiCalls} Kubernetes API calls, ${sourceErrors.length} source errors, ${pruned} history rows pruned, ${Date.now() - started} ms`,
      );
      for (const error of sourceErrors) {
        logger.warn(`readiness sweep: source ${error.source} unreadable: ${error.message}`);
      }
      const info: SweepInfo = {
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        status: 'succeeded',
        services: result.prepared.length,
        sourceErrors,
      };
      await this.sweepFinished({
        info,
        durationMs: Date.now() - started,
        kubernetesCalls: collected.apiCalls,
        vaultCalls: collected.vaultCalls,
      });
      return info;
    } catch (e) {
      const error = (e as Error).message ?? String(e);
      const reason = `the sweep started ${startedAt.toISOString()} failed: ${error}`;
      logger.error(`readiness sweep failed after ${Date.now() - started} ms: ${error}`);
      const finishedAt = this.now();
      try {
        await store.markStale(reason);
        await store.finishSweep(sweepId, {
          status: 'failed',
          finishedAt,
          services: 0,
          error,
          sourceErrors,
        });
      } catch (storeError) {
        logger.error(`readiness: cannot record the failed sweep: ${(storeError as Error).message}`);
      }
      const info: SweepInfo = {
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        status: 'failed',
        services: 0,
        error,
        sourceErrors,
      };
      await this.sweepFinished({
        info,
        durationMs: Date.now() - started,
        kubernetesCalls: 0,
        vaultCalls: 0,
      });
      return info;
    }
  }

  /**
   * Measures one entity now: re-reads the sources (or reuses facts seconds old), stores it. The
   * entity is looked up with the caller's credentials, so nobody refreshes what they cannot see.
   */
  async refreshEntity(
    entityRef: string,
    onBehalfOf?: BackstageCredentials,
  ): Promise<ServiceReadiness> {
    const credentials = onBehalfOf ?? (await this.options.auth.getOwnServiceCredentials());
    const entity = await this.options.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`${entityRef} is not in the catalog`);
    }
    if (!isMeasurable(entity)) {
      throw new InputError(
        `${entityRef} cannot be measured: it has neither the ${REQUIRED_ANNOTATIONS.join(' nor the ')} annotation`,
      );
    }
    const item = this.toTarget(entity);
    const { store } = this.options;
    const [placement, platform] = await Promise.all([
      store.getPlacement(item.target.entityRef),
      store.getPlatform(),
    ]);
    let namespaces = placement?.namespaces ?? [];
    if (!namespaces.length && item.target.namespace) namespaces = [item.target.namespace];
    // Re-read this service's own objects now (its namespaces in the clusters it runs in), plus
    // its Vault role/policy/KV and TLS hosts; the platform checks keep the last sweep's results.
    const scoped = Boolean(platform && namespaces.length);
    const readAt = this.now();
    const collected = await this.options.collector.collect(
      [item],
      scoped ? { clusters: placement?.clusters, namespaces } : undefined,
    );
    const result = scoped
      ? { services: [await this.evaluateOne(collected, item.target, platform!, readAt)] }
      : await this.evaluate(collected, [item.target], readAt);
    const service = result.services.find(s => s.entityRef === item.target.entityRef) ?? result.services[0];
    if (!service) throw new Error(`the engine returned no result for ${entityRef}`);
    const services = this.stored([service], new Map([[normaliseRef(service.entityRef), entity]]), collected);
    await this.options.store.saveResults({ services, replaceAll: false });
    await this.resultsStored({
      origin: 'refresh',
      measuredAt: readAt,
      services: [{ entityRef: service.entityRef, meta: services[0].meta, checks: service.checks }],
    });
    return service;
  }

  /** One service against freshly read facts, blocked by the stored platform results of its clusters. */
  private async evaluateOne(
    collected: Collected,
    target: ServiceTarget,
    platform: PlatformReadiness,
    now: Date,
  ): Promise<ServiceReadiness> {
    const row = new Map(platform.checks.map(c => [c.checkId, c]));
    const byCluster = new Map(
      (platform.clusters ?? []).map(c => [c.cluster, new Map(c.checks.map(r => [r.checkId, r]))]),
    );
    const service = evaluateService(
      collected.index,
      target,
      cluster => (cluster && byCluster.get(cluster)) || row,
      await this.engineOptions([target], now),
    );
    this.placed(service);
    return service;
  }
}
