export {
  mergePolicyRules,
  parseVaultPolicy,
  VaultPolicyParseError,
} from './parsePolicy';
