import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createServiceFactory,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import request from 'supertest';
import { readinessPlugin } from '../plugin';
import { ANNOTATION_NOTIFICATIONS } from './optOut';

jest.setTimeout(60_000);

/*
 * The readiness backend and the real notifications backend in one test backend: the
 * notifier sends through @backstage/plugin-notifications-node over HTTP, the notifications backend
 * resolves groups to their members through the catalog and stores one notification per user,
 * and the test reads each user's inbox through the notifications backend's own API.
 */

const fixtures = resolve(__dirname, '..', '__fixtures__');

const ALICE = 'user:default/alice'; // data team, owns doris
const PAT = 'user:default/pat'; // platform team

const group = (name: string, members: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: members.map(targetRef => ({ type: 'hasMember', targetRef })),
});

const doris = (annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'doris',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': 'doris',
      'backstage.io/kubernetes-namespace': 'data',
      ...annotations,
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/data',
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/data' }],
});

async function start(options: { entities: Entity[] }) {
  const manifests = mkdtempSync(join(tmpdir(), 'readiness-notify-'));
  cpSync(resolve(fixtures, 'manifests'), manifests, { recursive: true });
  const tasks = new Map<string, SchedulerServiceTaskFunction>();
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: jest.fn(async task => {
      tasks.set(task.id, task.fn as SchedulerServiceTaskFunction);
    }),
    // The notifications backend's cleanup task; not run here.
    createScheduledTaskRunner: jest.fn(() => ({
      run: jest.fn(async () => {}),
    })),
  });
  const catalog = catalogServiceMock({
    entities: [
      ...options.entities,
      group('data', [ALICE]),
      group('platform-team', [PAT]),
    ],
  });
  const { server } = await startTestBackend({
    features: [
      readinessPlugin,
      notificationsBackend,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          readiness: {
            sources: {
              manifests: { directory: manifests },
              vault: { snapshotFile: resolve(fixtures, 'vault-snapshot.json') },
            },
            notifications: { platformTeam: 'platform-team' },
          },
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      scheduler.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
    ],
  });

  const sweep = async () => {
    const fn = tasks.get('readiness-sweep');
    if (!fn) throw new Error('the readiness plugin scheduled no sweep');
    await fn(new AbortController().signal);
  };
  /** A user's inbox, as the notifications UI reads it. */
  const inbox = async (user: string) => {
    const res = await request(server)
      .get('/api/notifications/')
      .set('Authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    return res.body.notifications as Array<{
      id: string;
      // Timestamps: ISO strings on PostgreSQL, epoch milliseconds on SQLite.
      read: unknown;
      updated: unknown;
      origin: string;
      payload: {
        title: string;
        description?: string;
        link?: string;
        severity?: string;
        topic?: string;
      };
    }>;
  };
  /** Rewrites a manifest of the cluster folder (a changed size makes the source re-read it). */
  const edit = (file: string, change: (text: string) => string) => {
    const path = join(manifests, 'test-cluster', file);
    writeFileSync(path, change(readFileSync(path, 'utf8')));
  };
  return {
    server,
    sweep,
    inbox,
    edit,
    cleanup: () => rmSync(manifests, { recursive: true, force: true }),
  };
}

/** doris's image moves to :latest: INF-IMAGES (high) turns from pass or warn to fail. */
const toLatestTag = (text: string) =>
  text.replaceAll('doris:2.1.0', 'doris:latest');
/** Both nodes stop being Ready: PLAT-NODES (critical) fails. */
const nodesNotReady = (text: string) =>
  text.replaceAll("status: 'True'", "status: 'False'");

describe('regression notifications through the real notifications backend', () => {
  let env: Awaited<ReturnType<typeof start>> | undefined;
  afterEach(() => env?.cleanup());

  it('records the first sweep silently and notifies nothing while the state holds', async () => {
    env = await start({ entities: [doris()] });
    await env.sweep();
    await env.sweep();
    expect(await env.inbox(ALICE)).toEqual([]);
    expect(await env.inbox(PAT)).toEqual([]);
  });

  it("sends exactly one notification to the owner's members when a check turns to fail, and none while it stays failing", async () => {
    env = await start({ entities: [doris()] });
    await env.sweep();
    env.edit('doris.yaml', toLatestTag);
    await env.sweep();

    const notifications = await env.inbox(ALICE);
    expect(notifications).toHaveLength(1);
    expect(notifications[0].origin).toBe('plugin:readiness');
    expect(notifications[0].payload).toMatchObject({
      title: 'doris fails INF-IMAGES (Trusted, pinned images)',
      link: '/catalog/default/component/doris/readiness',
      severity: 'high',
      topic: 'INF-IMAGES',
    });
    expect(notifications[0].payload.description).toContain('doris:latest');
    // The platform team does not own doris.
    expect(await env.inbox(PAT)).toEqual([]);

    // The failure holds: no second notification.
    await env.sweep();
    await env.sweep();
    expect(await env.inbox(ALICE)).toHaveLength(1);
  });

  it('notifies again after the check recovered, in the same inbox entry (scope), marked unread again', async () => {
    env = await start({ entities: [doris()] });
    await env.sweep();
    env.edit('doris.yaml', toLatestTag);
    await env.sweep();
    const [first] = await env.inbox(ALICE);
    const read = await request(env.server)
      .post('/api/notifications/update')
      .set('Authorization', mockCredentials.user.header(ALICE))
      .send({ ids: [first.id], read: true });
    expect(read.status).toBe(200);

    env.edit('doris.yaml', text =>
      text.replaceAll('doris:latest', 'doris:2.1.0'),
    );
    await env.sweep();
    expect(await env.inbox(ALICE)).toEqual([
      expect.objectContaining({ id: first.id, read: expect.anything() }),
    ]);

    env.edit('doris.yaml', toLatestTag);
    await env.sweep();
    const again = await env.inbox(ALICE);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: first.id, read: null });
    expect(again[0].updated).not.toBeNull();
  });

  it('sends a failing platform check to the platform team only', async () => {
    env = await start({ entities: [doris()] });
    await env.sweep();
    env.edit('platform.yaml', nodesNotReady);
    await env.sweep();

    const notifications = await env.inbox(PAT);
    expect(notifications).toHaveLength(1);
    expect(notifications[0].payload).toMatchObject({
      title: 'Platform fails PLAT-NODES (Cluster nodes)',
      link: '/readiness',
      severity: 'critical',
      topic: 'PLAT-NODES',
    });
    // doris's checks are blocked by the failing platform check, not regressions of doris.
    expect(await env.inbox(ALICE)).toEqual([]);
  });

  it(`sends nothing about an entity annotated ${ANNOTATION_NOTIFICATIONS}: disabled`, async () => {
    env = await start({
      entities: [doris({ [ANNOTATION_NOTIFICATIONS]: 'disabled' })],
    });
    await env.sweep();
    env.edit('doris.yaml', toLatestTag);
    await env.sweep();
    expect(await env.inbox(ALICE)).toEqual([]);
    // The notifier is running in this backend: the platform's own regression still goes out.
    env.edit('platform.yaml', nodesNotReady);
    await env.sweep();
    expect(await env.inbox(PAT)).toHaveLength(1);
  });

  it('notifies a regression found by "Measure now" (refresh) once, and the next sweep does not repeat it', async () => {
    env = await start({ entities: [doris()] });
    await env.sweep();
    env.edit('doris.yaml', toLatestTag);
    const refresh = await request(env.server)
      .post('/api/readiness/entities/default/component/doris/refresh')
      .set('Authorization', mockCredentials.user.header(ALICE));
    expect(refresh.status).toBe(200);
    expect(await env.inbox(ALICE)).toHaveLength(1);
    await env.sweep();
    expect(await env.inbox(ALICE)).toHaveLength(1);
  });
});
