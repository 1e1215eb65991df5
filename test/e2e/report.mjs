// The status report's printable page in Chromium: fetched from GET /api/readiness/report with the
// guest's token (as the "Printable report" action does), rendered, checked against GET /summary
// and /platform, screenshotted on screen and in print media, and printed to PDF.
// Runs against the app the e2e stage starts (E2E_BACKEND_URL), like run.mjs.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assert, createSteps, guestToken, launchChromium, newPage, signInAsGuest } from './browser.mjs';

const APP = process.env.E2E_APP_URL ?? 'http://localhost:3000';
const API = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';
const OUT = join(process.env.READINESS_TEST_ARTIFACTS ?? 'test-results', 'e2e');
mkdirSync(OUT, { recursive: true });

const browser = await launchChromium();
const page = await newPage(browser, { width: 1200, height: 1000 });
const { step, finish } = createSteps(page, OUT);

async function get(path) {
  const res = await fetch(`${API}/api/readiness${path}`, {
    headers: { authorization: `Bearer ${await guestToken(API)}` },
  });
  const text = await res.text();
  assert(res.ok, `${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return { res, text };
}

// The report's format: one decimal, nothing scored is an em dash.
const pct = v => (v === null || v === undefined ? '—' : `${Math.round(v * 10) / 10}%`);

/** The first sweep runs a few seconds after start; wait until the demo's nine services are measured. */
async function waitForSweep() {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const summary = JSON.parse((await get('/summary?limit=500')).text);
      if (summary.totalCount >= 9) return summary;
    } catch {
      // not ready yet
    }
    assert(Date.now() < deadline, 'no readiness results 2 minutes after start');
    await new Promise(r => setTimeout(r, 2000));
  }
}

await step('the printable report renders with the figures of /summary and /platform', async () => {
  const summary = await waitForSweep();
  const platform = JSON.parse((await get('/platform')).text);
  const { res, text } = await get('/report?format=html');
  assert(/^text\/html/.test(res.headers.get('content-type')), `content-type ${res.headers.get('content-type')}`);
  await page.setContent(text, { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: 'Production readiness status' }).waitFor();
  for (const name of ['Quick status', 'Readiness matrix', 'Risks and mitigations', "What's next"]) {
    await page.getByRole('heading', { level: 2, name }).waitFor();
  }
  const overall = page.getByRole('row', { name: /^Overall \(services and platform\)/ });
  const cells = await overall.getByRole('cell').allTextContents();
  assert(cells[1] === pct(summary.aggregate.overall), `overall ${cells[1]} != /summary ${pct(summary.aggregate.overall)}`);
  for (const check of platform.checks) {
    const row = page.getByRole('row', { name: new RegExp(`^${check.checkId} `) }).first();
    const status = (await row.getByRole('cell').nth(2).textContent())?.trim();
    assert(status === check.status, `${check.checkId}: report ${status}, /platform ${check.status}`);
  }
  await page.screenshot({ path: join(OUT, 'report-printable.png'), fullPage: true });
});

await step('prints to PDF (print media)', async () => {
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(OUT, 'report-print-media.png'), fullPage: true });
  const pdf = join(OUT, 'report.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: false });
  assert(statSync(pdf).size > 10_000, `report.pdf is only ${statSync(pdf).size} bytes`);
});

await step('the Markdown report downloads as an attachment', async () => {
  const { res, text } = await get('/report?format=md');
  assert(
    /^attachment; filename="readiness-status-\d{4}-\d{2}-\d{2}\.md"$/.test(res.headers.get('content-disposition') ?? ''),
    `content-disposition ${res.headers.get('content-disposition')}`,
  );
  assert(text.startsWith('# Production readiness status\n'), text.slice(0, 200));
});

await step('the catalog-wide view downloads the report as Markdown', async () => {
  await page.emulateMedia({ media: null });
  await signInAsGuest(page, APP);
  await page.goto(`${APP}/readiness`);
  const button = page.getByRole('button', { name: 'Report (.md)' });
  await button.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  assert(
    /^readiness-status-\d{4}-\d{2}-\d{2}\.md$/.test(download.suggestedFilename()),
    `downloaded ${download.suggestedFilename()}`,
  );
  const file = join(OUT, 'report-from-view.md');
  await download.saveAs(file);
  assert(readFileSync(file, 'utf8').startsWith('# Production readiness status\n'), 'not the report');
});

await step('the catalog-wide view opens the printable report in a new tab', async () => {
  const [tab] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Printable report' }).click(),
  ]);
  await tab.getByRole('heading', { level: 1, name: 'Production readiness status' }).waitFor();
  await tab.getByRole('heading', { level: 2, name: 'Risks and mitigations' }).waitFor();
  await tab.screenshot({ path: join(OUT, 'report-from-view.png') });
  await tab.close();
});

await browser.close();
process.exitCode = finish(join(OUT, '..', 'report.json'), 'status report (Chromium)') ? 1 : 0;
