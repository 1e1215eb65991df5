import { ANNOTATION_PUBLIC_HOSTS } from '@254carbon/plugin-readiness-common';
import type { KubeObject, ServiceTarget, SweepIndex } from '@254carbon/plugin-readiness-node';

/** Which hosts and ports TLS probes may reach beyond a service's own objects. */
export interface TlsHostPolicy {
  /**
   * `readiness.sources.tls.allowedHosts`: exact host names, or `*.example.com` for any name
   * under example.com. Annotation hosts must match one (or be one of the service's own hosts).
   */
  allowedHosts: string[];
  /** `readiness.sources.tls.allowedPorts`: ports other than 443 an annotation may name. */
  allowedPorts: number[];
}

export interface TlsHostDecision {
  /** Hosts to hand to the prober (`host` or `host:port`). */
  probe: string[];
  /**
   * The annotation hosts that passed, or undefined when none were given or none passed (the
   * check then judges the Ingress TLS hosts, which are the ones probed).
   */
  publicHosts?: string[];
  /** One message per rejected annotation host, naming the config key that would allow it. */
  errors: string[];
}

// A DNS name (labels of letters, digits and dashes) or an IPv4 address, optionally with a port.
const HOST_PORT = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(?::(\d{1,5}))?$/;

function allowedByPattern(host: string, patterns: string[]): boolean {
  return patterns.some(raw => {
    const pattern = raw.trim().toLowerCase();
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
    return host === pattern;
  });
}

/**
 * Decides which hosts a service's TLS probes may reach, so that registering a catalog entity
 * cannot turn the backend into a network scanner: the service's own Ingress and Certificate host
 * names on port 443, plus annotation hosts allowed by config. Pure, so the policy is tested
 * without sockets.
 */
export function decideTlsHosts(
  input: { annotationHosts?: string[]; ownHosts: string[] },
  policy: TlsHostPolicy,
): TlsHostDecision {
  const own = new Set(input.ownHosts.map(h => h.toLowerCase()).filter(h => !h.startsWith('*')));
  const fallback = { probe: [...own].sort() };
  if (!input.annotationHosts?.length) return { ...fallback, errors: [] };

  const errors: string[] = [];
  const accepted: string[] = [];
  for (const raw of input.annotationHosts) {
    const value = raw.trim().toLowerCase();
    const match = HOST_PORT.exec(value);
    if (!match) {
      errors.push(
        `${ANNOTATION_PUBLIC_HOSTS}: "${raw}" is not a host name (expected e.g. portal.example.com or portal.example.com:443); it was not probed`,
      );
      continue;
    }
    const [, host, portText] = match;
    const port = portText === undefined ? 443 : Number(portText);
    if (!own.has(host) && !allowedByPattern(host, policy.allowedHosts)) {
      errors.push(
        `${ANNOTATION_PUBLIC_HOSTS}: ${host} is neither a host of the service's own Ingress or Certificate objects nor allowed by readiness.sources.tls.allowedHosts; it was not probed`,
      );
      continue;
    }
    if (port !== 443 && !policy.allowedPorts.includes(port)) {
      errors.push(
        `${ANNOTATION_PUBLIC_HOSTS}: port ${port} of ${host} is not allowed (only 443 unless listed in readiness.sources.tls.allowedPorts); it was not probed`,
      );
      continue;
    }
    accepted.push(portText === undefined ? host : `${host}:${port}`);
  }
  if (!accepted.length) return { ...fallback, errors };
  return { probe: accepted, publicHosts: accepted, errors };
}

function dnsNames(cert: KubeObject): string[] {
  const spec = (cert.spec ?? {}) as { dnsNames?: unknown; commonName?: unknown };
  const names = Array.isArray(spec.dnsNames) ? spec.dnsNames.map(String) : [];
  if (typeof spec.commonName === 'string') names.push(spec.commonName);
  return names;
}

/**
 * The host names a service itself declares in the clusters it runs in: its Ingresses' rules and
 * TLS hosts, and the DNS names of its Certificates (labelled for it, or issuing a secret its
 * Ingresses serve).
 */
export function ownTlsHosts(index: SweepIndex, clusters: string[], target: ServiceTarget): string[] {
  const hosts = new Set<string>();
  for (const cluster of clusters) {
    const ingresses = index.selectedIn(cluster, 'ingresses', target);
    const secrets = new Set<string>();
    for (const ingress of ingresses) {
      for (const rule of ingress.spec?.rules ?? []) if (rule?.host) hosts.add(String(rule.host));
      for (const tls of ingress.spec?.tls ?? []) {
        for (const h of tls?.hosts ?? []) hosts.add(String(h));
        if (tls?.secretName) secrets.add(`${ingress.metadata.namespace}/${tls.secretName}`);
      }
    }
    const all = index.kind(cluster, 'certificates')?.read;
    const serving =
      all?.state === 'ok'
        ? all.value.filter(c =>
            secrets.has(`${c.metadata.namespace}/${(c.spec as { secretName?: unknown } | undefined)?.secretName}`),
          )
        : [];
    const certificates = [...index.selectedIn(cluster, 'certificates', target), ...serving];
    for (const cert of certificates) dnsNames(cert).forEach(h => hosts.add(h));
  }
  return [...hosts].map(h => h.toLowerCase());
}
