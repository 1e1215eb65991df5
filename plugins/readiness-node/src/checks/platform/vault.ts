import type { PlatformCheck } from '../../engine/types';

/** What each `sys/health` status code means (Vault's documented defaults). */
const CODES: Record<
  number,
  { status: 'pass' | 'warn' | 'fail'; meaning: string }
> = {
  200: { status: 'pass', meaning: 'initialised, unsealed and active' },
  429: { status: 'pass', meaning: 'unsealed standby' },
  473: { status: 'pass', meaning: 'performance standby' },
  472: { status: 'warn', meaning: 'disaster-recovery secondary' },
  474: { status: 'warn', meaning: 'standby that cannot reach the active node' },
  501: { status: 'fail', meaning: 'not initialised' },
  503: { status: 'fail', meaning: 'sealed' },
};

/**
 * PLAT-VAULT: Vault's `sys/health`. Unreachable Vault fails (every Vault-backed service is then
 * blocked by it) and carries the reason in `error` so the UI can tell "down" from "sealed".
 */
export const platVault: PlatformCheck = ctx => {
  const vault = ctx.facts.vault;
  if (!vault)
    return {
      status: 'n/a',
      evidence: ['Vault is not configured (readiness.vault)'],
    };
  const health = vault.health;
  if (health.state === 'absent') {
    return {
      status: 'n/a',
      evidence: [`Vault ${vault.address}: ${health.reason}`],
    };
  }
  if (health.state === 'error') {
    return {
      status: 'fail',
      evidence: [
        `Vault ${vault.address} sys/health unreachable: ${health.message}`,
      ],
      remediation:
        'Restore network access from Backstage to Vault (address, TLS, firewall) and check the Vault pods.',
      error: { source: 'vault', message: health.message },
    };
  }
  const { code, sealed, initialized, standby, version } = health.value;
  const known = CODES[code];
  const flag = (value: boolean | undefined, yes: string, no: string) => {
    if (value === undefined) return undefined;
    return value ? yes : no;
  };
  const details = [
    flag(initialized, 'initialized', 'not initialized'),
    flag(sealed, 'sealed', 'unsealed'),
    flag(standby, 'standby', 'active'),
    version ? `version ${version}` : undefined,
  ].filter(Boolean);
  const evidence = [
    `Vault ${vault.address} sys/health ${code}: ${
      known?.meaning ?? 'unexpected status code'
    }${details.length ? ` (${details.join(', ')})` : ''}`,
  ];
  return { status: known?.status ?? 'fail', evidence };
};
