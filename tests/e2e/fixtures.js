// Shared Playwright fixtures: every page fails its test on a console error,
// an uncaught page error, or a request that leaves the test server's host.
//
// A test that provokes a console error on purpose (the browser logs a failed
// fetch, e.g. an HTTP 404, as an error) names it with
// `test.use({ expectedConsoleErrors: [/pattern/] })`: console errors matching
// one of the patterns are then allowed, and every other problem still fails.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';

const shotsDir = fileURLToPath(new URL('../../target/screenshots', import.meta.url));

/** Saves a viewport screenshot as a test artifact and in target/screenshots/. */
export async function shoot(page, name) {
  const path = base.info().outputPath(`${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  await mkdir(shotsDir, { recursive: true });
  await copyFile(path, join(shotsDir, `${name}.png`));
  await base.info().attach(name, { path, contentType: 'image/png' });
}

/**
 * Holds back every response for `url` (a glob) until the returned
 * `release()`: what a page shows while that file is on its way.
 */
export async function holdBack(page, url) {
  let release;
  const released = new Promise((r) => (release = r));
  await page.route(url, async (route) => {
    await released;
    // A request held across a navigation is gone by then: nothing to do.
    await route.continue().catch(() => {});
  });
  return release;
}

export const test = base.extend({
  expectedConsoleErrors: [[], { option: true }],
  page: async ({ page, expectedConsoleErrors }, use) => {
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      if (expectedConsoleErrors.some((pattern) => pattern.test(text))) return;
      problems.push(`console error: ${text}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.protocol !== 'data:' && url.hostname !== '127.0.0.1') {
        problems.push(`request left the host: ${req.url()}`);
      }
    });
    await use(page);
    expect(problems, 'console errors, page errors or external requests').toEqual([]);
  },
});

export { expect };
