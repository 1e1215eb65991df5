import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** One request as it reached the stand-in (the token is recorded so tests can assert on it). */
export interface RecordedRequest {
  method: string;
  /** The path without the query, e.g. `/v1/auth/kubernetes/role`. */
  path: string;
  /** The path with its query, e.g. `/v1/auth/kubernetes/role?list=true`. */
  url: string;
  token?: string;
  body?: any;
}

/** A failure injected for a method and path: answered with Vault's `{"errors": [...]}` body. */
export interface InjectedFailure {
  method: string;
  /** The path without the query, e.g. `/v1/sys/policies/acl`. */
  path: string;
  status: number;
  errors: string[];
  /** Answer only the next matching request (default) or every one. */
  always?: boolean;
}

/** What a test can change while the stand-in runs. */
export interface VaultStandInState {
  token: string;
  initialized: boolean;
  sealed: boolean;
  /** A performance or plain standby answers sys/health with its standby code. */
  standby: boolean;
  /** Answers every authenticated path with 403 permission denied, as for a revoked token. */
  rejectToken: boolean;
  /** Delays every answer, as a slow or distant Vault does. */
  delayMs: number;
}

export interface VaultStandInOptions extends Partial<VaultStandInState> {
  /** Mount of the Kubernetes auth method (default `kubernetes`). */
  authMount?: string;
  /** Mount of the KV v2 engine (default `secret`). */
  kvMount?: string;
  /** Kubernetes auth roles by name, stored as Vault returns them on read. */
  roles?: Record<string, Record<string, unknown>>;
  /** ACL policies by name, as HCL text. */
  policies?: Record<string, string>;
  /** KV v2 secrets: path under the mount → key → value. */
  secrets?: Record<string, Record<string, string>>;
  /** Kubernetes auth logins accepted: role → the service account JWT it takes. */
  logins?: Record<string, { jwt: string; clientToken: string }>;
}

/** Vault's built-in `default` policy, as a fresh server stores it (abridged to its self paths). */
const DEFAULT_POLICY = `path "auth/token/lookup-self" {
    capabilities = ["read"]
}

path "auth/token/renew-self" {
    capabilities = ["update"]
}

path "auth/token/revoke-self" {
    capabilities = ["update"]
}

path "sys/capabilities-self" {
    capabilities = ["update"]
}
`;

/** The fields Vault adds to a Kubernetes auth role when it stores one (Vault 1.15). */
const ROLE_DEFAULTS = {
  alias_name_source: 'serviceaccount_uid',
  audience: '',
  bound_service_account_namespace_selector: '',
  token_bound_cidrs: [],
  token_explicit_max_ttl: 0,
  token_max_ttl: 0,
  token_no_default_policy: false,
  token_num_uses: 0,
  token_period: 0,
  token_policies: [],
  token_ttl: 0,
  token_type: 'default',
};

const int = (v: string | null, fallback: number) =>
  v !== null && /^\d+$/.test(v) ? Number(v) : fallback;

/**
 * A stand-in for Vault's HTTP API with Vault's real paths, status codes and `{"errors": [...]}`
 * bodies: `sys/health` (with its query codes), Kubernetes auth login and roles (read, list,
 * write with Vault's validation and defaults), ACL policies (read, list, write), and KV v2
 * metadata and data. Listing is `GET ?list=true`, which Vault documents as equivalent to its LIST
 * verb (Node's HTTP parser refuses the LIST verb itself with 400, so clients here use the query);
 * an empty listing is `404 {"errors": []}`, as Vault answers. KV data holds real-looking values so a test can prove
 * a client never asks for them. Every request is recorded.
 */
export class VaultStandIn {
  readonly state: VaultStandInState;
  readonly authMount: string;
  readonly kvMount: string;
  /** Roles by `<auth mount>/<name>`. */
  readonly roles = new Map<string, Record<string, unknown>>();
  readonly policies = new Map<string, string>();
  readonly secrets = new Map<string, Record<string, string>>();
  readonly logins = new Map<string, { jwt: string; clientToken: string }>();
  readonly requests: RecordedRequest[] = [];
  failures: InjectedFailure[] = [];
  private server?: http.Server | https.Server;

  /** `new VaultStandIn('s.token')` or `new VaultStandIn({ token, roles, policies, secrets, … })`. */
  constructor(options: VaultStandInOptions | string = {}) {
    const o = typeof options === 'string' ? { token: options } : options;
    this.state = {
      token: o.token ?? 's.test-token',
      initialized: o.initialized ?? true,
      sealed: o.sealed ?? false,
      standby: o.standby ?? false,
      rejectToken: o.rejectToken ?? false,
      delayMs: o.delayMs ?? 0,
    };
    this.authMount = o.authMount ?? 'kubernetes';
    this.kvMount = o.kvMount ?? 'secret';
    for (const [name, role] of Object.entries(o.roles ?? {}))
      this.roles.set(`${this.authMount}/${name}`, role);
    for (const [name, text] of Object.entries(o.policies ?? {}))
      this.policies.set(name, text);
    for (const [path, data] of Object.entries(o.secrets ?? {}))
      this.secrets.set(path, data);
    for (const [role, login] of Object.entries(o.logins ?? {}))
      this.logins.set(role, login);
  }

  /** The token the stand-in accepts. */
  get token(): string {
    return this.state.token;
  }

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    const scheme = this.server instanceof https.Server ? 'https' : 'http';
    return `${scheme}://127.0.0.1:${port}`;
  }

  /** Alias of `baseUrl`. */
  get url(): string {
    return this.baseUrl;
  }

  /** Requests as `METHOD /v1/path?query` lines. */
  get requestLines(): string[] {
    return this.requests.map(r => `${r.method} ${r.url}`);
  }

  /** Requests that change something (anything but GET and LIST). */
  get writes(): RecordedRequest[] {
    return this.requests.filter(r => r.method !== 'GET' && r.method !== 'LIST');
  }

  /** Answers `method path` with `status` and `{"errors": errors}` (next request, or always). */
  fail(
    method: string,
    path: string,
    status: number,
    errors: string[],
    options: { always?: boolean } = {},
  ): this {
    this.failures.push({ method, path, status, errors, ...options });
    return this;
  }

  /** Listens on 127.0.0.1 on a free port; over TLS when given a certificate and key. */
  async start(
    options: { tls?: { cert: string; key: string } } = {},
  ): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      let raw = '';
      req.on('data', chunk => (raw += chunk));
      req.on('end', () => {
        const answer = () => this.answer(req, raw, res);
        if (this.state.delayMs) setTimeout(answer, this.state.delayMs);
        else answer();
      });
    };
    this.server = options.tls
      ? https.createServer(options.tls, handler)
      : http.createServer(handler);
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>(resolve => server.close(() => resolve()));
  }

  private answer(
    req: http.IncomingMessage,
    raw: string,
    res: http.ServerResponse,
  ) {
    const url = new URL(req.url ?? '/', 'http://vault');
    const token = req.headers['x-vault-token'] as string | undefined;
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const list =
      req.method === 'LIST' ||
      (req.method === 'GET' && url.searchParams.get('list') === 'true');
    const method = req.method === 'LIST' ? 'LIST' : req.method ?? 'GET';
    this.requests.push({
      method,
      path: url.pathname,
      url: `${url.pathname}${url.search}`,
      token,
      body,
    });
    const send = (status: number, json?: unknown) => {
      res.writeHead(
        status,
        json === undefined ? {} : { 'Content-Type': 'application/json' },
      );
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };
    const errors = (status: number, ...messages: string[]) =>
      send(status, { errors: messages });

    const failure = this.failures.findIndex(
      f =>
        (f.method === method ||
          (f.method === 'GET' && method === 'LIST') ||
          (f.method === 'LIST' && list)) &&
        f.path === url.pathname,
    );
    if (failure >= 0) {
      const f = this.failures[failure];
      if (!f.always) this.failures.splice(failure, 1);
      return errors(f.status, ...f.errors);
    }

    const path = url.pathname.replace(/^\/v1\//, '');
    if (path === 'sys/health') return this.health(url, send);
    if (!this.state.initialized) return errors(503, 'Vault is not initialized');
    if (this.state.sealed) return errors(503, 'Vault is sealed');

    const login = new RegExp(`^auth/${this.authMount}/login$`).exec(path);
    if (login && method === 'POST') {
      const expected = this.logins.get(String(body?.role ?? ''));
      if (!expected) return errors(400, `invalid role name "${body?.role}"`);
      if (body?.jwt !== expected.jwt) return errors(403, 'permission denied');
      return send(200, {
        auth: {
          client_token: expected.clientToken,
          accessor: 'stand-in-accessor',
          policies: ['default'],
          lease_duration: 3600,
          renewable: true,
        },
      });
    }

    // The configured token, or one a Kubernetes auth login issued.
    const issued = [...this.logins.values()].some(l => l.clientToken === token);
    if (this.state.rejectToken || (token !== this.state.token && !issued))
      return errors(403, 'permission denied');

    const keys = (names: string[]) =>
      names.length ? send(200, { data: { keys: names } }) : errors(404);

    let m = /^auth\/([^/]+)\/role(?:\/([^/]+))?$/.exec(path);
    if (m) {
      const [, mount, encoded] = m;
      if (mount !== this.authMount)
        return errors(
          404,
          `no handler for route "${path}". route entry not found.`,
        );
      if (!encoded) {
        if (!list) return errors(405);
        return keys(
          [...this.roles.keys()]
            .filter(k => k.startsWith(`${mount}/`))
            .map(k => k.slice(mount.length + 1)),
        );
      }
      const key = `${mount}/${decodeURIComponent(encoded)}`;
      if (method === 'GET') {
        const role = this.roles.get(key);
        return role ? send(200, { data: role }) : errors(404);
      }
      if (method === 'POST' || method === 'PUT') {
        const names = body?.bound_service_account_names;
        if (!names || (Array.isArray(names) && names.length === 0))
          return errors(400, '"bound_service_account_names" can not be empty');
        const namespaces = body?.bound_service_account_namespaces;
        if (
          (!namespaces ||
            (Array.isArray(namespaces) && namespaces.length === 0)) &&
          !body?.bound_service_account_namespace_selector
        ) {
          return errors(
            400,
            '"bound_service_account_namespaces" can not be empty if "bound_service_account_namespace_selector" is not set',
          );
        }
        const stored = {
          ...ROLE_DEFAULTS,
          ...(this.roles.get(key) ?? {}),
          ...body,
        };
        // Vault also returns the pre-1.2 names of the token fields.
        this.roles.set(key, {
          ...stored,
          policies: stored.token_policies,
          ttl: stored.token_ttl,
          max_ttl: stored.token_max_ttl,
        });
        return send(204);
      }
      if (method === 'DELETE') {
        this.roles.delete(key);
        return send(204);
      }
    }

    m = /^sys\/policies\/acl(?:\/([^/]+))?$/.exec(path);
    if (m) {
      if (!m[1]) {
        if (!list) return errors(405);
        const names = [...this.policies.keys()].filter(
          n => n !== 'default' && n !== 'root',
        );
        return keys(['default', ...names.sort(), 'root']);
      }
      const name = decodeURIComponent(m[1]);
      if (method === 'GET') {
        const text =
          name === 'default'
            ? this.policies.get(name) ?? DEFAULT_POLICY
            : this.policies.get(name);
        return text === undefined
          ? errors(404)
          : send(200, { data: { name, policy: text }, name, policy: text });
      }
      if (method === 'PUT' || method === 'POST') {
        if (name === 'root') return errors(400, 'cannot update "root" policy');
        if (!body?.policy)
          return errors(400, "'policy' parameter not supplied or empty");
        this.policies.set(name, String(body.policy));
        return send(204);
      }
    }

    m = new RegExp(`^${this.kvMount}/(metadata|data)/(.*)$`).exec(path);
    if (m) {
      const sub = m[2].replace(/\/+$/, '');
      if (m[1] === 'metadata' && list) {
        const prefix = sub ? `${sub}/` : '';
        const found = new Set<string>();
        for (const p of this.secrets.keys()) {
          if (p.startsWith(prefix))
            found.add(p.slice(prefix.length).replace(/\/.*$/, '/'));
        }
        return keys([...found].sort());
      }
      const secret = this.secrets.get(sub);
      if (!secret) return errors(404);
      return m[1] === 'data'
        ? send(200, {
            data: { data: secret, metadata: { version: 1, destroyed: false } },
          })
        : send(200, {
            data: {
              current_version: 1,
              max_versions: 0,
              versions: { 1: { destroyed: false } },
            },
          });
    }

    return errors(
      404,
      `no handler for route "${path}". route entry not found.`,
    );
  }

  private health(url: URL, send: (status: number, json?: unknown) => void) {
    const q = url.searchParams;
    const { initialized, sealed, standby } = this.state;
    let code: number;
    if (!initialized) code = int(q.get('uninitcode'), 501);
    else if (sealed) code = int(q.get('sealedcode'), 503);
    else if (standby && q.get('standbyok') !== 'true')
      code = int(q.get('standbycode'), 429);
    else code = int(q.get('activecode'), 200);
    send(code, {
      initialized,
      sealed,
      standby,
      performance_standby: false,
      replication_performance_mode: 'disabled',
      replication_dr_mode: 'disabled',
      server_time_utc: Math.floor(Date.now() / 1000),
      version: '1.15.6',
      cluster_name: 'vault-cluster-254carbon',
    });
  }
}
