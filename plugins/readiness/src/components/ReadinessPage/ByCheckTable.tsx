import Typography from '@material-ui/core/Typography';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { TABLE_OPTIONS, useTableStyles } from '../common/tables';
import {
  CheckDefinition,
  CheckStatus,
  LAYER_TITLES,
  SummaryResponse,
} from '@254carbon/plugin-readiness-common';
import { STATUS_LABELS } from '../common/format';
import type { FilterKey, ReadinessView } from './useSummaryFilters';

interface CheckRow {
  check: CheckDefinition;
  counts: Record<CheckStatus, number>;
}

const COUNTED: CheckStatus[] = ['pass', 'warn', 'fail', 'unknown'];
const NO_COUNTS: Record<CheckStatus, number> = {
  pass: 0,
  warn: 0,
  fail: 0,
  unknown: 0,
  'n/a': 0,
};

/**
 * For each service check, how many of the matching services pass, warn, fail or could not be
 * measured. Each number filters the services table to exactly those services.
 */
export function ByCheckTable(props: {
  checks: CheckDefinition[];
  byCheck: SummaryResponse['aggregate']['byCheck'];
  hrefWith: (
    changes: Partial<Record<FilterKey | 'view', string | undefined>>,
  ) => string;
  loading: boolean;
}) {
  const { checks, byCheck, hrefWith } = props;
  const tableClasses = useTableStyles();
  // "fail" is what a bare check filter means, so that link reads ?check=ID like a shared link.
  const servicesWith = (checkId: string, status: CheckStatus) =>
    hrefWith({
      view: 'services' satisfies ReadinessView,
      check: checkId,
      status: status === 'fail' ? undefined : status,
    });
  const rows: CheckRow[] = checks
    .filter(c => c.scope === 'service')
    .map(check => ({
      check,
      counts: { ...NO_COUNTS, ...byCheck[check.id] },
    }));

  const countColumn = (status: CheckStatus): TableColumn<CheckRow> => ({
    title: STATUS_LABELS[status],
    align: 'right',
    customSort: (a, b) => a.counts[status] - b.counts[status],
    render: row =>
      row.counts[status] > 0 ? (
        <Link
          to={servicesWith(row.check.id, status)}
          aria-label={`${row.counts[status]} services with ${row.check.id} ${STATUS_LABELS[status]}: show them`}
        >
          {row.counts[status]}
        </Link>
      ) : (
        <Typography variant="body2" color="textSecondary" component="span">
          0
        </Typography>
      ),
  });

  const columns: TableColumn<CheckRow>[] = [
    {
      title: 'Check',
      customSort: (a, b) => a.check.id.localeCompare(b.check.id),
      render: row => (
        <>
          <Link to={servicesWith(row.check.id, 'fail')}>{row.check.title}</Link>
          <Typography variant="caption" color="textSecondary" component="div">
            {row.check.id}
          </Typography>
        </>
      ),
    },
    {
      title: 'Layer',
      customSort: (a, b) => a.check.layer.localeCompare(b.check.layer),
      render: row => LAYER_TITLES[row.check.layer],
    },
    {
      title: 'Phase',
      customSort: (a, b) => a.check.phase.localeCompare(b.check.phase),
      render: row => row.check.phase,
    },
    {
      title: 'Severity',
      customSort: (a, b) => a.check.severity.localeCompare(b.check.severity),
      render: row => row.check.severity,
    },
    ...COUNTED.map(countColumn),
  ];

  return (
    <div className={tableClasses.root}>
      <Table<CheckRow>
        title="By check"
        subtitle="Services matching the filters, by result of each check"
        isLoading={props.loading}
        columns={columns}
        data={rows}
        options={{ paging: false, ...TABLE_OPTIONS }}
      />
    </div>
  );
}
