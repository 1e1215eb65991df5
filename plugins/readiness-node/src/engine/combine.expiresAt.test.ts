import { getCheck } from '@254carbon/plugin-readiness-common';
import { combineParts } from './combine';

describe('combineParts: certificate expiry across clusters', () => {
  const def = getCheck('SEC-CERT-EXPIRY')!;

  it('keeps the nearest expiresAt of any cluster, whichever cluster decides the status', () => {
    const result = combineParts(
      def,
      [
        { cluster: 'prod', outcome: { status: 'fail', evidence: ['a'], expiresAt: '2026-12-20T00:00:00.000Z' } },
        { cluster: 'staging', outcome: { status: 'warn', evidence: ['b'], expiresAt: '2026-12-03T00:00:00.000Z' } },
        { cluster: 'dev', outcome: { status: 'n/a', evidence: ['c'] } },
      ],
      true,
    );
    expect(result.status).toBe('fail');
    expect(result.expiresAt).toBe('2026-12-03T00:00:00.000Z');
  });

  it('sets no expiresAt when no cluster read a certificate expiry', () => {
    const result = combineParts(def, [{ outcome: { status: 'n/a', evidence: ['none'] } }], false);
    expect(result).not.toHaveProperty('expiresAt');
  });
});
