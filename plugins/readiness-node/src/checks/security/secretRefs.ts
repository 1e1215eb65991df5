import { allContainers, PodSource } from './podSources';

const SA_TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Names of the Kubernetes Secrets a pod spec reads: secret volumes (plain and projected),
 * `envFrom.secretRef` and `env.valueFrom.secretKeyRef`. Image pull secrets are not counted (they
 * are registry credentials for the kubelet, not for the app), nor the service-account token
 * volume that old clusters inject into pods.
 */
export function secretsReadBy(
  source: PodSource,
): { name: string; how: string }[] {
  const spec = source.spec ?? {};
  const containers = allContainers(spec);
  const tokenVolumes = new Set(
    containers.flatMap(({ container }) =>
      (container.volumeMounts ?? [])
        .filter((m: any) => m?.mountPath === SA_TOKEN_MOUNT)
        .map((m: any) => m.name),
    ),
  );
  const found: { name: string; how: string }[] = [];
  for (const volume of spec.volumes ?? []) {
    if (volume?.secret?.secretName && !tokenVolumes.has(volume.name)) {
      found.push({
        name: volume.secret.secretName,
        how: `volume ${volume.name}`,
      });
    }
    for (const src of volume?.projected?.sources ?? []) {
      if (src?.secret?.name)
        found.push({
          name: src.secret.name,
          how: `projected volume ${volume.name}`,
        });
    }
  }
  for (const { name, container } of containers) {
    for (const from of container.envFrom ?? []) {
      if (from?.secretRef?.name)
        found.push({
          name: from.secretRef.name,
          how: `container ${name} envFrom`,
        });
    }
    for (const env of container.env ?? []) {
      const ref = env?.valueFrom?.secretKeyRef;
      if (ref?.name)
        found.push({
          name: ref.name,
          how: `container ${name} env ${env.name}`,
        });
    }
  }
  return found;
}

/** Names of the ConfigMaps a pod spec reads (volumes, projected volumes, envFrom, env). */
export function configMapsReadBy(source: PodSource): string[] {
  const spec = source.spec ?? {};
  const names = new Set<string>();
  for (const volume of spec.volumes ?? []) {
    if (volume?.configMap?.name) names.add(volume.configMap.name);
    for (const src of volume?.projected?.sources ?? []) {
      if (src?.configMap?.name) names.add(src.configMap.name);
    }
  }
  for (const { container } of allContainers(spec)) {
    for (const from of container.envFrom ?? []) {
      if (from?.configMapRef?.name) names.add(from.configMapRef.name);
    }
    for (const env of container.env ?? []) {
      if (env?.valueFrom?.configMapKeyRef?.name)
        names.add(env.valueFrom.configMapKeyRef.name);
    }
  }
  return [...names];
}
