import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { memo, useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { TABLE_OPTIONS, useTableStyles, WHOLE_WORDS } from '../common/tables';
import type {
  CheckResult,
  PlatformResponse,
} from '@254carbon/plugin-readiness-common';
import {
  checkTitle,
  compareByStatus,
  formatPercent,
  remediationOf,
} from '../common/format';
import { measuredText } from '../common/MeasuredAt';
import { StatusIcon } from '../common/StatusIcon';

const columns: TableColumn<CheckResult>[] = [
  {
    title: 'Status',
    field: 'status',
    width: '140px',
    render: row => <StatusIcon status={row.status} />,
  },
  {
    title: 'Component',
    field: 'checkId',
    render: row => (
      <>
        <Typography variant="body2">{checkTitle(row.checkId)}</Typography>
        <Typography variant="caption" color="textSecondary">
          {row.checkId}
        </Typography>
      </>
    ),
  },
  {
    title: 'Evidence',
    sorting: false,
    render: row => (
      <>
        {row.status === 'unknown' && row.error && (
          <Typography variant="body2">
            Could not read {row.error.source}: {row.error.message}
          </Typography>
        )}
        {row.evidence.map((line, i) => (
          <Typography variant="body2" key={i}>
            {line}
          </Typography>
        ))}
      </>
    ),
  },
  {
    title: 'How to fix',
    sorting: false,
    render: row =>
      row.status === 'pass' || row.status === 'n/a' ? null : (
        <Typography variant="body2">{remediationOf(row)}</Typography>
      ),
  },
];

// Evidence and fixes wrap between words on a narrow screen, never inside one ("velero.i|o").
const wholeWordColumns = columns.map(column => ({
  ...column,
  cellStyle: WHOLE_WORDS,
}));

const ALL = '';

/**
 * The platform checks (cluster nodes, pods, Vault, issuers, ingress, registry, monitoring, backup).
 * Each cluster is judged on its own; with several clusters a selector shows one cluster's checks,
 * and "All clusters" shows the platform row, where each check is its worst cluster.
 * Memoised: it renders when the platform response arrives, not on every render of the page.
 */
function PlatformComponentsTableView(props: { platform: PlatformResponse }) {
  const { platform } = props;
  const tableClasses = useTableStyles();
  const clusters = platform.clusters ?? [];
  const [cluster, setCluster] = useState(ALL);
  const selected = clusters.find(c => c.cluster === cluster);
  const rows = [...(selected?.checks ?? platform.checks)].sort(compareByStatus);
  const percent = selected
    ? selected.overall.percent
    : platform.overall.percent;
  return (
    <>
      {clusters.length > 1 && (
        <Box mb={1}>
          <TextField
            select
            size="small"
            variant="outlined"
            label="Cluster"
            value={cluster}
            onChange={e => setCluster(e.target.value)}
            SelectProps={{ native: true }}
            inputProps={{ 'data-testid': 'platform-cluster-select' }}
          >
            <option value={ALL}>
              All clusters (worst of {clusters.length})
            </option>
            {clusters.map(c => (
              <option key={c.cluster} value={c.cluster}>
                {c.cluster} · {formatPercent(c.overall.percent)}
              </option>
            ))}
          </TextField>
        </Box>
      )}
      <div className={tableClasses.root}>
        <Table<CheckResult>
          title={`Platform components${
            selected ? ` in ${selected.cluster}` : ''
          } · ${formatPercent(percent)}`}
          subtitle={`${measuredText(platform.measuredAt)}${
            platform.stale
              ? ` · out of date${
                  platform.staleReason ? `: ${platform.staleReason}` : ''
                }`
              : ''
          }`}
          options={{ paging: false, ...TABLE_OPTIONS }}
          columns={wholeWordColumns}
          data={rows}
        />
      </div>
    </>
  );
}

export const PlatformComponentsTable = memo(PlatformComponentsTableView);
