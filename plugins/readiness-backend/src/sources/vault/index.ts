export { VaultCollector } from './VaultCollector';
export { VaultHttpClient, VaultRequestError } from './VaultHttpClient';
export { VaultSnapshotFile } from './VaultSnapshotFile';
export type { VaultSource } from './VaultSource';
