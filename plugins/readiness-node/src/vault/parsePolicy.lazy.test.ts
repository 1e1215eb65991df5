// The HCL parser starts a Go WebAssembly runtime when required (~48 MB of RSS): it loads with the
// first HCL policy, not with the package.
describe('parseVaultPolicy loads the HCL parser at the first HCL policy', () => {
  it('not for importing the package or parsing JSON policies, then once', async () => {
    jest.resetModules();
    let loads = 0;
    jest.doMock('@cdktf/hcl2json', () => {
      loads += 1;
      return jest.requireActual('@cdktf/hcl2json');
    });
    const { parseVaultPolicy } = require('..') as typeof import('..');
    expect(await parseVaultPolicy('json', '{"path": {"secret/data/a": {"capabilities": ["read"]}}}')).toEqual([
      { path: 'secret/data/a', capabilities: ['read'] },
    ]);
    expect(loads).toBe(0);
    expect(await parseVaultPolicy('hcl', 'path "secret/data/b" { capabilities = ["read"] }')).toEqual([
      { path: 'secret/data/b', capabilities: ['read'] },
    ]);
    await parseVaultPolicy('hcl2', 'path "secret/data/c" { capabilities = ["list"] }');
    expect(loads).toBe(1);
  });
});
