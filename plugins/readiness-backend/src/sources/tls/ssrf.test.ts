import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory, SchedulerServiceTaskFunction } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as net from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { readinessPlugin } from '../../plugin';

jest.setTimeout(60_000);

// The service's own objects: an Ingress for web.example.test and a Certificate that also names
// api.example.test.
const MANIFESTS = `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop, labels: { backstage.io/kubernetes-id: web } }
spec:
  tls: [{ hosts: [web.example.test], secretName: web-tls }]
  rules: [{ host: web.example.test }]
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: web, namespace: shop, labels: { backstage.io/kubernetes-id: web } }
spec: { secretName: web-tls, dnsNames: [web.example.test, api.example.test] }
`;

/** A TCP listener counting the connections it receives: the "internal service" being scanned. */
async function listener() {
  let connections = 0;
  const server = net.createServer(socket => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  return {
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    connections: () => connections,
    close: () => new Promise(done => server.close(done)),
  };
}

describe('TLS probing cannot be pointed at arbitrary hosts (SSRF)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-ssrf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('connects only to the service’s own and allowed hosts, and reports the others as entity errors', async () => {
    mkdirSync(join(dir, 'main'), { recursive: true });
    writeFileSync(join(dir, 'main', 'web.yaml'), MANIFESTS);
    const targets = {
      own: await listener(),
      allowed: await listener(),
      internal: await listener(),
      wrongPort: await listener(),
    };
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'web',
        namespace: 'default',
        annotations: {
          'backstage.io/kubernetes-id': 'web',
          'readiness.254carbon.io/public-hosts':
            'api.example.test, status.partner.test, internal-db.corp:5432, 10.1.2.3, web.example.test:2222',
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'group:default/web' },
    };
    let sweep: SchedulerServiceTaskFunction | undefined;
    const { server } = await startTestBackend({
      features: [
        readinessPlugin,
        mockServices.rootConfig.factory({
          data: {
            readiness: {
              sources: {
                manifests: { directory: dir },
                tls: {
                  enabled: true,
                  timeoutMs: 1000,
                  allowedHosts: ['*.partner.test'],
                  // Every name resolves to a local listener, so a connection attempt is counted
                  // instead of leaving the machine.
                  resolve: {
                    'api.example.test': targets.own.address,
                    'status.partner.test': targets.allowed.address,
                    'internal-db.corp': targets.internal.address,
                    '10.1.2.3': targets.internal.address,
                    'web.example.test': targets.wrongPort.address,
                  },
                },
              },
            },
          },
        }),
        mockServices.scheduler.mock({
          scheduleTask: jest.fn(async task => {
            sweep = task.fn as SchedulerServiceTaskFunction;
          }),
        }).factory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalogServiceMock({ entities: [entity] }),
        }),
      ],
    });
    try {
      await sweep!(new AbortController().signal);
      expect(targets.own.connections()).toBeGreaterThan(0);
      expect(targets.allowed.connections()).toBeGreaterThan(0);
      expect(targets.internal.connections()).toBe(0);
      expect(targets.wrongPort.connections()).toBe(0);

      const res = await request(server)
        .get('/api/readiness/entities/default/component/web')
        .set('Authorization', mockCredentials.user.header())
        .expect(200);
      expect(res.body.entityErrors).toEqual(
        expect.arrayContaining([
          expect.stringContaining('internal-db.corp is neither a host of the service\'s own Ingress or Certificate objects nor allowed by readiness.sources.tls.allowedHosts'),
          expect.stringContaining('10.1.2.3 is neither'),
          expect.stringContaining('port 2222 of web.example.test is not allowed (only 443 unless listed in readiness.sources.tls.allowedPorts)'),
        ]),
      );
      const live = res.body.checks.find((c: { checkId: string }) => c.checkId === 'SEC-TLS-LIVE');
      const evidence = live.evidence.join('\n');
      // Only the probed hosts are judged, and an unreachable one reads the same however it failed.
      expect(evidence).not.toContain('internal-db.corp');
      expect(evidence).toContain('no TLS handshake with api.example.test:443');
      expect(evidence).not.toMatch(/ECONNREFUSED|ECONNRESET|timed out|ETIMEDOUT|EHOSTUNREACH/);
    } finally {
      await Promise.all(Object.values(targets).map(t => t.close()));
    }
  });
});
