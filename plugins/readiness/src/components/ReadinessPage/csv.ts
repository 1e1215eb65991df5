import {
  CheckStatus,
  roundPercent,
  ServiceSummaryRow,
  SummaryQuery,
} from '@254carbon/plugin-readiness-common';
import type { ReadinessApi } from '../../api';

/** The backend's page size cap; the export walks every page of the current filters. */
export const EXPORT_PAGE_SIZE = 500;
// A runaway guard: 200 pages of 500 is far more than any catalog this page is meant for.
const MAX_PAGES = 200;

export async function fetchAllSummaryRows(
  api: Pick<ReadinessApi, 'getSummary'>,
  filters: SummaryQuery,
): Promise<ServiceSummaryRow[]> {
  const rows: ServiceSummaryRow[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await api.getSummary({
      ...filters,
      offset: page * EXPORT_PAGE_SIZE,
      limit: EXPORT_PAGE_SIZE,
    });
    rows.push(...response.items);
    if (
      response.items.length === 0 ||
      rows.length >= response.totalCount ||
      response.items.length < EXPORT_PAGE_SIZE
    ) {
      break;
    }
  }
  return rows;
}

const HEADER = [
  'entityRef',
  'title',
  'owner',
  'system',
  'namespace',
  'lifecycle',
  'overall',
  'infrastructure',
  'security',
  'operations',
  'phasesComplete',
  'failingChecks',
  'unknownChecks',
  'warningChecks',
  'measuredAt',
  'stale',
];

/** Scores with the same one-decimal rule as every view, so the CSV matches the page. */
function percentCell(percent: number | null): number | null {
  return percent === null ? null : roundPercent(percent);
}

/** The ids of the row's counted problems with one status, space-separated. */
function checksWith(row: ServiceSummaryRow, status: CheckStatus): string {
  return row.problems
    .filter(p => p.status === status)
    .map(p => p.checkId)
    .join(' ');
}

/**
 * RFC 4180 CSV of the summary rows, one service per line. Failing, unknown and warning checks
 * are separate columns, each named for exactly what it holds.
 */
export function buildCsv(rows: readonly ServiceSummaryRow[]): string {
  const lines = [HEADER.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.entityRef,
        row.title,
        row.owner,
        row.system,
        row.namespace,
        row.lifecycle,
        percentCell(row.overall),
        percentCell(row.layers.infrastructure),
        percentCell(row.layers.security),
        percentCell(row.layers.operations),
        row.phasesComplete.join(' '),
        checksWith(row, 'fail'),
        checksWith(row, 'unknown'),
        checksWith(row, 'warn'),
        row.measuredAt,
        row.stale,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  // Spreadsheets run cells starting with these as formulas; catalog data is user-controlled.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Hands the CSV to the browser as a file download. */
export function downloadCsv(csv: string, fileName: string) {
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}
