import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import {
  formatPercent,
  SCORE_LEVEL_LABELS,
  scoreLevel,
} from '../common/format';
import { ScoreLevelIcon } from '../common/ScoreLevelIcon';
import { VisuallyHidden } from '../common/StatusIcon';

const useStyles = makeStyles(theme => ({
  // A score never wraps between its icon and its number.
  cell: {
    display: 'inline-flex',
    alignItems: 'baseline',
    whiteSpace: 'nowrap',
  },
  // The theme's status colours are below 4.5:1 as text on white and on the grey table rows; the
  // number is text-coloured (errorText for the red band, 5.6:1 on #f8f8f8) and the band is in
  // the icon's shape and in words.
  number: { color: theme.palette.text.primary },
  error: {
    color:
      theme.palette.type === 'light'
        ? theme.palette.errorText
        : theme.palette.text.primary,
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

/**
 * A score in a table. Red scores link to the entity's readiness tab: the evidence and the fix are
 * one click away from the number that needs them. The link is underlined, so it does not rely on
 * colour to look like one.
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
  // Not a Box: each Box instance attaches a <style> element of its own (see StatusIcon).
  return (
    <span className={classes.cell} data-score-level={level}>
      <ScoreLevelIcon level={level} />
      {level === 'error' ? (
        <Link
          to={to}
          underline="always"
          className={classes.error}
          aria-label={`${label} ${text}, ${SCORE_LEVEL_LABELS.error}: open the readiness tab`}
        >
          {text}
        </Link>
      ) : (
        <Typography variant="body2" component="span" className={classes.number}>
          {text}
          {level && (
            <VisuallyHidden>, {SCORE_LEVEL_LABELS[level]}</VisuallyHidden>
          )}
        </Typography>
      )}
    </span>
  );
}
