import { memo, useMemo } from 'react';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { TABLE_OPTIONS, useTableStyles, WHOLE_WORDS } from '../common/tables';
import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  Layer,
  ServiceSummaryRow,
} from '@254carbon/plugin-readiness-common';
import { checkTitle, STATUS_LABELS } from '../common/format';
import { useEntityReadinessPath } from '../common/links';
import { StatusIcon } from '../common/StatusIcon';
import { CatalogNameLink } from '../common/CatalogNameLink';
import { ScoreCell } from './ScoreCell';

const useStyles = makeStyles(theme => ({
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  emptyContent: { padding: theme.spacing(3) },
  chipLink: { maxWidth: '100%' },
  chip: { maxWidth: '100%' },
  // Not inside a line of text, so it gets a full 24 px target (WCAG 2.2 target size).
  more: { display: 'inline-flex', alignItems: 'center', minHeight: 24 },
}));

const SCORE_CELL = { ...WHOLE_WORDS, whiteSpace: 'nowrap' } as const;

/** Sort keys the backend understands, by column field. */
const SORT_KEYS: Record<string, string> = {
  entityRef: 'name',
  overall: 'overall',
  infrastructure: 'infrastructure',
  security: 'security',
  operations: 'operations',
};

const MAX_CHIPS = 3;

/** The service's name as the catalog shows it: its title, else its humanized ref. */
function serviceName(row: ServiceSummaryRow): string {
  if (row.title) return row.title;
  try {
    return humanizeEntityRef(parseEntityRef(row.entityRef), {
      defaultKind: 'component',
    });
  } catch {
    return row.entityRef;
  }
}

/**
 * One page of the services, sorted by the server. Memoised with its columns: the page renders
 * it once per summary, not again when the platform or the check list arrive.
 */
function ServicesTableView(props: {
  rows: ServiceSummaryRow[];
  totalCount: number;
  page: number;
  pageSize: number;
  loading: boolean;
  sort?: string;
  onPageChange: (page: number, pageSize: number) => void;
  onSortChange: (sort: string | undefined) => void;
}) {
  const classes = useStyles();
  const tableClasses = useTableStyles();
  const tabPath = useEntityReadinessPath();
  const sort = props.sort ?? 'overall';
  const columns = useMemo(
    () => servicesColumns(classes, tabPath, sort),
    [classes, tabPath, sort],
  );
  return (
    <div className={tableClasses.root}>
      <Table<ServiceSummaryRow>
        title="Services"
        subtitle={`${props.totalCount} matching`}
        isLoading={props.loading}
        columns={columns}
        data={props.rows}
        page={props.page}
        totalCount={props.totalCount}
        onPageChange={props.onPageChange}
        onRowsPerPageChange={pageSize => props.onPageChange(0, pageSize)}
        onOrderChange={(orderBy, direction) => {
          const field = columns[orderBy]?.field as string | undefined;
          const key = field ? SORT_KEYS[field] : undefined;
          props.onSortChange(
            key ? `${direction === 'desc' ? '-' : ''}${key}` : undefined,
          );
        }}
        options={{
          paging: true,
          pageSize: props.pageSize,
          pageSizeOptions: [10, 20, 50, 100],
          emptyRowsWhenPaging: false,
          ...TABLE_OPTIONS,
          thirdSortClick: false,
        }}
        emptyContent={
          <div className={classes.emptyContent}>
            <Typography color="textSecondary">
              No measured service matches these filters.
            </Typography>
          </div>
        }
      />
    </div>
  );
}

export const ServicesTable = memo(ServicesTableView);

function servicesColumns(
  classes: ReturnType<typeof useStyles>,
  tabPath: ReturnType<typeof useEntityReadinessPath>,
  sort: string,
): TableColumn<ServiceSummaryRow>[] {
  const sortField = sort.replace(/^-/, '');
  const defaultSort = (field: string): 'asc' | 'desc' | undefined => {
    if (SORT_KEYS[field] !== sortField) return undefined;
    return sort.startsWith('-') ? 'desc' : 'asc';
  };
  // The server sorts the whole result; sorting one page locally would lie about the order.
  const serverSorted = (field: string) => ({
    field,
    customSort: () => 0,
    defaultSort: defaultSort(field),
  });
  const layerColumn = (
    layer: Layer,
    title: string,
  ): TableColumn<ServiceSummaryRow> => ({
    title,
    ...serverSorted(layer),
    align: 'right',
    width: '96px',
    cellStyle: SCORE_CELL,
    headerStyle: SCORE_CELL,
    render: row => (
      <ScoreCell
        percent={row.layers[layer]}
        to={tabPath(row.entityRef)}
        label={`${title} of ${row.entityRef}`}
      />
    ),
  });

  // Scores come right after the service: on a narrow screen they are what shows without
  // scrolling, and at 1440 px the table fits its container with owner and system sharing a column.
  return [
    {
      title: 'Service',
      ...serverSorted('entityRef'),
      cellStyle: WHOLE_WORDS,
      // Plain elements, not Box (one <style> element per Box instance, see StatusIcon); the name
      // is the title the summary carries, so no catalog round trip is needed to show it.
      render: row => (
        <div>
          <EntityRefLink entityRef={row.entityRef}>
            {serviceName(row)}
          </EntityRefLink>
          {row.namespace && (
            <Typography variant="caption" color="textSecondary" component="div">
              {row.namespace}
            </Typography>
          )}
          {row.stale && (
            <Typography variant="caption" color="textSecondary" component="div">
              out of date
            </Typography>
          )}
          {row.entityErrors.length > 0 && (
            <Typography variant="caption" color="error" component="div">
              {row.entityErrors.join('; ')}
            </Typography>
          )}
        </div>
      ),
    },
    {
      title: 'Overall',
      ...serverSorted('overall'),
      align: 'right',
      width: '96px',
      cellStyle: SCORE_CELL,
      headerStyle: SCORE_CELL,
      render: row => (
        <ScoreCell
          percent={row.overall}
          to={tabPath(row.entityRef)}
          label={`Overall readiness of ${row.entityRef}`}
        />
      ),
    },
    layerColumn('infrastructure', 'Infra'),
    layerColumn('security', 'Security'),
    layerColumn('operations', 'Ops'),
    {
      title: 'Worst checks',
      sorting: false,
      cellStyle: WHOLE_WORDS,
      render: row => (
        <div className={classes.chips}>
          {row.problems.slice(0, MAX_CHIPS).map(problem => (
            <Tooltip
              key={problem.checkId}
              title={`${checkTitle(problem.checkId)}: ${
                STATUS_LABELS[problem.status]
              }${problem.blockedBy ? `, blocked by ${problem.blockedBy}` : ''}`}
            >
              <Link
                to={tabPath(row.entityRef, problem.checkId)}
                underline="none"
                className={classes.chipLink}
                aria-label={`${problem.checkId} ${
                  STATUS_LABELS[problem.status]
                } for ${row.entityRef}`}
              >
                <Chip
                  size="small"
                  variant="outlined"
                  className={classes.chip}
                  icon={<StatusIcon status={problem.status} hideLabel />}
                  label={problem.checkId}
                />
              </Link>
            </Tooltip>
          ))}
          {row.problems.length > MAX_CHIPS && (
            <Link to={tabPath(row.entityRef)} className={classes.more}>
              +{row.problems.length - MAX_CHIPS} more
            </Link>
          )}
        </div>
      ),
    },
    {
      title: 'Owner · system',
      sorting: false,
      cellStyle: WHOLE_WORDS,
      render: row => (
        <div>
          <div>
            {row.owner ? (
              <CatalogNameLink entityRef={row.owner} defaultKind="group" />
            ) : (
              'No owner'
            )}
          </div>
          {row.system && (
            <Typography variant="body2" component="div">
              <CatalogNameLink entityRef={row.system} defaultKind="system" />
            </Typography>
          )}
        </div>
      ),
    },
  ];
}
