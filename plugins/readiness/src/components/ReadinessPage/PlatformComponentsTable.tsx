import Typography from '@material-ui/core/Typography';
import { Table, TableColumn } from '@backstage/core-components';
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

/** The platform checks (cluster nodes, pods, Vault, issuers, ingress, registry, monitoring, backup). */
export function PlatformComponentsTable(props: { platform: PlatformResponse }) {
  const { platform } = props;
  const rows = [...platform.checks].sort(compareByStatus);
  return (
    <Table<CheckResult>
      title={`Platform components · ${formatPercent(platform.overall.percent)}`}
      subtitle={`${measuredText(platform.measuredAt)}${
        platform.stale
          ? ` · out of date${
              platform.staleReason ? `: ${platform.staleReason}` : ''
            }`
          : ''
      }`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={rows}
    />
  );
}
