// What "the readiness view loaded" means, in one place for the browser e2e (test/e2e/run.mjs, on
// the demo) and the view benchmark (bench/view.mjs, on a generated fleet): the time from
// navigating to /readiness (a full load of the app's bundle, as a user opening the link does)
// until both the platform components table and the first page of services are rendered.

/** A link to a service's catalog page inside the services table (the one with "Worst checks"). */
const FIRST_SERVICE_LINK =
  'table:has(th:has-text("Worst checks")) tbody tr a[href*="/catalog/"]';

/**
 * Navigates `page` to `${app}/readiness` and waits until the platform components and the first
 * page of services are on screen. Returns the milliseconds from navigation to both rendered, and
 * when the readiness API responses of that load had all arrived (from the page's Resource
 * Timing, same clock), so a slow load says whether the server or the rendering took the time.
 */
export async function timeReadinessView(page, app, { timeout = 60_000 } = {}) {
  const started = Date.now();
  await page.goto(`${app}/readiness`);
  await Promise.all([
    page.getByText(/^Platform components/).first().waitFor({ timeout }),
    page.locator(FIRST_SERVICE_LINK).first().waitFor({ timeout }),
  ]);
  const renderedMs = Date.now() - started;
  const api = await page.evaluate(() => {
    const calls = performance
      .getEntriesByType('resource')
      .filter(e => e.name.includes('/api/readiness/'));
    return {
      count: calls.length,
      lastResponseEnd: Math.max(0, ...calls.map(e => e.responseEnd)),
      navigationStart: performance.timeOrigin,
    };
  });
  return {
    renderedMs,
    apiCalls: api.count,
    // timeOrigin is the navigation's start in wall-clock ms; `started` was taken just before it.
    apiDoneMs: Math.round(api.navigationStart - started + api.lastResponseEnd),
  };
}
