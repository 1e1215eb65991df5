import { Link, Table, TableColumn } from '@backstage/core-components';
import { TABLE_OPTIONS, useTableStyles } from '../common/tables';
import { CatalogNameLink } from '../common/CatalogNameLink';
import type { SummaryResponse } from '@254carbon/plugin-readiness-common';
import { ScoreBar } from '../common/ScoreBar';
import type { FilterKey } from './useSummaryFilters';

type OwnerRow = SummaryResponse['aggregate']['byOwner'][number];

/** Readiness rolled up per owning team; each team opens its own services. */
export function ByOwnerTable(props: {
  byOwner: OwnerRow[];
  hrefWith: (
    changes: Partial<Record<FilterKey | 'view', string | undefined>>,
  ) => string;
  loading: boolean;
}) {
  const tableClasses = useTableStyles();
  const columns: TableColumn<OwnerRow>[] = [
    {
      title: 'Owner',
      field: 'owner',
      render: row =>
        row.owner ? (
          <CatalogNameLink entityRef={row.owner} defaultKind="group" />
        ) : (
          'No owner'
        ),
    },
    {
      title: 'Services',
      field: 'services',
      align: 'right',
      render: row => (
        <Link
          to={props.hrefWith({
            view: 'services',
            owner: row.owner || undefined,
          })}
          aria-label={`Show the ${row.services} services of ${row.owner}`}
        >
          {row.services}
        </Link>
      ),
    },
    {
      title: 'Overall',
      field: 'overall',
      customSort: (a, b) => (a.overall ?? -1) - (b.overall ?? -1),
      render: row => (
        <ScoreBar label={row.owner || 'No owner'} percent={row.overall} />
      ),
    },
  ];
  return (
    <div className={tableClasses.root}>
      <Table<OwnerRow>
        title="By owner"
        isLoading={props.loading}
        columns={columns}
        data={props.byOwner}
        options={{ paging: false, ...TABLE_OPTIONS }}
      />
    </div>
  );
}
