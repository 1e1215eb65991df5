import { parseEntityRef } from '@backstage/catalog-model';
import type {
  NotificationPayload,
  NotificationSeverity,
} from '@backstage/plugin-notifications-common';
import { getCheck, Severity } from '@254carbon/plugin-readiness-common';
import type { Regression } from './transitions';

/** Notification severities follow the check's: medium is the notifications plugin's normal. */
export const SEVERITY_MAP: Record<Severity, NotificationSeverity> = {
  critical: 'critical',
  high: 'high',
  medium: 'normal',
};

/** Checks whose failure means a certificate is within the fail threshold of its expiry. */
const CERTIFICATE_EXPIRY_CHECKS = new Set(['SEC-CERT-EXPIRY', 'SEC-TLS-LIVE']);

// A notification is a pointer to the evidence, not a copy of it: the first lines, each bounded.
const MAX_EVIDENCE_LINES = 5;
const MAX_LINE_LENGTH = 300;

/** The readiness tab of an entity page (the app's catalog entity route, then the tab's path). */
export function readinessTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/readiness`;
}

/** The readiness page, whose platform section shows the platform checks' evidence. */
export const PLATFORM_LINK = '/readiness';

function evidenceLines(evidence: readonly string[]): string[] {
  const lines = evidence
    .slice(0, MAX_EVIDENCE_LINES)
    .map(l =>
      l.length > MAX_LINE_LENGTH ? `${l.slice(0, MAX_LINE_LENGTH - 1)}…` : l,
    );
  if (evidence.length > MAX_EVIDENCE_LINES) {
    lines.push(
      `… and ${
        evidence.length - MAX_EVIDENCE_LINES
      } more on the readiness page`,
    );
  }
  return lines;
}

/**
 * One regression as a notification. Only the check's own evidence lines (which never hold a
 * secret value, by the result model's contract) and the check's static fix go into it.
 * `scope` makes the notifications backend update a notification still in the inbox instead of
 * adding another when the same check of the same subject regresses again.
 */
export function regressionPayload(options: {
  /** The service's entity ref, or undefined for the platform. */
  entityRef?: string;
  /** What to call the subject in the title (the entity title or name, or "Platform"). */
  subjectTitle: string;
  regression: Regression;
  /** readiness.thresholds.certFailDays, named in certificate titles. */
  certFailDays: number;
}): NotificationPayload {
  const { entityRef, subjectTitle, regression, certFailDays } = options;
  const { result, previous } = regression;
  const check = getCheck(result.checkId);
  const checkTitle = check?.title ?? result.checkId;
  const severity = check ? SEVERITY_MAP[check.severity] : 'normal';
  const title = CERTIFICATE_EXPIRY_CHECKS.has(result.checkId)
    ? `${subjectTitle}: a certificate expires in under ${certFailDays} days or has expired (${result.checkId})`
    : `${subjectTitle} fails ${result.checkId} (${checkTitle})`;
  const lines = [
    `${checkTitle} (${result.checkId}, ${
      check?.severity ?? 'medium'
    }) went from ${previous} to fail.`,
    ...evidenceLines(result.evidence),
  ];
  const fix = result.remediation ?? check?.remediation;
  if (fix) lines.push(`Fix: ${fix}`);
  return {
    title,
    description: lines.join('\n'),
    link: entityRef ? readinessTabLink(entityRef) : PLATFORM_LINK,
    severity,
    topic: result.checkId,
    scope: `readiness:${entityRef ?? 'platform'}:${result.checkId}`,
  };
}
