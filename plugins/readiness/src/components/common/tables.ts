import { makeStyles } from '@material-ui/core/styles';

/**
 * Options every readiness table shares. Column dragging is off: it wraps each sortable header
 * in a second focusable "button" (nested-interactive, and two 14–18 px targets on top of each
 * other), and reordering columns has no use here.
 */
export const TABLE_OPTIONS = {
  draggable: false,
  search: false,
  padding: 'dense',
} as const;

/**
 * The table's cells default to `word-break: break-word`, which lets the browser size a column
 * narrower than its longest word and then split words ("Data Engin|eerin|g", "velero.i|o").
 * Whole words decide the column widths; only a word longer than the whole column may wrap.
 */
export const WHOLE_WORDS = {
  wordBreak: 'normal',
  overflowWrap: 'break-word',
} as const;

/** Sort headers at least 24 px tall (WCAG 2.2 target size); otherwise the table is untouched. */
export const useTableStyles = makeStyles({
  root: {
    '& .MuiTableSortLabel-root': { minHeight: 24 },
  },
});
