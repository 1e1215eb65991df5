export { TlsProber } from './TlsProber';
export type { TlsSource, TlsProberOptions } from './TlsProber';
export { decideTlsHosts, ownTlsHosts } from './hostPolicy';
export type { TlsHostPolicy, TlsHostDecision } from './hostPolicy';
