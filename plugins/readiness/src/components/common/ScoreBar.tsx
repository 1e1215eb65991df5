import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatPercent, SCORE_LEVEL_LABELS, scoreLevel } from './format';
import { ScoreLevelIcon } from './ScoreLevelIcon';
import { VisuallyHidden } from './StatusIcon';

const useStyles = makeStyles(theme => ({
  row: { marginBottom: theme.spacing(1.5) },
  header: { display: 'flex', justifyContent: 'space-between' },
  value: { display: 'inline-flex', alignItems: 'baseline' },
  bar: { height: 8, borderRadius: 4 },
  track: { backgroundColor: theme.palette.action.hover },
  ok: { backgroundColor: theme.palette.status.ok },
  warning: { backgroundColor: theme.palette.status.warning },
  error: { backgroundColor: theme.palette.status.error },
  none: { backgroundColor: theme.palette.text.disabled },
}));

/** A labelled progress bar for a percentage; null means nothing was scored. */
export function ScoreBar(props: {
  label: string;
  percent: number | null | undefined;
  /** Shown after the percentage, e.g. "3 of 5 services". */
  detail?: string;
}) {
  const { label, percent, detail } = props;
  const classes = useStyles();
  const band = scoreLevel(percent);
  const level = band ?? 'none';
  const text =
    percent === null || percent === undefined
      ? 'not scored'
      : formatPercent(percent);
  // Not a Box: each Box instance attaches a <style> element of its own (see StatusIcon).
  return (
    <div className={classes.row}>
      <div className={classes.header}>
        <Typography variant="body2">{label}</Typography>
        <Typography
          variant="body2"
          color="textSecondary"
          component="span"
          className={classes.value}
        >
          {/* The bar's colour is the band; the icon's shape and the hidden word say it too. */}
          <ScoreLevelIcon level={band} />
          {text}
          {band && (
            <VisuallyHidden>, {SCORE_LEVEL_LABELS[band]}</VisuallyHidden>
          )}
          {detail ? ` · ${detail}` : ''}
        </Typography>
      </div>
      <LinearProgress
        variant="determinate"
        value={percent ?? 0}
        aria-label={label}
        aria-valuetext={text}
        classes={{
          root: `${classes.bar} ${classes.track}`,
          bar: classes[level],
        }}
      />
    </div>
  );
}
