import {
  ClusterSnapshot,
  loadManifestsDirectory,
  ManifestCache,
  unreadableSnapshot,
} from '@254carbon/plugin-readiness-node';

/** Name of the stand-in cluster when the directory is unusable before any cluster was ever seen. */
export const UNKNOWN_MANIFESTS_CLUSTER = 'manifests';

/**
 * Offline clusters: a GitOps directory or kubectl exports, one subfolder per cluster. Re-read
 * every sweep so edits show up without a restart; unchanged files (same size and mtime) are not
 * re-parsed. Never throws: an unusable directory makes every cluster it held unreadable, so
 * services are `unknown` with the reason instead of failing for missing facts.
 */
export class ManifestsSource {
  private readonly cache = new ManifestCache();
  private known: string[] = [];

  constructor(private readonly directory: string) {}

  async collect(): Promise<ClusterSnapshot[]> {
    try {
      const snapshots = await loadManifestsDirectory(this.directory, this.cache);
      this.known = snapshots.map(s => s.cluster);
      return snapshots;
    } catch (e) {
      const reason = (e as Error).message;
      const names = this.known.length ? this.known : [UNKNOWN_MANIFESTS_CLUSTER];
      return names.map(name => unreadableSnapshot(name, reason));
    }
  }
}
