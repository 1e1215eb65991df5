export { snapshotFromObjects } from './snapshotFromObjects';
export type { SnapshotOptions } from './snapshotFromObjects';
export {
  loadManifestsDirectory,
  parseManifestFile,
  parseManifestDocuments,
  ManifestCache,
  unreadableSnapshot,
  locateManifestObjects,
} from './loadManifestsDirectory';
export type { ManifestDocument, ManifestLocation } from './loadManifestsDirectory';
export { KIND_NAMES } from './kindNames';
export { parseVaultSnapshot } from './vaultSnapshot';
