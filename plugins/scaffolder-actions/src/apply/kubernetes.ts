import {
  ApiException,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import type { Manifest } from '../bundle';
import type { ClusterSettings } from '../settings';
import type { ApplyResult } from './types';

export const FIELD_MANAGER = 'readiness-onboarding';

/** What applying one object needs; an interface so tests can stand in for the cluster. */
export interface ObjectApplier {
  apply(manifest: Manifest, options: { dryRun: boolean }): Promise<ApplyResult>;
  /** The objects of one kind in a namespace (to see what a default-deny would isolate). */
  list(apiVersion: string, kind: string, namespace: string): Promise<KubernetesObject[]>;
}

export function kubeConfigFor(cluster: ClusterSettings): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'onboarding',
        server: cluster.url,
        caData: cluster.caData,
        caFile: cluster.caFile,
        skipTLSVerify: cluster.skipTLSVerify ?? false,
      },
    ],
    users: [{ name: 'onboarding', token: cluster.serviceAccountToken }],
    contexts: [
      { name: 'onboarding', cluster: 'onboarding', user: 'onboarding' },
    ],
    currentContext: 'onboarding',
  });
  return kc;
}

/** The Status message of an API error, never the request (which carries the token). */
export function describeKubeError(e: unknown): string {
  if (e instanceof ApiException) {
    let body: any = e.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        // not JSON: fall through to the code
      }
    }
    const message =
      body?.message ?? (typeof body === 'string' ? body : undefined);
    return `HTTP ${e.code}${message ? `: ${message}` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** Server-managed metadata that changes without the object changing. */
function comparable(obj: unknown): unknown {
  const o = JSON.parse(JSON.stringify(obj ?? {}));
  if (o.metadata) {
    for (const k of [
      'managedFields',
      'resourceVersion',
      'generation',
      'creationTimestamp',
      'uid',
      'selfLink',
    ]) {
      delete o.metadata[k];
    }
  }
  delete o.status;
  return o;
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${stableStringify((value as any)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Server-side apply with field manager `readiness-onboarding`, never forcing: a field another
 * manager owns is a conflict to report, not to steal. GET first to tell created from updated;
 * an unchanged resourceVersion means the apply was a no-op. A dry run (`dryRun=All`) never bumps
 * the resourceVersion, so there the objects themselves are compared.
 */
export class ServerSideApplier implements ObjectApplier {
  constructor(private readonly api: KubernetesObjectApi) {}

  static fromSettings(cluster: ClusterSettings): ServerSideApplier {
    return new ServerSideApplier(
      KubernetesObjectApi.makeApiClient(kubeConfigFor(cluster)),
    );
  }

  async list(apiVersion: string, kind: string, namespace: string): Promise<KubernetesObject[]> {
    try {
      const result = await this.api.list(apiVersion, kind, namespace);
      return result.items;
    } catch (e) {
      throw new Error(`listing ${kind} in ${namespace}: ${describeKubeError(e)}`);
    }
  }

  async apply(
    manifest: Manifest,
    options: { dryRun: boolean },
  ): Promise<ApplyResult> {
    const header = {
      apiVersion: manifest.apiVersion,
      kind: manifest.kind,
      metadata: {
        name: manifest.metadata.name,
        namespace: manifest.metadata.namespace,
      },
    };
    let before: KubernetesObject | undefined;
    try {
      before = await this.api.read(header);
    } catch (e) {
      if (!(e instanceof ApiException && e.code === 404))
        throw new Error(describeKubeError(e));
    }
    let after: KubernetesObject;
    try {
      after = await this.api.patch(
        manifest as KubernetesObject,
        undefined,
        options.dryRun ? 'All' : undefined,
        FIELD_MANAGER,
        false,
        PatchStrategy.ServerSideApply,
      );
    } catch (e) {
      throw new Error(describeKubeError(e));
    }
    if (!before) return 'created';
    const rvBefore = before.metadata?.resourceVersion;
    const rvAfter = after.metadata?.resourceVersion;
    if (!options.dryRun && rvBefore !== undefined && rvBefore === rvAfter)
      return 'unchanged';
    return stableStringify(comparable(before)) ===
      stableStringify(comparable(after))
      ? 'unchanged'
      : 'updated';
  }
}
