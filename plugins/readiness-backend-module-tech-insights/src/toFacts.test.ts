import {
  CheckResult,
  scoreResults,
  ServiceReadiness,
} from '@254carbon/plugin-readiness-common';
import { toFacts } from './toFacts';

function result(checks: CheckResult[]): ServiceReadiness {
  return {
    entityRef: 'component:default/doris',
    measuredAt: '2026-11-26T12:00:00.000Z',
    stale: false,
    ...scoreResults(checks),
    checks,
    entityErrors: [],
  };
}

describe('toFacts', () => {
  it('publishes the statuses readiness measured and the scores it computed', () => {
    const { facts, absent } = toFacts(
      result([
        { checkId: 'INF-WORKLOAD', status: 'pass', evidence: [] },
        { checkId: 'SEC-RBAC', status: 'fail', evidence: [] },
      ]),
    );
    expect(facts['check:INF-WORKLOAD']).toBe('pass');
    expect(facts['check:SEC-RBAC']).toBe('fail');
    expect(facts.infrastructureScore).toBe(100);
    expect(facts.securityScore).toBe(0);
    expect(facts.measuredAt).toBe('2026-11-26T12:00:00.000Z');
    expect(facts.stale).toBe(false);
    // No operations check counts: no score is made up for it.
    expect(facts).not.toHaveProperty('operationsScore');
    expect(absent).toContain('operationsScore: no check of the layer counts towards the score');
    // Checks the result does not carry are absent, named.
    expect(absent).toContain('check:SEC-VAULT-ROLE: not in the readiness result');
  });

  it('leaves an unknown check out, with the failing source as the reason', () => {
    const { facts, absent } = toFacts(
      result([
        {
          checkId: 'SEC-VAULT-ROLE',
          status: 'unknown',
          evidence: [],
          error: { source: 'vault', message: 'sys/health: connection refused' },
        },
      ]),
    );
    expect(facts).not.toHaveProperty('check:SEC-VAULT-ROLE');
    expect(absent).toContain('check:SEC-VAULT-ROLE: unknown (vault: sys/health: connection refused)');
    // The only check is unknown, so it holds its phase open: the gate is published as measured.
    expect(facts.phaseP2Complete).toBe(false);
  });

  it('publishes no overall score when nothing counts', () => {
    const { facts, absent } = toFacts(result([{ checkId: 'HA-PDB', status: 'n/a', evidence: [] }]));
    expect(facts).not.toHaveProperty('overallScore');
    expect(absent).toContain('overallScore: no check counts towards the score');
    expect(facts['check:HA-PDB']).toBe('n/a');
  });
});
