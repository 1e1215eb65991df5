import {
  crd,
  deployment,
  pdb,
  schedule,
  serviceMonitor,
} from '../testing/builders';
import { snapshotFromObjects } from './snapshotFromObjects';

const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'doris-db', namespace: 'data-platform' },
  data: { password: 'c3VwZXJzZWNyZXQ=' },
};

describe('snapshotFromObjects', () => {
  it('groups objects by kind, with core kinds read-and-empty by default', () => {
    const snap = snapshotFromObjects('prod', [deployment('doris')], {
      fetchedAt: '2026-11-26T12:00:00Z',
    });
    expect(snap.cluster).toBe('prod');
    expect(snap.fetchedAt).toBe('2026-11-26T12:00:00Z');
    expect(snap.kinds.deployments).toMatchObject({
      state: 'ok',
      value: [{ metadata: { name: 'doris' } }],
    });
    expect(snap.kinds.pods).toEqual({ state: 'ok', value: [] });
  });

  it('drops Secrets whatever they hold', () => {
    const snap = snapshotFromObjects('prod', [
      secret,
      { apiVersion: 'v1', kind: 'List', items: [secret] },
    ]);
    expect(JSON.stringify(snap)).not.toContain('c3VwZXJzZWNyZXQ=');
    expect(JSON.stringify(snap)).not.toContain('doris-db');
  });

  it('copies objects unless the caller owns them, then sanitises them in place', () => {
    const copied = deployment('doris');
    const value = (snap: ReturnType<typeof snapshotFromObjects>) =>
      (snap.kinds.deployments as { value: unknown[] }).value[0];
    expect(value(snapshotFromObjects('prod', [copied]))).not.toBe(copied);
    const owned = deployment('doris');
    const objects = [owned];
    expect(value(snapshotFromObjects('prod', objects, { owned: true }))).toBe(owned);
    expect(objects).toEqual([owned]);
    // Secrets are dropped whether owned or not.
    const snap = snapshotFromObjects('prod', [structuredClone(secret)], { owned: true });
    expect(JSON.stringify(snap)).not.toContain('c3VwZXJzZWNyZXQ=');
  });

  it('flattens List documents (kubectl get -o yaml)', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        deployment('a'),
        {
          apiVersion: 'apps/v1',
          kind: 'DeploymentList',
          items: [deployment('b')],
        },
      ],
    };
    const snap = snapshotFromObjects('prod', [list]);
    expect(
      snap.kinds.deployments.state === 'ok' &&
        snap.kinds.deployments.value.map(d => d.metadata.name),
    ).toEqual(['a', 'b']);
  });

  it('reads policy/v1 and policy/v1beta1 PDBs into one kind', () => {
    const snap = snapshotFromObjects('prod', [
      pdb('a'),
      pdb('b', { apiVersion: 'policy/v1beta1' }),
    ]);
    expect(
      snap.kinds.poddisruptionbudgets.state === 'ok' &&
        snap.kinds.poddisruptionbudgets.value,
    ).toHaveLength(2);
  });

  it('marks CRD-backed kinds absent unless their CRD or objects are present', () => {
    const bare = snapshotFromObjects('prod', []);
    expect(bare.kinds.schedules).toEqual({
      state: 'absent',
      reason: 'schedules.velero.io is not installed (no velero.io/v1 API)',
    });
    expect(bare.kinds.certificates.state).toBe('absent');

    const withCrd = snapshotFromObjects('prod', [
      crd('velero.io', 'schedules', 'Schedule'),
    ]);
    expect(withCrd.kinds.schedules).toEqual({ state: 'ok', value: [] });
    expect(withCrd.kinds.backups.state).toBe('absent');

    const named = snapshotFromObjects('prod', [], {
      installedCrds: ['monitoring.coreos.com', 'backups.velero.io'],
    });
    expect(named.kinds.servicemonitors.state).toBe('ok');
    expect(named.kinds.prometheusrules.state).toBe('ok');
    expect(named.kinds.backups.state).toBe('ok');

    const byObjects = snapshotFromObjects('prod', [
      schedule('hourly'),
      serviceMonitor('doris'),
    ]);
    expect(byObjects.kinds.schedules.state).toBe('ok');
    expect(byObjects.kinds.servicemonitors.state).toBe('ok');
  });

  it('ignores kinds it does not read and documents without apiVersion/kind', () => {
    const snap = snapshotFromObjects('prod', [
      {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: [],
      },
      { replicaCount: 3 },
      null,
      'text',
    ]);
    expect(
      Object.values(snap.kinds).every(
        k => k.state !== 'ok' || k.value.length === 0,
      ),
    ).toBe(true);
  });

  it('does not confuse kinds of the same name in another group', () => {
    const knative = {
      apiVersion: 'serving.knative.dev/v1',
      kind: 'Service',
      metadata: { name: 'doris', namespace: 'x' },
    };
    const snap = snapshotFromObjects('prod', [knative]);
    expect(snap.kinds.services).toEqual({ state: 'ok', value: [] });
  });

  it('throws a clear error for an object without metadata.name', () => {
    expect(() =>
      snapshotFromObjects('prod', [
        deployment('a'),
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: {} },
      ]),
    ).toThrow(
      'Deployment #2 (apps/v1) has no metadata.name; every Kubernetes object needs one',
    );
  });
});
