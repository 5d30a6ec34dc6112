// The first page: the bundled sample as a readable document, served from
// dist/ by a plain static server at the site root and under a sub-path.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.js';
import { test, expect } from './fixtures.js';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));
const sample = readFileSync(fileURLToPath(new URL('../../assets/sample.txt', import.meta.url)), 'utf8');
// What the page must show, read independently of the parser: the first line,
// and the blank-line separated blocks after it.
const [titleLine, ...blocks] = sample
  .split(/\n\s*\n/)
  .map((b) => b.replace(/\s+/g, ' ').trim())
  .filter((b) => b.length > 0);

for (const prefix of ['/', '/some/sub/path/']) {
  test.describe(`dist served at ${prefix}`, () => {
    let server;
    test.beforeAll(async () => {
      server = await startServer({ root: dist, prefix });
    });
    test.afterAll(async () => server.close());

    test('shows the sample title, then every paragraph', async ({ page }) => {
      await page.goto(server.url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(titleLine);
      const paragraphs = page.locator('main article p');
      await expect(paragraphs).toHaveCount(blocks.length);
      await expect(paragraphs.first()).toHaveText(blocks[0]);
      await expect(paragraphs.last()).toHaveText(blocks.at(-1));
      await expect(page).toHaveTitle(/Floor/);
    });

    test('loads every asset from under the prefix', async ({ page }) => {
      const requested = [];
      page.on('request', (req) => requested.push(new URL(req.url())));
      await page.goto(server.url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(titleLine);
      const paths = requested.filter((u) => u.protocol !== 'data:').map((u) => u.pathname);
      expect(paths.some((p) => p.endsWith('.wasm'))).toBe(true);
      expect(paths.some((p) => p.endsWith('sample.txt'))).toBe(true);
      for (const p of paths) expect(p.startsWith(prefix), p).toBe(true);
    });
  });
}
