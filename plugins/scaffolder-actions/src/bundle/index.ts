import type { OnboardingSpec } from '../input';
import type { OnboardingSettings } from '../settings';
import { catalogAnnotations, podAnnotations } from './annotations';
import {
  certificateManifest,
  ingressManifest,
  ingressTls,
} from './certificate';
import { defaultDenyManifest, servicePolicyManifest } from './networkPolicy';
import { serviceAccountManifest } from './serviceAccount';
import type { Manifest, VaultPiece } from './types';
import { vaultPiece } from './vault';

export * from './types';
export * from './labels';
export * from './annotations';
export * from './certificate';
export * from './networkPolicy';
export * from './serviceAccount';
export * from './vault';

/** The pieces an action can generate; `readiness:onboard` takes all of them. */
export type Piece =
  | 'service-account'
  | 'vault'
  | 'network-policy'
  | 'certificate';

export const ALL_PIECES: readonly Piece[] = [
  'service-account',
  'vault',
  'network-policy',
  'certificate',
];

/** Everything generated for one service. Pure data: the actions write or apply it. */
export interface Bundle {
  spec: OnboardingSpec;
  pieces: Piece[];
  /** In apply order: the service's own policy before the namespace-wide deny, so nothing of it is cut off. */
  manifests: Manifest[];
  vault?: VaultPiece;
  podAnnotations: Record<string, string>;
  catalogAnnotations: Record<string, string>;
  ingressTls?: { hosts: string[]; secretName: string };
}

export function buildBundle(
  spec: OnboardingSpec,
  settings: OnboardingSettings,
  pieces: readonly Piece[] = ALL_PIECES,
): Bundle {
  const has = (p: Piece) => pieces.includes(p);
  const manifests: Manifest[] = [];
  if (has('service-account')) manifests.push(serviceAccountManifest(spec));
  if (has('network-policy')) {
    manifests.push(
      servicePolicyManifest(spec, settings),
      defaultDenyManifest(spec),
    );
  }
  const tls = has('certificate') && spec.hosts.length > 0;
  if (tls)
    manifests.push(
      certificateManifest(spec, settings),
      ingressManifest(spec, settings),
    );
  return {
    spec,
    pieces: [...pieces],
    manifests,
    vault: has('vault') ? vaultPiece(spec, settings) : undefined,
    podAnnotations: has('vault') ? podAnnotations(spec, settings) : {},
    catalogAnnotations: catalogAnnotations(spec),
    ingressTls: tls ? ingressTls(spec) : undefined,
  };
}
