import { mergePolicyRules, parseVaultPolicy } from './parsePolicy';

describe('parseVaultPolicy', () => {
  it('reads path blocks with capabilities', async () => {
    await expect(
      parseVaultPolicy(
        'doris',
        'path "secret/data/doris/*" {\n  capabilities = ["read", "list"]\n}\n',
      ),
    ).resolves.toEqual([
      { path: 'secret/data/doris/*', capabilities: ['read', 'list'] },
    ]);
  });

  it.each([
    ['read', ['read', 'list']],
    ['write', ['create', 'read', 'update', 'delete', 'list']],
    ['sudo', ['create', 'read', 'update', 'delete', 'list', 'sudo']],
    ['deny', ['deny']],
  ])('parses the legacy policy = "%s" syntax', async (legacy, caps) => {
    await expect(
      parseVaultPolicy(
        'old',
        `path "secret/doris/*" {\n  policy = "${legacy}"\n}\n`,
      ),
    ).resolves.toEqual([{ path: 'secret/doris/*', capabilities: caps }]);
  });

  it('merges repeated blocks for one path, as Vault does', async () => {
    await expect(
      parseVaultPolicy(
        'twice',
        'path "secret/data/a/*" {\n  capabilities = ["read"]\n}\npath "secret/data/a/*" {\n  capabilities = ["update"]\n}\n',
      ),
    ).resolves.toEqual([
      { path: 'secret/data/a/*', capabilities: ['read', 'update'] },
    ]);
  });

  it('lets deny win over grants on the same path', async () => {
    await expect(
      parseVaultPolicy(
        'd',
        'path "secret/data/a" {\n  capabilities = ["read"]\n}\npath "secret/data/a" {\n  capabilities = ["deny"]\n}\npath "secret/data/b" {\n  capabilities = ["update"]\n  policy = "deny"\n}\n',
      ),
    ).resolves.toEqual([
      { path: 'secret/data/a', capabilities: ['deny'] },
      { path: 'secret/data/b', capabilities: ['deny'] },
    ]);
  });

  it('reads the JSON form', async () => {
    await expect(
      parseVaultPolicy(
        'j',
        JSON.stringify({
          path: { 'secret/data/x': { capabilities: ['read'] } },
        }),
      ),
    ).resolves.toEqual([{ path: 'secret/data/x', capabilities: ['read'] }]);
  });

  it('rejects text that is not a policy with a message naming the policy', async () => {
    await expect(parseVaultPolicy('broken', 'path "a" {')).rejects.toThrow(
      /^policy broken cannot be parsed: /,
    );
    await expect(
      parseVaultPolicy('odd', 'path "a" {\n  policy = "maybe"\n}\n'),
    ).rejects.toThrow(
      'policy odd cannot be parsed: path "a": policy = "maybe" is not one of deny, read, write, sudo',
    );
  });

  it('merges across policies the same way', () => {
    expect(
      mergePolicyRules([
        { path: 'p', capabilities: ['read'] },
        { path: 'p', capabilities: ['deny'] },
        { path: 'q', capabilities: ['list'] },
      ]),
    ).toEqual([
      { path: 'p', capabilities: ['deny'] },
      { path: 'q', capabilities: ['list'] },
    ]);
  });
});
