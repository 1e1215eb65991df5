export { VaultCollector } from './VaultCollector';
export { VaultHttpClient, VaultRequestError } from './VaultHttpClient';
export { VaultSnapshotFile } from './VaultSnapshotFile';
export { parsePolicy } from './policyRules';
export type { VaultSource } from './VaultSource';
