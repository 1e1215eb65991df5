import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { formatPercent, scoreLevel } from '../common/format';

const useStyles = makeStyles(theme => ({
  ok: { color: theme.palette.status.ok },
  warning: { color: theme.palette.status.warning },
  error: {
    color: theme.palette.status.error,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  none: { color: theme.palette.text.secondary },
}));

/**
 * A score in a table. Red scores link to the entity's readiness tab: the evidence and the fix are
 * one click away from the number that needs them.
 */
export function ScoreCell(props: {
  percent: number | null;
  to: string;
  label: string;
}) {
  const { percent, to, label } = props;
  const classes = useStyles();
  const level = scoreLevel(percent);
  const text = formatPercent(percent);
  if (level === 'error') {
    return (
      <Link
        to={to}
        className={classes.error}
        aria-label={`${label} ${text}: open the readiness tab`}
      >
        {text}
      </Link>
    );
  }
  return (
    <Typography
      variant="body2"
      component="span"
      className={classes[level ?? 'none']}
    >
      {text}
    </Typography>
  );
}
