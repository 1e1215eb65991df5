import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import BlockIcon from '@material-ui/icons/Block';
import HelpOutline from '@material-ui/icons/HelpOutline';
import { Link } from '@backstage/core-components';
import { DateTime } from 'luxon';
import { CheckResult, getCheck } from '@254carbon/plugin-readiness-common';
import { checkTitle, remediationOf, severityOf } from '../common/format';
import { checkAnchor, useCheckFilterPath } from '../common/links';
import { StatusIcon, VisuallyHidden } from '../common/StatusIcon';

const useStyles = makeStyles(theme => ({
  item: {
    listStyle: 'none',
    padding: theme.spacing(1.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
    // Leaves room under the app bar when the tab is opened on #check-ID.
    scrollMarginTop: theme.spacing(10),
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  title: { fontWeight: theme.typography.fontWeightMedium as number },
  body: { marginLeft: theme.spacing(3.5), marginTop: theme.spacing(0.5) },
  evidence: { margin: theme.spacing(0.5, 0), paddingLeft: theme.spacing(2.5) },
  detail: { marginTop: theme.spacing(0.5) },
  clusters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    margin: theme.spacing(0.5, 0),
  },
  blocked: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontSize: theme.typography.body2.fontSize,
  },
}));

function formatExpiry(expires: string): string {
  const time = DateTime.fromISO(expires);
  return time.isValid ? time.toLocaleString(DateTime.DATE_MED) : expires;
}

/** One check's result with everything needed to act on it. */
export function CheckResultItem(props: { result: CheckResult }) {
  const { result } = props;
  const classes = useStyles();
  const checkFilterPath = useCheckFilterPath();
  const definition = getCheck(result.checkId);
  const remediation =
    result.status === 'pass' || result.status === 'n/a'
      ? undefined
      : remediationOf(result);
  return (
    <Box
      component="li"
      id={checkAnchor(result.checkId)}
      className={classes.item}
    >
      <Box className={classes.header}>
        <StatusIcon status={result.status} hideLabel />
        <Typography component="h4" variant="body1" className={classes.title}>
          {checkTitle(result.checkId)}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {result.checkId}
        </Typography>
        <Chip
          size="small"
          variant="outlined"
          label={severityOf(result.checkId)}
          aria-label={`Severity ${severityOf(result.checkId)}`}
        />
        <Chip size="small" label={statusWord(result)} />
        {result.blockedBy && (
          // A plain underlined link: its accessible name starts with the words it shows, and
          // it does not depend on the secondary colour (white on pink was 4.2:1).
          <Link
            to={checkFilterPath(result.blockedBy)}
            underline="always"
            className={classes.blocked}
          >
            <BlockIcon fontSize="inherit" aria-hidden />
            Blocked by {result.blockedBy}
            <VisuallyHidden>
              {`, platform check ${checkTitle(
                result.blockedBy,
              )}: see every service it blocks`}
            </VisuallyHidden>
          </Link>
        )}
      </Box>
      <Box className={classes.body}>
        {result.clusters && result.clusters.length > 1 && (
          <Box
            className={classes.clusters}
            role="group"
            aria-label={`${result.checkId} per cluster`}
          >
            {result.clusters.map(part => (
              <Chip
                key={part.cluster}
                size="small"
                variant="outlined"
                icon={<StatusIcon status={part.status} hideLabel />}
                label={`${part.cluster}: ${part.status}${
                  part.blockedBy ? ` (blocked by ${part.blockedBy})` : ''
                }`}
              />
            ))}
          </Box>
        )}
        {definition && (
          <Typography variant="body2" color="textSecondary">
            {definition.description}
          </Typography>
        )}
        {result.status === 'unknown' && (
          <Alert
            severity="info"
            icon={<HelpOutline aria-hidden />}
            className={classes.detail}
          >
            {result.error
              ? `Not measured: the ${result.error.source} source could not be read: ${result.error.message}`
              : 'Not measured: a source this check needs could not be read.'}
          </Alert>
        )}
        {result.evidence.length > 0 ? (
          <ul
            className={classes.evidence}
            aria-label={`Evidence for ${result.checkId}`}
          >
            {result.evidence.map((line, i) => (
              <Typography component="li" variant="body2" key={i}>
                {line}
              </Typography>
            ))}
          </ul>
        ) : (
          <Typography
            variant="body2"
            color="textSecondary"
            className={classes.detail}
          >
            No evidence recorded.
          </Typography>
        )}
        {remediation && (
          <Typography variant="body2" className={classes.detail}>
            <strong>How to fix:</strong> {remediation}
          </Typography>
        )}
        {result.exemption && (
          <Typography variant="body2" className={classes.detail}>
            <strong>Exempted</strong> until{' '}
            {formatExpiry(result.exemption.expires)} ({result.exemption.origin}
            ): {result.exemption.reason}
          </Typography>
        )}
      </Box>
    </Box>
  );
}

// Exempted and blocked results keep their raw status but do not count; say so next to it.
function statusWord(result: CheckResult): string {
  if (result.exemption) return `${result.status}, exempted`;
  if (result.blockedBy) return `${result.status}, not counted`;
  return result.status;
}
