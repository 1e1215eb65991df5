export { TlsProber } from './TlsProber';
export type { TlsSource, TlsProberOptions } from './TlsProber';
