import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  CHECK_STATUSES,
  getCheck,
  CheckStatus,
  Layer,
  LAYERS,
  SummaryQuery,
} from '@254carbon/plugin-readiness-common';

// The backend rejects anything else with a 400; a bad link should not blank the whole page.
const SORT_PATTERN = new RegExp(`^-?(overall|name|${LAYERS.join('|')})$`);

export type ReadinessView = 'services' | 'checks' | 'owners';
const VIEWS: readonly ReadinessView[] = ['services', 'checks', 'owners'];

export type FilterKey =
  | 'owner'
  | 'system'
  | 'namespace'
  | 'lifecycle'
  | 'layer'
  | 'status'
  | 'check'
  | 'q'
  | 'sort';

export const FILTER_KEYS: readonly FilterKey[] = [
  'owner',
  'system',
  'namespace',
  'lifecycle',
  'layer',
  'status',
  'check',
  'q',
  'sort',
];

/**
 * The page's filters live in the URL, so a link such as `/readiness?check=SEC-RBAC` opens the
 * page already filtered, and the browser's back button undoes a filter.
 */
export function useSummaryFilters() {
  const [params, setParams] = useSearchParams();

  const { filters, invalid } = useMemo(() => parseFilters(params), [params]);
  const viewParam = params.get('view') as ReadinessView | null;
  const view: ReadinessView =
    viewParam && VIEWS.includes(viewParam) ? viewParam : 'services';

  const update = useCallback(
    (
      changes: Partial<Record<FilterKey | 'view', string | undefined>>,
      options?: { replace?: boolean },
    ) => {
      setParams(
        current => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: options?.replace ?? false },
      );
    },
    [setParams],
  );

  /** Query string (with `?`) for a link that applies `changes` on top of the current filters. */
  const hrefWith = useCallback(
    (changes: Partial<Record<FilterKey | 'view', string | undefined>>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return `?${next}`;
    },
    [params],
  );

  const activeCount = FILTER_KEYS.filter(
    k => k !== 'sort' && filters[k] !== undefined,
  ).length;

  return { filters, invalid, view, update, hrefWith, activeCount };
}

/** Reads the filters; values the backend would reject are reported instead of sent. */
export function parseFilters(params: URLSearchParams): {
  filters: SummaryQuery;
  invalid: string[];
} {
  const filters: SummaryQuery = {};
  const invalid: string[] = [];
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (key === 'layer') {
      if (LAYERS.includes(value as Layer)) filters.layer = value as Layer;
      else
        invalid.push(`layer "${value}" (expected one of ${LAYERS.join(', ')})`);
    } else if (key === 'status') {
      if (CHECK_STATUSES.includes(value as CheckStatus)) {
        filters.status = value as CheckStatus;
      } else {
        invalid.push(
          `status "${value}" (expected one of ${CHECK_STATUSES.join(', ')})`,
        );
      }
    } else if (key === 'check') {
      if (getCheck(value)) filters.check = value;
      else invalid.push(`check "${value}" (not a check id)`);
    } else if (key === 'sort') {
      if (SORT_PATTERN.test(value)) filters.sort = value;
      else
        invalid.push(
          `sort "${value}" (expected overall, name or a layer, optionally with -)`,
        );
    } else {
      filters[key] = value;
    }
  }
  return { filters, invalid };
}
