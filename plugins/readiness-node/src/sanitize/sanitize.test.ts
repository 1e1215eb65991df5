import {
  classify,
  isCredentialName,
  isHarmlessValue,
  REDACTED,
  sanitizeObject,
  SECRET_RULES,
} from '.';

// Real-looking secrets; each test asserts none of them survives anywhere in the output.
const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  '-----END RSA PRIVATE KEY-----',
].join('\n');
const PASSWORD = 'Sup3r-S3cret-Pa55';
const AWS_ID = 'AKIAIOSFODNN7EXAMPLE';
const API_KEY = 'sk_live_51HmXyzABCdef0123456789';
const DB_PASS = 'pg-hunter2-prod';

const everySecret = [
  PEM,
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  PASSWORD,
  AWS_ID,
  API_KEY,
  DB_PASS,
];

function expectNoSecret(obj: unknown) {
  const text = JSON.stringify(obj);
  for (const secret of everySecret) expect(text).not.toContain(secret);
}

const lastApplied = (embedded: object) => JSON.stringify(embedded);

describe('sanitizeObject', () => {
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'doris-config',
      namespace: 'data-platform',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': lastApplied({
          data: { DB_PASSWORD: PASSWORD },
        }),
        'app.kubernetes.io/managed-by': 'kubectl',
      },
      managedFields: [
        {
          manager: 'kubectl',
          operation: 'Update',
          fieldsV1: { 'f:data': { 'f:DB_PASSWORD': {} } },
        },
      ],
    },
    data: {
      DB_PASSWORD: PASSWORD,
      'tls.key': PEM,
      AWS_ACCESS_KEY_ID: AWS_ID,
      DATABASE_URL: `postgres://doris:${DB_PASS}@pg.data-platform.svc:5432/doris`,
      'application.properties': `server.port=8080\nstripe.api-key=${API_KEY}\n`,
      API_TOKEN: '${API_TOKEN}',
      LOG_LEVEL: 'info',
      OAUTH_TOKEN_URL: 'https://auth.254carbon.com/oauth/token',
    },
    binaryData: { 'keystore.pem': Buffer.from(PEM).toString('base64') },
  };

  it('replaces ConfigMap data by key names and findings, keeping no value', () => {
    const out = sanitizeObject(configMap);
    expectNoSecret(out);
    expect(out.data).toBeUndefined();
    expect(out.binaryData).toBeUndefined();
    expect(out.readinessScan.keys).toEqual([
      'API_TOKEN',
      'AWS_ACCESS_KEY_ID',
      'DATABASE_URL',
      'DB_PASSWORD',
      'LOG_LEVEL',
      'OAUTH_TOKEN_URL',
      'application.properties',
      'keystore.pem',
      'tls.key',
    ]);
    expect(out.readinessScan.findings).toEqual(
      expect.arrayContaining([
        {
          key: 'DB_PASSWORD',
          rule: 'credential-name-literal',
          severity: 'fail',
        },
        { key: 'tls.key', rule: 'pem-private-key', severity: 'fail' },
        { key: 'keystore.pem', rule: 'pem-private-key', severity: 'fail' },
        {
          key: 'AWS_ACCESS_KEY_ID',
          rule: 'aws-access-key-id',
          severity: 'fail',
        },
        { key: 'DATABASE_URL', rule: 'url-with-password', severity: 'fail' },
        {
          key: 'application.properties',
          rule: 'embedded-credential-literal',
          severity: 'fail',
        },
        {
          key: 'API_TOKEN',
          rule: 'credential-name-harmless',
          severity: 'warn',
        },
      ]),
    );
    const flagged = out.readinessScan.findings.map((f: any) => f.key);
    expect(flagged).not.toContain('LOG_LEVEL');
    expect(flagged).not.toContain('OAUTH_TOKEN_URL');
  });

  it('drops managedFields and the last-applied-configuration annotation, keeps other annotations', () => {
    const out = sanitizeObject(configMap);
    expect((out.metadata as any).managedFields).toBeUndefined();
    expect(out.metadata.annotations).toEqual({
      'app.kubernetes.io/managed-by': 'kubectl',
    });
  });

  it('never mutates its input', () => {
    const before = JSON.stringify(configMap);
    sanitizeObject(configMap);
    expect(JSON.stringify(configMap)).toBe(before);
  });

  it('sanitises an object its caller owns in place, with the same result as the copy', () => {
    const owned = structuredClone(configMap);
    const result = sanitizeObject(owned, undefined, { owned: true });
    expect(result).toBe(owned);
    expectNoSecret(owned);
    expect(result).toEqual(sanitizeObject(configMap));
  });

  it('recognises a ConfigMap list item without kind by its shape, or by the kind hint', () => {
    const { kind: _kind, apiVersion: _v, ...item } = configMap;
    expectNoSecret(sanitizeObject(item));
    expect(sanitizeObject(item).readinessScan.keys).toHaveLength(9);
    expect(
      sanitizeObject(
        { metadata: { name: 'x' }, data: { password: PASSWORD } },
        'configmaps',
      ).readinessScan.findings,
    ).toEqual([
      { key: 'password', rule: 'credential-name-literal', severity: 'fail' },
    ]);
  });

  it('keeps only key names of a Secret that slipped in', () => {
    const out = sanitizeObject({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 'doris-db', namespace: 'data-platform' },
      data: { password: Buffer.from(PASSWORD).toString('base64') },
      stringData: { token: API_KEY },
    });
    expectNoSecret(out);
    expect(JSON.stringify(out)).not.toContain(
      Buffer.from(PASSWORD).toString('base64'),
    );
    expect(out.readinessScan).toEqual({
      keys: ['password', 'token'],
      findings: [],
    });
  });

  const podSpec = () => ({
    initContainers: [
      {
        name: 'migrate',
        image: 'flyway:10',
        env: [{ name: 'FLYWAY_PASSWORD', value: DB_PASS }],
      },
    ],
    containers: [
      {
        name: 'api',
        image: 'harbor.254carbon.com/data-platform/doris:1.4.2',
        command: [
          '/app/server',
          `--db-password=${DB_PASS}`,
          '--api-key',
          API_KEY,
          '--port=8080',
        ],
        args: [
          `--upstream=https://svc:${PASSWORD}@upstream.internal/`,
          '--verbose',
        ],
        env: [
          { name: 'DB_PASSWORD', value: DB_PASS },
          { name: 'STRIPE_API_KEY', value: API_KEY },
          { name: 'AWS_KEY', value: AWS_ID },
          { name: 'TLS_KEY', value: PEM },
          { name: 'GITHUB_TOKEN', value: '' },
          { name: 'JWT_SECRET_FILE', value: '/vault/secrets/jwt' },
          { name: 'LOG_LEVEL', value: 'debug' },
          {
            name: 'REDIS_PASSWORD',
            valueFrom: { secretKeyRef: { name: 'redis', key: 'password' } },
          },
        ],
      },
    ],
  });

  it.each([
    [
      'Pod',
      (spec: any) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'doris-0' },
        spec,
      }),
      (o: any) => o.spec,
    ],
    [
      'Deployment',
      (spec: any) => ({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'doris' },
        spec: { template: { metadata: {}, spec } },
      }),
      (o: any) => o.spec.template.spec,
    ],
    [
      'StatefulSet',
      (spec: any) => ({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'doris' },
        spec: { serviceName: 'doris', template: { spec } },
      }),
      (o: any) => o.spec.template.spec,
    ],
    [
      'DaemonSet',
      (spec: any) => ({
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'doris' },
        spec: { template: { spec } },
      }),
      (o: any) => o.spec.template.spec,
    ],
    [
      'ReplicaSet',
      (spec: any) => ({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'doris-5d9f' },
        spec: { template: { spec } },
      }),
      (o: any) => o.spec.template.spec,
    ],
    [
      'Job',
      (spec: any) => ({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'doris-migrate' },
        spec: { template: { spec } },
      }),
      (o: any) => o.spec.template.spec,
    ],
    [
      'CronJob',
      (spec: any) => ({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'doris-backup' },
        spec: {
          schedule: '0 * * * *',
          jobTemplate: { spec: { template: { spec } } },
        },
      }),
      (o: any) => o.spec.jobTemplate.spec.template.spec,
    ],
  ])(
    'strips env values and redacts credentials in the pod spec of a %s',
    (_kind, build, specOf) => {
      const out = sanitizeObject(build(podSpec()));
      expectNoSecret(out);
      // Sanitised in place (a source's own parsed object), the result is the same.
      const owned = build(podSpec());
      expect(sanitizeObject(owned, undefined, { owned: true })).toBe(owned);
      expectNoSecret(owned);
      expect(owned).toEqual(out);
      const spec = specOf(out);
      const env = spec.containers[0].env;
      expect(env.every((e: any) => !('value' in e))).toBe(true);
      const finding = (name: string) =>
        env.find((e: any) => e.name === name).readinessFinding;
      expect(finding('DB_PASSWORD')).toEqual({
        rule: 'credential-name-literal',
        severity: 'fail',
      });
      expect(finding('STRIPE_API_KEY')).toEqual({
        rule: 'credential-name-literal',
        severity: 'fail',
      });
      expect(finding('AWS_KEY')).toEqual({
        rule: 'aws-access-key-id',
        severity: 'fail',
      });
      expect(finding('TLS_KEY')).toEqual({
        rule: 'pem-private-key',
        severity: 'fail',
      });
      expect(finding('GITHUB_TOKEN')).toEqual({
        rule: 'credential-name-harmless',
        severity: 'warn',
      });
      expect(finding('JWT_SECRET_FILE')).toBeUndefined();
      expect(finding('LOG_LEVEL')).toBeUndefined();
      expect(
        env.find((e: any) => e.name === 'REDIS_PASSWORD').valueFrom,
      ).toEqual({ secretKeyRef: { name: 'redis', key: 'password' } });
      expect(spec.initContainers[0].env[0]).toEqual({
        name: 'FLYWAY_PASSWORD',
        readinessFinding: { rule: 'credential-name-literal', severity: 'fail' },
      });
      expect(spec.containers[0].command).toEqual([
        '/app/server',
        `--db-password=${REDACTED}`,
        '--api-key',
        REDACTED,
        '--port=8080',
      ]);
      expect(spec.containers[0].args).toEqual([REDACTED, '--verbose']);
      expect(spec.containers[0].readinessArgFindings).toEqual([
        {
          field: 'command',
          index: 1,
          rule: 'credential-name-literal',
          severity: 'fail',
        },
        {
          field: 'command',
          index: 3,
          rule: 'credential-name-literal',
          severity: 'fail',
        },
        {
          field: 'args',
          index: 0,
          rule: 'url-with-password',
          severity: 'fail',
        },
      ]);
    },
  );

  it('redacts credentials in probe and lifecycle exec commands and HTTP headers, as in env literals', () => {
    const REDIS_PW = 'Redis-Pw-3f9a1c';
    const BEARER = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.9f8e7d6c5b4a';
    const MYSQL_PW = 'Mysql-Pw-77e1';
    const CURL_PW = 'Curl-Pw-5b2c';
    const out = sanitizeObject({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'cache-0' },
      spec: {
        containers: [
          {
            name: 'redis',
            image: 'redis:7',
            command: ['redis-server', '--requirepass', REDIS_PW],
            livenessProbe: { exec: { command: ['redis-cli', '-a', REDIS_PW, 'ping'] } },
            readinessProbe: {
              exec: { command: ['sh', '-c', `redis-cli -a "${REDIS_PW}" ping | grep PONG`] },
            },
            startupProbe: {
              httpGet: {
                path: '/health',
                port: 8080,
                httpHeaders: [
                  { name: 'Authorization', value: `Bearer ${BEARER}` },
                  { name: 'X-Api-Key', value: API_KEY },
                  { name: 'Accept', value: 'application/json' },
                ],
              },
            },
            lifecycle: {
              postStart: {
                exec: {
                  command: [
                    '/bin/sh',
                    '-c',
                    `mysql -uroot -p${MYSQL_PW} -e 'select 1' && curl -sf -u admin:${CURL_PW} -H "Authorization: Bearer ${BEARER}" http://localhost/ready`,
                  ],
                },
              },
              preStop: { exec: { command: ['sh', '-c', `PGPASSWORD=${DB_PASS} psql -h db -p 5432 -c 'checkpoint'`] } },
            },
          },
        ],
      },
    });
    expectNoSecret(out);
    const text = JSON.stringify(out);
    for (const value of [REDIS_PW, BEARER, MYSQL_PW, CURL_PW]) expect(text).not.toContain(value);
    const c = out.spec.containers[0];
    expect(c.command).toEqual(['redis-server', '--requirepass', REDACTED]);
    expect(c.livenessProbe.exec.command).toEqual(['redis-cli', '-a', REDACTED, 'ping']);
    expect(c.readinessProbe.exec.command).toEqual(['sh', '-c', `redis-cli -a "${REDACTED}" ping | grep PONG`]);
    expect(c.startupProbe.httpGet.httpHeaders).toEqual([
      { name: 'Authorization', value: REDACTED },
      { name: 'X-Api-Key', value: REDACTED },
      { name: 'Accept', value: 'application/json' },
    ]);
    expect(c.lifecycle.postStart.exec.command[2]).toBe(
      `mysql -uroot -p${REDACTED} -e 'select 1' && curl -sf -u ${REDACTED} -H "Authorization: Bearer ${REDACTED}" http://localhost/ready`,
    );
    // The port flag of psql is not a password; PGPASSWORD is.
    expect(c.lifecycle.preStop.exec.command[2]).toBe(`PGPASSWORD=${REDACTED} psql -h db -p 5432 -c 'checkpoint'`);
    expect(c.readinessArgFindings.map((f: any) => `${f.field}[${f.index}] ${f.rule}`)).toEqual([
      'command[2] credential-flag-literal',
      'livenessProbe.exec.command[2] credential-flag-literal',
      'readinessProbe.exec.command[2] credential-flag-literal',
      'startupProbe.httpGet.httpHeaders[0] authorization-credential',
      'startupProbe.httpGet.httpHeaders[1] credential-name-literal',
      'lifecycle.postStart.exec.command[2] credential-flag-literal',
      'lifecycle.preStop.exec.command[2] credential-name-literal',
    ]);
  });

  it('leaves ordinary probe commands and headers as they are', () => {
    const probe = {
      exec: { command: ['sh', '-c', 'pg_isready -h localhost -p 5432 && test -f /tmp/ready'] },
    };
    const out = sanitizeObject({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'db-0' },
      spec: {
        containers: [
          {
            name: 'db',
            image: 'postgres:15',
            livenessProbe: probe,
            readinessProbe: { httpGet: { path: '/', port: 80, httpHeaders: [{ name: 'Host', value: 'db.internal' }] } },
          },
        ],
      },
    });
    expect(out.spec.containers[0].livenessProbe).toEqual(probe);
    expect(out.spec.containers[0].readinessProbe.httpGet.httpHeaders).toEqual([{ name: 'Host', value: 'db.internal' }]);
    expect(out.spec.containers[0].readinessArgFindings).toBeUndefined();
  });

  it('rejects something that is not a Kubernetes object with a clear message', () => {
    expect(() => sanitizeObject(null)).toThrow(
      /expects a Kubernetes object with metadata.*got null/,
    );
    expect(() => sanitizeObject([{ metadata: { name: 'a' } }])).toThrow(
      /got an array/,
    );
    expect(() => sanitizeObject({ kind: 'ConfigMap', data: {} })).toThrow(
      /with metadata/,
    );
  });
});

describe('secret rules', () => {
  it('has a unique name and a description for every rule', () => {
    const names = SECRET_RULES.map(r => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(SECRET_RULES.every(r => r.description.length > 20)).toBe(true);
  });

  it.each([
    ['DB_PASSWORD', true],
    ['dbPassword', true],
    ['db.passwd', true],
    ['POSTGRES_PWD', true],
    ['client_secret', true],
    ['clientSecret', true],
    ['X_API_KEY', true],
    ['apikey', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['privateKey', true],
    ['GOOGLE_APPLICATION_CREDENTIALS_JSON', true],
    ['SENTRY_DSN', true],
    ['ConnectionStrings__Default', true],
    ['GITHUB_TOKEN', true],
    ['BYPASS_CACHE', false],
    ['TOKENIZER_MODEL', false],
    ['OAUTH_TOKEN_URL', false],
    ['PASSWORD_MIN_LENGTH', false],
    ['JWT_SECRET_FILE', false],
    ['SECRET_NAME', false],
    ['AWS_ACCESS_KEY_ID', false],
    ['LOG_LEVEL', false],
  ])('isCredentialName(%s) is %s', (key, expected) => {
    expect(isCredentialName(key)).toBe(expected);
  });

  it.each([
    ['', true],
    ['${DB_PASSWORD}', true],
    ['$(DB_PASSWORD)', true],
    ['{{ .Values.db.password }}', true],
    ['<path:secret/data/doris#password>', true],
    ['vault:secret/data/doris#password', true],
    ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:doris-db', true],
    ['/vault/secrets/db', true],
    ['true', true],
    ['changeme', false],
    ['admin', false],
    ['hunter2', false],
    ['12345', false],
  ])('isHarmlessValue(%j) is %s', (value, expected) => {
    expect(isHarmlessValue(value)).toBe(expected);
  });

  it('treats a placeholder like changeme as a literal credential', () => {
    expect(classify('ADMIN_PASSWORD', 'changeme')).toEqual({
      rule: 'credential-name-literal',
      severity: 'fail',
    });
  });

  it('finds a PEM private key and an AWS key id whatever the key is called, but not a certificate', () => {
    expect(
      classify(
        'ca.crt',
        '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
      ),
    ).toBeUndefined();
    expect(
      classify(
        'notes',
        `-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----`,
      )?.rule,
    ).toBe('pem-private-key');
    expect(
      classify(
        'notes',
        `-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----`,
      )?.rule,
    ).toBe('pem-private-key');
    expect(classify('bucket', `id ${AWS_ID} used`)?.rule).toBe(
      'aws-access-key-id',
    );
    expect(classify('bucket', `XAKIAIOSFODNN7EXAMPLE`)).toBeUndefined();
  });

  it('flags a DSN with a literal password but not one whose password is a reference', () => {
    expect(
      classify(
        'DATABASE_URL',
        'mongodb+srv://app:s3cr3t@cluster0.mongodb.net/db',
      )?.rule,
    ).toBe('url-with-password');
    expect(classify('DATABASE_URL', 'redis://:s3cr3t@redis:6379/0')?.rule).toBe(
      'url-with-password',
    );
    expect(
      classify('DATABASE_URL', 'postgres://app:${DB_PASSWORD}@pg:5432/app'),
    ).toBeUndefined();
    expect(
      classify('DATABASE_URL', 'postgres://app@pg:5432/app'),
    ).toBeUndefined();
  });

  it('finds credentials embedded in properties, YAML, JSON and connection strings', () => {
    expect(
      classify(
        'application.yaml',
        'spring:\n  datasource:\n    password: hunter2\n',
      )?.rule,
    ).toBe('embedded-credential-literal');
    expect(
      classify('config.json', '{"db": {"host": "pg", "password": "hunter2"}}')
        ?.rule,
    ).toBe('embedded-credential-literal');
    expect(
      classify('SQL', 'Server=db;Database=app;User Id=sa;Password=hunter2;')
        ?.rule,
    ).toBe('embedded-credential-literal');
    expect(
      classify('.env', 'export API_TOKEN="${TOKEN}"\nLOG=info\n')?.rule,
    ).toBe('embedded-credential-harmless');
    expect(
      classify(
        'application.yaml',
        'security:\n  password:\n    min-length: 12\n',
      ),
    ).toBeUndefined();
    expect(
      classify('dashboard.json', '{"title": "Doris", "panels": []}'),
    ).toBeUndefined();
  });
});
