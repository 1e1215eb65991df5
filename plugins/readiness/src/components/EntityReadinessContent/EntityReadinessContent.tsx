import { useEffect } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { DateTime } from 'luxon';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  CheckResult,
  getCheck,
  Layer,
  LAYER_TITLES,
  LAYERS,
  Phase,
  PHASE_TITLES,
  PHASES,
  ServiceReadiness,
} from '@254carbon/plugin-readiness-common';
import { readinessApiRef } from '../../api';
import { EntityStates } from '../common/EntityStates';
import { LiveRegion } from '../common/LiveRegion';
import { ReadinessErrorPanel } from '../common/errors';
import { compareByStatus, formatPercent } from '../common/format';
import { MeasuredAt, StaleWarning } from '../common/MeasuredAt';
import { MeasurementNotes } from '../common/MeasurementNotes';
import { PhaseChips } from '../common/PhaseChips';
import { RefreshButton } from '../common/RefreshButton';
import { ScoreBar } from '../common/ScoreBar';
import { useEntityReadiness } from '../common/useEntityReadiness';
import { ScoreHistoryChart } from '../ScoreHistoryChart';
import { CheckResultItem } from './CheckResultItem';

const HISTORY_DAYS = 30;

// InfoCard titles render as spans; as h2 they give the tab an outline without a gap under the
// entity's h1: card (h2) > phase (h3) > check (h4).
const CARD_HEADING = { component: 'h2' } as const;

const useStyles = makeStyles(theme => ({
  big: { fontWeight: theme.typography.fontWeightBold as number },
  phase: { marginTop: theme.spacing(2) },
  phaseHeader: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  list: { margin: 0, padding: 0 },
}));

/** The readiness tab: every check of the entity, grouped by layer then phase, and its history. */
export function EntityReadinessContent() {
  const state = useEntityReadiness();
  return (
    <div data-testid="readiness-entity-content">
      <LiveRegion message={state.announcement} />
      <EntityStates state={state}>
        {readiness => (
          <Grid container spacing={3}>
            <Grid item xs={12} md={5}>
              <SummaryCard
                readiness={readiness}
                refresh={state.refresh}
                refreshing={state.refreshing}
                refreshError={state.refreshError}
                refreshSettled={state.refreshSettled}
              />
            </Grid>
            <Grid item xs={12} md={7}>
              <HistoryCard measuredAt={readiness.measuredAt} />
            </Grid>
            {groupChecks(readiness.checks).map(group => (
              <Grid item xs={12} key={group.layer}>
                <LayerCard readiness={readiness} group={group} />
              </Grid>
            ))}
          </Grid>
        )}
      </EntityStates>
    </div>
  );
}

function SummaryCard(props: {
  readiness: ServiceReadiness;
  refresh: () => void;
  refreshing: boolean;
  refreshError?: Error;
  refreshSettled: boolean;
}) {
  const { readiness } = props;
  const classes = useStyles();
  useScrollToHash(readiness);
  const { counts } = readiness.overall;
  return (
    <InfoCard
      title="Production readiness"
      titleTypographyProps={CARD_HEADING}
      subheader={<MeasuredAt measuredAt={readiness.measuredAt} />}
      action={
        <Box mt={1} mr={1}>
          <RefreshButton
            entityRef={readiness.entityRef}
            onRefresh={props.refresh}
            refreshing={props.refreshing}
            refreshSettled={props.refreshSettled}
          />
        </Box>
      }
    >
      <StaleWarning
        stale={readiness.stale}
        staleReason={readiness.staleReason}
      />
      {props.refreshError && (
        <Alert severity="error">
          Measuring failed: {props.refreshError.message}
        </Alert>
      )}
      {readiness.entityErrors.length > 0 && (
        <Alert severity="error">
          {readiness.entityErrors.map(message => (
            <div key={message}>{message}</div>
          ))}
        </Alert>
      )}
      <MeasurementNotes readiness={readiness} />
      <Typography variant="h3" component="div" className={classes.big}>
        {formatPercent(readiness.overall.percent)}
      </Typography>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {counts.pass} pass · {counts.warn} warn · {counts.fail} fail ·{' '}
        {counts.unknown} unknown · {counts['n/a']} n/a
        {readiness.overall.excluded > 0
          ? ` · ${readiness.overall.excluded} not counted`
          : ''}
      </Typography>
      {LAYERS.map(layer => (
        <ScoreBar
          key={layer}
          label={LAYER_TITLES[layer]}
          percent={readiness.layers[layer]?.percent ?? null}
        />
      ))}
      <PhaseChips phases={readiness.phases} />
    </InfoCard>
  );
}

function HistoryCard(props: { measuredAt: string }) {
  const { entity } = useEntity();
  const api = useApi(readinessApiRef);
  const entityRef = getCompoundEntityRef(entity);
  const key = `${entityRef.kind}:${entityRef.namespace}/${entityRef.name}`;
  // Re-read when a refresh produces a new measurement, so the chart ends at the current score.
  const { loading, error, value } = useAsync(
    () =>
      api.getEntityHistory(entityRef, {
        since: DateTime.now().minus({ days: HISTORY_DAYS }).toJSDate(),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key, props.measuredAt],
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ReadinessErrorPanel error={error} />;
  else
    body = (
      <ScoreHistoryChart
        points={value?.points ?? []}
        title={`Readiness over the last ${HISTORY_DAYS} days`}
      />
    );
  return (
    <InfoCard
      title="History"
      titleTypographyProps={CARD_HEADING}
      subheader={`Last ${HISTORY_DAYS} days`}
    >
      {body}
    </InfoCard>
  );
}

interface LayerGroup {
  layer: Layer | 'other';
  title: string;
  phases: { phase: Phase | 'other'; title: string; checks: CheckResult[] }[];
}

/** Layer → phase → results (worst first). Results for checks this UI does not know go last. */
export function groupChecks(checks: readonly CheckResult[]): LayerGroup[] {
  const groups: LayerGroup[] = [];
  for (const layer of LAYERS) {
    const phases = PHASES.map(phase => ({
      phase,
      title: `${phase} · ${PHASE_TITLES[phase]}`,
      checks: checks
        .filter(
          c =>
            getCheck(c.checkId)?.layer === layer &&
            getCheck(c.checkId)?.phase === phase,
        )
        .sort(compareByStatus),
    })).filter(p => p.checks.length > 0);
    if (phases.length)
      groups.push({ layer, title: LAYER_TITLES[layer], phases });
  }
  const other = checks.filter(c => !getCheck(c.checkId)).sort(compareByStatus);
  if (other.length) {
    groups.push({
      layer: 'other',
      title: 'Other checks',
      phases: [
        {
          phase: 'other',
          title: 'Not in this version of the check catalog',
          checks: other,
        },
      ],
    });
  }
  return groups;
}

function LayerCard(props: { readiness: ServiceReadiness; group: LayerGroup }) {
  const { readiness, group } = props;
  const classes = useStyles();
  const score =
    group.layer === 'other'
      ? undefined
      : readiness.layers[group.layer]?.percent;
  return (
    <InfoCard
      title={group.title}
      titleTypographyProps={CARD_HEADING}
      subheader={
        score === undefined ? undefined : `Score ${formatPercent(score)}`
      }
    >
      {group.phases.map(p => {
        const complete =
          p.phase === 'other' ? undefined : readiness.phases[p.phase]?.complete;
        return (
          <section
            key={p.phase}
            className={classes.phase}
            aria-label={`${group.title}, ${p.title}`}
          >
            <Box className={classes.phaseHeader}>
              <Typography variant="h6" component="h3">
                {p.title}
              </Typography>
              {complete !== undefined && (
                <Chip
                  size="small"
                  variant={complete ? 'default' : 'outlined'}
                  label={complete ? 'phase complete' : 'phase incomplete'}
                />
              )}
            </Box>
            <ul className={classes.list}>
              {p.checks.map(result => (
                <CheckResultItem key={result.checkId} result={result} />
              ))}
            </ul>
          </section>
        );
      })}
    </InfoCard>
  );
}

// The card and the catalog view link to "#check-ID"; the rows render after the data loads, so
// the browser's own jump to the anchor has already happened and found nothing.
function useScrollToHash(readiness: ServiceReadiness) {
  useEffect(() => {
    const id = window.location.hash.slice(1);
    if (!id) return;
    const element = document.getElementById(decodeURIComponent(id));
    element?.scrollIntoView?.({ block: 'start' });
  }, [readiness]);
}
