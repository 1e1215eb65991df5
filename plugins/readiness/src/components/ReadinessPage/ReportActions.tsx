import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Description from '@material-ui/icons/Description';
import Print from '@material-ui/icons/Print';
import {
  ApiHolder,
  discoveryApiRef,
  fetchApiRef,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { SummaryQuery } from '@254carbon/plugin-readiness-common';
import { LiveRegion } from '../common/LiveRegion';
import { ReadinessErrorPanel } from '../common/errors';

/** The view's filters the report narrows to (the others select rows, not a team's scope). */
export type ReportScope = Pick<SummaryQuery, 'owner' | 'system' | 'namespace'>;

const useStyles = makeStyles(theme => ({
  // The outlined field's default label grey is 4.47:1 on the page background; WCAG asks 4.5:1.
  label: { color: theme.palette.text.primary },
}));

/** Keeps a printable page's blob URL alive long enough for the new tab to load it. */
const BLOB_URL_LIFETIME_MS = 60_000;

/** The "what changed since" choices, in days back from now (0: no such section). */
const SINCE_CHOICES = [
  { days: 0, label: 'Not included' },
  { days: 1, label: 'The last day' },
  { days: 7, label: 'The last 7 days' },
  { days: 30, label: 'The last 30 days' },
] as const;

async function fetchReport(
  apis: ApiHolder,
  format: 'md' | 'html',
  scope: ReportScope,
  sinceDays: number,
) {
  const discovery = apis.get(discoveryApiRef);
  const fetchApi = apis.get(fetchApiRef);
  if (!discovery || !fetchApi) {
    throw new Error('The app provides no discovery or fetch API, so the report cannot be fetched');
  }
  const params = new URLSearchParams({ format });
  for (const key of ['owner', 'system', 'namespace'] as const) {
    if (scope[key]) params.set(key, scope[key]!);
  }
  // A timestamp taken at the click: the report's "what changed since" covers exactly that span.
  if (sinceDays > 0) params.set('since', new Date(Date.now() - sinceDays * 86_400_000).toISOString());
  // Through the fetch API, so the user's Backstage token goes with it (a plain link would not).
  const response = await fetchApi.fetch(
    `${await discovery.getBaseUrl('readiness')}/report?${params}`,
  );
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return response.blob();
}

/** The backend's own sentence (what is wrong and how to fix it), not just the HTTP status. */
const messageOf = (error: Error) =>
  (error instanceof ResponseError && error.body?.error?.message) || error.message;

/**
 * The status report of what the view's owner, system and namespace filters select: a Markdown
 * download, or the printable page in a new tab (print it to PDF from the browser).
 */
export function ReportActions(props: { scope: ReportScope }) {
  const apis = useApiHolder();
  const [state, setState] = useState<{ busy?: 'md' | 'html'; message?: string; error?: Error }>({});
  const [sinceDays, setSinceDays] = useState<number>(0);
  const classes = useStyles();

  const download = async () => {
    setState({ busy: 'md', message: 'Preparing the report…' });
    try {
      const blob = await fetchReport(apis, 'md', props.scope, sinceDays);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = `readiness-status-${new Date().toISOString().slice(0, 10)}.md`;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      URL.revokeObjectURL(url);
      setState({ message: 'Report downloaded as Markdown.' });
    } catch (error) {
      setState({ error: error as Error, message: `Report failed: ${messageOf(error as Error)}` });
    }
  };

  const openPrintable = async () => {
    // Opened within the click, so pop-up blockers allow it; filled once the page arrives.
    const tab = window.open('', '_blank');
    if (!tab) {
      const error = new Error('The browser blocked the new tab; allow pop-ups for this site and try again');
      setState({ error, message: error.message });
      return;
    }
    setState({ busy: 'html', message: 'Preparing the printable report…' });
    try {
      const blob = await fetchReport(apis, 'html', props.scope, sinceDays);
      const url = URL.createObjectURL(new Blob([blob], { type: 'text/html' }));
      tab.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_LIFETIME_MS);
      setState({ message: 'Printable report opened in a new tab.' });
    } catch (error) {
      tab.close();
      setState({ error: error as Error, message: `Report failed: ${messageOf(error as Error)}` });
    }
  };

  return (
    <Box mb={2} display="flex" flexDirection="column" alignItems="flex-end">
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <TextField
          select
          id="readiness-report-since"
          label="Changes since"
          size="small"
          variant="outlined"
          value={sinceDays}
          onChange={e => setSinceDays(Number(e.target.value))}
          SelectProps={{ native: true }}
          InputLabelProps={{ className: classes.label }}
        >
          {SINCE_CHOICES.map(c => (
            <option key={c.days} value={c.days}>
              {c.label}
            </option>
          ))}
        </TextField>
        {/* aria-disabled, not disabled: a disabled button drops the focus to <body>. */}
        <Button
          variant="outlined"
          startIcon={<Description aria-hidden />}
          aria-disabled={Boolean(state.busy)}
          aria-busy={state.busy === 'md'}
          onClick={() => {
            if (!state.busy) download();
          }}
        >
          Report (.md)
        </Button>
        <Button
          variant="outlined"
          startIcon={<Print aria-hidden />}
          aria-disabled={Boolean(state.busy)}
          aria-busy={state.busy === 'html'}
          onClick={() => {
            if (!state.busy) openPrintable();
          }}
        >
          Printable report
        </Button>
      </Box>
      <LiveRegion message={state.message} />
      {state.error && <ReadinessErrorPanel error={state.error} />}
    </Box>
  );
}
