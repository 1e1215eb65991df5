// End-to-end test in a real browser (Debian's Chromium driven by playwright-core, see
// ./browser.mjs) against the app on the bundled 254Carbon demo platform: scripts/test.sh starts the
// production build (E2E_APP_URL / E2E_BACKEND_URL), and it runs as well against `scripts/start.sh`
// (the defaults). Screenshots go to test-results/e2e/.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  assert,
  createSteps,
  guestToken as guestTokenFrom,
  launchChromium,
  newPage,
  signInAsGuest,
} from './browser.mjs';
import { checkRegressionNotification } from './notifications.mjs';
import { timeReadinessView } from './readinessView.mjs';

const APP = process.env.E2E_APP_URL ?? 'http://localhost:3000';
const API = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';
const OUT = join(process.env.READINESS_TEST_ARTIFACTS ?? 'test-results', 'e2e');
mkdirSync(OUT, { recursive: true });

const browser = await launchChromium();
const page = await newPage(browser);
const { step, finish } = createSteps(page, OUT);
const guestToken = () => guestTokenFrom(API);

async function api(path, init = {}) {
  const token = await guestToken();
  const res = await fetch(`${API}/api/readiness${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  const text = await res.text();
  assert(res.ok, `${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text);
}

/** The first sweep runs a few seconds after start; wait until every demo service is measured. */
async function waitForSweep() {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const s = await api('/summary?limit=500');
      if (s.totalCount >= 9) return s;
    } catch {
      // not ready yet
    }
    assert(Date.now() < deadline, 'no readiness results 2 minutes after start');
    await new Promise(r => setTimeout(r, 2000));
  }
}

// The UI's format: one decimal, like the status report ("67.5%").
const pct = v => (v === null || v === undefined ? '—' : `${Math.round(v * 10) / 10}%`);


let summary;

await step('sign in as guest and see the 254Carbon catalog', async () => {
  await signInAsGuest(page, APP);
  // The catalog opens on "Owned" (the guest is in the platform team); show every component.
  await page.getByText('Owned Components').first().waitFor();
  // The catalog index is the landing page, as in a fresh create-app app (app-config.yaml).
  await page.goto(`${APP}/?filters%5Bkind%5D=component&filters%5Buser%5D=all`);
  // The catalog lists the services by title (e.g. "Apache Doris").
  for (const name of [/doris/i, /datahub/i, /trino/i, /superset/i]) {
    await page.getByText(name).first().waitFor();
  }
  await page.screenshot({ path: join(OUT, '01-catalog.png'), fullPage: true });
});

await step('readiness view shows the platform as the API measures it', async () => {
  summary = await waitForSweep();
  // Issue 9's figure, on the demo: navigation to platform components + first page of services.
  const load = await timeReadinessView(page, APP);
  console.log(
    `    readiness view (${APP}), ${summary.totalCount} services: platform components + first page of services rendered in ${load.renderedMs} ms (readiness API responses done at ${load.apiDoneMs} ms, ${load.apiCalls} calls)`,
  );
  writeFileSync(join(OUT, 'readiness-view-load-ms.txt'), `${load.renderedMs}\n`);
  await page.getByText('PLAT-NODES').first().waitFor().catch(async () => {
    await page.getByText('Cluster nodes').first().waitFor();
  });
  const body = await page.locator('main').innerText();
  // The layer figures shown are the API's aggregate.
  for (const layer of ['infrastructure', 'security', 'operations']) {
    const expected = pct(summary.aggregate.layers[layer]);
    assert(body.includes(expected), `layer ${layer}: expected ${expected} on the page`);
  }
  await page.screenshot({ path: join(OUT, '02-readiness-view.png'), fullPage: true });
});

await step('services table shows the API scores of a few services', async () => {
  const table = page.locator('table').filter({ hasText: 'doris' }).first();
  await table.waitFor();
  const text = await table.innerText();
  for (const row of summary.items.filter(r => /doris|portal|trino/.test(r.entityRef))) {
    assert(text.includes(pct(row.overall)), `${row.entityRef}: expected ${pct(row.overall)} in the table`);
  }
});

await step('open a service: readiness card and tab with evidence', async () => {
  await page.goto(`${APP}/catalog/default/component/doris`);
  await page.getByText('Readiness').first().waitFor();
  const entity = await api('/entities/default/component/doris');
  // The card's layer bars show the API's layer scores (the gauge rounds the overall figure).
  for (const layer of ['infrastructure', 'security']) {
    await page.getByText(pct(entity.layers[layer].percent)).first().waitFor();
  }
  await page.screenshot({ path: join(OUT, '03-service-card.png'), fullPage: true });
  await page.goto(`${APP}/catalog/default/component/doris/readiness`);
  await page.getByText('SEC-CERT-EXPIRY').first().waitFor().catch(async () => {
    await page.getByText('Certificate expiry').first().waitFor();
  });
  await page.getByText(/doris-tls/).first().waitFor();
  // Backstage scrolls inside its content pane, so a tall viewport is what captures the whole tab.
  await page.setViewportSize({ width: 1440, height: 6000 });
  await page.screenshot({ path: join(OUT, '04-service-tab.png') });
  await page.setViewportSize({ width: 1440, height: 1000 });
});

await step('trigger a refresh and see a new measurement', async () => {
  const before = await api('/entities/default/component/doris');
  await page.goto(`${APP}/catalog/default/component/doris`);
  // "Measure now" (readiness.refresh), not the catalog's own entity refresh icon.
  const refresh = page.getByRole('button', { name: /measure now/i }).first();
  await refresh.waitFor();
  const response = page.waitForResponse(
    r => r.url().includes('/api/readiness/') && r.url().endsWith('/refresh') && r.request().method() === 'POST',
  );
  await refresh.click();
  const res = await response;
  assert(res.ok(), `refresh returned HTTP ${res.status()}`);
  const after = await api('/entities/default/component/doris');
  assert(after.measuredAt > before.measuredAt, 'measuredAt did not move forward after refresh');
  await page.screenshot({ path: join(OUT, '05-after-refresh.png'), fullPage: true });
});


await step('the onboarding template runs through the real scaffolder (dry-run) and passes its Security checks', async () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'template');
  const template = parseYaml(readFileSync(join(root, 'template.yaml'), 'utf8'));
  const files = [];
  const walk = dir => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push({ path: relative(root, full), base64Content: readFileSync(full).toString('base64') });
    }
  };
  walk(join(root, 'content'));
  const token = await guestToken();
  const res = await fetch(`${API}/api/scaffolder/v2/dry-run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      template,
      values: {
        name: 'ledger',
        owner: 'group:default/data-engineering',
        system: 'system:default/254carbon-data-platform',
        image: 'harbor.254carbon.com/data-platform/ledger:1.0.0',
        port: 8080,
        namespace: 'data-platform',
        hosts: ['ledger.254carbon.com'],
        dependencies: ['minio:9000'],
      },
      secrets: {},
      directoryContents: files,
    }),
  });
  const body = await res.json();
  assert(res.ok, `dry-run HTTP ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
  const written = body.directoryContents.map(f => f.path).sort();
  writeFileSync(join(OUT, 'template-dry-run.json'), JSON.stringify({ written, steps: body.steps, log: body.log }, null, 2));
  for (const expected of ['catalog-info.yaml', 'k8s/deployment.yaml']) {
    assert(written.includes(expected), `the dry-run did not write ${expected} (wrote ${written.join(', ')})`);
  }
  assert(written.some(p => /networkpolicy-default-deny/.test(p)), `no default-deny NetworkPolicy in ${written.join(', ')}`);
  assert(written.some(p => /policy-ledger\.hcl$/.test(p)), `no Vault policy in ${written.join(', ')}`);
  const log = body.log.map(l => l.body?.message ?? '').join('\n');
  const outputText = JSON.stringify(body.output ?? {});
  assert(outputText.includes('All Security checks the bundle covers pass.'), `the template output does not report passing Security checks:\n${outputText.slice(0, 800)}`);
  assert(!/error/i.test(body.steps?.map(s => s.status).join(' ') ?? ''), `a step failed:\n${log}`);
});

await step('a regression after Measure now is one notification, linked to the evidence', async () => {
  await checkRegressionNotification({ page, app: APP, api: API, guestToken, out: OUT });
});

await browser.close();
process.exit(finish(join(OUT, '..', 'e2e.json'), 'e2e') ? 1 : 0);
