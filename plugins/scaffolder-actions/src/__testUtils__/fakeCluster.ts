import type { ObjectApplier } from '../apply/kubernetes';
import type { ApplyResult } from '../apply/types';
import type { Manifest } from '../bundle';

/**
 * An in-memory cluster for the action tests: keeps the last applied object per kind/namespace/name
 * and answers like server-side apply would (created, updated, unchanged). The real API server is
 * exercised by apply.integration.test.ts.
 */
export class FakeCluster implements ObjectApplier {
  readonly objects = new Map<string, Manifest>();
  readonly calls: { key: string; dryRun: boolean }[] = [];
  /** Kind/name pairs that answer with an error, e.g. a 409 conflict. */
  readonly failing = new Map<string, string>();

  /** Objects that exist in the cluster without having been applied (e.g. running pods). */
  readonly existing: Manifest[] = [];

  async list(apiVersion: string, kind: string, namespace: string): Promise<any[]> {
    return [...this.existing, ...this.objects.values()].filter(
      o => o.apiVersion === apiVersion && o.kind === kind && o.metadata.namespace === namespace,
    );
  }

  async apply(
    manifest: Manifest,
    options: { dryRun: boolean },
  ): Promise<ApplyResult> {
    const key = `${manifest.kind}/${manifest.metadata.namespace}/${manifest.metadata.name}`;
    this.calls.push({ key, dryRun: options.dryRun });
    const failure = this.failing.get(
      `${manifest.kind}/${manifest.metadata.name}`,
    );
    if (failure) throw new Error(failure);
    const before = this.objects.get(key);
    const same = before && JSON.stringify(before) === JSON.stringify(manifest);
    if (!options.dryRun)
      this.objects.set(key, JSON.parse(JSON.stringify(manifest)));
    if (!before) return 'created';
    return same ? 'unchanged' : 'updated';
  }
}
