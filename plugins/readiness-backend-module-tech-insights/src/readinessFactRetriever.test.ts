import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { scoreResults, ServiceReadiness } from '@254carbon/plugin-readiness-common';
import { createReadinessFactRetriever } from './readinessFactRetriever';

/**
 * A readiness API serving `count` measured services (component:default/svc-0000 ...), with one
 * that disappeared between the listing and its read (404) and one whose read fails (500).
 */
async function fakeReadinessApi(count: number) {
  const refs = Array.from({ length: count }, (_, i) => `component:default/svc-${String(i).padStart(4, '0')}`);
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    requests.push(`${url.pathname}${url.search}`);
    if (!req.headers.authorization?.startsWith('Bearer ')) {
      res.writeHead(401).end();
      return;
    }
    if (url.pathname === '/api/readiness/summary') {
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      const items = refs.slice(offset, offset + limit).map(entityRef => ({ entityRef }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items, totalCount: refs.length, offset, limit }));
      return;
    }
    const m = url.pathname.match(/^\/api\/readiness\/entities\/default\/component\/(svc-\d+)$/);
    if (m && m[1] === 'svc-0007') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { name: 'NotFoundError', message: 'not measured' } }));
      return;
    }
    if (m && m[1] === 'svc-0500') {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { name: 'Error', message: 'database is down' } }));
      return;
    }
    if (m) {
      const checks = [{ checkId: 'HA-REPLICAS', status: 'pass' as const, evidence: [] }];
      const body: ServiceReadiness = {
        entityRef: `component:default/${m[1]}`,
        measuredAt: '2026-11-26T12:00:00.000Z',
        stale: false,
        ...scoreResults(checks),
        checks,
        entityErrors: [],
      };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/readiness`;
  return { server, requests, baseUrl };
}

describe('readiness fact retriever', () => {
  it('lists every measured entity page by page and skips, with a reason, the ones it cannot read', async () => {
    const api = await fakeReadinessApi(1001);
    try {
      const logger = mockServices.logger.mock();
      const facts = await createReadinessFactRetriever().handler({
        config: mockServices.rootConfig(),
        discovery: { getBaseUrl: async () => api.baseUrl, getExternalBaseUrl: async () => api.baseUrl },
        auth: mockServices.auth(),
        logger,
        urlReader: mockServices.urlReader.mock(),
      });
      // Three pages of at most 500, in a stable (name) order.
      expect(api.requests.filter(r => r.startsWith('/api/readiness/summary'))).toEqual([
        '/api/readiness/summary?sort=name&limit=500&offset=0',
        '/api/readiness/summary?sort=name&limit=500&offset=500',
        '/api/readiness/summary?sort=name&limit=500&offset=1000',
      ]);
      expect(facts).toHaveLength(999);
      expect(facts.map(f => f.entity.name)).not.toContain('svc-0007');
      expect(facts.map(f => f.entity.name)).not.toContain('svc-0500');
      expect(facts[0]).toMatchObject({
        entity: { kind: 'component', namespace: 'default', name: 'svc-0000' },
        facts: { 'check:HA-REPLICAS': 'pass', infrastructureScore: 100 },
      });
      expect(logger.info).toHaveBeenCalledWith(
        'No readiness facts for component:default/svc-0007: readiness no longer measures it',
      );
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/^No readiness facts for component:default\/svc-0500: its result could not be read: .*500/),
      );
      expect(logger.info).toHaveBeenCalledWith(
        'Readiness facts for 999 of 1001 measured entities (schema 1.0.0); 999 with absent facts, 1 unreadable',
      );
    } finally {
      api.server.close();
    }
  });
});
