import { KubernetesObjectApi } from '@kubernetes/client-node';
import {
  failed,
  KubeObject,
  ok,
  VaultHealth,
} from '@254carbon/plugin-readiness-node';
import { describeKubeError, kubeConfigFor } from '../apply/kubernetes';
import type { OnboardingSettings } from '../settings';
import type { LivePlatform } from './evaluate';

/** sys/health answers these by design (Vault's documented codes); anything else is a proxy error. */
const HEALTH_CODES = new Set([200, 429, 472, 473, 474, 501, 503]);

const segments = (path: string) =>
  path.split('/').filter(Boolean).map(encodeURIComponent).join('/');

async function vaultGet(
  baseUrl: string,
  path: string,
  token: string | undefined,
  fetchImpl: typeof fetch,
): Promise<{ status: number; json: any }> {
  const response = await fetchImpl(
    `${baseUrl.replace(/\/+$/, '')}/v1/${path}`,
    {
      headers: token ? { 'X-Vault-Token': token } : {},
      signal: AbortSignal.timeout(10_000),
    },
  );
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json };
}

const vaultError = (what: string, status: number, json: any) =>
  `Vault ${what} answered ${status}${
    Array.isArray(json?.errors) && json.errors.length
      ? `: ${json.errors.join('; ')}`
      : ''
  }`;

/**
 * Reads what the closed loop needs from the live platform, for each source the onboarding
 * settings configure: the production ClusterIssuer (with its Ready condition), Vault's
 * sys/health, and the KV v2 metadata keys at the service's path (names only, never values).
 * Each part fails on its own, as a Read naming the cause; nothing here throws.
 */
export async function readLivePlatform(
  settings: OnboardingSettings,
  secretsPath: string,
  deps: {
    fetch?: typeof fetch;
    kubernetes?: Pick<KubernetesObjectApi, 'read'>;
  } = {},
): Promise<LivePlatform> {
  const live: LivePlatform = {};
  if (settings.cluster) {
    const api =
      deps.kubernetes ??
      KubernetesObjectApi.makeApiClient(kubeConfigFor(settings.cluster));
    try {
      const issuer = await api.read({
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: settings.productionIssuer },
      });
      live.issuer = ok(issuer as unknown as KubeObject);
    } catch (e) {
      const code = (e as { code?: number }).code;
      live.issuer =
        code === 404
          ? ok(null)
          : failed(
              `reading ClusterIssuer ${
                settings.productionIssuer
              }: ${describeKubeError(e)}`,
            );
    }
  }
  if (settings.vault) {
    const fetchImpl = deps.fetch ?? fetch;
    const { baseUrl, token } = settings.vault;
    try {
      const health = await vaultGet(
        baseUrl,
        'sys/health',
        undefined,
        fetchImpl,
      );
      live.vaultHealth = HEALTH_CODES.has(health.status)
        ? ok<VaultHealth>({
            code: health.status,
            initialized: health.json?.initialized,
            sealed: health.json?.sealed,
            standby: health.json?.standby,
            version: health.json?.version,
          })
        : failed(vaultError('GET sys/health', health.status, health.json));
    } catch (e) {
      live.vaultHealth = failed(
        `Vault ${baseUrl} unreachable: ${(e as Error).message}`,
      );
    }
    const path = `${segments(settings.kvMount)}/metadata/${segments(
      secretsPath,
    )}?list=true`;
    try {
      const listing = await vaultGet(baseUrl, path, token, fetchImpl);
      if (listing.status === 404) live.kvKeys = ok([]);
      else if (listing.status === 200)
        live.kvKeys = ok((listing.json?.data?.keys ?? []).map(String));
      else
        live.kvKeys = failed(
          vaultError(`LIST ${path}`, listing.status, listing.json),
        );
    } catch (e) {
      live.kvKeys = failed(
        `Vault ${baseUrl} unreachable: ${(e as Error).message}`,
      );
    }
  }
  return live;
}
