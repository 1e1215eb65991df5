/**
 * The one rounding rule for readiness percentages: one decimal, like the status report's
 * dashboard ("38.5%"). The card's gauge, the tables, the tab and the CSV export all go through
 * it, so no view shows 39 where another shows 38.5.
 */
export function roundPercent(percent: number): number {
  return Math.round(percent * 10) / 10;
}

/** A percentage for display ("38.5%"); nothing scored reads as an em dash. */
export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || Number.isNaN(percent)) {
    return '—';
  }
  return `${roundPercent(percent)}%`;
}
