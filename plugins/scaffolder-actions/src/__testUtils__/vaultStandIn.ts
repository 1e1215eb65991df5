import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  token?: string;
  body?: any;
}

/**
 * A small stand-in for Vault's HTTP API (no Vault server is available here): the endpoints the
 * onboarding writes, with Vault's paths, status codes and `{"errors": [...]}` bodies. Roles are
 * returned with the defaults Vault adds, as a real read would.
 */
export class VaultStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly policies = new Map<string, string>();
  readonly roles = new Map<string, Record<string, any>>();
  /** Makes the next matching request fail with this status and errors. */
  failures: {
    method: string;
    path: string;
    status: number;
    errors: string[];
  }[] = [];
  private server?: http.Server;

  constructor(readonly token = 's.test-token') {}

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  get writes(): RecordedRequest[] {
    return this.requests.filter(r => r.method !== 'GET');
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>(resolve =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let raw = '';
    req.on('data', chunk => (raw += chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      const method = req.method ?? 'GET';
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      this.requests.push({
        method,
        path,
        token: req.headers['x-vault-token'] as string,
        body,
      });
      const send = (status: number, json?: unknown) => {
        res.writeHead(
          status,
          json === undefined ? {} : { 'Content-Type': 'application/json' },
        );
        res.end(json === undefined ? undefined : JSON.stringify(json));
      };
      if (req.headers['x-vault-token'] !== this.token) {
        send(403, { errors: ['permission denied'] });
        return;
      }
      const failure = this.failures.findIndex(
        f => f.method === method && f.path === path,
      );
      if (failure >= 0) {
        const [f] = this.failures.splice(failure, 1);
        send(f.status, { errors: f.errors });
        return;
      }
      const policy = /^\/v1\/sys\/policies\/acl\/([^/]+)$/.exec(path);
      const role = /^\/v1\/auth\/([^/]+)\/role\/([^/]+)$/.exec(path);
      if (policy) {
        const name = decodeURIComponent(policy[1]);
        if (method === 'GET') {
          const text = this.policies.get(name);
          if (text === undefined) send(404, { errors: [] });
          else
            send(200, {
              request_id: 'r',
              data: { name, policy: text },
              name,
              policy: text,
            });
          return;
        }
        if (method === 'PUT' || method === 'POST') {
          if (!body?.policy) {
            send(400, { errors: ["'policy' parameter not supplied or empty"] });
            return;
          }
          this.policies.set(name, body.policy);
          send(204);
          return;
        }
      }
      if (role) {
        const key = `${role[1]}/${decodeURIComponent(role[2])}`;
        if (method === 'GET') {
          const data = this.roles.get(key);
          if (!data) send(404, { errors: [] });
          else send(200, { request_id: 'r', data });
          return;
        }
        if (method === 'POST' || method === 'PUT') {
          if (!body?.bound_service_account_names?.length) {
            send(400, {
              errors: ['"bound_service_account_names" can not be empty'],
            });
            return;
          }
          this.roles.set(key, {
            alias_name_source: 'serviceaccount_uid',
            bound_service_account_namespace_selector: '',
            token_bound_cidrs: [],
            token_explicit_max_ttl: 0,
            token_no_default_policy: false,
            token_num_uses: 0,
            token_period: 0,
            token_type: 'default',
            audience: '',
            token_ttl: 0,
            token_max_ttl: 0,
            ...body,
            policies: body.token_policies,
            ttl: body.token_ttl,
            max_ttl: body.token_max_ttl,
          });
          send(204);
          return;
        }
      }
      send(404, { errors: [] });
    });
  }
}
