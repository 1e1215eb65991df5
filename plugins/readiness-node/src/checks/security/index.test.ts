import { CHECKS } from '@254carbon/plugin-readiness-common';
import { SECURITY_CHECKS } from '.';

describe('SECURITY_CHECKS', () => {
  it('implements exactly the Security-layer service checks of the catalog', () => {
    const catalog = CHECKS.filter(
      c => c.scope === 'service' && c.layer === 'security',
    ).map(c => c.id);
    expect(Object.keys(SECURITY_CHECKS).sort()).toEqual([...catalog].sort());
  });
});
