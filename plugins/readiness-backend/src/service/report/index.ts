export { buildReport } from './buildReport';
export type { ReportInput } from './buildReport';
export type * from './model';
export { renderMarkdown, escapeMarkdown } from './renderMarkdown';
export { renderHtml, escapeHtml } from './renderHtml';
