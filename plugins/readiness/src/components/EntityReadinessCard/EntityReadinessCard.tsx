import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { Gauge, InfoCard, Link } from '@backstage/core-components';
import {
  LAYER_TITLES,
  LAYERS,
  ServiceReadiness,
} from '@254carbon/plugin-readiness-common';
import { EntityStates } from '../common/EntityStates';
import {
  checkTitle,
  formatPercent,
  remediationOf,
  severityOf,
  topProblems,
} from '../common/format';
import { useEntityReadinessPath } from '../common/links';
import { MeasuredAt, StaleWarning } from '../common/MeasuredAt';
import { PhaseChips } from '../common/PhaseChips';
import { RefreshButton } from '../common/RefreshButton';
import { ScoreBar } from '../common/ScoreBar';
import { StatusIcon } from '../common/StatusIcon';
import { useEntityReadiness } from '../common/useEntityReadiness';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  gauge: { maxWidth: 160, margin: '0 auto' },
  notScored: { textAlign: 'center', padding: theme.spacing(3, 0) },
}));

/** The entity overview card: overall and per-layer score, phase gates and the top three fixes. */
export function EntityReadinessCard() {
  const state = useEntityReadiness();
  const tabPath = useEntityReadinessPath();
  const { entity, readiness } = state;
  return (
    <InfoCard
      title="Production readiness"
      subheader={
        readiness ? <MeasuredAt measuredAt={readiness.measuredAt} /> : undefined
      }
      action={
        readiness ? (
          <Box mt={1} mr={1}>
            <RefreshButton
              onRefresh={() => state.refresh()}
              refreshing={state.refreshing}
            />
          </Box>
        ) : undefined
      }
      deepLink={
        readiness
          ? { title: 'All checks and evidence', link: tabPath(entity) }
          : undefined
      }
    >
      <EntityStates state={state}>
        {result => (
          <CardBody readiness={result} refreshError={state.refreshError} />
        )}
      </EntityStates>
    </InfoCard>
  );
}

function CardBody(props: {
  readiness: ServiceReadiness;
  refreshError?: Error;
}) {
  const { readiness, refreshError } = props;
  const classes = useStyles();
  const tabPath = useEntityReadinessPath();
  const problems = topProblems(readiness.checks, 3);
  const overall = readiness.overall.percent;
  return (
    <>
      <StaleWarning
        stale={readiness.stale}
        staleReason={readiness.staleReason}
      />
      {refreshError && (
        <Alert severity="error">Measuring failed: {refreshError.message}</Alert>
      )}
      {readiness.entityErrors.length > 0 && (
        <Alert severity="error">
          {readiness.entityErrors.map(message => (
            <div key={message}>{message}</div>
          ))}
        </Alert>
      )}
      <Grid
        container
        spacing={2}
        alignItems="center"
        className={classes.section}
      >
        <Grid item xs={12} sm={5}>
          {overall === null ? (
            <Typography className={classes.notScored} color="textSecondary">
              Nothing scored yet: every check is n/a, exempted or blocked.
            </Typography>
          ) : (
            <Box
              className={classes.gauge}
              role="img"
              aria-label={`Overall readiness ${formatPercent(overall)}`}
            >
              <Gauge value={overall / 100} description="Overall readiness" />
            </Box>
          )}
        </Grid>
        <Grid item xs={12} sm={7}>
          {LAYERS.map(layer => (
            <ScoreBar
              key={layer}
              label={LAYER_TITLES[layer]}
              percent={readiness.layers[layer]?.percent ?? null}
            />
          ))}
        </Grid>
      </Grid>
      <Box className={classes.section}>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          Phase progress
        </Typography>
        <PhaseChips phases={readiness.phases} />
      </Box>
      <Box className={classes.section}>
        <Typography variant="subtitle2" component="h3">
          Most important to fix
        </Typography>
        {problems.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            Nothing failing: every counted check passes.
          </Typography>
        ) : (
          <List dense disablePadding aria-label="Most important failing checks">
            {problems.map(problem => (
              <ListItem
                key={problem.checkId}
                disableGutters
                alignItems="flex-start"
              >
                <ListItemText
                  primary={
                    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                      <StatusIcon status={problem.status} hideLabel />
                      <Link to={tabPath(readiness.entityRef, problem.checkId)}>
                        {checkTitle(problem.checkId)}
                      </Link>
                      <Typography variant="caption" color="textSecondary">
                        {severityOf(problem.checkId)} · {problem.checkId}
                      </Typography>
                    </Box>
                  }
                  secondary={
                    problem.status === 'unknown' && problem.error
                      ? `Could not read ${problem.error.source}: ${problem.error.message}`
                      : remediationOf(problem)
                  }
                />
              </ListItem>
            ))}
          </List>
        )}
      </Box>
    </>
  );
}
