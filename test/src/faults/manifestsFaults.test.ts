import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CheckResult, ServiceReadiness } from '@254carbon/plugin-readiness-common';
import { startReadiness, userAuthorization } from './startReadiness';
import { getJson } from './fixture';

// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const generator = require('../../../bench/generate.mjs');

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../../..');
const VAULT_SNAPSHOT = join(ROOT, 'demo/vault-snapshot.json');
// 20 services: 0..9 in cluster bench-1, 10..19 in bench-2 (a namespace lives in one cluster).
const N = 20;
const serviceName: (i: number) => string = generator.serviceName;
const FIRST = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(serviceName);
const SECOND = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map(serviceName);
const NOW = Date.now();

/** Checks judged from Vault. */
const VAULT_ONLY = ['SEC-VAULT-ROLE', 'SEC-VAULT-POLICY'];

/** A fresh manifests directory holding the two clusters, as a GitOps checkout would. */
function writeFleet(): string {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-manifests-faults-'));
  generator.writePlatform(dir, generator.generatePlatform({ services: N, clusters: 2, now: NOW }));
  return join(dir, 'manifests');
}

const entities = () => Array.from({ length: N }, (_, i) => generator.serviceEntity(i));

async function start(directory: string, vault = VAULT_SNAPSHOT) {
  return startReadiness({
    entities: entities(),
    readiness: { sources: { manifests: { directory }, vault: { snapshotFile: vault } } },
  });
}

type Backend = Awaited<ReturnType<typeof start>>;

async function results(backend: Backend, names: string[]) {
  const out: Record<string, ServiceReadiness> = {};
  for (const name of names) {
    const res = await getJson(`${backend.baseUrl}/entities/default/component/${name}`, userAuthorization());
    expect([name, res.status]).toEqual([name, 200]);
    out[name] = res.body;
  }
  return out;
}

const statusOf = (r: ServiceReadiness) => Object.fromEntries(r.checks.map(c => [c.checkId, c.status]));
const byId = (r: { checks: CheckResult[] }) => Object.fromEntries(r.checks.map(c => [c.checkId, c]));

async function summary(backend: Backend) {
  const res = await getJson(`${backend.baseUrl}/summary`, userAuthorization());
  expect(res.status).toBe(200);
  return res.body;
}

/**
 * Facts a source could not deliver never become pass or fail: every check is `unknown` or has the
 * status it has with all facts (e.g. "no vault.io/secrets-path annotation" is judged from the
 * catalog), and the checks that can only be judged from the cluster are `unknown`.
 */
const CLUSTER_ONLY = ['INF-WORKLOAD', 'INF-POD-ERRORS', 'HA-PDB', 'SEC-NETPOL-DEFAULT-DENY', 'SEC-RBAC', 'DR-BACKUP-SCHEDULE'];

function expectKubernetesUnknown(result: ServiceReadiness, full: ServiceReadiness, reason: RegExp) {
  const before = statusOf(full);
  for (const check of result.checks) {
    if (check.status === 'unknown') continue;
    expect([result.entityRef, check.checkId, check.status]).toEqual([result.entityRef, check.checkId, before[check.checkId]]);
  }
  for (const id of CLUSTER_ONLY) expect([id, byId(result)[id].status]).toEqual([id, 'unknown']);
  expect(byId(result)['INF-WORKLOAD'].error?.message).toMatch(reason);
}

describe('the offline (manifests) source obeys the unknown rule, with real files and the real plugin', () => {
  let baseline: Record<string, ServiceReadiness>;

  beforeAll(async () => {
    const backend = await start(writeFleet());
    try {
      await backend.runSweep();
      baseline = await results(backend, [...FIRST, ...SECOND]);
    } finally {
      await backend.stop();
    }
    const all = Object.values(baseline).flatMap(r => r.checks);
    expect(all.filter(c => c.status === 'unknown')).toEqual([]);
    expect(all.some(c => c.status === 'fail')).toBe(true);
  });

  it('makes only the cluster with an unparsable file unknown, naming file, line and column', async () => {
    const dir = writeFleet();
    const backend = await start(dir);
    try {
      await backend.runSweep(); // the last good sweep places every service
      const file = join(dir, 'bench-2', readdirSync(join(dir, 'bench-2')).find(f => f.startsWith('team-'))!);
      appendFileSync(file, '---\nmetadata:\n  name: [unclosed\n');
      await backend.runSweep();

      const now = await results(backend, [...FIRST, ...SECOND]);
      for (const name of FIRST) expect(statusOf(now[name])).toEqual(statusOf(baseline[name]));
      for (const name of SECOND) {
        expectKubernetesUnknown(now[name], baseline[name], /bench-2\/team-\d+\.yaml:\d+:\d+: invalid YAML: /);
      }
      const body = await summary(backend);
      const error = body.lastSweep.sourceErrors.find((e: any) => e.source === 'manifests:bench-2');
      expect(error.message).toMatch(/^cluster bench-2 could not be read: bench-2\/team-\d+\.yaml:\d+:\d+: invalid YAML: /);
      expect(body.lastSweep.sourceErrors.some((e: any) => e.source === 'manifests:bench-1')).toBe(false);
      expect(backend.logger.lines.some(l => /source manifests:bench-2 unreadable: cluster bench-2 could not be read/.test(l))).toBe(true);

      // The platform checks of bench-2 are unknown too: never "Velero not installed".
      const platform = (await getJson(`${backend.baseUrl}/platform`, userAuthorization())).body;
      const second = platform.clusters.find((c: any) => c.cluster === 'bench-2');
      for (const check of second.checks.filter((c: CheckResult) => c.checkId !== 'PLAT-VAULT')) {
        expect([check.checkId, check.status]).toEqual([check.checkId, 'unknown']);
        expect(check.evidence.join(' ')).not.toMatch(/not installed/);
      }
      const first = platform.clusters.find((c: any) => c.cluster === 'bench-1');
      expect(byId(first)['PLAT-BACKUP'].status).toBe('pass');
      // Vault is another source: it is still read and judged.
      expect(byId(platform)['PLAT-VAULT'].status).toBe('pass');
    } finally {
      await backend.stop();
    }
  });

  it('makes every service unknown, naming the directory, when it is missing or holds no cluster folder', async () => {
    for (const [directory, reason] of [
      [join(tmpdir(), `readiness-no-such-dir-${process.pid}`), /cannot read manifests directory .*ENOENT/],
      [mkdtempSync(join(tmpdir(), 'readiness-empty-')), /holds no cluster folder/],
    ] as const) {
      const backend = await start(directory);
      try {
        await backend.runSweep();
        const now = await results(backend, [FIRST[0], SECOND[0]]);
        for (const [name, result] of Object.entries(now)) expectKubernetesUnknown(result, baseline[name], reason);
        const body = await summary(backend);
        expect(body.lastSweep.status).toBe('succeeded');
        expect(body.lastSweep.sourceErrors.map((e: any) => e.message).join(' ')).toMatch(reason);
      } finally {
        await backend.stop();
      }
    }
  });

  it('makes a cluster folder without any Kubernetes object unreadable, not empty', async () => {
    const dir = writeFleet();
    const backend = await start(dir);
    try {
      await backend.runSweep();
      for (const f of readdirSync(join(dir, 'bench-2'))) rmSync(join(dir, 'bench-2', f));
      writeFileSync(join(dir, 'bench-2', 'README.md'), 'moved to another repository');
      await backend.runSweep();
      const now = await results(backend, [FIRST[0], SECOND[0]]);
      expect(statusOf(now[FIRST[0]])).toEqual(statusOf(baseline[FIRST[0]]));
      expectKubernetesUnknown(now[SECOND[0]], baseline[SECOND[0]], /cluster folder bench-2 holds no Kubernetes objects/);
    } finally {
      await backend.stop();
    }
  });

  it('skips a document that is not a Kubernetes object with a warning naming it, and changes nothing else', async () => {
    const dir = writeFleet();
    writeFileSync(join(dir, 'bench-1', 'values.yaml'), 'replicaCount: 3\nimage: nginx\n');
    const backend = await start(dir);
    try {
      await backend.runSweep();
      const now = await results(backend, [...FIRST, ...SECOND]);
      for (const name of [...FIRST, ...SECOND]) expect(statusOf(now[name])).toEqual(statusOf(baseline[name]));
      const body = await summary(backend);
      expect(body.lastSweep.sourceErrors).toContainEqual({
        source: 'manifests:bench-1',
        message: 'warning: bench-1/values.yaml:1: not a Kubernetes object (no apiVersion and kind); skipped',
      });
    } finally {
      await backend.stop();
    }
  });

  it('makes only the Vault checks unknown when the Vault snapshot file is missing or not JSON', async () => {
    const dir = writeFleet();
    const broken = join(mkdtempSync(join(tmpdir(), 'readiness-vault-')), 'snapshot.json');
    writeFileSync(broken, '{ "health": ');
    for (const vault of [join(tmpdir(), `no-vault-${process.pid}.json`), broken]) {
      const backend = await start(dir, vault);
      try {
        await backend.runSweep();
        const now = await results(backend, [FIRST[0], SECOND[0]]);
        for (const [name, result] of Object.entries(now)) {
          for (const id of VAULT_ONLY) expect([id, byId(result)[id].status]).toEqual([id, 'unknown']);
          const others = (r: ServiceReadiness) =>
            Object.fromEntries(r.checks.filter(c => !c.checkId.includes('VAULT')).map(c => [c.checkId, c.status]));
          expect(others(result)).toEqual(others(baseline[name]));
        }
        const body = await summary(backend);
        expect(body.lastSweep.sourceErrors.some((e: any) => e.source.startsWith('vault:'))).toBe(true);
      } finally {
        await backend.stop();
      }
    }
  });

  it('makes services unknown, not failing, when every live cluster fails at once; other sources still run', async () => {
    const refused = (name: string) => ({
      name,
      url: 'https://127.0.0.1:9', // discard port: connection refused
      authProvider: 'serviceAccount',
      serviceAccountToken: 'unused',
      skipTLSVerify: true,
    });
    const backend = await startReadiness({
      entities: entities().slice(0, 2),
      clusters: [refused('east'), refused('west')],
      readiness: { sources: { vault: { snapshotFile: VAULT_SNAPSHOT }, kubernetes: { timeoutMs: 2000 } } },
    });
    try {
      await backend.runSweep();
      const now = await results(backend, [FIRST[0], FIRST[1]]);
      for (const [name, result] of Object.entries(now)) {
        expectKubernetesUnknown(result, baseline[name], /cluster (east|west)\b/);
      }
      const platform = (await getJson(`${backend.baseUrl}/platform`, userAuthorization())).body;
      expect(byId(platform)['PLAT-VAULT'].status).toBe('pass');
      expect(byId(platform)['PLAT-NODES'].status).toBe('unknown');
      const body = await summary(backend);
      expect(body.lastSweep.sourceErrors.map((e: any) => e.source).sort()).toEqual(['kubernetes:east', 'kubernetes:west']);
    } finally {
      await backend.stop();
    }
  });

  it('keeps the previous results, marked stale, when the whole sweep cannot run', async () => {
    const dir = writeFleet();
    let catalogUp = true;
    const backend = await startReadiness({
      entities: entities(),
      readiness: { sources: { manifests: { directory: dir } } },
      catalog: {
        async *streamEntities() {
          if (!catalogUp) throw new Error('catalog unavailable: connect ECONNREFUSED');
          yield entities();
        },
      },
    });
    try {
      await backend.runSweep();
      const before = await results(backend, [FIRST[0]]);
      catalogUp = false;
      await backend.runSweep();
      const after = await results(backend, [FIRST[0]]);
      expect(after[FIRST[0]].stale).toBe(true);
      expect(after[FIRST[0]].staleReason).toMatch(/catalog unavailable/);
      expect(statusOf(after[FIRST[0]])).toEqual(statusOf(before[FIRST[0]]));
      expect(after[FIRST[0]].measuredAt).toBe(before[FIRST[0]].measuredAt);
    } finally {
      await backend.stop();
    }
  });
});
