// Shared Playwright fixtures: every page fails its test on a console error,
// an uncaught page error, or a request that leaves the test server's host.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
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
