import { ClusterSnapshot, loadManifestsDirectory } from '@254carbon/plugin-readiness-node';

/** Offline clusters: a GitOps directory or kubectl exports, one subfolder per cluster. */
export class ManifestsSource {
  constructor(private readonly directory: string) {}

  /** Re-read every sweep, so edits to the directory show up without a restart. */
  collect(): Promise<ClusterSnapshot[]> {
    return loadManifestsDirectory(this.directory);
  }
}
