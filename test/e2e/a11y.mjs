// Accessibility stage of the browser e2e: axe-core (from the npm registry) injected into every
// readiness view in Debian's Chromium (playwright-core), keyboard-only flows, layout checks and
// screenshots at 1440 px and 390 px. scripts/test.sh runs it after run.mjs, against the same app.
//
// Fails on any serious or critical axe violation inside the plugin's own DOM (its root elements
// carry data-testid="readiness-page" / "readiness-entity-card" / "readiness-entity-content"), and
// on a broken keyboard, layout or template-form expectation. Violations in Backstage's own DOM
// (the shell, and the scaffolder's form that renders our template) are printed and recorded,
// never failed on; what the template itself controls (messages, placeholders, invalid marking)
// is asserted directly.
// Results: test-results/a11y/a11y.json; screenshots: test-results/a11y/<view>-<width>.png.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  assert,
  createSteps,
  guestToken,
  launchChromium,
  newPage,
} from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
const AXE_VERSION = require('axe-core/package.json').version;

const APP = process.env.E2E_APP_URL ?? 'http://localhost:3000';
const API = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';
const OUT = join(
  process.env.READINESS_TEST_ARTIFACTS ?? 'test-results',
  'a11y',
);
// A fresh folder: screenshots of an earlier run (e.g. its failures) must not pass for this one's.
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const WIDE = { width: 1440, height: 1000 };
const NARROW = { width: 390, height: 844 };
// The WCAG 2.x A/AA rules, best practices (heading-order) and the experimental rules (the audit
// that found label-content-name-mismatch ran them too).
const AXE_TAGS = [
  'wcag2a',
  'wcag2aa',
  'wcag21a',
  'wcag21aa',
  'wcag22aa',
  'best-practice',
  'experimental',
];
const BLOCKING = new Set(['serious', 'critical']);
// Named in the issue: asserted at every impact level, not only serious/critical.
const ALWAYS_ASSERTED = new Set([
  'heading-order',
  'label-content-name-mismatch',
]);

const ROOTS = {
  page: '[data-testid="readiness-page"]',
  card: '[data-testid="readiness-entity-card"]',
  tab: '[data-testid="readiness-entity-content"]',
  form: 'form',
};

const browser = await launchChromium();
// bypassCSP: axe is injected as an inline script, which the production build's
// Content-Security-Policy (script-src 'self') refuses; the app's own pages are unchanged by it.
const context = await browser.newContext({
  viewport: WIDE,
  acceptDownloads: true,
  bypassCSP: true,
});
const page = await newPage(context);

const scans = [];
// A11Y_ONLY=<text> runs only the steps whose name contains it (plus the first), to iterate on one view.
const { step, finish } = createSteps(page, OUT, {
  only: process.env.A11Y_ONLY,
  fullPageOnFailure: false,
});

async function api(path) {
  const res = await fetch(`${API}/api/readiness${path}`, {
    headers: { authorization: `Bearer ${await guestToken(API)}` },
  });
  const text = await res.text();
  assert(res.ok, `${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text);
}
// The UI's one rounding rule (roundPercent in plugin-readiness-common): one decimal.
const pct = v =>
  v === null || v === undefined ? '—' : `${Math.round(v * 10) / 10}%`;

/** Opens a path, signing in as guest when the sign-in page shows instead. */
async function open(path, ready) {
  await page.goto(`${APP}${path}`);
  const enter = page.getByRole('button', { name: /^enter$/i });
  // Both waits settle (never reject), so the one that loses the race cannot crash the run.
  const first = await Promise.race([
    ready().then(
      () => 'ready',
      () => 'timeout',
    ),
    enter.waitFor().then(
      () => 'sign-in',
      () => 'timeout',
    ),
  ]);
  if (first === 'sign-in') {
    await enter.click();
    // The guest session is stored once the app has rendered; only then navigate again.
    await enter.waitFor({ state: 'detached' });
    await page.goto(`${APP}${path}`);
    await ready();
  } else if (first === 'timeout') {
    await ready();
  }
  // Let late requests (facets, history) settle so the scan sees the finished view.
  await page.waitForLoadState('networkidle').catch(() => {});
}

/**
 * Runs axe on the whole document and on the plugin's root, and sorts the violations into the
 * plugin's (asserted) and Backstage's own (reported).
 */
async function scan(view, root, { owned = true } = {}) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) {
    await page.addScriptTag({ path: AXE_SOURCE });
  }
  const run = scope =>
    page.evaluate(
      async ({ selector, tags }) => {
        const result = await window.axe.run(
          selector ? { include: [[selector]] } : document,
          {
            runOnly: { type: 'tag', values: tags },
            resultTypes: ['violations'],
          },
        );
        return result.violations.map(v => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map(n => ({
            target: n.target.map(String),
            html: n.html.slice(0, 240),
            summary: (n.failureSummary ?? '').slice(0, 400),
          })),
        }));
      },
      { selector: scope, tags: AXE_TAGS },
    );
  assert(
    (await page.locator(root).count()) > 0,
    `${view}: the plugin root ${root} is not on the page`,
  );
  // The template's form is the scaffolder's DOM (Backstage core) filled from our template.yaml:
  // everything axe finds there is reported; what the template controls is asserted by the caller.
  const plugin = owned ? await run(root) : [];
  const all = await run(undefined);
  // Backstage's own: every node of the whole-page scan outside the plugin's root.
  const core = [];
  for (const v of all) {
    const nodes = [];
    for (const n of v.nodes) {
      const inside =
        owned &&
        (await page
          .evaluate(
            ({ target, rootSelector }) => {
              const el = document.querySelector(target[target.length - 1]);
              return Boolean(el && el.closest(rootSelector));
            },
            { target: n.target, rootSelector: root },
          )
          .catch(() => false));
      if (!inside) nodes.push(n);
    }
    if (nodes.length) core.push({ ...v, nodes });
  }
  const count = (list, pred) =>
    list.filter(pred).reduce((sum, v) => sum + v.nodes.length, 0);
  const entry = {
    view,
    root,
    owned,
    plugin: {
      seriousOrCritical: count(plugin, v => BLOCKING.has(v.impact)),
      total: count(plugin, () => true),
      violations: plugin,
    },
    core: {
      seriousOrCritical: count(core, v => BLOCKING.has(v.impact)),
      total: count(core, () => true),
      violations: core,
    },
  };
  scans.push(entry);
  const ids = list =>
    list.map(v => `${v.id}(${v.impact}×${v.nodes.length})`).join(', ') ||
    'none';
  console.log(
    `    axe ${view}: ${
      owned
        ? `plugin ${entry.plugin.seriousOrCritical} serious/critical of ${
            entry.plugin.total
          } [${ids(plugin)}]`
        : 'scaffolder form (core DOM)'
    }; ` +
      `Backstage core ${entry.core.seriousOrCritical} serious/critical of ${
        entry.core.total
      } [${ids(core)}] (reported, not failed)`,
  );
  const blocking = plugin.filter(
    v => BLOCKING.has(v.impact) || ALWAYS_ASSERTED.has(v.id),
  );
  assert(
    blocking.length === 0,
    `${view}: axe violations inside the plugin:\n${blocking
      .map(
        v =>
          `${v.id} (${v.impact}): ${v.help}\n${v.nodes
            .map(n => `  ${n.target.join(' ')}: ${n.summary}`)
            .join('\n')}`,
      )
      .join('\n')}`,
  );
}

/** Screenshots at 1440 and 390 px; tall, because Backstage scrolls inside its content pane. */
async function screenshots(name, ready) {
  for (const [label, size] of [
    ['1440', { width: WIDE.width, height: 2400 }],
    ['390', { width: NARROW.width, height: 2400 }],
  ]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400);
    if (ready) await ready();
    await page.screenshot({ path: join(OUT, `${name}-${label}.png`) });
  }
  await page.setViewportSize(WIDE);
}

/** Presses Tab until `locator` has the focus: the keyboard's own way to reach a control. */
async function tabTo(locator, what, max = 250) {
  const handle = await locator.elementHandle();
  assert(handle, `${what} is not on the page`);
  await page
    .locator('body')
    .focus()
    .catch(() => {});
  await page.evaluate(() => document.activeElement?.blur?.());
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await handle.evaluate(el => el === document.activeElement))
      return i + 1;
  }
  throw new Error(`${what} was not reached with ${max} presses of Tab`);
}
const focusedText = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el && el !== document.body
      ? `${el.tagName} ${el.textContent?.trim().slice(0, 60)}`
      : 'BODY';
  });

let summary;
await step('the demo is measured (every service has a result)', async () => {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      summary = await api('/summary?limit=500');
      if (summary.totalCount >= 9) return;
    } catch {
      // the backend is still starting
    }
    assert(Date.now() < deadline, 'no readiness results 2 minutes after start');
    await new Promise(r => setTimeout(r, 2000));
  }
});

const servicesReady = () =>
  page.getByRole('columnheader', { name: 'Worst checks' }).first().waitFor();

await step(
  'readiness page, services view: axe, layout at 1440 px and 390 px',
  async () => {
    await open('/readiness', servicesReady);
    await scan('readiness page · services', ROOTS.page);

    // The services table fits its container and no link is split across lines (e.g. "Data Engin|eering").
    const table = await page.evaluate(() => {
      const t = [...document.querySelectorAll('table')].find(x =>
        /Worst checks/i.test(x.innerText),
      );
      const box = t.parentElement.getBoundingClientRect();
      // A word of a link drawn on more than one line is a mid-word break; wrapping between words is fine.
      const midWord = [...t.querySelectorAll('tbody a')]
        .filter(a => {
          const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.textContent.matchAll(/\S+/g)) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              const lines = new Set(
                [...range.getClientRects()]
                  .filter(r => r.width > 0)
                  .map(r => Math.round(r.top)),
              );
              if (lines.size > 1) return true;
            }
          }
          return false;
        })
        .map(a => a.textContent.trim());
      return {
        width: t.getBoundingClientRect().width,
        container: box.width,
        midWord,
      };
    });
    console.log(
      `    services table at 1440 px: ${Math.round(
        table.width,
      )} px in a ${Math.round(table.container)} px container`,
    );
    assert(
      table.width <= table.container + 0.5,
      `the services table is ${table.width} px wide in a ${table.container} px container`,
    );
    assert(
      table.midWord.length === 0,
      `links broken mid-word: ${table.midWord.join(', ')}`,
    );

    // Colour is not the only signal: every score carries a band icon, and the not-ready links are underlined.
    const scores = await page.evaluate(() => {
      const cells = [...document.querySelectorAll('[data-score-level]')];
      const links = cells.flatMap(c => [...c.querySelectorAll('a')]);
      return {
        cells: cells.length,
        withIcon: cells.filter(c => c.querySelector('[data-score-icon]'))
          .length,
        links: links.length,
        underlined: links.filter(a =>
          getComputedStyle(a).textDecorationLine.includes('underline'),
        ).length,
      };
    });
    assert(
      scores.cells > 0 && scores.withIcon === scores.cells,
      `scores without a band icon: ${scores.cells - scores.withIcon} of ${
        scores.cells
      }`,
    );
    assert(
      scores.underlined === scores.links,
      `score links not underlined: ${scores.links - scores.underlined} of ${
        scores.links
      }`,
    );

    // 390 px: the scores come first — the Overall column starts inside the screen.
    await page.setViewportSize(NARROW);
    await page.waitForTimeout(500);
    const overall = await page
      .getByRole('columnheader', { name: 'Overall' })
      .first()
      .boundingBox();
    assert(
      overall && overall.x + 20 < NARROW.width,
      `at 390 px the Overall column starts at x=${overall?.x}`,
    );
    await scan('readiness page · services · 390 px', ROOTS.page);
    await page.setViewportSize(WIDE);
    await screenshots('readiness-services', servicesReady);
  },
);

await step(
  'keyboard: switch views with Tab, arrows and Enter; the focus stays on the tab',
  async () => {
    await open('/readiness', servicesReady);
    const services = page.getByRole('tab', { name: 'Services' });
    const presses = await tabTo(services, 'the Services tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const byCheck = page.getByRole('tab', { name: 'By check' });
    await page
      .getByRole('columnheader', { name: /^Check/ })
      .first()
      .waitFor();
    assert(
      (await byCheck.getAttribute('aria-selected')) === 'true',
      '"By check" was not selected with Enter',
    );
    assert(
      await byCheck.evaluate(el => el === document.activeElement),
      `focus left the tab: ${await focusedText()}`,
    );
    console.log(`    Services tab reached in ${presses} presses of Tab`);
    await page.waitForLoadState('networkidle').catch(() => {});
    await scan('readiness page · by check', ROOTS.page);
    await screenshots('readiness-by-check');

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page
      .getByRole('columnheader', { name: /^Services/ })
      .first()
      .waitFor();
    await page.waitForLoadState('networkidle').catch(() => {});
    await scan('readiness page · by owner', ROOTS.page);
    await screenshots('readiness-by-owner');
  },
);

await step(
  'keyboard: filter by check — arrows move through the menu without requests, Enter applies once',
  async () => {
    await open('/readiness', servicesReady);
    const requests = [];
    const onRequest = r => {
      if (r.url().includes('/api/readiness/summary')) requests.push(r.url());
    };
    page.on('request', onRequest);
    try {
      const select = page.getByRole('button', { name: /^Failing check/ });
      await tabTo(select, 'the "Failing check" filter');
      await page.keyboard.press('ArrowDown');
      const menu = page.getByRole('listbox', { name: 'Failing check' });
      await menu.waitFor();
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(800);
      assert(
        requests.length === 0,
        `moving through the menu sent ${requests.length} /summary requests`,
      );
      const chosen = await page.evaluate(() =>
        document.activeElement?.getAttribute('data-value'),
      );
      await page.keyboard.press('Enter');
      await page.waitForURL(
        url => new URL(url).searchParams.get('check') === chosen,
      );
      await page.waitForLoadState('networkidle').catch(() => {});
      const applied = requests.filter(u => !u.includes('limit=500'));
      assert(
        applied.length === 1,
        `choosing one check sent ${applied.length} /summary requests`,
      );
      assert(
        await select.evaluate(el => el === document.activeElement),
        `focus after choosing: ${await focusedText()}`,
      );
      console.log(
        `    chose ${chosen}: ${applied.length} request after 6 arrow presses`,
      );
    } finally {
      page.off('request', onRequest);
    }
    await scan('readiness page · filtered by check', ROOTS.page);
    await screenshots('readiness-filtered', servicesReady);

    // Clear filters keeps the focus (it used to vanish under it).
    const clear = page.getByRole('button', { name: 'Clear filters' });
    await tabTo(clear, '"Clear filters"');
    await page.keyboard.press('Enter');
    await page.waitForURL(url => !new URL(url).searchParams.get('check'));
    assert(
      await clear.evaluate(el => el === document.activeElement),
      `focus after "Clear filters": ${await focusedText()}`,
    );
  },
);

await step(
  'keyboard: Export CSV with Enter downloads the file and keeps the focus',
  async () => {
    await open('/readiness', servicesReady);
    const button = page.getByRole('button', { name: 'Export CSV' });
    await tabTo(button, '"Export CSV"');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const file = await download;
    assert(
      /^readiness-services-.*\.csv$/.test(file.suggestedFilename()),
      `downloaded ${file.suggestedFilename()}`,
    );
    const csvPath = join(OUT, 'export.csv');
    await file.saveAs(csvPath);
    await page
      .getByRole('status')
      .filter({ hasText: /Exported \d+ services? as CSV/ })
      .waitFor({ state: 'attached' });
    assert(
      await button.evaluate(el => el === document.activeElement),
      `focus after export: ${await focusedText()}`,
    );
    // The CSV rounds like the page: one decimal.
    const [header, ...lines] = readFileSync(csvPath, 'utf8')
      .trim()
      .split('\r\n');
    const cols = header.split(',');
    assert(
      cols.includes('failingChecks') && cols.includes('warningChecks'),
      `CSV header: ${header}`,
    );
    const doris = lines.find(l => l.startsWith('component:default/doris,'));
    const row = summary.items.find(
      r => r.entityRef === 'component:default/doris',
    );
    if (doris && row) {
      const overall = doris.split(',')[cols.indexOf('overall')];
      assert(
        `${overall}%` === pct(row.overall),
        `CSV overall ${overall} vs the page's ${pct(row.overall)}`,
      );
    }
  },
);

const cardReady = () =>
  page
    .getByTestId('readiness-entity-card')
    .getByRole('img', { name: /Overall readiness/ })
    .waitFor();

await step(
  'entity overview with the readiness card: axe, gauge = API figure, ellipsis',
  async () => {
    await open('/catalog/default/component/doris', cardReady);
    await scan('entity overview · readiness card', ROOTS.card);
    const entity = await api('/entities/default/component/doris');
    const gauge = await page
      .getByTestId('readiness-entity-card')
      .getByRole('img', { name: /Overall readiness/ })
      .innerText();
    assert(
      gauge.includes(pct(entity.overall.percent)),
      `the gauge shows "${gauge}", the tab and table ${pct(
        entity.overall.percent,
      )}`,
    );
    // "Most important to fix": a title that does not fit ends in an ellipsis and has a tooltip.
    const titles = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          '[aria-label="Most important failing checks"] a',
        ),
      ].map(a => ({
        clipped: a.scrollWidth > a.clientWidth + 1,
        ellipsis: getComputedStyle(a).textOverflow === 'ellipsis',
      })),
    );
    assert(titles.length > 0, 'no "Most important to fix" entries');
    assert(
      titles.every(t => !t.clipped || t.ellipsis),
      'a clipped "Most important to fix" title has no ellipsis',
    );
    await page.setViewportSize(NARROW);
    await page.waitForTimeout(500);
    await scan('entity overview · readiness card · 390 px', ROOTS.card);
    await page.setViewportSize(WIDE);
    await screenshots('entity-card', cardReady);
  },
);

await step(
  'keyboard: Measure now with Enter keeps the focus and announces completion',
  async () => {
    // trino, not doris: run.mjs has just refreshed doris, and a second refresh within the
    // backend's readiness.refresh.minIntervalSeconds is answered 429.
    await open('/catalog/default/component/trino', cardReady);
    const button = page
      .getByTestId('readiness-entity-card')
      .getByRole('button', { name: 'Measure now' });
    await tabTo(button, '"Measure now"');
    const response = page.waitForResponse(
      r =>
        r.url().includes('/api/readiness/') &&
        r.url().endsWith('/refresh') &&
        r.request().method() === 'POST',
    );
    await page.keyboard.press('Enter');
    const res = await response;
    assert(res.ok(), `refresh returned HTTP ${res.status()}`);
    await page
      .getByTestId('readiness-entity-card')
      .getByRole('status')
      .filter({ hasText: /Measured just now: overall readiness/ })
      .waitFor({ state: 'attached' });
    assert(
      await button.evaluate(el => el === document.activeElement),
      `focus after "Measure now": ${await focusedText()}`,
    );
  },
);

const tabReady = () =>
  page
    .getByTestId('readiness-entity-content')
    .getByRole('heading', { level: 2, name: 'Security' })
    .waitFor();

await step('entity readiness tab: axe at both widths', async () => {
  await open('/catalog/default/component/doris/readiness', tabReady);
  await scan('entity readiness tab', ROOTS.tab);
  await page.setViewportSize(NARROW);
  await page.waitForTimeout(500);
  await scan('entity readiness tab · 390 px', ROOTS.tab);
  await page.setViewportSize(WIDE);
  await screenshots('entity-tab', tabReady);
});

await step(
  'onboarding template form with errors: human messages, fields marked invalid, placeholders kept',
  async () => {
    // A link that prefills a namespace outside the allow-list (and the first step's fields).
    const formData = encodeURIComponent(
      JSON.stringify({ namespace: 'kube-system' }),
    );
    const nameField = () =>
      page.getByRole('textbox', { name: /^Name/ }).first();
    await open(
      `/create/templates/default/production-ready-service?formData=${formData}`,
      () => nameField().waitFor(),
    );
    // Owner first: the browser's own required-field check would stop the step before the form's.
    const owner = page.getByRole('textbox', { name: /^Owner/ }).first();
    await owner.click();
    await owner.fill('data');
    await page.getByRole('option').first().click();
    await nameField().fill('Ledger_API');
    const image = page.getByRole('textbox', { name: /^Container image/ });
    await image.fill('ledger:latest');
    await page.getByRole('button', { name: /^Next/ }).click();
    await page
      .getByText(/use lowercase letters, digits and '-'/)
      .first()
      .waitFor();
    const body = await page.locator('form').first().innerText();
    assert(
      !/must match pattern/.test(body),
      `a raw pattern is shown:\n${body.slice(0, 600)}`,
    );
    for (const [field, what] of [
      [nameField(), 'name'],
      [image, 'container image'],
    ]) {
      assert(
        (await field.getAttribute('aria-invalid')) === 'true',
        `the ${what} field in error is not aria-invalid`,
      );
    }
    // Shown in red: the error state is on the field's label and input, not only in the list at the top.
    const red = await page.evaluate(() => {
      const label = id => document.getElementById(`${id}-label`);
      const name = label('root_name');
      const description = label('root_description');
      return {
        error: name?.classList.contains('Mui-error') ?? false,
        nameColor: name && getComputedStyle(name).color,
        okColor: description && getComputedStyle(description).color,
      };
    });
    assert(
      red.error && red.nameColor !== red.okColor,
      `the name field in error is not shown in the error colour (${JSON.stringify(
        red,
      )})`,
    );
    await scan('template form · step 1 with errors', ROOTS.form, {
      owned: false,
    });
    await screenshots('template-form-errors');

    // Step 2: the namespace from the link is named in the message; help texts keep <…>.
    await nameField().fill('ledger');
    await image.fill('harbor.254carbon.com/data-platform/ledger:1.0.0');
    await page.getByRole('button', { name: /^Next/ }).click();
    await page.getByText(/KV path relative to/).waitFor();
    const help = await page.locator('form').first().innerText();
    assert(
      help.includes('<namespace>/<name>'),
      `the secrets path help lost its placeholder:\n${help.slice(0, 800)}`,
    );
    // The link's namespace is not on the allow-list: the drop-down is empty, the help under it says
    // why, and the step does not go on.
    const namespaceHelp = page.getByText(
      /A namespace from a link that is not on this list leaves the drop-down empty/,
    );
    await namespaceHelp.waitFor();
    const namespace = page.getByRole('button', { name: /^Namespace/ }).first();
    assert(
      !/kube-system|data-platform/.test(await namespace.innerText()),
      'the namespace drop-down is not empty',
    );
    await page.getByRole('button', { name: /^Review/ }).click();
    await page.waitForTimeout(1000);
    assert(
      await page.getByRole('button', { name: /^Review/ }).isVisible(),
      'the step went on with an empty namespace',
    );
    await scan(
      'template form · step 2, namespace outside the allow-list',
      ROOTS.form,
      { owned: false },
    );
    await screenshots('template-form-namespace');
  },
);

await browser.close();

const totals = scans.reduce(
  (t, scanned) => ({
    plugin: t.plugin + scanned.plugin.seriousOrCritical,
    pluginAll: t.pluginAll + scanned.plugin.total,
    core: t.core + scanned.core.seriousOrCritical,
    coreAll: t.coreAll + scanned.core.total,
  }),
  { plugin: 0, pluginAll: 0, core: 0, coreAll: 0 },
);
console.log(
  `a11y (axe-core ${AXE_VERSION}, ${scans.length} scans): plugin ${totals.plugin} serious/critical violations (${totals.pluginAll} at any impact); ` +
    `Backstage core ${totals.core} serious/critical (${totals.coreAll} at any impact, reported only)`,
);
process.exit(
  finish(join(OUT, 'a11y.json'), 'a11y', {
    axe: AXE_VERSION,
    tags: AXE_TAGS,
    totals,
    scans,
  })
    ? 1
    : 0,
);
