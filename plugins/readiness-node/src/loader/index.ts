export { snapshotFromObjects } from './snapshotFromObjects';
export type { SnapshotOptions } from './snapshotFromObjects';
export {
  loadManifestsDirectory,
  parseManifestFile,
} from './loadManifestsDirectory';
export { KIND_NAMES } from './kindNames';
