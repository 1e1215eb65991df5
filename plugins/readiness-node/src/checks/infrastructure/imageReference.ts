/** A container image reference split the way the container runtime reads it. */
export interface ImageReference {
  /** Registry host (with port), `docker.io` when the reference names none. */
  registry: string;
  /** Repository path inside the registry, e.g. `library/nginx` or `data-platform/doris`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/**
 * Parses `[registry/]repository[:tag][@digest]`. As in the Docker reference grammar, the first
 * path component is a registry only if it contains `.` or `:` or is `localhost`; otherwise the
 * image comes from Docker Hub (where one-component names live under `library/`).
 */
export function parseImage(image: string): ImageReference {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) {
    registry = parts.shift()!;
  }
  let repository = parts.join('/');
  if (registry === 'docker.io' && parts.length === 1)
    repository = `library/${repository}`;
  return {
    registry,
    repository,
    tag: tag || undefined,
    digest: digest || undefined,
  };
}

/** Whether the image is under one of the allowed registries (a host, or a host/project prefix). */
export function isAllowedRegistry(
  ref: ImageReference,
  allowed: readonly string[],
): boolean {
  if (allowed.length === 0) return true;
  const full = `${ref.registry}/${ref.repository}`.toLowerCase();
  return allowed.some(entry => {
    const prefix = entry.toLowerCase().replace(/\/+$/, '');
    return full === prefix || full.startsWith(`${prefix}/`);
  });
}
