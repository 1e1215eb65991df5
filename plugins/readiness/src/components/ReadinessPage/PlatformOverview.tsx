import { memo } from 'react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import {
  LAYER_TITLES,
  LAYERS,
  PHASE_TITLES,
  PHASES,
  SummaryResponse,
} from '@254carbon/plugin-readiness-common';
import { formatPercent } from '../common/format';
import { relativeTime } from '../common/MeasuredAt';
import { ScoreBar } from '../common/ScoreBar';

const useStyles = makeStyles(theme => ({
  big: { fontWeight: theme.typography.fontWeightBold as number },
}));

/**
 * The status report's dashboard, measured: readiness per layer and the share of services through
 * each phase gate, over every service matching the filters plus the platform checks.
 * Memoised: it renders once per summary.
 */
function PlatformOverviewView(props: { summary: SummaryResponse }) {
  const { aggregate, totalCount, lastSweep } = props.summary;
  const classes = useStyles();
  return (
    <InfoCard
      title="Platform readiness"
      titleTypographyProps={{ component: 'h2' }}
      subheader={`${totalCount} service${
        totalCount === 1 ? '' : 's'
      } plus the platform checks`}
    >
      {lastSweep?.status === 'failed' && (
        <Alert severity="error">
          The last sweep failed{lastSweep.error ? `: ${lastSweep.error}` : ''}.
          The figures below are from earlier measurements.
        </Alert>
      )}
      {lastSweep?.sourceErrors.map(e => (
        <Alert severity="warning" key={`${e.source}:${e.message}`}>
          Source {e.source} could not be read during the last sweep: {e.message}
          . Checks that need it are reported as unknown.
        </Alert>
      ))}
      <Grid container spacing={4}>
        <Grid item xs={12} md={2}>
          <Typography variant="overline" component="h3">
            Overall
          </Typography>
          <Typography variant="h3" component="div" className={classes.big}>
            {formatPercent(aggregate.overall)}
          </Typography>
          {lastSweep && (
            <Typography variant="body2" color="textSecondary">
              {lastSweep.status === 'running'
                ? `sweep running, started ${relativeTime(lastSweep.startedAt)}`
                : `last sweep ${relativeTime(
                    lastSweep.finishedAt ?? lastSweep.startedAt,
                  )}`}
            </Typography>
          )}
        </Grid>
        <Grid item xs={12} md={5}>
          <Typography variant="overline" component="h3">
            By layer
          </Typography>
          {LAYERS.map(layer => (
            <ScoreBar
              key={layer}
              label={LAYER_TITLES[layer]}
              percent={aggregate.layers[layer]}
            />
          ))}
        </Grid>
        <Grid item xs={12} md={5}>
          <Typography variant="overline" component="h3">
            By phase (services through the gate)
          </Typography>
          {PHASES.map(phase => (
            <ScoreBar
              key={phase}
              label={`${phase} ${PHASE_TITLES[phase]}`}
              percent={aggregate.phases[phase] ?? null}
            />
          ))}
        </Grid>
      </Grid>
    </InfoCard>
  );
}

export const PlatformOverview = memo(PlatformOverviewView);
