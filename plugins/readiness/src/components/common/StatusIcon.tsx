import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import HelpOutline from '@material-ui/icons/HelpOutline';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { CheckStatus } from '@254carbon/plugin-readiness-common';
import { STATUS_LABELS } from './format';

const useStyles = makeStyles(theme => ({
  root: { display: 'inline-flex', alignItems: 'center' },
  // "unknown" must not look like any outcome: it is the absence of one.
  unknown: {
    width: '0.8em',
    height: '0.8em',
    marginRight: theme.spacing(1),
    color: theme.palette.status.pending,
  },
}));

/**
 * The status as an icon plus its word. The icons are hidden from assistive technology and the
 * word is always present (visible or sr-only), so colour is never the only signal.
 */
export function StatusIcon(props: {
  status: CheckStatus;
  hideLabel?: boolean;
}) {
  const { status, hideLabel } = props;
  const classes = useStyles();
  const label = STATUS_LABELS[status];
  let icon;
  switch (status) {
    case 'pass':
      icon = <StatusOK />;
      break;
    case 'warn':
      icon = <StatusWarning />;
      break;
    case 'fail':
      icon = <StatusError />;
      break;
    case 'n/a':
      icon = <StatusAborted />;
      break;
    default:
      icon = (
        <HelpOutline
          className={classes.unknown}
          data-testid="status-unknown"
          aria-hidden
        />
      );
  }
  // A span with a class, not a Box: each Box instance attaches a <style> element of its own, and
  // tables render this once per cell.
  return (
    <span className={classes.root} data-status={status}>
      {icon}
      {hideLabel ? <VisuallyHidden>{label}</VisuallyHidden> : label}
    </span>
  );
}

const useHiddenStyles = makeStyles({
  hidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/** Text for screen readers only. */
export function VisuallyHidden(props: { children: ReactNode }) {
  const classes = useHiddenStyles();
  return <span className={classes.hidden}>{props.children}</span>;
}
