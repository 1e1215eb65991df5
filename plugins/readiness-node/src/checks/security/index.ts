import type { ServiceCheck } from '../../engine/types';
import { certExpiry } from './certExpiry';
import { certIssuer } from './certIssuer';
import { certReady } from './certReady';
import { netpolDefaultDeny } from './netpolDefaultDeny';
import { netpolService } from './netpolService';
import { noPlaintext } from './noPlaintext';
import { podSecurity } from './podSecurity';
import { rbac } from './rbac';
import { secretsInVault } from './secretsInVault';
import { serviceAccount } from './serviceAccount';
import { tlsLive } from './tlsLive';
import { vaultPolicy } from './vaultPolicy';
import { vaultRole } from './vaultRole';

/** The Security layer's service checks, by check id (see the catalog in plugin-readiness-common). */
export const SECURITY_CHECKS = {
  'SEC-CERT-READY': certReady,
  'SEC-CERT-EXPIRY': certExpiry,
  'SEC-CERT-ISSUER': certIssuer,
  'SEC-TLS-LIVE': tlsLive,
  'SEC-VAULT-ROLE': vaultRole,
  'SEC-VAULT-POLICY': vaultPolicy,
  'SEC-SECRETS-IN-VAULT': secretsInVault,
  'SEC-NO-PLAINTEXT': noPlaintext,
  'SEC-NETPOL-DEFAULT-DENY': netpolDefaultDeny,
  'SEC-NETPOL-SERVICE': netpolService,
  'SEC-SERVICE-ACCOUNT': serviceAccount,
  'SEC-RBAC': rbac,
  'SEC-POD-SECURITY': podSecurity,
} satisfies Record<string, ServiceCheck>;
