// The README's notifications demo, in the browser: a demo manifest change plus "Measure now" on
// Portal (owned by the platform team, which the guest belongs to) turns INF-IMAGES from pass to
// fail; exactly one notification reaches the guest, it is on the Notifications page, and its
// link opens Portal's Readiness tab. The manifest is put back afterwards, whatever happens.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert } from './browser.mjs';

// The manifests directory the backend under test reads (the repository's demo by default).
const DEMO_PLATFORM =
  process.env.E2E_DEMO_PLATFORM ??
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo/platform');
const PORTAL_MANIFEST = join(DEMO_PLATFORM, '254carbon-prod/26-portal.yaml');
const PINNED = 'portal:2.3.1';
const TITLE = '254Carbon Portal fails INF-IMAGES (Trusted, pinned images)';

/** The guest's notifications, from the notifications backend's own API. */
async function inbox(api, token) {
  const res = await fetch(`${api}/api/notifications/?limit=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  assert(res.ok, `GET /api/notifications: HTTP ${res.status} ${text}`);
  return JSON.parse(text).notifications;
}

export async function checkRegressionNotification({
  page,
  app,
  api,
  guestToken,
  out,
}) {
  const original = readFileSync(PORTAL_MANIFEST, 'utf8');
  assert(
    original.includes(PINNED),
    `${PORTAL_MANIFEST} no longer pins ${PINNED}; update this step`,
  );
  const token = await guestToken();
  const before = (await inbox(api, token)).filter(
    n => n.payload.title === TITLE,
  );
  assert(
    before.length === 0,
    `a notification "${TITLE}" exists before the change`,
  );
  try {
    writeFileSync(
      PORTAL_MANIFEST,
      original.replaceAll(PINNED, 'portal:latest'),
    );
    await page.goto(`${app}/catalog/default/component/portal/readiness`);
    const refresh = page.getByRole('button', { name: /measure now/i }).first();
    await refresh.waitFor();
    const response = page.waitForResponse(
      r =>
        r.url().endsWith('/component/portal/refresh') &&
        r.request().method() === 'POST',
    );
    await refresh.click();
    const res = await response;
    assert(res.ok(), `Measure now returned HTTP ${res.status()}`);

    await page.goto(`${app}/notifications`);
    const row = page.getByText(TITLE);
    await row.first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(out, '06-notification.png') });
    const after = (await inbox(api, token)).filter(
      n => n.payload.title === TITLE,
    );
    assert(
      after.length === 1,
      `expected one notification "${TITLE}", found ${after.length}`,
    );
    assert(
      after[0].origin === 'plugin:readiness' &&
        after[0].payload.severity === 'high',
      `unexpected origin/severity: ${JSON.stringify(after[0])}`,
    );

    await row.first().click();
    await page.waitForURL(/\/catalog\/default\/component\/portal\/readiness$/, {
      timeout: 30_000,
    });
    await page
      .getByText(/portal:latest is not pinned/)
      .first()
      .waitFor();
  } finally {
    writeFileSync(PORTAL_MANIFEST, original);
  }
}
