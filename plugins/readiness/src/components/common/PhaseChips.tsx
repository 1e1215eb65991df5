import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircle from '@material-ui/icons/CheckCircle';
import RadioButtonUnchecked from '@material-ui/icons/RadioButtonUnchecked';
import {
  Phase,
  PHASE_TITLES,
  PHASES,
  PhaseSummary,
} from '@254carbon/plugin-readiness-common';
import { VisuallyHidden } from './StatusIcon';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  complete: { color: theme.palette.status.ok },
}));

/**
 * The roadmap's phase gates P1–P5 as complete/incomplete chips. They only inform, so they are not
 * Tab stops: the full text ("P1 Infrastructure stabilisation: complete") is in each list item for
 * screen readers and in a tooltip for the mouse; the filled/outlined chip and the tick/circle icon
 * show the state without colour.
 */
export function PhaseChips(props: { phases: Record<Phase, PhaseSummary> }) {
  const classes = useStyles();
  return (
    <Box component="ul" className={classes.chips} aria-label="Phase progress">
      {PHASES.map(phase => {
        const summary = props.phases[phase];
        const complete = summary?.complete ?? false;
        const state = complete ? 'complete' : 'incomplete';
        return (
          <li key={phase}>
            <Tooltip title={`${phase} ${PHASE_TITLES[phase]}: ${state}`}>
              <Chip
                size="small"
                label={
                  <>
                    {phase}
                    <VisuallyHidden>
                      {` ${PHASE_TITLES[phase]}: ${state}`}
                    </VisuallyHidden>
                  </>
                }
                variant={complete ? 'default' : 'outlined'}
                data-phase={phase}
                data-complete={complete}
                icon={
                  complete ? (
                    <CheckCircle className={classes.complete} aria-hidden />
                  ) : (
                    <RadioButtonUnchecked aria-hidden />
                  )
                }
              />
            </Tooltip>
          </li>
        );
      })}
    </Box>
  );
}
