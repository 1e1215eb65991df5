import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import {
  DEFAULT_PLATFORM,
  DEFAULT_THRESHOLDS,
  PlatformSettings,
  Thresholds,
  VaultSnapshot,
} from '@254carbon/plugin-readiness-node';

/** The repository root, from this file's location (test/src/demo). */
export const ROOT = path.resolve(__dirname, '../../..');
export const DEMO_PLATFORM_DIR = path.join(ROOT, 'demo/platform');
export const DEMO_VAULT_SNAPSHOT = path.join(ROOT, 'demo/vault-snapshot.json');

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

export interface ExpectedCheck {
  status: string;
  blockedBy?: string;
  exempt?: boolean;
}

/** demo/expected-results.json: what the demo must measure, derived by hand from the check catalog. */
export const expected: {
  now: string;
  platform: Record<string, ExpectedCheck>;
  services: Record<string, Record<string, ExpectedCheck>>;
  expectedScores: { services: Record<string, Record<string, number | null>> };
} = JSON.parse(read('demo/expected-results.json'));

export const demoVault = (): VaultSnapshot => JSON.parse(read('demo/vault-snapshot.json'));

/** The demo's own readiness settings from app-config.yaml: 254Carbon's registry, issuer, namespaces. */
export function demoReadinessConfig(): { thresholds: JsonObject; platform: JsonObject } {
  const appConfig = parseAllDocuments(read('app-config.yaml'))[0].toJS();
  return { thresholds: appConfig.readiness.thresholds ?? {}, platform: appConfig.readiness.platform ?? {} };
}

/** The engine's defaults overridden by the demo's app-config, as the backend merges them. */
export function demoSettings(): { thresholds: Thresholds; platform: PlatformSettings } {
  const config = demoReadinessConfig();
  const thresholds = config.thresholds as Partial<Thresholds>;
  const platform = config.platform as Partial<PlatformSettings>;
  return {
    thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds },
    platform: {
      ...DEFAULT_PLATFORM,
      ...platform,
      monitoring: { ...DEFAULT_PLATFORM.monitoring, ...platform.monitoring },
    },
  };
}

/** The nine demo services as catalog entities (examples/254carbon/components.yaml). */
export const demoComponents = (): Entity[] =>
  parseAllDocuments(read('examples/254carbon/components.yaml'))
    .map(d => d.toJS())
    .filter(e => e?.kind === 'Component');

/** Every Kubernetes object of the demo cluster, parsed from its manifests. */
export function demoObjects(): any[] {
  const dir = path.join(DEMO_PLATFORM_DIR, '254carbon-prod');
  return fs
    .readdirSync(dir)
    .filter(f => /\.ya?ml$/.test(f))
    .sort()
    .flatMap(f => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d => d.toJS()))
    .filter(Boolean);
}
