import { allChecks, buildReport, renderHtml, renderMarkdown } from '@254carbon/plugin-readiness-common';
import type express from 'express';
import { z } from 'zod';
import type { ReadinessStore } from '../../store/ReadinessStore';
import type { Visibility } from '../EntityVisibility';
import type { SummaryService } from '../summary';

/** GET /report's query: the output format, the "what changed since" date and the view's scope. */
export const reportQuery = z
  .object({
    format: z
      .enum(['md', 'html'], {
        errorMap: () => ({ message: 'must be md (Markdown download) or html (printable page)' }),
      })
      .default('md'),
    since: z
      .string()
      .refine(v => !Number.isNaN(new Date(v).getTime()), {
        message: 'must be an ISO date or timestamp, e.g. 2026-11-01 or 2026-11-01T00:00:00Z',
      })
      .refine(v => Number.isNaN(new Date(v).getTime()) || new Date(v).getTime() <= Date.now(), {
        message: 'must not be in the future',
      })
      .optional(),
    system: z.string().min(1).optional(),
    owner: z.string().min(1).optional(),
    namespace: z.string().min(1).optional(),
    cluster: z.string().min(1).optional(),
  })
  .strict();

export type ReportQuery = z.infer<typeof reportQuery>;

/** Builds the report from SummaryService's selection for this caller and sends it rendered. */
export async function sendReport(
  res: express.Response,
  query: ReportQuery,
  deps: {
    summary: SummaryService;
    store: ReadinessStore;
    visibility: (refs: string[]) => Promise<Visibility>;
  },
): Promise<void> {
  const { format, since, ...scope } = query;
  const selected = await deps.summary.scoped({ ...scope, sort: 'name' }, deps.visibility);
  const generatedAt = new Date();
  const sinceDate = since ? new Date(since) : undefined;
  const report = buildReport({
    generatedAt,
    scope,
    entries: selected.entries,
    aggregate: selected.aggregate,
    platform: selected.platform,
    checks: allChecks(),
    lastSweep: selected.lastSweep,
    history: sinceDate && { since: sinceDate, ...(await deps.store.getChangesSince(sinceDate)) },
  });
  const day = report.generatedAt.slice(0, 10);
  res.set('Cache-Control', 'no-store');
  if (format === 'html') {
    res.type('text/html; charset=utf-8');
    res.set('Content-Disposition', `inline; filename="readiness-status-${day}.html"`);
    res.send(renderHtml(report));
  } else {
    res.type('text/markdown; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="readiness-status-${day}.md"`);
    res.send(renderMarkdown(report));
  }
}
