import type { Read } from './read';

/** The outcome of a real TLS handshake to one public host. */
export interface TlsObservation {
  host: string;
  port: number;
  /** Whether the chain verified against the trusted CAs and the name matched. */
  authorized: boolean;
  /** e.g. CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID, UNABLE_TO_VERIFY_LEAF_SIGNATURE */
  authorizationError?: string;
  validFrom?: string;
  validTo?: string;
  subjectAltNames: string[];
  issuer?: string;
  serialNumber?: string;
  fingerprint256?: string;
}

/** Probes by `host:port`; a failed handshake (refused, timeout) is an `error` Read. */
export type TlsFacts = Record<string, Read<TlsObservation>>;
