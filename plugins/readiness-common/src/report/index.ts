export { buildReport } from './buildReport';
export type { ReportInput, ReportHistory, StatusChangeRow } from './buildReport';
export type * from './model';
export { reportEntryFrom } from './entry';
export type { ReportEntry } from './entry';
export { summaryAggregate, platformScores } from './aggregate';
export type { PlatformScores } from './aggregate';
export { renderMarkdown, escapeMarkdown } from './renderMarkdown';
export { renderHtml, escapeHtml } from './renderHtml';
