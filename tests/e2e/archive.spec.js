// The archive page (SITE/index.html, src/archive/page.rs + src/web/archive.js)
// on a site `floor::site::build` writes from the corpus and a few made-up
// transcripts (`cargo test --test archive -- --ignored write_a_site`, run
// here before the tests): searching the whole
// archive finds what a naive scan of the sources finds, results link to the
// right turn, speakers are listed, the count is in an aria-live region, no
// results and a broken index say so, the year and speaker filters, a strict
// CSP and a sub-path, axe; screenshots at 1280 and 375 px.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './static-server.js';
import { test, expect, shoot } from './fixtures.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const site = process.env.FLOOR_ARCHIVE_SITE ?? here('../../target/archive-site');
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";

let server; // the site at the root, under a strict CSP
let sub; // the site under a sub-path

test.beforeAll(async () => {
  test.setTimeout(15 * 60_000);
  if (!process.env.FLOOR_ARCHIVE_SITE) {
    execFileSync('cargo', ['test', '--test', 'archive', '--', '--ignored', 'write_a_site'], {
      cwd: here('../..'),
      stdio: 'inherit',
      env: { ...process.env, FLOOR_ARCHIVE_SITE: site },
    });
  }
  if (!existsSync(join(site, 'index.html'))) throw new Error(`no site in ${site}`);
  server = await startServer({ root: site, headers: { 'Content-Security-Policy': csp } });
  sub = await startServer({ root: site, prefix: '/some/sub/path/', headers: { 'Content-Security-Policy': csp } });
});
test.afterAll(async () => {
  await Promise.all([server?.close(), sub?.close()]);
});

/** The sources of the site: `[source path, page path]`. */
const sources = () =>
  readFileSync(join(site, 'sources.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));

/**
 * A naive scan of every source for `q` (words, the last a prefix unless
 * the query ends with a space, "phrases"), read with the viewer's JS API in
 * the page: per page, `{ turns: [n…], matches }`. Folding: NFKD, marks
 * dropped, lower case, whitespace runs as one space (enough for the
 * queries below).
 */
async function naive(page, q) {
  return page.evaluate(
    async ({ q, sources }) => {
      const floor = await import('./sessions/floor.js');
      const fold = (s) =>
        s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ');
      // The terms.
      const terms = [];
      const re = /"([^"]*)"?|(\S+)/g;
      for (let m; (m = re.exec(q)); ) terms.push({ text: fold((m[1] ?? m[2]).trim()), quoted: m[1] !== undefined });
      const typing = !/\s$/.test(q) && !q.endsWith('"');
      const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const regexes = terms.map((t, i) => {
        const prefix = typing && i === terms.length - 1;
        const wordEnd = /[\p{L}\p{N}]$/u.test(t.text) && !prefix ? '(?![\\p{L}\\p{N}])' : '';
        const wordStart = /^[\p{L}\p{N}]/u.test(t.text) ? '(?<![\\p{L}\\p{N}])' : '';
        return new RegExp(wordStart + esc(t.text) + wordEnd, 'gu');
      });
      const out = {};
      for (const [src, pageHref] of sources) {
        const text = await (await fetch(src)).text();
        const t = await floor.read(text, src.split('/').pop());
        const turns = [];
        let matches = 0;
        for (const turn of t.turns) {
          const paras = turn.paragraphs.map(fold);
          const counts = regexes.map((r) => paras.reduce((n, p) => n + [...p.matchAll(r)].length, 0));
          if (counts.every((c) => c > 0)) {
            turns.push(turn.n);
            matches += counts.reduce((a, b) => a + b, 0);
          }
        }
        if (turns.length) out[pageHref] = { turns, matches };
      }
      return out;
    },
    { q, sources: sources() },
  );
}

const plural = (n, noun) => `${n} ${noun}${n === 1 ? '' : noun.endsWith('ch') ? 'es' : 's'}`;

for (const q of ['internet governance', 'gover', '"best practice"', 'NAÏVE', 'co-chair', 'cybersecurity ']) {
  test(`the archive finds what a naive scan finds: ${q}`, async ({ page }) => {
    await page.goto(server.url);
    const expected = await naive(page, q);
    const pages = Object.keys(expected);
    const turns = pages.reduce((n, p) => n + expected[p].turns.length, 0);
    const matches = pages.reduce((n, p) => n + expected[p].matches, 0);
    expect(matches, `the corpus has ${q}`).toBeGreaterThan(0);
    await page.getByLabel('Search all transcripts').fill(q);
    const count = page.locator('#archive-count');
    await expect(count).toHaveAttribute('aria-live', 'polite');
    await expect(count).toHaveText(
      new RegExp(`^${plural(matches, 'match')} in ${plural(turns, 'turn')} in ${plural(pages.length, 'session')}`),
    );
    // Each session shown: its matches and turns, its turns' links.
    const hits = page.locator('.archive-hits > li');
    const shown = Math.min(pages.length, 10);
    await expect(hits).toHaveCount(shown);
    for (let i = 0; i < shown; i++) {
      const hit = hits.nth(i);
      const href = await hit.locator('h3 a').getAttribute('href');
      const pageHref = href.split('?')[0];
      const e = expected[pageHref];
      expect(e, `${pageHref} is one the scan found`).toBeTruthy();
      await expect(hit.locator('.archive-meta')).toContainText(
        `${plural(e.matches, 'match')} in ${plural(e.turns.length, 'turn')}`,
      );
      const links = await hit.locator('.archive-turns a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(
        e.turns.slice(0, 5).map((n) => `${pageHref}?q=${encodeURIComponent(q)}#t${n}`),
      );
      // Every snippet marks something.
      await expect(hit.locator('.archive-turns li').first().locator('mark').first()).toBeVisible();
    }
    // The query is in the URL once typing pauses.
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(q);
  });
}

// A result opens its session page (the site builder's: pre-rendered, then
// the viewer) at its turn, under the strict CSP and a sub-path.
test('a result opens its turn, with the query', async ({ page }) => {
  await page.goto(sub.url);
  await page.getByLabel('Search all transcripts').fill('capacity building');
  const first = page.locator('.archive-turns a').first();
  // The snippet comes with its fragment.
  await expect(page.locator('.archive-turns .snippet').first().locator('mark').first()).toBeVisible();
  const snippet = await page.locator('.archive-turns .snippet').first().textContent();
  const href = await first.getAttribute('href');
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${href.split('#')[0].replace(/[?.]/g, '\\$&')}#t\\d+$`));
  const turn = page.locator(`.floor:not(.first-screen) [id="${href.split('#')[1]}"]`);
  await expect(turn).toContainText(snippet.replace(/^…|…$/g, '').trim().slice(0, 30));
  // The viewer marks the query in it.
  await expect(turn.locator('mark').first()).toBeVisible();
  await expect(turn).toHaveAttribute('aria-current', 'true');
});

test('speakers are listed above the text results', async ({ page }) => {
  await page.goto(server.url);
  await page.getByLabel('Search all transcripts').fill('ana silva');
  const people = page.locator('.archive-people li');
  await expect(people.first()).toContainText('Ana Silva');
  await expect(people.first().locator('a')).toHaveAttribute('href', /^speakers\/.+\.html$/);
  await expect(page.locator('#archive-count')).toContainText('1 speaker');
  await shoot(page, 'archive-search');
  await page.setViewportSize({ width: 375, height: 800 });
  await shoot(page, 'archive-search-375');
});

test('a speaker page lists every turn of theirs, each opening its place', async ({ page }) => {
  await page.goto(sub.url);
  await page.getByLabel('Search all transcripts').fill('ana silva');
  const person = page.locator('.archive-people li').first();
  await expect(person).toContainText('Ana Silva');
  // What the index says of her: "N turns in M sessions".
  const [turns, sessions] = (await person.textContent()).match(/(\d+) turns? in (\d+) sessions?/).slice(1).map(Number);
  await person.locator('a').click();
  await expect(page.locator('h1')).toHaveText('Ana Silva');
  const items = page.locator('.archive-turns li');
  await expect(items).toHaveCount(turns);
  await expect(page.locator('.archive-sessions > li')).toHaveCount(sessions);
  // The turns the sources give her, read with the viewer's own parser.
  const expected = await page.evaluate(async (sources) => {
    const floor = await import('../sessions/floor.js');
    let n = 0;
    for (const [src] of sources) {
      const t = await floor.read(await (await fetch('../' + src)).text(), src.split('/').pop());
      const ids = new Set(t.speakers.filter((s) => s.name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase() === 'ana silva').map((s) => s.id));
      n += t.turns.filter((turn) => ids.has(turn.speaker)).length;
    }
    return n;
  }, sources());
  expect(turns).toBe(expected);
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  await shoot(page, 'archive-speaker');
  await page.setViewportSize({ width: 375, height: 800 });
  await shoot(page, 'archive-speaker-375');
  // A turn opens its session page at that turn, hers.
  const link = items.first().locator('a');
  const anchor = (await link.getAttribute('href')).split('#')[1];
  await link.click();
  await expect(page.locator(`.floor:not(.first-screen) [id="${anchor}"] .who`)).toHaveText('Ana Silva');
});

test('no results say so plainly', async ({ page }) => {
  await page.goto(`${server.url}?q=zyzzyva%20quux`);
  await expect(page.locator('#archive-count')).toHaveText('No results for “zyzzyva quux”.');
  await expect(page.getByLabel('Search all transcripts')).toHaveValue('zyzzyva quux');
  await shoot(page, 'archive-no-results');
});

test.describe('a broken index', () => {
  test.use({ expectedConsoleErrors: [/Failed to load resource.*404/] });
  test('a missing or damaged shard gives a clear message, not a blank page', async ({ page }) => {
    await page.goto(server.url);
    const entry = JSON.parse(await page.locator('#floor-archive-index').textContent());
    // Every shard missing.
    await page.route('**/index/t/*.bin', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.getByLabel('Search all transcripts').fill('internet');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('incomplete or damaged');
    await expect(alert).toContainText('missing (HTTP 404)');
    await expect(page.locator('.archive-sessions > li').first()).toBeVisible();
    await shoot(page, 'archive-broken');
    await page.setViewportSize({ width: 375, height: 800 });
    await shoot(page, 'archive-broken-375');
    // A damaged one (its bytes are not its name's).
    await page.unroute('**/index/t/*.bin');
    await page.route('**/index/t/*.bin', (route) =>
      route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from('FLt\x01garbage') }),
    );
    await page.getByLabel('Search all transcripts').fill('governance');
    await expect(alert).toContainText('is damaged');
    expect(entry.shards.length).toBeGreaterThan(0);
  });
});

test('the year filter and the speaker filter', async ({ page }) => {
  await page.goto(server.url);
  const rows = page.locator('.archive-sessions > li');
  const all = await rows.count();
  const year = page.locator('.archive-years a', { hasText: '2015' });
  await year.click();
  await expect(page).toHaveURL(/year=2015/);
  const visible = page.locator('.archive-sessions > li:visible');
  const n = await visible.count();
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(all);
  for (const t of await visible.locator('time').evaluateAll((ts) => ts.map((t) => t.dateTime))) {
    expect(t.startsWith('2015')).toBe(true);
  }
  await expect(page.locator('#archive-filtered')).toContainText(`${plural(n, 'session')} in 2015`);
  // A search keeps to the year.
  await page.getByLabel('Search all transcripts').fill('internet');
  await expect(page.locator('.archive-hits > li').first()).toBeVisible();
  for (const t of await page.locator('.archive-hits .archive-meta').allTextContents()) {
    expect(t).toContain('2015');
  }
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(visible).toHaveCount(all);
  // The speaker filter: suggestions from the index.
  await page.getByLabel('Search all transcripts').fill('');
  const field = page.getByLabel('Speaker', { exact: true });
  await field.fill('Ana Silva');
  await expect(page).toHaveURL(/speaker=Ana\+Silva/);
  const withAna = await visible.count();
  expect(withAna).toBeGreaterThan(0);
  expect(withAna).toBeLessThan(all);
  await expect(page.locator('#archive-filtered')).toContainText('with Ana Silva');
  // Shared: the URL gives the same list.
  await page.goto(page.url());
  await expect(visible).toHaveCount(withAna);
});

test('under a sub-path, with the list grouped by year', async ({ page }) => {
  await page.goto(sub.url);
  await expect(page.locator('.archive-year h2').first()).toBeVisible();
  await page.getByLabel('Search all transcripts').fill('internet');
  await expect(page.locator('.archive-hits > li').first()).toBeVisible();
  await shoot(page, 'archive-page-subpath');
});

test('the archive page: screenshots and axe', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(server.url);
  await expect(page.locator('.archive-year').first()).toBeVisible();
  await shoot(page, 'archive-page');
  const check = async () => {
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  };
  await check();
  await page.getByLabel('Search all transcripts').fill('internet governance');
  await expect(page.locator('.archive-hits > li').first()).toBeVisible();
  await check();
  await page.emulateMedia({ colorScheme: 'dark' });
  await check();
  await shoot(page, 'archive-search-dark');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(server.url);
  await shoot(page, 'archive-page-375');
  await page.setViewportSize({ width: 320, height: 700 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
  expect(overflow, 'no horizontal scroll at 320 px').toBe(false);
});
