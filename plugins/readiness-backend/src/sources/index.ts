import type { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import type { ReadinessConfig, VaultSourceConfig } from '../config';
import type { Sources } from '../sweep/FactsCollector';
import { discoverClusters, KubernetesCollector } from './kubernetes';
import { ManifestsSource } from './manifests';
import { PrometheusCollector } from './prometheus';
import { TlsProber } from './tls';
import { VaultCollector, VaultHttpClient, VaultSnapshotFile, VaultSource } from './vault';

/** Builds the configured sources; an unconfigured source stays undefined (its checks are n/a). */
export function createSources(
  rootConfig: RootConfigService,
  config: ReadinessConfig,
  logger: LoggerService,
): Sources {
  const { kubernetes, manifests, vault, tls, prometheus } = config.sources;
  const clusters = kubernetes.enabled ? discoverClusters(rootConfig, kubernetes, logger) : [];
  return {
    clusters,
    kubernetes: clusters.length
      ? new KubernetesCollector({
          ...kubernetes,
          // The server ends each watch request after a minute and the collector resumes it: a
          // cheap request per kind and cluster, and a connection cut without a reset is noticed
          // within about two minutes (silence past the timeout) instead of ten.
          watch: kubernetes.watch ? { timeoutSeconds: 60 } : undefined,
          logger,
        })
      : undefined,
    manifests: manifests ? new ManifestsSource(manifests.directory) : undefined,
    vault: vault && createVaultSource(vault),
    tls: tls.enabled ? new TlsProber(tls) : undefined,
    prometheus: prometheus ? new PrometheusCollector(prometheus) : undefined,
  };
}

// An offline snapshot file wins over a live address, so a demo never reaches for a real Vault.
function createVaultSource(vault: VaultSourceConfig): VaultSource {
  if (vault.snapshotFile) return new VaultSnapshotFile(vault.snapshotFile);
  return new VaultCollector(
    new VaultHttpClient({
      baseUrl: vault.baseUrl!,
      timeoutMs: vault.timeoutMs,
      caFile: vault.caFile,
      token: vault.token,
      kubernetesAuth: vault.kubernetesAuth,
    }),
    vault,
  );
}
