import type { Log, ReportingDescriptor, Result } from 'sarif';
import { CheckRegistry } from '@254carbon/plugin-readiness-node';
import { getCheck } from '@254carbon/plugin-readiness-common';
import { pathToFileURL } from 'url';
import { Finding } from '../findings';
import { shownPath } from './paths';

const LEVEL: Record<string, Result.level> = { fail: 'error', warn: 'warning', unknown: 'note' };

/**
 * SARIF 2.1.0: one rule per check of the engine's catalog (id, name, descriptions, help = the
 * remediation, properties layer/phase/severity), one result per finding located at the manifest
 * file and line of the object at fault. Exempted findings carry an external suppression with the
 * exemption's reason, so code scanning shows them as dismissed rather than hiding them.
 */
export function formatSarif(findings: Finding[], options: { cwd: string }): string {
  const checks = CheckRegistry.builtIn().all.map(c => getCheck(c.id) ?? c);
  const rules: ReportingDescriptor[] = checks.map(c => ({
    id: c.id,
    name: c.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : '')),
    shortDescription: { text: c.title },
    fullDescription: { text: c.description },
    help: { text: c.remediation },
    defaultConfiguration: { level: c.severity === 'medium' ? 'warning' : 'error' },
    properties: { layer: c.layer, phase: c.phase, severity: c.severity, tags: [c.layer, c.phase, c.severity] },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = findings.map(f => {
    const subject = f.entityRef ?? 'platform';
    const text = [
      `${subject}: ${f.checkId} ${f.status}`,
      ...f.evidence,
      ...(f.blockedBy ? [`blocked by ${f.blockedBy}`] : []),
    ].join('\n');
    const result: Result = {
      ruleId: f.checkId,
      ruleIndex: ruleIndex.get(f.checkId),
      level: LEVEL[f.status] ?? 'none',
      message: { text },
      properties: { status: f.status, entityRef: subject, severity: f.severity },
    };
    if (f.location) {
      result.locations = [
        {
          physicalLocation: {
            artifactLocation: shownPath(f.location.file, options.cwd).startsWith('file:')
              ? { uri: shownPath(f.location.file, options.cwd) }
              : { uri: shownPath(f.location.file, options.cwd), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.location.line },
          },
          ...(f.location.object ? { message: { text: f.location.object } } : {}),
        },
      ];
    }
    if (f.exemption) {
      result.suppressions = [
        { kind: 'external', justification: `${f.exemption.reason} (exempt until ${f.exemption.expires}, ${f.exemption.origin})` },
      ];
    }
    return result;
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'readiness-audit',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(options.cwd).href}/` } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
