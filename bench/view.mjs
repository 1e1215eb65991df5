// Times the readiness view in Chromium against a running app (bench/view.sh starts it): waits until
// the catalog and a sweep have every service, then loads /readiness three times and reports the
// time from navigation until the platform components table and the first services row render.
import { guestToken, launchChromium, newPage, signInAsGuest } from '../test/e2e/browser.mjs';

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
const times = [];
for (let k = 0; k < 3; k++) {
  const t0 = Date.now();
  await page.goto(`${URL_}/readiness`);
  await page.getByText('Platform components').first().waitFor({ timeout: 60_000 });
  await page.getByRole('row').nth(1).waitFor({ timeout: 60_000 });
  await page.getByText(/svc-\d{5}/).first().waitFor({ timeout: 60_000 });
  times.push(Date.now() - t0);
}
await browser.close();
const sorted = [...times].sort((a, b) => a - b);
process.stdout.write(
  `readiness view, production bundle, ${N} services: platform components + first page of services rendered in ${times
    .map(t => `${(t / 1000).toFixed(2)} s`)
    .join(', ')} (median ${(sorted[1] / 1000).toFixed(2)} s; target ≤ 2 s)\n`,
);
