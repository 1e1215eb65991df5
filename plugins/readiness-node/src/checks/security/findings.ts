import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import type { KubeObject } from '../../facts';
import { describe } from '../../engine/objects';
import { capEvidence, worst } from '../../engine/outcome';
import type { CheckOutcome } from '../../engine/types';

const ORDER: CheckStatus[] = ['fail', 'unknown', 'warn', 'pass', 'n/a'];

/**
 * Collects per-object verdicts of one check. The outcome is the worst of them, with the evidence
 * ordered worst first so the capped list never hides the reason for the status.
 */
export class Findings {
  private readonly items: { status: CheckStatus; line: string }[] = [];

  add(status: CheckStatus, line: string): this {
    this.items.push({ status, line });
    return this;
  }

  get status(): CheckStatus {
    return worst(this.items.map(i => i.status));
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  /**
   * @param remediation - specific remediation per status (the catalog's default applies otherwise)
   * @param whenEmpty - the status when nothing was added
   */
  outcome(
    remediation: Partial<Record<CheckStatus, string>> = {},
    whenEmpty: CheckStatus = 'pass',
  ): CheckOutcome {
    const status = this.empty ? whenEmpty : this.status;
    const evidence = [...this.items]
      .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status))
      .map(i => i.line);
    const hint = remediation[status];
    return {
      status,
      evidence: capEvidence(evidence),
      ...(hint ? { remediation: hint } : {}),
    };
  }
}

/** "Ingress data-platform/doris": names an object in evidence even when its list item has no `kind`. */
export function ref(kind: string, obj: KubeObject): string {
  return describe(obj.kind ? obj : { ...obj, kind });
}
