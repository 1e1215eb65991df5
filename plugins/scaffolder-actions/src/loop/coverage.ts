import type { Piece } from '../bundle';

/**
 * Security checks the generated bundle decides on its own, by the piece that produces what the
 * check reads. Running them over the bundle proves the generators and the checks agree.
 */
export const COVERED_BY_PIECE: Record<Piece, string[]> = {
  'service-account': ['SEC-SERVICE-ACCOUNT', 'SEC-RBAC'],
  vault: ['SEC-VAULT-ROLE', 'SEC-VAULT-POLICY', 'SEC-SECRETS-IN-VAULT'],
  'network-policy': ['SEC-NETPOL-DEFAULT-DENY', 'SEC-NETPOL-SERVICE'],
  certificate: ['SEC-CERT-ISSUER'],
};

/** Security checks no bundle can settle before the service runs, and why. */
export const NOT_COVERED: Record<string, string> = {
  'SEC-CERT-READY':
    'needs the issued certificate: cert-manager sets Ready once the ACME order completes',
  'SEC-CERT-EXPIRY':
    "needs the issued certificate's notAfter and renewalTime (live state)",
  'SEC-TLS-LIVE': 'needs a TLS handshake with the deployed service',
  'SEC-NO-PLAINTEXT':
    "reads the service's own ConfigMaps and container env, which onboarding does not generate",
  'SEC-POD-SECURITY':
    "reads the service's own Deployment (the template's skeleton meets the restricted profile); measured once deployed",
};
