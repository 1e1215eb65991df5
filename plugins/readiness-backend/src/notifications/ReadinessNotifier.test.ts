import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { StoredResults } from '../sweep/SweepObserver';
import type { NotificationStateStore } from './NotificationStateStore';
import { ReadinessNotifier } from './ReadinessNotifier';
import type { SettledStatuses } from './transitions';

/** The state table as a map, so these tests need no database. */
function memoryState() {
  const rows = new Map<string, SettledStatuses>();
  const store = {
    load: async () => new Map(rows),
    save: async (changed: Map<string, SettledStatuses>) => {
      changed.forEach((v, k) => rows.set(k, { ...v }));
    },
    remove: async (subjects: string[]) => {
      subjects.forEach(s => rows.delete(s));
    },
  };
  return { rows, store: store as unknown as NotificationStateStore };
}

const results = (
  status: 'pass' | 'fail',
  evidence: string[] = [],
): StoredResults => ({
  origin: 'sweep',
  measuredAt: new Date('2026-11-28T06:00:00Z'),
  services: [
    {
      entityRef: 'component:default/doris',
      checks: [{ checkId: 'SEC-CERT-EXPIRY', status, evidence }],
      meta: { owner: 'group:default/data', namespaces: ['data'] },
    },
  ],
});

function notifier(send: NotificationService['send'], state = memoryState()) {
  return {
    state,
    notifier: new ReadinessNotifier({
      config: { enabled: true, platformTeam: [] },
      notifications: { send },
      state: state.store,
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'doris', namespace: 'default' },
          },
        ],
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      certFailDays: 7,
    }),
  };
}

describe('ReadinessNotifier', () => {
  it('names the certificate threshold, bounds the evidence and maps critical to critical', async () => {
    const send = jest.fn(async () => {});
    const { notifier: n } = notifier(send);
    await n.onResults(results('pass'));
    const long = `Certificate doris-tls notAfter 2026-12-01, 3 days left ${'x'.repeat(
      400,
    )}`;
    await n.onResults(results('fail', [long, 'b', 'c', 'd', 'e', 'f', 'g']));
    expect(send).toHaveBeenCalledTimes(1);
    const { recipients, payload } = (send.mock.calls[0] as any)[0];
    expect(recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/data'],
    });
    expect(payload.title).toBe(
      'doris: a certificate expires in under 7 days or has expired (SEC-CERT-EXPIRY)',
    );
    expect(payload.severity).toBe('critical');
    expect(payload.scope).toBe(
      'readiness:component:default/doris:SEC-CERT-EXPIRY',
    );
    const lines: string[] = payload.description.split('\n');
    expect(lines[0]).toBe(
      'Certificate expiry (SEC-CERT-EXPIRY, critical) went from pass to fail.',
    );
    expect(lines[1].length).toBeLessThanOrEqual(300);
    expect(lines).toContain('… and 2 more on the readiness page');
  });

  it('keeps the previous status when sending fails, so the next sweep tries again', async () => {
    const send = jest
      .fn<Promise<void>, any[]>()
      .mockRejectedValueOnce(new Error('Request failed with status 503'))
      .mockResolvedValue(undefined);
    const { notifier: n, state } = notifier(send);
    await n.onResults(results('pass'));
    await n.onResults(results('fail'));
    expect(send).toHaveBeenCalledTimes(1);
    expect(state.rows.get('component:default/doris')).toEqual({
      'SEC-CERT-EXPIRY': 'pass',
    });
    await n.onResults(results('fail'));
    expect(send).toHaveBeenCalledTimes(2);
    expect(state.rows.get('component:default/doris')).toEqual({
      'SEC-CERT-EXPIRY': 'fail',
    });
    await n.onResults(results('fail'));
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('does nothing when readiness.notifications.enabled is false', async () => {
    const send = jest.fn(async () => {});
    const state = memoryState();
    const n = new ReadinessNotifier({
      config: { enabled: false, platformTeam: [] },
      notifications: { send },
      state: state.store,
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      certFailDays: 7,
    });
    await n.onResults(results('pass'));
    await n.onResults(results('fail'));
    expect(send).not.toHaveBeenCalled();
    expect(state.rows.size).toBe(0);
  });

  it('forgets a service a sweep no longer measures, but not after a refresh or for the platform', async () => {
    const send = jest.fn(async () => {});
    const { notifier: n, state } = notifier(send);
    state.rows.set('platform', { 'PLAT-NODES': 'pass' });
    state.rows.set('component:default/gone', { 'SEC-CERT-EXPIRY': 'pass' });
    await n.onResults({ ...results('pass'), origin: 'refresh' });
    expect([...state.rows.keys()].sort()).toEqual(['component:default/doris', 'component:default/gone', 'platform']);
    await n.onResults(results('pass'));
    expect([...state.rows.keys()].sort()).toEqual(['component:default/doris', 'platform']);
  });
});
