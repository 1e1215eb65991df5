import { useEffect, useRef } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';
import { usePermission } from '@backstage/plugin-permission-react';
import { readinessRefreshPermission } from '@254carbon/plugin-readiness-common';

/**
 * "Measure now": rendered only for users granted readiness.refresh.
 *
 * While measuring it is aria-disabled rather than disabled: a disabled button loses focus to
 * `<body>`, and a keyboard user would have to find their place again. When the button is
 * remounted by the refresh (the "not measured yet" state turns into the card), it takes the
 * focus back if nothing else holds it.
 */
export function RefreshButton(props: {
  /** The entity to measure: readiness.refresh is decided per catalog entity. */
  entityRef: string;
  onRefresh: () => void;
  refreshing: boolean;
  refreshSettled?: boolean;
  variant?: 'outlined' | 'contained';
}) {
  const { allowed, loading } = usePermission({
    permission: readinessRefreshPermission,
    resourceRef: props.entityRef,
  });
  const ref = useRef<HTMLButtonElement>(null);
  const { refreshSettled } = props;
  useEffect(() => {
    const active = document.activeElement;
    if (refreshSettled && (!active || active === document.body)) {
      ref.current?.focus();
    }
  }, [refreshSettled, allowed]);
  if (loading || !allowed) return null;
  return (
    <Button
      ref={ref}
      size={props.variant === 'contained' ? 'medium' : 'small'}
      variant={props.variant ?? 'outlined'}
      color={props.variant === 'contained' ? 'primary' : 'default'}
      onClick={() => {
        if (!props.refreshing) props.onRefresh();
      }}
      aria-disabled={props.refreshing}
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
