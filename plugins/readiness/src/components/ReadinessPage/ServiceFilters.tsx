import { memo, useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  CHECK_STATUSES,
  CheckDefinition,
  LAYER_TITLES,
  LAYERS,
  SummaryQuery,
  SummaryResponse,
} from '@254carbon/plugin-readiness-common';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import { STATUS_LABELS } from '../common/format';
import type { FilterKey } from './useSummaryFilters';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-end',
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 150, maxWidth: 280 },
  search: { minWidth: 240 },
  // The shrunk label's default (54% black) is 4.47:1 on the page's grey; textSubtle is 4.8:1.
  label: { color: theme.palette.textSubtle },
  clearDisabled: { color: theme.palette.textSubtle, cursor: 'default' },
}));

/** Typing pauses this long before the search is sent: one request per word, not per key. */
export const SEARCH_DELAY_MS = 300;

const CLEARED: Partial<Record<FilterKey, undefined>> = {
  owner: undefined,
  system: undefined,
  namespace: undefined,
  lifecycle: undefined,
  layer: undefined,
  status: undefined,
  check: undefined,
  q: undefined,
};

/**
 * Drop-downs for every filter of GET /summary plus a search box; all state is in the URL.
 *
 * The drop-downs are menus, not native selects: a closed native select applies every option the
 * arrow keys pass over (28 requests and 28 history entries to reach one check), a menu applies
 * only the option chosen with Enter or a click.
 *
 * Memoised: its props are stable between renders of the page (filters from the URL, facets from
 * the summary), so it renders when they change.
 */
function ServiceFiltersView(props: {
  filters: SummaryQuery;
  facets?: SummaryResponse['facets'];
  checks: CheckDefinition[];
  onChange: (
    changes: Partial<Record<FilterKey, string | undefined>>,
    options?: { replace?: boolean },
  ) => void;
  activeCount: number;
}) {
  const { filters, facets, checks, onChange } = props;
  const classes = useStyles();
  const [search, setSearch] = useState(filters.q ?? '');

  // Keeps the box in step when the URL changes under it (back button, "clear filters").
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);

  useEffect(() => {
    if ((filters.q ?? '') === search) return undefined;
    const timer = setTimeout(
      // Replacing the history entry: the back button undoes a search, not each pause in typing.
      () => onChange({ q: search || undefined }, { replace: true }),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [search, filters.q, onChange]);

  const select = (
    key: FilterKey,
    label: string,
    options: { value: string; label: string }[],
  ) => {
    const current = (filters[key] as string | undefined) ?? '';
    // A value from a link may not be among the facets (e.g. no service left): keep it selectable.
    const all =
      current && !options.some(o => o.value === current)
        ? [...options, { value: current, label: current }]
        : options;
    return (
      <TextField
        key={key}
        select
        label={label}
        id={`readiness-filter-${key}`}
        value={current}
        onChange={e => onChange({ [key]: e.target.value || undefined })}
        SelectProps={{
          displayEmpty: true,
          MenuProps: { MenuListProps: { 'aria-label': label } },
        }}
        InputLabelProps={{ shrink: true, className: classes.label }}
        className={classes.select}
      >
        <MenuItem value="">All</MenuItem>
        {all.map(o => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
    );
  };

  const refOptions = (refs: string[] | undefined, defaultKind: string) =>
    (refs ?? []).map(ref => ({
      value: ref,
      label: humanize(ref, defaultKind),
    }));
  const plain = (values: string[] | undefined) =>
    (values ?? []).map(v => ({ value: v, label: v }));

  return (
    <Box className={classes.root} role="search" aria-label="Filter services">
      <TextField
        label="Search services"
        id="readiness-filter-q"
        type="search"
        value={search}
        onChange={e => setSearch(e.target.value)}
        className={classes.search}
        InputLabelProps={{ shrink: true, className: classes.label }}
        placeholder="name or title"
      />
      {select('owner', 'Owner', refOptions(facets?.owners, 'group'))}
      {select('system', 'System', refOptions(facets?.systems, 'system'))}
      {select('namespace', 'Namespace', plain(facets?.namespaces))}
      {select('lifecycle', 'Lifecycle', plain(facets?.lifecycles))}
      {select(
        'layer',
        'Layer',
        LAYERS.map(l => ({ value: l, label: LAYER_TITLES[l] })),
      )}
      {select(
        'status',
        'Status',
        CHECK_STATUSES.map(s => ({ value: s, label: STATUS_LABELS[s] })),
      )}
      {select(
        'check',
        'Failing check',
        checks.map(c => ({ value: c.id, label: `${c.id} · ${c.title}` })),
      )}
      {/* Always rendered: a button that vanished after use would drop the focus to <body>. */}
      <Button
        onClick={() => {
          if (props.activeCount > 0) onChange(CLEARED);
        }}
        aria-disabled={props.activeCount === 0}
        className={props.activeCount === 0 ? classes.clearDisabled : undefined}
      >
        Clear filters
      </Button>
    </Box>
  );
}

export const ServiceFilters = memo(ServiceFiltersView);

function humanize(ref: string, defaultKind: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref, { defaultKind }), {
      defaultKind,
    });
  } catch {
    return ref;
  }
}
