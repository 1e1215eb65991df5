import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';

/** "4 minutes ago"; an unparsable time says so instead of showing "Invalid DateTime". */
export function relativeTime(iso: string): string {
  const time = DateTime.fromISO(iso);
  if (!time.isValid) return 'at an unknown time';
  return time.toRelative() ?? time.toLocaleString(DateTime.DATETIME_MED);
}

/** "measured 4 minutes ago". */
export function measuredText(measuredAt: string): string {
  return `measured ${relativeTime(measuredAt)}`;
}

/** "measured 4 minutes ago", with the exact time as a tooltip. */
export function MeasuredAt(props: { measuredAt: string }) {
  const time = DateTime.fromISO(props.measuredAt);
  return (
    <Typography
      component="span"
      variant="body2"
      color="textSecondary"
      title={
        time.isValid ? time.toLocaleString(DateTime.DATETIME_FULL) : undefined
      }
    >
      {measuredText(props.measuredAt)}
    </Typography>
  );
}

/** Shown when the latest sweep could not measure and the result is an older one. */
export function StaleWarning(props: { stale: boolean; staleReason?: string }) {
  if (!props.stale) return null;
  return (
    <Alert severity="warning" role="status">
      These results are out of date: the latest sweep could not measure this
      {props.staleReason ? ` (${props.staleReason})` : ''}. They are the last
      successful measurement.
    </Alert>
  );
}
