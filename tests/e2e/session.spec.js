// Session pages (`floor page`, render::session_page): a transcript
// pre-rendered as the viewer's own markup, readable without JavaScript,
// which the viewer then takes over in place. The pages are built here with
// the native CLI (target/debug/floor) from the viewer's build in dist/, and
// served under a sub-path with a strict Content Security Policy, as an
// archive site serves them (sessions/NAME.html).
//
// Two transcripts: the sample (54 turns, two groups), and "long" (the
// sample's turns four times: 216 turns, six groups, so that the viewer
// draws the later ones after it takes over).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './static-server.js';
import { test, expect, holdBack, shoot } from './fixtures.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const target = process.env.CARGO_TARGET_DIR ?? `${root}target`;
// (FLOOR_CLI: another build of it, where the target directory is shared.)
const floor = process.env.FLOOR_CLI ?? `${target}/debug/floor`;
const work = `${target}/e2e-session`;
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const sample = readFileSync(`${root}assets/sample.txt`, 'utf8');
const firstTurnAt = sample.search(/^[^\S\n]*>>/m);
const long = `${sample.slice(0, firstTurnAt)}${Array(4).fill(sample.slice(firstTurnAt).trimEnd()).join('\n\n')}\n`;

/** Writes `text` as NAME.txt, builds its session page; its parsed model. */
function build(name, text) {
  const source = `${work}/in/${name}.txt`;
  writeFileSync(source, text);
  execFileSync(floor, ['page', source, '-o', `${work}/site/sessions`, '--viewer', `${root}dist`, '--archive', '../index.html']);
  return JSON.parse(execFileSync(floor, ['parse', source], { maxBuffer: 64 << 20 }).toString());
}

let server;
const parsed = {};
test.beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(`${work}/in`, { recursive: true });
  parsed.sample = build('sample', sample);
  parsed.long = build('long', long);
  server = await startServer({ root: `${work}/site`, prefix: '/archive/', headers: { 'Content-Security-Policy': csp } });
});
test.afterAll(async () => server?.close());

const url = (name, rest = '') => `${server.url}sessions/${name}.html${rest}`;
/** Holds back the WebAssembly: the page before the viewer takes over. */
const holdWasm = (page) => holdBack(page, '**/floor-web_bg.wasm');
const prerendered = (page) => page.locator('.prerendered');
const viewer = (page) => page.locator('.floor:not(.first-screen)');
/** Waits until the viewer has taken over, and two frames more. */
async function enhanced(page) {
  await expect(prerendered(page)).toHaveCount(0);
  await expect(viewer(page).locator('#t1 h2')).toHaveCount(1);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Records layout shifts from the start of the page (before its scripts). */
function recordShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__shifts.push({ value: e.value, recent: e.hadRecentInput, sources: (e.sources ?? []).map((s) => s.node?.outerHTML?.slice(0, 80) ?? '?') });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** The boxes of the turns on screen (or those of `ids`), by id. */
const boxes = (page, ids) =>
  page.evaluate((ids) => {
    const els = ids
      ? ids.map((id) => document.querySelector(`.floor:not(.first-screen) #${id}`) ?? document.getElementById(id))
      : [...document.querySelectorAll('article.turn')].filter((a) => {
          const r = a.getBoundingClientRect();
          return r.bottom > 0 && r.top < innerHeight;
        });
    return Object.fromEntries(els.map((a) => {
      const r = a.getBoundingClientRect();
      return [a.id, [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10)];
    }));
  }, ids);

function expectSameBoxes(before, after) {
  expect(Object.keys(after)).toEqual(Object.keys(before));
  for (const [id, box] of Object.entries(before)) {
    // (A turn running past the bottom of the screen may have been drawn in
    // part by the viewer: its top and width are what must not move.)
    box.slice(0, 3).forEach((v, i) => expect(Math.abs(after[id][i] - v), `${id} [${i}]: ${box} -> ${after[id]}`).toBeLessThanOrEqual(1));
  }
}

test.describe('without JavaScript', () => {
  for (const name of ['sample', 'long']) {
    test(`every turn of ${name} shows, with its anchors and the parsed text`, async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto(url(name));
      const t = parsed[name];
      await expect(page).toHaveTitle(`${t.meta.title} — Floor`);
      const got = await page.evaluate(() =>
        [...document.querySelectorAll('article.turn')].map((a) => ({
          id: a.id,
          shown: a.checkVisibility(),
          num: a.querySelector('a.num').getAttribute('href'),
          paragraphs: [...a.querySelectorAll(':scope > p')].map((p) => [p.id, p.textContent]),
        })),
      );
      expect(got).toEqual(
        t.turns.map((turn) => ({
          id: `t${turn.n}`,
          shown: true,
          num: `#t${turn.n}`,
          paragraphs: turn.paragraphs.map((p, i) => [`t${turn.n}-p${i + 1}`, p]),
        })),
      );
      await expect(page.locator('script')).toHaveCount(2); // floor.js and first-screen.js, not run
      if (name === 'long') {
        // A permalink works natively.
        await page.goto(url(name, '#t150-p2'));
        await expect(page.locator('#t150-p2')).toBeInViewport();
        for (const width of [1280, 375]) {
          await page.setViewportSize({ width, height: width > 400 ? 720 : 812 });
          await page.goto(url(name));
          await shoot(page, `session-nojs-${width}`);
        }
      }
      await context.close();
    });
  }
});

test.describe('the viewer takes over', () => {
  for (const [width, height] of [[1280, 720], [375, 812]]) {
    test(`with no layout shift, at the top and scrolled (${width}x${height})`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.addInitScript(recordShifts);
      let release = await holdWasm(page);
      await page.goto(url('long'));
      await expect(prerendered(page).locator('article h2').first()).toBeVisible();
      const link = () => page.getByRole('link', { name: 'All sessions' }).boundingBox();
      const linkBefore = await link();
      expect(linkBefore.height).toBeGreaterThan(0);
      const before = await boxes(page);
      expect(Object.keys(before).length).toBeGreaterThan(0);
      const shot = () => page.screenshot({ animations: 'disabled', caret: 'hide' });
      const pixels = await shot();
      release();
      await enhanced(page);
      expectSameBoxes(before, await boxes(page, Object.keys(before)));
      expect(await link()).toEqual(linkBefore);
      await expect(page.getByRole('link', { name: 'All sessions' })).toHaveAttribute('href', '../index.html');
      const after = await shot();
      if (!pixels.equals(after)) {
        await test.info().attach('pre-rendered', { body: pixels, contentType: 'image/png' });
        await test.info().attach('viewer', { body: after, contentType: 'image/png' });
      }
      expect(pixels.equals(after), 'the pre-rendered page and the viewer differ on screen (see the attachments)').toBe(true);
      expect(await page.evaluate(() => window.__shifts)).toEqual([]);

      // Scrolled by the reader (the wheel) past turn 130, in the fourth
      // group (not among the viewer's first groups), before the WebAssembly
      // is ready.
      release = await holdWasm(page);
      await page.goto(url('long'));
      await expect(prerendered(page).locator('#t1')).toBeVisible();
      await page.mouse.move(width / 2, height / 2);
      const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const firstOnScreen = () =>
        page.evaluate(() => {
          const turn = [...document.querySelectorAll('article.turn')].find((a) => a.getBoundingClientRect().bottom > 0);
          return Number(turn.id.slice(1));
        });
      while ((await firstOnScreen()) < 130) {
        await page.mouse.wheel(0, 2000);
        await frames();
      }
      // Until the page has settled (the groups come on screen take their
      // real heights).
      let settled = null;
      await expect
        .poll(async () => {
          const now = JSON.stringify(await boxes(page));
          const same = now === settled;
          settled = now;
          await frames();
          return same;
        })
        .toBe(true);
      const scrolled = await boxes(page);
      expect(Number(Object.keys(scrolled)[0].slice(1))).toBeGreaterThanOrEqual(130);
      await shoot(page, `session-scrolled-before-${width}`);
      release();
      await enhanced(page);
      expectSameBoxes(scrolled, await boxes(page, Object.keys(scrolled)));
      await shoot(page, `session-scrolled-after-${width}`);
      const shifts = await page.evaluate(() => window.__shifts);
      expect(shifts.filter((s) => !s.recent), 'layout shifts').toEqual([]);
    });
  }

  test('with what the viewer draws: the pre-rendered first groups, header and speakers are its markup', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const release = await holdWasm(page);
    await page.goto(url('long'));
    // The parts of the page, normalised: no comments, no search field name.
    const parts = () =>
      page.evaluate(() => {
        const root = document.querySelector('.prerendered') ?? document.querySelector('.floor');
        const html = (el) => el.outerHTML.replaceAll('<!---->', '').replace(' name="q"', '');
        return {
          head: html(root.querySelector('.transcript-head')),
          speakers: html(root.querySelector('.speakers')),
          toolbar: html(root.querySelector('.toolbar')),
          status: root.querySelector('.status').textContent,
          groups: [...root.querySelectorAll('.turns > .group')].map((g) => g.id),
          turns: ['g1', 'g41'].map((id) => html(root.querySelector(`#${id}`))),
        };
      });
    const pre = await parts();
    expect(pre.groups).toEqual(['g1', 'g41', 'g81', 'g121', 'g161', 'g201']);
    release();
    await enhanced(page);
    // (The about list is filled in the frame after the viewer's header.)
    await expect(viewer(page).locator('#about-list li').first()).toBeAttached();
    expect(await parts()).toEqual(pre);
  });

  test('at ?q=words#tN: opens at turn N, with the words marked; search, keys and permalinks work', async ({ page }) => {
    const release = await holdWasm(page);
    await page.goto(url('long', '?q=forum#t100'));
    // Before the viewer: the pre-rendered page, at the turn.
    await expect(prerendered(page)).toBeVisible();
    await expect(prerendered(page).locator('#t100')).toBeInViewport();
    release();
    await enhanced(page);
    await expect(page.locator('#t100')).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('#t100')).toBeInViewport();
    await expect(page.locator('#search')).toHaveValue('forum');
    await expect(page.locator('#search-count')).toHaveText(/\d+ match/);
    await expect(page.locator('#turns mark').first()).toBeAttached();
    expect(page.url()).toMatch(/\?q=forum#t100$/);
    // Search.
    await page.locator('#search').fill('multistakeholder');
    await expect(page.locator('#search-count')).toHaveText(/\d+ match/);
    await expect(page.locator('#turns mark', { hasText: /multistakeholder/i }).first()).toBeAttached();
    await page.locator('#search').fill('');
    // Keys: the next turn.
    await page.locator('#t100 h2').click();
    await page.keyboard.press('j');
    await expect(page.locator('#t101')).toHaveAttribute('aria-current', 'true');
    // A permalink in the page.
    await page.locator('#t5 a.num').click();
    await expect(page.locator('#t5')).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('#t5')).toBeInViewport();
    expect(page.url()).toMatch(/long\.html#t5$/);
  });

  test('keeps the focus and the words typed before it was ready', async ({ page }) => {
    const release = await holdWasm(page);
    await page.goto(url('sample'));
    await prerendered(page).locator('#search').fill('forum');
    await expect(prerendered(page).locator('#search')).toBeFocused();
    release();
    await enhanced(page);
    await expect(page.locator('#search')).toBeFocused();
    await expect(page.locator('#search')).toHaveValue('forum');
    await expect(page.locator('#search-count')).toHaveText(/\d+ match/);
  });

  test('another transcript (?src=) hides the pre-rendered page at once', async ({ page }) => {
    const release = await holdWasm(page);
    await page.goto(url('long', '?src=sample.txt'));
    await expect(prerendered(page)).toBeHidden();
    release();
    await enhanced(page);
    await expect(page.locator('#turns .turn')).toHaveCount(parsed.sample.turns.length);
  });

  test('passes axe (best practices too) before and after, and looks right', async ({ page }) => {
    test.setTimeout(180_000);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: width > 400 ? 720 : 812 });
      const release = await holdWasm(page);
      await page.goto(url('sample'));
      await expect(prerendered(page).locator('article h2').first()).toBeVisible();
      await shoot(page, `session-before-${width}`);
      let results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), 'before').toEqual([]);
      release();
      await enhanced(page);
      await shoot(page, `session-after-${width}`);
      results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), 'after').toEqual([]);
    }
  });
});
