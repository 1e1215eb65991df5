import type { Entity } from '@backstage/catalog-model';
import type { CheckResult, ServiceReadiness } from '@254carbon/plugin-readiness-common';
import { KubeEnv, KubeRest, applyOrder } from '../kube/KubeRest';

// The benchmark's generator: the same realistic service objects the scale benchmark loads.
// The benchmark's generator lives in bench/, a repository tool outside the workspaces.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const generator = require('../../../bench/generate.mjs');

export const ANNOTATION_CLUSTER = 'readiness.254carbon.io/cluster';

export const serviceName: (i: number) => string = generator.serviceName;
export const namespaceOf: (i: number) => string = generator.namespaceOf;
/** The Kubernetes objects of service i as the generator makes them. */
export const serviceObjectsOf = (i: number, now = Date.now()): any[] => generator.serviceObjects(i, 1, now).objects;

/**
 * Loads services [from, to) (and the platform components) into one real API server. Suites use
 * disjoint ranges, so they can share the API server with each other and with other suites.
 */
export async function loadServices(env: KubeEnv, from: number, to: number, now = Date.now()) {
  const rest = new KubeRest(env);
  const [{ objects }] = generator.generateRange(from, to, 1, now);
  const all = applyOrder([...generator.platformObjects(0, now), ...objects]);
  const waves = [all.filter((o: any) => !o.metadata.namespace), all.filter((o: any) => o.metadata.namespace)];
  for (const wave of waves) {
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < wave.length) await rest.put(wave[next++]);
      }),
    );
  }
  return rest;
}

/** The catalog Component of service i, pinned to a cluster so a fault elsewhere cannot touch it. */
export function serviceEntity(i: number, cluster?: string, extra: Record<string, string> = {}): Entity {
  const entity = generator.serviceEntity(i) as Entity;
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    ...(cluster ? { [ANNOTATION_CLUSTER]: cluster } : {}),
    ...extra,
  };
  return entity;
}

export async function getJson(url: string, authorization?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { headers: authorization ? { authorization } : {} });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, body };
}

export const byCheck = (result: { checks: CheckResult[] }) =>
  Object.fromEntries(result.checks.map(c => [c.checkId, c]));

export const statuses = (result: ServiceReadiness | { checks: CheckResult[] }) =>
  Object.fromEntries(result.checks.map(c => [c.checkId, c.status]));

/** Statuses of every check except the listed ones. */
export function statusesExcept(result: { checks: CheckResult[] }, except: string[]) {
  return Object.fromEntries(result.checks.filter(c => !except.includes(c.checkId)).map(c => [c.checkId, c.status]));
}

/** The checks of a result that read Kubernetes (those a broken cluster must turn unknown). */
export const unknownChecks = (result: { checks: CheckResult[] }) =>
  result.checks.filter(c => c.status === 'unknown').map(c => c.checkId);
