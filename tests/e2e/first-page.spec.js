// The first page: the bundled sample as a readable document, served from
// dist/ by a plain static server at the site root and under a sub-path.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.js';
import { test, expect, holdBack } from './fixtures.js';
import { FIRST, snapshot } from '../../src/web/first-screen.mjs';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));
const sample = readFileSync(fileURLToPath(new URL('../../assets/sample.txt', import.meta.url)), 'utf8');
// What the page must show, read independently of the parser: the first line
// is the title, and each ">>" starts a turn.
const titleLine = sample.split('\n')[0].trim();
const turnCount = sample.split('\n').filter((l) => l.trimStart().startsWith('>>')).length;
const firstWords = 'Okay.';
const firstScreen = readFileSync(fileURLToPath(new URL('../../assets/first-screen.html', import.meta.url)), 'utf8').trim();

/** Holds back the WebAssembly: what the page shows before the viewer can run. */
const holdWasm = (page) => holdBack(page, '**/floor-web_bg.wasm');

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
      await expect(page.locator('#turns .turn')).toHaveCount(turnCount);
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

    test('read() takes captions through the readers loaded on demand; parse() refuses them', async ({ page }) => {
      await page.goto(server.url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(titleLine);
      const vtt = 'WEBVTT\n\n00:00:01.500 --> 00:00:04.000\n<v Ana>Hello &amp; welcome.\n\n00:01:02.000 --> 00:01:05.000\n<v Ben>Thanks.\n';
      const got = await page.evaluate(async (text) => {
        const floor = await import('./floor.js');
        let refused = '';
        try {
          floor.parse(text);
        } catch (e) {
          refused = String(e.message ?? e);
        }
        const t = await floor.read(text, 'a.vtt');
        return { refused, format: t.meta.format, turns: t.turns.map((x) => [x.speaker, x.start, x.end, x.paragraphs]) };
      }, vtt);
      expect(got.refused).toContain('read(text)');
      expect(got.format).toBe('webvtt');
      expect(got.turns).toEqual([
        ['ana', 1.5, 4, ['Hello & welcome.']],
        ['ben', 62, 65, ['Thanks.']],
      ]);
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
      // The readers loaded on demand are not part of a first visit.
      expect(paths.filter((p) => /readers/.test(p))).toEqual([]);
    });
  });
}

// dist/ at the site root, for the tests below.
let atRoot;
test.beforeAll(async () => {
  atRoot = await startServer({ root: dist });
});
test.afterAll(async () => atRoot.close());

test.describe('the pre-rendered first screen', () => {
  test('shows the sample before the WebAssembly is ready, inert, then gives way to the viewer', async ({ page }) => {
    const release = await holdWasm(page);
    await page.goto(atRoot.url);
    const first = page.locator('.first-screen');
    await expect(first.locator('h1')).toHaveText(titleLine);
    await expect(first.locator('article h2').first()).toHaveText('Chengetai Masango');
    await expect(first.locator('article h2').first()).toBeInViewport();
    await expect(first.locator('article')).toHaveCount(FIRST.turns);
    // Inert, and nothing in it clashes with the viewer's ids.
    await expect(first).toHaveAttribute('inert', '');
    await expect(first).toHaveAttribute('aria-hidden', 'true');
    await expect(first.locator('[id]')).toHaveCount(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await expect(page.locator('#t1')).toHaveCount(0);
    release();
    await expect(page.locator('#turns .turn')).toHaveCount(turnCount);
    await expect(first).toHaveCount(0);
    await expect(page.locator('#t1 h2')).toHaveText('Chengetai Masango');
    await expect(page.locator('#t1 h2')).toBeInViewport();
  });

  test('a screen reader hears the viewer load behind it, and nothing in it can be focused', async ({ page }) => {
    // The transcript held back: the viewer runs, the first screen stays.
    const release = await holdBack(page, '**/sample.txt');
    await page.goto(atRoot.url);
    const status = page.getByRole('status').filter({ hasText: /./ });
    // The first screen is not there for a screen reader: its copy of the
    // status line is not one of the page's.
    await expect(page.locator('.first-screen')).toHaveAttribute('aria-hidden', 'true');
    // The viewer's live region is in the accessibility tree, saying so, while
    // the viewer is out of sight behind the first screen.
    await expect(status).toHaveText('Loading the transcript…');
    await expect(page.locator('.first-screen article h2').first()).toBeInViewport();
    await expect(page.locator('.floor:not(.first-screen) > :not(.status)').first()).toBeHidden();
    expect(await page.evaluate(() => document.querySelector('.floor:not(.first-screen)').getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    // Nothing out of sight takes the focus.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    release();
    // The same region then says what is shown: a change a screen reader hears.
    await expect(status).toHaveText(new RegExp(`^Showing .*: ${turnCount} turns`));
    await expect(page.locator('.first-screen')).toHaveCount(0);
  });

  for (const [width, height] of [[1280, 720], [390, 844]]) {
    test(`the viewer takes its place with no visible change (${width}x${height})`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      const release = await holdWasm(page);
      await page.goto(atRoot.url);
      await expect(page.locator('.first-screen article h2').first()).toBeVisible();
      const shot = () => page.screenshot({ animations: 'disabled', caret: 'hide' });
      const before = await shot();
      release();
      await expect(page.locator('#t1 h2')).toBeVisible();
      await expect(page.locator('.first-screen')).toHaveCount(0);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const after = await shot();
      if (!before.equals(after)) {
        await test.info().attach('first screen', { body: before, contentType: 'image/png' });
        await test.info().attach('viewer', { body: after, contentType: 'image/png' });
      }
      expect(before.equals(after), 'the first screen and the viewer differ on screen (see the attachments)').toBe(true);
    });
  }

  test('is hidden at once on any other address', async ({ page }) => {
    const release = await holdWasm(page);
    for (const address of ['?src=sample.txt', '#t3', '?q=forum']) {
      await page.goto(atRoot.url + address);
      await expect(page.locator('.first-screen')).toHaveCount(1);
      await expect(page.locator('.first-screen')).toBeHidden();
    }
    release();
    await expect(page.locator('#search-count')).toHaveText(/\d+ match/);
    await expect(page.locator('.first-screen')).toHaveCount(0);
  });

  test('takes the theme the reader chose', async ({ page }) => {
    const release = await holdWasm(page);
    await page.addInitScript(() => localStorage.setItem('floor-theme', 'dark'));
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(atRoot.url);
    const scheme = () => page.locator('.first-screen').evaluate((el) => getComputedStyle(el).colorScheme);
    await expect.poll(scheme).toBe('dark');
    release();
    await expect(page.locator('#t1 h2')).toBeVisible();
    await expect(page.locator('.floor')).toHaveAttribute('data-theme', 'dark');
  });

  test('is what the viewer draws now (else: make first-screen)', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(atRoot.url);
    await expect(page.locator('#t1 h2')).toBeVisible();
    await expect(page.locator('.first-screen')).toHaveCount(0);
    const now = await page.evaluate(snapshot, FIRST);
    expect(now, 'assets/first-screen.html is out of date: run `make first-screen`').toBe(firstScreen);
  });
});

test.describe('a browser that cannot compile the WebAssembly', () => {
  test('says why instead of showing a blank page', async ({ page }) => {
    // Stands in for a browser without WebAssembly SIMD: the module is served
    // with a valid header and a broken body, so it does not compile.
    await page.route('**/floor-web_bg.wasm', (route) =>
      route.fulfill({
        contentType: 'application/wasm',
        body: Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x7b]),
      }),
    );
    await page.goto(atRoot.url);
    await expect(page.getByRole('alert')).toHaveText(/cannot run Floor: it needs WebAssembly SIMD/);
    await expect(page.locator('#turns .turn')).toHaveCount(0);
    await expect(page.locator('.first-screen')).toHaveCount(0);
  });
});
