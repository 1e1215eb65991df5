import { readFileSync } from 'fs';
import { resolve } from 'path';
import { CHECKS, checkDocPath } from './catalog';

describe('checkDocPath', () => {
  it('points each check at its family page, anchored by its id', () => {
    expect(checkDocPath('SEC-RBAC')).toBe('docs/checks/security.md#sec-rbac');
    expect(checkDocPath('HA-PDB')).toBe('docs/checks/infrastructure.md#ha-pdb');
    expect(checkDocPath('DR-RESTORE-DRILL')).toBe(
      'docs/checks/operations.md#dr-restore-drill',
    );
    expect(checkDocPath('ORG-COST-CENTER')).toBe('docs/checks.md');
  });

  it('has a section for every built-in check on the page it names', () => {
    const root = resolve(__dirname, '../../..');
    for (const check of CHECKS) {
      const [file] = checkDocPath(check.id).split('#');
      const page = readFileSync(resolve(root, file), 'utf8');
      expect(page).toContain(`\n## ${check.id}\n`);
    }
  });
});
