// The client test's browser half: a fresh create-app app (new frontend system, `app.packages: all`)
// with the five packages installed from their tarballs as the README says. Nothing in the app
// wires the readiness UI by hand, so every check below proves the packed `./alpha` export is
// discovered and renders: the nav item and page, the entity card and tab, and the template the
// scaffolder module's actions serve. Screenshots go to test-results/client/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assert,
  createSteps,
  guestToken as guestTokenFrom,
  launchChromium,
  newPage,
  signInAsGuest,
} from '../e2e/browser.mjs';

const APP = process.env.CLIENT_APP_URL;
const API = process.env.CLIENT_BACKEND_URL;
if (!APP || !API) {
  console.error('CLIENT_APP_URL and CLIENT_BACKEND_URL must be set (test/client/run.sh sets them)');
  process.exit(2);
}
const OUT = join(process.env.READINESS_TEST_ARTIFACTS ?? 'test-results', 'client');
mkdirSync(OUT, { recursive: true });

// The scaffolder module's actions, as its README lists them.
const READINESS_ACTIONS = [
  'readiness:onboard',
  'readiness:certificate',
  'readiness:vault',
  'readiness:network-policy',
  'readiness:service-account',
];

const browser = await launchChromium();
const page = await newPage(browser);
const { step, finish } = createSteps(page, OUT);
const guestToken = () => guestTokenFrom(API);
const sidebar = () => page.getByRole('navigation', { name: 'sidebar nav' });
const main = () => page.getByRole('main');

/** The first sweep runs seconds after start; the card and tab need doris measured. */
async function waitForMeasured(ref) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const res = await fetch(`${API}/api/readiness/entities/${ref}`, {
      headers: { authorization: `Bearer ${await guestToken()}` },
    });
    if (res.ok) return res.json();
    assert(Date.now() < deadline, `${ref} not measured 3 minutes after start (last answer HTTP ${res.status}: ${await res.text()})`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

await step('the app opens as the guest user', async () => {
  await signInAsGuest(page, APP);
  await sidebar().getByRole('link', { name: 'Catalog', exact: true }).waitFor();
});

await step('the sidebar has the discovered Readiness item and it opens the readiness page', async () => {
  const item = sidebar().getByRole('link', { name: 'Readiness', exact: true });
  await item.click();
  await page.waitForURL(/\/readiness$/);
  await page.getByRole('heading', { name: 'Production readiness' }).first().waitFor();
  await page.getByText('Platform components').first().waitFor();
  await page.screenshot({ path: join(OUT, '01-readiness-page.png'), fullPage: true });
});

await step('the readiness page lists the measured services', async () => {
  await waitForMeasured('default/component/doris');
  await page.goto(`${APP}/readiness`);
  const table = page.locator('table').filter({ hasText: 'doris' }).first();
  await table.waitFor();
});

await step('a measured service shows the readiness card on its overview', async () => {
  const measured = await waitForMeasured('default/component/doris');
  await page.goto(`${APP}/catalog/default/component/doris`);
  await main().getByText('Production readiness').first().waitFor();
  await main().getByRole('img', { name: /^Overall readiness/ }).waitFor();
  // The card's layer bars carry the API's figures, so the card rendered real results.
  const pct = v => `${Math.round(v * 10) / 10}%`;
  await page.getByText(pct(measured.layers.security.percent)).first().waitFor();
  await page.screenshot({ path: join(OUT, '02-entity-card.png'), fullPage: true });
});

await step('the entity page has a Readiness tab with every check and its evidence', async () => {
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Readiness', exact: true })
    .click();
  await page.waitForURL(/\/catalog\/default\/component\/doris\/readiness$/);
  await page.getByText('SEC-CERT-EXPIRY').first().waitFor();
  await page.getByText(/doris-tls/).first().waitFor();
  // Backstage scrolls inside its content pane: a tall viewport captures the whole tab.
  await page.setViewportSize({ width: 1440, height: 6000 });
  await page.screenshot({ path: join(OUT, '03-entity-tab.png') });
  await page.setViewportSize({ width: 1440, height: 1000 });
});

await step('the onboarding template is offered under Create', async () => {
  await page.goto(`${APP}/create`);
  await page.getByText('Onboard a production-ready service').first().waitFor();
  await page.screenshot({ path: join(OUT, '04-template.png'), fullPage: true });
});

await step('GET /api/scaffolder/v2/actions lists the readiness actions', async () => {
  const res = await fetch(`${API}/api/scaffolder/v2/actions`, {
    headers: { authorization: `Bearer ${await guestToken()}` },
  });
  const text = await res.text();
  assert(res.ok, `HTTP ${res.status}: ${text.slice(0, 300)}`);
  const ids = JSON.parse(text).map(a => a.id);
  writeFileSync(join(OUT, 'scaffolder-actions.json'), JSON.stringify(ids, null, 2));
  const missing = READINESS_ACTIONS.filter(id => !ids.includes(id));
  assert(missing.length === 0, `missing ${missing.join(', ')} among ${ids.filter(i => i.startsWith('readiness:')).join(', ') || 'no readiness:* actions'}`);
});

await browser.close();
process.exit(finish(join(OUT, '..', 'client.json'), 'client') ? 1 : 0);
