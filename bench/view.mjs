// Times the readiness view in Chromium against a running app (bench/view.sh starts it): waits until
// the catalog and a sweep have every service, then loads /readiness VIEW_RUNS times (default 5) and
// reports the time from navigation until the platform components table and the first page of
// services render (test/e2e/readinessView.mjs, the definition the browser e2e prints as well).
import { guestToken, launchChromium, newPage, signInAsGuest } from '../test/e2e/browser.mjs';
import { timeReadinessView } from '../test/e2e/readinessView.mjs';

const URL_ = process.env.VIEW_URL;
const N = Number(process.env.VIEW_SERVICES);
const log = m => process.stderr.write(`[view] ${m}\n`);

async function measured() {
  const token = await guestToken(URL_);
  const res = await fetch(`${URL_}/api/readiness/summary?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  return res.ok ? (await res.json()).totalCount : 0;
}

const started = Date.now();
for (let count = 0; count < N; ) {
  if (Date.now() - started > 30 * 60_000) throw new Error(`only ${count}/${N} services measured after 30 minutes`);
  await new Promise(r => setTimeout(r, 5000));
  count = await measured().catch(() => 0);
  log(`${count}/${N} services measured (${Math.round((Date.now() - started) / 1000)} s)`);
}

const browser = await launchChromium();
const page = await newPage(browser);
await signInAsGuest(page, URL_);
const RUNS = Number(process.env.VIEW_RUNS ?? 5);
const loads = [];
for (let k = 0; k < RUNS; k++) {
  const load = await timeReadinessView(page, URL_).catch(async e => {
    // Say what the page showed instead (an error panel, a spinner), not only that it timed out.
    const shown = await page.locator('main').innerText().catch(() => '(no main element)');
    throw new Error(`${e.message}\nthe page showed: ${shown.slice(0, 1500)}`);
  });
  log(`load ${k + 1}: rendered ${load.renderedMs} ms, readiness API done ${load.apiDoneMs} ms (${load.apiCalls} calls)`);
  loads.push(load);
}
await browser.close();
const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const s = ms => `${(ms / 1000).toFixed(2)} s`;
const load = (await import('node:os')).loadavg()[0].toFixed(1);
process.stdout.write(
  `readiness view, production bundle, ${N} services: platform components + first page of services rendered in ${loads
    .map(l => s(l.renderedMs))
    .join(', ')} (median ${s(median(loads.map(l => l.renderedMs)))}; target ≤ 2 s); readiness API responses done at median ${s(
    median(loads.map(l => l.apiDoneMs)),
  )}; load average ${load}\n`,
);
