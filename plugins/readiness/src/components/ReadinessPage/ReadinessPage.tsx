import { memo, useCallback, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import GetApp from '@material-ui/icons/GetApp';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { CheckDefinition } from '@254carbon/plugin-readiness-common';
import { readinessApiRef } from '../../api';
import {
  isNotMeasured,
  ReadinessErrorPanel,
  serverMessage,
} from '../common/errors';
import { ByCheckTable } from './ByCheckTable';
import { ByOwnerTable } from './ByOwnerTable';
import { LiveRegion } from '../common/LiveRegion';
import { buildCsv, downloadCsv, fetchAllSummaryRows } from './csv';
import { PlatformComponentsTable } from './PlatformComponentsTable';
import { PlatformOverview } from './PlatformOverview';
import { ReportActions } from './ReportActions';
import { ServiceFilters } from './ServiceFilters';
import { ServicesTable } from './ServicesTable';
import { ReadinessView, useSummaryFilters } from './useSummaryFilters';

const DEFAULT_PAGE_SIZE = 20;
const NO_CHECKS: CheckDefinition[] = [];

export const PAGE_HELP =
  "Every service with Kubernetes annotations is measured against the readiness checks on a schedule. Scores marked not ready are underlined links to the service's readiness tab with the evidence and the fix.";

/** The catalog-wide view: the platform, every measured service, and roll-ups by check and owner. */
export function ReadinessPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Production readiness"
        subtitle="Measured from the live clusters, Vault, certificates and monitoring"
      />
      <Content>
        <div data-testid="readiness-page">
          {/* The help is the header's description, not only the SupportButton's popover: that
            popover renders nothing in an app without app.support configured. */}
          <ContentHeader title="Platform and services" description={PAGE_HELP}>
            <SupportButton title="Production readiness">
              {PAGE_HELP}
            </SupportButton>
          </ContentHeader>
          <ReadinessDashboard />
        </div>
      </Content>
    </Page>
  );
}

/**
 * The view tabs on their own: MUI's Tabs measures its indicator (a forced layout) on every render,
 * so they render when the view changes, not each time a request of the page resolves.
 */
function ReadinessViewTabs(props: {
  view: ReadinessView;
  onChange: (view: ReadinessView) => void;
}) {
  return (
    <Paper>
      <Tabs
        value={props.view}
        onChange={(_, next: ReadinessView) => props.onChange(next)}
        indicatorColor="primary"
        textColor="primary"
        aria-label="Readiness views"
      >
        <Tab
          value="services"
          label="Services"
          id="readiness-tab-services"
          aria-controls="readiness-panel"
        />
        <Tab
          value="checks"
          label="By check"
          id="readiness-tab-checks"
          aria-controls="readiness-panel"
        />
        <Tab
          value="owners"
          label="By owner"
          id="readiness-tab-owners"
          aria-controls="readiness-panel"
        />
      </Tabs>
    </Paper>
  );
}

const ViewTabs = memo(ReadinessViewTabs);

function ReadinessDashboard() {
  const api = useApi(readinessApiRef);
  const { filters, invalid, view, update, hrefWith, activeCount } =
    useSummaryFilters();
  const filterKey = JSON.stringify(filters);
  const [paging, setPaging] = useState({
    key: filterKey,
    page: 0,
    pageSize: DEFAULT_PAGE_SIZE,
  });
  // Any filter change starts again from the first page.
  const page = paging.key === filterKey ? paging.page : 0;
  const pageSize = paging.pageSize;

  const summary = useAsync(
    () =>
      api.getSummary({ ...filters, offset: page * pageSize, limit: pageSize }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filterKey, page, pageSize],
  );
  const platform = useAsync(() => api.getPlatform(), [api]);
  const checks = useAsync(() => api.getChecks(), [api]);

  const [exportState, exportCsv] = useAsyncFn(async () => {
    const rows = await fetchAllSummaryRows(api, filters);
    downloadCsv(
      buildCsv(rows),
      `readiness-services-${new Date().toISOString().slice(0, 10)}.csv`,
    );
    return rows.length;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filterKey]);

  const onPageChange = useCallback(
    (nextPage: number, nextSize: number) =>
      setPaging({ key: filterKey, page: nextPage, pageSize: nextSize }),
    [filterKey],
  );
  const onSortChange = useCallback(
    (sort: string | undefined) => update({ sort }),
    [update],
  );
  const onViewChange = useCallback(
    (next: ReadinessView) =>
      update({ view: next === 'services' ? undefined : next }),
    [update],
  );

  // The summary is the page's backbone; without it nothing below is meaningful.
  if (summary.error) return <ReadinessErrorPanel error={summary.error} />;
  if (!summary.value && summary.loading) return <Progress />;
  const data = summary.value;
  const exportBlocked = exportState.loading || !data?.totalCount;
  let exportMessage: string | undefined;
  if (exportState.loading) exportMessage = 'Exporting CSV…';
  else if (exportState.error) {
    exportMessage = `Export failed: ${exportState.error.message}`;
  } else if (exportState.value !== undefined) {
    exportMessage = `Exported ${exportState.value} service${
      exportState.value === 1 ? '' : 's'
    } as CSV.`;
  }

  return (
    <Grid container spacing={3}>
      {invalid.length > 0 && (
        <Grid item xs={12}>
          <Alert severity="warning">
            Ignored filter values from the address: {invalid.join('; ')}.
          </Alert>
        </Grid>
      )}
      <Grid item xs={12}>
        {data && <PlatformOverview summary={data} />}
      </Grid>
      <Grid item xs={12}>
        {platform.loading && <Progress />}
        {platform.error && isNotMeasured(platform.error) && (
          <Alert severity="info">
            {serverMessage(platform.error) ??
              'The platform has not been measured yet: the first sweep has not finished.'}
          </Alert>
        )}
        {platform.error && !isNotMeasured(platform.error) && (
          <ReadinessErrorPanel error={platform.error} />
        )}
        {platform.value && (
          <PlatformComponentsTable platform={platform.value} />
        )}
      </Grid>
      <Grid item xs={12}>
        <ViewTabs view={view} onChange={onViewChange} />
        <Box
          mt={2}
          role="tabpanel"
          id="readiness-panel"
          aria-labelledby={`readiness-tab-${view}`}
        >
          <Box
            display="flex"
            alignItems="flex-end"
            justifyContent="space-between"
            flexWrap="wrap"
          >
            <ServiceFilters
              filters={filters}
              facets={data?.facets}
              checks={checks.value?.checks ?? NO_CHECKS}
              onChange={update}
              activeCount={activeCount}
            />
            {view === 'services' && (
              <Box mb={2}>
                {/* aria-disabled, not disabled: a disabled button drops the focus to <body>. */}
                <Button
                  variant="outlined"
                  startIcon={<GetApp aria-hidden />}
                  onClick={() => {
                    if (!exportBlocked) exportCsv();
                  }}
                  aria-disabled={exportBlocked}
                  aria-busy={exportState.loading}
                >
                  {exportState.loading ? 'Exporting…' : 'Export CSV'}
                </Button>
                <LiveRegion message={exportMessage} />
              </Box>
            )}
            <ReportActions
              scope={{
                owner: filters.owner,
                system: filters.system,
                namespace: filters.namespace,
              }}
            />
          </Box>
          {exportState.error && (
            <Box mb={2}>
              <ReadinessErrorPanel error={exportState.error} />
            </Box>
          )}
          {checks.error && view === 'checks' && (
            <ReadinessErrorPanel error={checks.error} />
          )}
          {view === 'services' && data && (
            <ServicesTable
              rows={data.items}
              totalCount={data.totalCount}
              page={page}
              pageSize={pageSize}
              loading={summary.loading}
              sort={filters.sort}
              onPageChange={onPageChange}
              onSortChange={onSortChange}
            />
          )}
          {view === 'checks' && data && (
            <ByCheckTable
              checks={checks.value?.checks ?? []}
              byCheck={data.aggregate.byCheck}
              hrefWith={hrefWith}
              loading={checks.loading || summary.loading}
            />
          )}
          {view === 'owners' && data && (
            <ByOwnerTable
              byOwner={data.aggregate.byOwner}
              hrefWith={hrefWith}
              loading={summary.loading}
            />
          )}
        </Box>
      </Grid>
    </Grid>
  );
}
