import { InputError } from '@backstage/errors';
import { parseDelivery, parseOnboardingInput } from './input';
import { DEFAULT_SETTINGS } from './settings';
import { LAKEFS, SETTINGS } from './__testUtils__/fixtures';

const parse = (overrides: Record<string, unknown>, settings = SETTINGS) =>
  parseOnboardingInput(
    { ...LAKEFS, ...overrides },
    settings,
    'readiness:onboard',
  );

function rejection(
  overrides: Record<string, unknown>,
  settings = SETTINGS,
): string {
  try {
    parse(overrides, settings);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error(`input was accepted: ${JSON.stringify(overrides)}`);
}

describe('parseOnboardingInput', () => {
  it('accepts the sample service and fills the defaults', () => {
    expect(parse({})).toEqual({
      name: 'lakefs',
      namespace: 'data-platform',
      owner: 'group:default/data-platform',
      hosts: ['lakefs.254carbon.com'],
      secretsPath: 'data-platform/lakefs',
      dependencies: [
        { ref: 'minio:9000', name: 'minio', namespace: undefined, port: 9000 },
        {
          ref: 'analytics/postgres:5432',
          name: 'postgres',
          namespace: 'analytics',
          port: 5432,
        },
      ],
      ports: [8000],
    });
    const minimal = parseOnboardingInput(
      { name: 'trino', namespace: 'data-platform' },
      SETTINGS,
      'x',
    );
    expect(minimal).toMatchObject({
      hosts: [],
      dependencies: [],
      ports: [8080],
      secretsPath: 'data-platform/trino',
    });
  });

  it.each([
    [{ name: undefined }, 'name: is required'],
    [{ name: '' }, 'name: must not be empty'],
    [{ name: 'LakeFS' }, "name: 'LakeFS' is not a DNS-1123 label"],
    [{ name: 'lake_fs' }, "name: 'lake_fs' is not a DNS-1123 label"],
    [{ name: '-lakefs' }, "name: '-lakefs' is not a DNS-1123 label"],
    [{ name: 'a'.repeat(64) }, 'is 64 characters; at most 63 are allowed'],
    [{ namespace: undefined }, 'namespace: is required'],
    [{ namespace: 'Data' }, "namespace: 'Data' is not a DNS-1123 label"],
    [
      { namespace: 'kube-system' },
      "namespace: 'kube-system' is not allowed for onboarding; allowed: data-platform, analytics",
    ],
    [
      { namespace: 'payments' },
      "namespace: 'payments' is not allowed for onboarding; allowed: data-platform, analytics",
    ],
    [{ owner: 'group:' }, "owner: 'group:' is not an entity ref"],
    [
      { hosts: ['*.254carbon.com'] },
      "hosts[0]: '*.254carbon.com' is a wildcard",
    ],
    [
      { hosts: ['lakefs'] },
      "hosts[0]: 'lakefs' is not a fully qualified DNS name",
    ],
    [
      { hosts: ['lakefs.254carbon.com', 'bad_host.254carbon.com'] },
      "hosts[1]: 'bad_host.254carbon.com' is not a valid DNS name",
    ],
    [
      { hosts: ['Lakefs.254carbon.com'] },
      "hosts[0]: 'Lakefs.254carbon.com' is not a valid DNS name",
    ],
    [{ hosts: [`${'a'.repeat(250)}.com`] }, 'is longer than 253 characters'],
    [
      { hosts: ['a.254carbon.com', 'a.254carbon.com'] },
      "hosts: 'a.254carbon.com' is listed twice",
    ],
    [
      { hosts: 'lakefs.254carbon.com' },
      'hosts: Expected array, received string',
    ],
    [
      { secretsPath: '/data-platform/lakefs' },
      "secretsPath: '/data-platform/lakefs' must be relative to the KV mount",
    ],
    [
      { secretsPath: 'data-platform/../doris' },
      "secretsPath: 'data-platform/../doris' must not contain '.' or '..' segments",
    ],
    [
      { secretsPath: 'data-platform/*' },
      "secretsPath: 'data-platform/*' must not contain '*'",
    ],
    [{ secretsPath: 'data-platform//lakefs' }, 'has an empty segment'],
    [
      { secretsPath: 'data-platform/lakefs"}' },
      "has an invalid segment 'lakefs\"}'",
    ],
    [
      { dependencies: ['Minio'] },
      "dependencies[0]: 'Minio': 'Minio' is not a DNS-1123 label",
    ],
    [
      { dependencies: ['a/b/c'] },
      "dependencies[0]: 'a/b/c' is not a dependency",
    ],
    [
      { dependencies: ['minio:0'] },
      "dependencies[0]: 'minio:0': port 0 is outside 1-65535",
    ],
    [{ dependencies: ['minio:70000'] }, 'port 70000 is outside 1-65535'],
    [{ ports: [] }, 'ports: needs at least one port'],
    [{ ports: [0] }, 'ports[0]: must be between 1 and 65535'],
    [{ ports: [8080.5] }, 'ports[0]: must be a whole number'],
    [{ ports: ['http'] }, 'ports[0]: must be a port number'],
  ])('rejects %j: %s', (overrides, message) => {
    const error = rejection(overrides);
    expect(error).toContain('Invalid input to readiness:onboard: ');
    expect(error).toContain(message);
  });

  it("keeps secretsPath inside the service's own <namespace>/<name> prefix", () => {
    expect(parse({ secretsPath: 'data-platform/lakefs/db' }).secretsPath).toBe('data-platform/lakefs/db');
    expect(parse({ secretsPath: 'data-platform/lakefs' }).secretsPath).toBe('data-platform/lakefs');
    for (const other of ['data-platform/doris', 'data-platform/lakefs-admin', 'analytics/lakefs', 'data-platform']) {
      expect(rejection({ secretsPath: other })).toContain(
        `secretsPath: '${other}' is outside the service's own path: leave it empty for data-platform/lakefs, or use a path under it (e.g. data-platform/lakefs/db)`,
      );
    }
  });

  it('lists every problem at once', () => {
    const error = rejection({
      name: 'Bad',
      hosts: ['*.x.com'],
      secretsPath: '../x',
    });
    expect(error).toMatch(/name: .*; hosts\[0\]: .*; secretsPath: /);
  });

  it('refuses system namespaces even without an allow-list, and even when listed', () => {
    expect(rejection({ namespace: 'kube-system' }, DEFAULT_SETTINGS)).toContain(
      "namespace: 'kube-system' is not allowed for onboarding; system namespaces (kube-system, kube-public, kube-node-lease) are never allowed",
    );
    const listed = {
      ...SETTINGS,
      allowedNamespaces: ['kube-public', 'data-platform'],
    };
    expect(rejection({ namespace: 'kube-public' }, listed)).toContain(
      'allowed: data-platform',
    );
    expect(parse({ namespace: 'payments', secretsPath: undefined }, DEFAULT_SETTINGS).namespace).toBe(
      'payments',
    );
  });
});

describe('parseDelivery', () => {
  it('defaults to write into the workspace root', () => {
    expect(parseDelivery({}, 'a')).toEqual({
      mode: 'write',
      targetPath: '.',
      adopt: false,
      confirmDefaultDeny: false,
    });
  });

  it.each([
    [{ mode: 'deploy' }, "mode: 'deploy' is not a mode; use 'write'"],
    [
      { targetPath: '../elsewhere' },
      "targetPath: '../elsewhere' must be a relative path inside the workspace",
    ],
    [{ targetPath: '/etc' }, "targetPath: '/etc' must be a relative path"],
    [{ targetPath: 'deploy/../../x' }, 'without'],
    [{ targetPath: 3 }, 'targetPath: must be a string'],
    [{ adopt: 'yes' }, 'adopt: must be true or false'],
    [{ confirmDefaultDeny: 1 }, 'confirmDefaultDeny: must be true or false'],
  ])('rejects %j', (input, message) => {
    expect(() => parseDelivery(input, 'readiness:vault')).toThrow(message);
  });
});
