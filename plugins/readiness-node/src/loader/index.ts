export { snapshotFromObjects } from './snapshotFromObjects';
export type { SnapshotOptions } from './snapshotFromObjects';
export {
  loadManifestsDirectory,
  parseManifestFile,
  parseManifestDocuments,
  ManifestCache,
  unreadableSnapshot,
} from './loadManifestsDirectory';
export type { ManifestDocument } from './loadManifestsDirectory';
export { KIND_NAMES } from './kindNames';
