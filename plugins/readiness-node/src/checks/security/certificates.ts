import type { KubeObject } from '../../facts';
import { kubernetesUnknown, readKinds } from '../../engine/outcome';
import type { CheckOutcome, ServiceContext } from '../../engine/types';

/** The service's TLS surface: its Ingresses and the cert-manager Certificates behind them. */
export interface ServiceTls {
  ingresses: KubeObject[];
  certificates: KubeObject[];
  /** Set when the Certificate CRD is not installed (cert-manager absent): the reason. */
  certificatesAbsent?: string;
}

const key = (namespace: string | undefined, name: string) =>
  `${namespace ?? ''}/${name}`;

/**
 * Certificates of the service: those whose `spec.secretName` is the TLS secret of one of its
 * Ingresses (same namespace), plus those its label selector picks.
 */
export function serviceTls(
  ctx: ServiceContext,
): { outcome: CheckOutcome } | ServiceTls {
  const read = readKinds({
    ingresses: ctx.selected('ingresses'),
    certificates: ctx.inNamespaces('certificates'),
  });
  if ('outcome' in read) return read;
  const labelled = ctx.selected('certificates');
  if (labelled.state === 'error') {
    return { outcome: kubernetesUnknown('certificates', labelled.message) };
  }
  const { ingresses, certificates } = read.items;
  const secrets = new Set(
    ingresses.flatMap(ing =>
      ingressTls(ing)
        .filter(t => t.secretName)
        .map(t => key(ing.metadata.namespace, t.secretName!)),
    ),
  );
  const found = new Map<string, KubeObject>();
  for (const cert of certificates) {
    if (
      secrets.has(
        key(cert.metadata.namespace, String(cert.spec?.secretName ?? '')),
      )
    ) {
      found.set(key(cert.metadata.namespace, cert.metadata.name), cert);
    }
  }
  for (const cert of labelled.state === 'ok' ? labelled.value : []) {
    found.set(key(cert.metadata.namespace, cert.metadata.name), cert);
  }
  return {
    ingresses,
    certificates: [...found.values()].sort((a, b) =>
      key(a.metadata.namespace, a.metadata.name).localeCompare(
        key(b.metadata.namespace, b.metadata.name),
      ),
    ),
    certificatesAbsent: read.absent.certificates,
  };
}

export function ingressTls(
  ing: KubeObject,
): { hosts: string[]; secretName?: string }[] {
  return (ing.spec?.tls ?? []).map((t: any) => ({
    hosts: (t?.hosts ?? []).map((h: unknown) => String(h).toLowerCase()),
    secretName: t?.secretName ? String(t.secretName) : undefined,
  }));
}

/** Hosts an Ingress routes (`spec.rules[].host`) and those its TLS section names. */
export function ingressHosts(ing: KubeObject): string[] {
  const hosts = new Set<string>();
  for (const rule of ing.spec?.rules ?? []) {
    if (rule?.host) hosts.add(String(rule.host).toLowerCase());
  }
  for (const t of ingressTls(ing)) t.hosts.forEach(h => hosts.add(h));
  return [...hosts].sort();
}

/** Whether a certificate name covers a host; `*.example.com` covers exactly one extra label. */
export function dnsNameCovers(dnsName: string, host: string): boolean {
  const name = dnsName.toLowerCase();
  const h = host.toLowerCase();
  if (name === h) return true;
  if (!name.startsWith('*.')) return false;
  const suffix = name.slice(1);
  if (!h.endsWith(suffix)) return false;
  const label = h.slice(0, -suffix.length);
  return label.length > 0 && !label.includes('.');
}

export function dnsNamesOf(cert: KubeObject): string[] {
  return (cert.spec?.dnsNames ?? []).map((n: unknown) => String(n));
}

export function certificateCovers(cert: KubeObject, host: string): boolean {
  return dnsNamesOf(cert).some(n => dnsNameCovers(n, host));
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from now to a date, rounded down (negative once past). */
export function daysLeft(until: Date, now: Date): number {
  return Math.floor((until.getTime() - now.getTime()) / DAY_MS);
}
