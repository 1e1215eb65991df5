// What every browser suite here shares (test/e2e/run.mjs, test/e2e/a11y.mjs,
// test/client/browser.mjs): Debian's Chromium driven by playwright-core with the flags this
// machine needs (no sandbox as root, no GPU, no background network), pages with timeouts sized
// for a loaded 2-core machine, a step runner that records each result and screenshots a failure,
// and the guest sign-in.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium (never a downloaded one: `npx playwright install` cannot work here). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * A page from a browser (with `viewport`) or from a context (which has its own viewport).
 * Generous timeouts: on a loaded 2-core machine the app's bundle takes a while to load and render.
 */
export async function newPage(browserOrContext, viewport = { width: 1440, height: 1000 }) {
  const isBrowser = typeof browserOrContext.newContext === 'function';
  const page = isBrowser
    ? await browserOrContext.newPage({ viewport })
    : await browserOrContext.newPage();
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(180_000);
  return page;
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/**
 * Runs named steps one after the other; a failing step is recorded with its error and a
 * screenshot (`failed-<n>.png` in `outDir`) and the next step still runs.
 * `only`: run just the steps whose name contains it (the first step always runs).
 */
export function createSteps(page, outDir, { only, fullPageOnFailure = true } = {}) {
  const results = [];
  async function step(name, fn) {
    if (only && results.length > 0 && !name.includes(only)) return;
    const started = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - started });
      console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      results.push({ name, ok: false, error: String(e?.stack ?? e) });
      await page
        .screenshot({ path: join(outDir, `failed-${results.length}.png`), fullPage: fullPageOnFailure })
        .catch(() => {});
      console.log(`  ✗ ${name}\n    ${String(e?.message ?? e).split('\n').join('\n    ')}`);
    }
  }
  /** Writes `{ passed, failed, results, ...extra }` to `jsonPath`, prints the tally, returns `failed`. */
  function finish(jsonPath, label, extra = {}) {
    const passed = results.filter(r => r.ok).length;
    const failed = results.length - passed;
    writeFileSync(jsonPath, JSON.stringify({ passed, failed, results, ...extra }, null, 2));
    console.log(`${label}: ${passed} passed, ${failed} failed`);
    return failed;
  }
  return { results, step, finish };
}

/** A guest token straight from the auth backend, to read the API the page reads. */
export async function guestToken(api) {
  const res = await fetch(`${api}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  assert(res.ok, `guest refresh failed: HTTP ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/** Opens the app and signs in through the sign-in page's guest provider ("Enter"). */
export async function signInAsGuest(page, app) {
  await page.goto(app);
  await page.getByRole('button', { name: /enter/i }).click();
  // Signed in once the app replaces the sign-in page: the session is stored by then, so a
  // navigation right after this (report.mjs goes straight to /readiness) stays signed in.
  await page.getByText('Enter as a Guest User.').waitFor({ state: 'detached', timeout: 60_000 });
}
