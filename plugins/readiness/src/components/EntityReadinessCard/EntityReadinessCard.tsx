import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
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
  roundPercent,
  scoreLevel,
  severityOf,
  topProblems,
} from '../common/format';
import { LiveRegion } from '../common/LiveRegion';
import { useEntityReadinessPath } from '../common/links';
import { MeasuredAt, StaleWarning } from '../common/MeasuredAt';
import { MeasurementNotes } from '../common/MeasurementNotes';
import { PhaseChips } from '../common/PhaseChips';
import { RefreshButton } from '../common/RefreshButton';
import { ScoreBar } from '../common/ScoreBar';
import { StatusIcon } from '../common/StatusIcon';
import { useEntityReadiness } from '../common/useEntityReadiness';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  gauge: { maxWidth: 160, margin: '0 auto' },
  notScored: { textAlign: 'center', padding: theme.spacing(3, 0) },
  problemTitle: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minWidth: 0,
  },
  // A long check title in a narrow card ends in an ellipsis (the tooltip and the link's
  // accessible name keep the whole title) instead of being cut off by the card's edge.
  ellipsis: {
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  noShrink: { flexShrink: 0, whiteSpace: 'nowrap' },
  // Two lines of the fix; the whole text stays in the DOM for screen readers and in the title.
  clamp: {
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
}));

/** The gauge's colour follows the same bands as every other score in the plugin. */
function gaugeColor(args: {
  palette: { status: Record<'ok' | 'warning' | 'error', string> };
  value: number;
}): string {
  return args.palette.status[scoreLevel(args.value) ?? 'error'];
}

/** The entity overview card: overall and per-layer score, phase gates and the top three fixes. */
export function EntityReadinessCard() {
  const state = useEntityReadiness();
  const tabPath = useEntityReadinessPath();
  const { entity, readiness } = state;
  return (
    <div data-testid="readiness-entity-card">
      <LiveRegion message={state.announcement} />
      <InfoCard
        title="Production readiness"
        titleTypographyProps={{ component: 'h2' }}
        subheader={
          readiness ? (
            <MeasuredAt measuredAt={readiness.measuredAt} />
          ) : undefined
        }
        action={
          readiness ? (
            <Box mt={1} mr={1}>
              <RefreshButton
                entityRef={state.entityRef}
                onRefresh={() => state.refresh()}
                refreshing={state.refreshing}
                refreshSettled={state.refreshSettled}
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
    </div>
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
      <MeasurementNotes readiness={readiness} />
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
              {/* Not fractional: the gauge shows the same one-decimal figure as the tab and the
                  table ("38.5%"), where its default rounds to a whole number. */}
              <Gauge
                value={roundPercent(overall)}
                fractional={false}
                getColor={gaugeColor}
                description="Overall readiness"
              />
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
                    <Box className={classes.problemTitle}>
                      <StatusIcon status={problem.status} hideLabel />
                      <Tooltip title={checkTitle(problem.checkId)}>
                        <Link
                          to={tabPath(readiness.entityRef, problem.checkId)}
                          className={classes.ellipsis}
                        >
                          {checkTitle(problem.checkId)}
                        </Link>
                      </Tooltip>
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        className={classes.noShrink}
                      >
                        {severityOf(problem.checkId)} · {problem.checkId}
                      </Typography>
                    </Box>
                  }
                  secondary={fixText(problem)}
                  secondaryTypographyProps={{
                    className: classes.clamp,
                    title: fixText(problem),
                  }}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Box>
    </>
  );
}

function fixText(problem: ServiceReadiness['checks'][number]) {
  return problem.status === 'unknown' && problem.error
    ? `Could not read ${problem.error.source}: ${problem.error.message}`
    : remediationOf(problem);
}
