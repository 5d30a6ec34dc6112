// The first page: the bundled sample as a readable document, served from
// dist/ by a plain static server at the site root and under a sub-path.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.js';
import { test, expect } from './fixtures.js';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));
const sample = readFileSync(fileURLToPath(new URL('../../assets/sample.txt', import.meta.url)), 'utf8');
// What the page must show, read independently of the parser: the first line
// is the title, and each ">>" starts a turn.
const titleLine = sample.split('\n')[0].trim();
const turnCount = sample.split('\n').filter((l) => l.trimStart().startsWith('>>')).length;
const firstWords = 'Okay.';

for (const prefix of ['/', '/some/sub/path/']) {
  test.describe(`dist served at ${prefix}`, () => {
    let server;
    test.beforeAll(async () => {
      server = await startServer({ root: dist, prefix });
    });
    test.afterAll(async () => server.close());

    test('shows the sample title, then every turn', async ({ page }) => {
      await page.goto(server.url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(titleLine);
      await expect(page.locator('main .turn')).toHaveCount(turnCount);
      await expect(page.locator('#t1 h2')).toHaveText('Chengetai Masango');
      await expect(page.locator('#t1-p1')).toHaveText(new RegExp(`^${firstWords}`));
      await expect(page).toHaveTitle(/Floor/);
    });

    test('exposes the JS API parse()', async ({ page }) => {
      await page.goto(server.url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(titleLine);
      const parsed = await page.evaluate(async () => (await import('./floor.js')).parse('>>CHAIR: Hello.\n\n>> (Gavel.)'));
      expect(parsed.turns.map((t) => [t.n, t.speaker, t.label, t.paragraphs])).toEqual([
        [1, 'chair', 'CHAIR', ['Hello.']],
        [2, null, null, ['(Gavel.)']],
      ]);
      expect(Object.keys(parsed)).toEqual(['meta', 'speakers', 'turns', 'diagnostics']);
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

test.describe('a browser that cannot compile the WebAssembly', () => {
  let server;
  test.beforeAll(async () => {
    server = await startServer({ root: dist });
  });
  test.afterAll(async () => server.close());

  test('says why instead of showing a blank page', async ({ page }) => {
    // Stands in for a browser without WebAssembly SIMD: the module is served
    // with a valid header and a broken body, so it does not compile.
    await page.route('**/floor-web_bg.wasm', (route) =>
      route.fulfill({
        contentType: 'application/wasm',
        body: Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x7b]),
      }),
    );
    await page.goto(server.url);
    await expect(page.getByRole('alert')).toHaveText(/cannot run Floor: it needs WebAssembly SIMD/);
    await expect(page.locator('main .turn')).toHaveCount(0);
  });
});
