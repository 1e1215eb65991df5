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

const useStyles = makeStyles(theme => ({
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
  complete: { color: theme.palette.status.ok },
}));

/** The roadmap's phase gates P1–P5 as complete/incomplete chips. */
export function PhaseChips(props: { phases: Record<Phase, PhaseSummary> }) {
  const classes = useStyles();
  return (
    <Box className={classes.chips} role="list" aria-label="Phase progress">
      {PHASES.map(phase => {
        const summary = props.phases[phase];
        const complete = summary?.complete ?? false;
        const text = `${phase} ${PHASE_TITLES[phase]}: ${
          complete ? 'complete' : 'incomplete'
        }`;
        return (
          <Tooltip key={phase} title={text}>
            <Chip
              role="listitem"
              tabIndex={0}
              aria-label={text}
              size="small"
              label={phase}
              variant={complete ? 'default' : 'outlined'}
              icon={
                complete ? (
                  <CheckCircle className={classes.complete} aria-hidden />
                ) : (
                  <RadioButtonUnchecked aria-hidden />
                )
              }
            />
          </Tooltip>
        );
      })}
    </Box>
  );
}
