import { createHash } from 'node:crypto';
import {
  Layer,
  LAYERS,
  ServiceReadiness,
} from '@254carbon/plugin-readiness-common';
import {
  EntityMeta,
  SUMMARY_ENTRY_VERSION,
  SummaryEntry,
  summaryEntryFrom,
} from '../service/summaryEntry';

/**
 * One service's result in the form the store writes, without the result itself. A sweep turns
 * each result into this as soon as it is evaluated, so the result's object graph (its checks and
 * evidence, most of a sweep's allocation) is garbage at once instead of living until the whole
 * catalog has been evaluated and stored.
 */
export interface PreparedService {
  entityRef: string;
  measuredAt: Date;
  meta: EntityMeta;
  /** The row GET /summary serves and filters on, with each check's status. */
  entry: SummaryEntry;
  /** Tells a changed result from one measured exactly as before (see fingerprintOf). */
  fingerprint: string;
  /**
   * The stored result as JSON, without its time. Left out when the caller knew the stored row
   * already has this fingerprint: only the row's time is then written.
   */
  payload?: string;
  /** For the history point. */
  overall: number | null;
  layers: Record<Layer, number | null>;
  counts: ServiceReadiness['overall']['counts'];
}

/** A result as stored: without measuredAt (the measured_at column holds it). */
function payloadOf(result: ServiceReadiness): string {
  return JSON.stringify({ ...result, measuredAt: undefined, stale: false, staleReason: undefined });
}

/** A summary entry as stored, without its time for the same reason. */
export function summaryOf(entry: SummaryEntry): string {
  return JSON.stringify({ ...entry, row: { ...entry.row, measuredAt: undefined } });
}

/**
 * The summary entry is a function of the result and the catalog metadata (and of the code:
 * SUMMARY_ENTRY_VERSION), so those are hashed, and the summary is serialised only for rows that
 * changed. A result measured exactly as before has the same fingerprint: only its time changes.
 */
function fingerprintOf(payload: string, meta: EntityMeta): string {
  return createHash('sha256')
    .update(payload)
    .update(`\n${SUMMARY_ENTRY_VERSION}\n`)
    .update(JSON.stringify(meta))
    .digest('hex');
}

function layerPercents(result: ServiceReadiness): Record<Layer, number | null> {
  const layers = {} as Record<Layer, number | null>;
  for (const layer of LAYERS) layers[layer] = result.layers[layer]?.percent ?? null;
  return layers;
}

/**
 * Prepares a result for the store. With the fingerprint the store holds for the service (from
 * `ReadinessStore.storedFingerprints`), an unchanged result keeps no payload.
 */
export function prepareService(
  result: ServiceReadiness,
  meta: EntityMeta,
  storedFingerprint?: string,
): PreparedService {
  const payload = payloadOf(result);
  const fingerprint = fingerprintOf(payload, meta);
  return {
    entityRef: result.entityRef,
    measuredAt: new Date(result.measuredAt),
    meta,
    entry: summaryEntryFrom(result, meta),
    fingerprint,
    payload: fingerprint === storedFingerprint ? undefined : payload,
    overall: result.overall.percent,
    layers: layerPercents(result),
    counts: result.overall.counts,
  };
}
