import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';
import { usePermission } from '@backstage/plugin-permission-react';
import { readinessRefreshPermission } from '@254carbon/plugin-readiness-common';

/** "Measure now": rendered only for users granted readiness.refresh. */
export function RefreshButton(props: {
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const { allowed, loading } = usePermission({
    permission: readinessRefreshPermission,
  });
  if (loading || !allowed) return null;
  return (
    <Button
      size="small"
      variant="outlined"
      onClick={props.onRefresh}
      disabled={props.refreshing}
      aria-busy={props.refreshing}
      startIcon={
        props.refreshing ? (
          <CircularProgress size={14} aria-hidden />
        ) : (
          <RefreshIcon aria-hidden />
        )
      }
    >
      {props.refreshing ? 'Measuring…' : 'Measure now'}
    </Button>
  );
}
