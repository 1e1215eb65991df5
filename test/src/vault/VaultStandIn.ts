import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Vault's HTTP API (Vault itself is not installable here): the endpoints the
 * readiness backend reads, with Vault's real paths, status codes and `{"errors": [...]}` bodies.
 * KV v2 `data/` is served too, holding real-looking secret values, so a test can prove the backend
 * never asks for it and that no value leaks. Every request path is recorded.
 */
export interface VaultStandInState {
  token: string;
  sealed: boolean;
  /** Answers every authenticated path with 403 permission denied, as for a revoked token. */
  rejectToken?: boolean;
  /** Delays every answer, as a slow or distant Vault does. */
  delayMs?: number;
  roles: Record<string, Record<string, unknown>>;
  policies: Record<string, string>;
  /** KV v2 secrets: path under the mount → key → value. */
  secrets: Record<string, Record<string, string>>;
}

export class VaultStandIn {
  readonly requests: string[] = [];
  private server?: http.Server;

  constructor(readonly state: VaultStandInState) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>(done => this.server!.listen(0, '127.0.0.1', done));
    return this;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise(done => this.server?.close(done));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (this.state.delayMs) {
      setTimeout(() => this.answer(req, res), this.state.delayMs);
    } else {
      this.answer(req, res);
    }
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://vault');
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const errors = (status: number, ...messages: string[]) => send(status, { errors: messages });
    const path = url.pathname.replace(/^\/v1\//, '');
    const list = url.searchParams.get('list') === 'true';

    if (path === 'sys/health') {
      const body = {
        initialized: true,
        sealed: this.state.sealed,
        standby: false,
        performance_standby: false,
        replication_performance_mode: 'disabled',
        replication_dr_mode: 'disabled',
        server_time_utc: Math.floor(Date.now() / 1000),
        version: '1.15.4',
        cluster_name: 'vault-cluster-254carbon',
      };
      return send(this.state.sealed ? Number(url.searchParams.get('sealedcode') ?? 503) : 200, body);
    }
    if (this.state.sealed) return errors(503, 'Vault is sealed');
    if (this.state.rejectToken || req.headers['x-vault-token'] !== this.state.token) {
      return errors(403, 'permission denied');
    }
    const keysOf = (names: string[]) => (names.length ? send(200, { data: { keys: names } }) : errors(404));

    let m = /^auth\/([^/]+)\/role(?:\/([^/]+))?$/.exec(path);
    if (m) {
      if (m[1] !== 'kubernetes') return errors(404, `no handler for route "${path}". route entry not found.`);
      if (!m[2] && list) return keysOf(Object.keys(this.state.roles));
      const role = m[2] && this.state.roles[decodeURIComponent(m[2])];
      return role ? send(200, { data: role }) : errors(404);
    }
    m = /^sys\/policies\/acl(?:\/([^/]+))?$/.exec(path);
    if (m) {
      if (!m[1] && list) return keysOf(['default', 'root', ...Object.keys(this.state.policies)]);
      const name = m[1] && decodeURIComponent(m[1]);
      if (name === 'default') return send(200, { data: { name, policy: 'path "sys/capabilities-self" {\n  capabilities = ["update"]\n}\n' } });
      const policy = name && this.state.policies[name];
      return policy ? send(200, { data: { name, policy } }) : errors(404);
    }
    m = /^secret\/(metadata|data)\/(.*)$/.exec(path);
    if (m) {
      const sub = m[2].replace(/\/+$/, '');
      if (m[1] === 'metadata' && list) {
        const prefix = sub ? `${sub}/` : '';
        const keys = new Set<string>();
        for (const p of Object.keys(this.state.secrets)) {
          if (p.startsWith(prefix)) keys.add(p.slice(prefix.length).replace(/\/.*$/, '/'));
        }
        return keysOf([...keys]);
      }
      const secret = this.state.secrets[sub];
      if (!secret) return errors(404);
      return m[1] === 'data'
        ? send(200, { data: { data: secret, metadata: { version: 1 } } })
        : send(200, { data: { current_version: 1, versions: { 1: { destroyed: false } } } });
    }
    return errors(404, `no handler for route "${path}". route entry not found.`);
  }
}
