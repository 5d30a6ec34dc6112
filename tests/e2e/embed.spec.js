// Floor inside other pages, end to end in Chromium, with the example host
// pages of examples/ (a content site with its own aggressive styles): in
// place from the page's text and from data-floor-src, two viewers on one
// page, the iframe with its host snippet (height, permalinks both ways, an
// untrusted parent ignored), and the JS API. The host pages are served with
// dist/ in their floor/ folder, as the README's deploy puts it; the framed
// Floor is served from another origin (another port).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.js';
import { test, expect, shoot } from './fixtures.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('../../dist');
const examples = here('../../examples');
const sample = readFileSync(here('../../assets/sample.txt'), 'utf8');
const sampleTurns = sample.split('\n').filter((l) => /^\s*>>/.test(l)).length;

// dist/ as the host site's floor/ folder.
const floorFolder = Object.fromEntries(readdirSync(dist).map((f) => [`floor/${f}`, readFileSync(join(dist, f))]));

let host; // the content site: examples/ with Floor in floor/
let floorSite; // Floor on an origin of its own, for the frame
let stranger; // a site Floor was not told to trust

/** examples/iframe.html with the example origins replaced by the test servers'. */
const framedPage = (hostOrigin) =>
  readFileSync(join(examples, 'iframe.html'), 'utf8')
    .replaceAll('https://floor.example', floorSite.origin)
    .replaceAll('https://host.example', host.origin.replace(/\/$/, ''))
    .replace(/<!-- Floor at[^>]*-->/, `<!-- served for ${hostOrigin} -->`);

test.beforeAll(async () => {
  floorSite = await startServer({ root: dist, prefix: '/floor/' });
  host = await startServer({ root: examples, files: floorFolder });
  stranger = await startServer({ root: examples, files: floorFolder });
  host.files.set('framed.html', framedPage(host.origin));
  // The same page on an origin Floor does not trust (it trusts the host's).
  stranger.files.set('framed.html', framedPage(stranger.origin));
});
test.afterAll(async () => {
  await Promise.all([host.close(), floorSite.close(), stranger.close()]);
});

const viewer = (page, id) => page.locator(`#${id}`);
const turnsIn = (page, id) => viewer(page, id).locator('article.turn');

/** Computed style of the first element matching `selector`, inside shadow roots too. */
const style = (locator, property) => locator.first().evaluate((el, p) => getComputedStyle(el)[p], property);

test.describe('in place', () => {
  test('text on the page becomes a viewer; neither page styles the other', async ({ page }) => {
    await page.goto(`${host.url}in-place.html`);
    await expect(turnsIn(page, 'transcript')).toHaveCount(5);
    await expect(viewer(page, 'transcript').locator('.turn h2 .who').first()).toHaveText('Chair');
    // The host's own paragraph keeps its red and its 30px.
    await expect(page.locator('#after')).toHaveCSS('color', 'rgb(255, 0, 0)');
    await expect(page.locator('#after')).toHaveCSS('font-size', '30px');
    // Floor's paragraphs get neither.
    const para = viewer(page, 'transcript').locator('article.turn p');
    expect(await style(para, 'color')).not.toBe('rgb(255, 0, 0)');
    const size = parseFloat(await style(para, 'fontSize'));
    expect(size).toBeGreaterThan(12);
    expect(size).toBeLessThan(24);
    // The host's button and mark styles stop at the viewer too.
    const button = viewer(page, 'transcript').getByRole('button', { name: 'Keys' });
    expect(await style(button, 'backgroundColor')).not.toBe('rgb(255, 105, 180)');
    // The host's text is still in the page (for readers without scripts and search engines).
    await expect(page.locator('#transcript > p').first()).toHaveText('BEST PRACTICE FORUM ON IPv6');
    await expect(page.locator('#transcript > p').first()).toBeHidden();
    await shoot(page, 'embed-in-place');
  });

  test('search, keys and permalinks work inside the viewer', async ({ page }) => {
    await page.goto(`${host.url}in-place.html`);
    await expect(turnsIn(page, 'transcript')).toHaveCount(5);
    const field = viewer(page, 'transcript').getByRole('searchbox', { name: 'Search' });
    await field.fill('ipv6');
    await expect(viewer(page, 'transcript').locator('#search-count')).toHaveText('3 matches in 3 turns');
    await expect(viewer(page, 'transcript').locator('article mark')).toHaveCount(3);
    // The host page's URL is not the viewer's state...
    await expect(page).toHaveURL(`${host.url}in-place.html`);
    // ...except the turn: the page's only viewer keeps its permalink there.
    await viewer(page, 'transcript').getByRole('link', { name: 'Turn 4, link' }).click();
    await expect(page).toHaveURL(`${host.url}in-place.html#t4`);
    await expect(turnsIn(page, 'transcript').nth(3)).toHaveAttribute('aria-current', 'true');
    // Keys go to the viewer that has the focus.
    await page.keyboard.press('j');
    await expect(turnsIn(page, 'transcript').nth(4)).toHaveAttribute('aria-current', 'true');
    await expect(page).toHaveURL(`${host.url}in-place.html#t5`);
    await page.keyboard.press('/');
    await expect(field).toBeFocused();
  });

  test('the host page\'s URL with #t3 opens the viewer at turn 3', async ({ page }) => {
    await page.goto(`${host.url}in-place.html#t3`);
    const third = turnsIn(page, 'transcript').nth(2);
    await expect(third).toHaveAttribute('aria-current', 'true');
    await expect(third).toBeInViewport();
  });

  test('without JavaScript the transcript text stays readable', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${host.url}in-place.html`);
    await expect(page.locator('#transcript')).toContainText('>>CHAIR: Good morning, everyone.');
    await expect(page.locator('#transcript > p').first()).toBeVisible();
    await context.close();
  });

  test('data-floor-src loads the transcript from its URL', async ({ page }) => {
    await page.goto(`${host.url}src.html`);
    await expect(turnsIn(page, 'transcript')).toHaveCount(sampleTurns);
    await expect(viewer(page, 'transcript').getByRole('heading', { level: 1 })).toHaveText(sample.split('\n')[0].trim());
    await shoot(page, 'embed-src');
  });
});

test.describe('two viewers on one page', () => {
  test('each works on its own and takes the host\'s theme', async ({ page }) => {
    await page.goto(`${host.url}two.html`);
    await expect(turnsIn(page, 'morning')).toHaveCount(2);
    await expect(turnsIn(page, 'afternoon')).toHaveCount(sampleTurns);
    // Text written with entities on the page reads as the entities say.
    await expect(viewer(page, 'morning').locator('#t2-p1')).toHaveText(
      'Access & affordability are still the first question for most of the world.',
    );
    // Searching one leaves the other alone.
    await viewer(page, 'morning').getByRole('searchbox', { name: 'Search' }).fill('access');
    await expect(viewer(page, 'morning').locator('#search-count')).toHaveText('2 matches in 2 turns');
    await expect(viewer(page, 'morning').locator('article mark')).toHaveCount(2);
    await expect(viewer(page, 'afternoon').locator('#search-count')).toHaveText('');
    await expect(viewer(page, 'afternoon').locator('article mark')).toHaveCount(0);
    // Keys: only the viewer with the focus moves.
    await viewer(page, 'afternoon').getByRole('link', { name: 'Turn 2, link' }).click();
    await page.keyboard.press('j');
    await expect(turnsIn(page, 'afternoon').nth(2)).toHaveAttribute('aria-current', 'true');
    await expect(turnsIn(page, 'morning').locator('[aria-current]')).toHaveCount(0);
    await expect(viewer(page, 'morning').locator('article[aria-current]')).toHaveCount(0);
    // Themes: the host's custom properties.
    const morning = viewer(page, 'morning').locator('.floor');
    const afternoon = viewer(page, 'afternoon').locator('.floor');
    expect(await style(morning, 'fontFamily')).toMatch(/Georgia/);
    expect(await style(afternoon, 'fontSize')).toBe('15px');
    expect(await style(afternoon, 'backgroundColor')).toBe('rgb(240, 255, 240)');
    const accent = (loc) => loc.evaluate((el) => getComputedStyle(el).getPropertyValue('--_accent').trim());
    expect(await accent(morning)).toBe('#8a2be2');
    expect(await accent(afternoon)).toBe('#006400');
    // Floor's own accent where the host sets none.
    expect(await accent(viewer(page, 'morning').locator('.floor'))).not.toBe(await accent(afternoon));
    await shoot(page, 'embed-two');
  });
});

test.describe('iframe', () => {
  const frameOf = (page) => page.frameLocator('#floor');
  const frameTurns = (page) => frameOf(page).locator('article.turn');
  /** Counts the messages reaching Floor's frame (after Floor's own listener); returns the count's reader. */
  async function recordMessages(page) {
    const frame = page.frames().find((f) => f.url().startsWith(floorSite.origin));
    await frame.evaluate(() => {
      window.seen = 0;
      addEventListener('message', () => {
        window.seen += 1;
      });
    });
    return () => frame.evaluate(() => window.seen);
  }
  const frameHeight = (page) => page.locator('#floor').evaluate((f) => f.getBoundingClientRect().height);

  test('the frame grows to fit and its turns become the host page\'s permalinks', async ({ page }) => {
    await page.goto(`${host.url}framed.html`);
    await expect(frameTurns(page)).toHaveCount(sampleTurns);
    await expect(frameOf(page).locator('.floor')).toHaveClass(/compact/);
    await expect(frameOf(page).getByRole('button', { name: 'Paste text' })).toHaveCount(0);
    // Height follows the content (far more than the initial 30em).
    const content = await frameOf(page).locator('.floor').evaluate((el) => el.scrollHeight);
    await expect.poll(() => frameHeight(page)).toBeGreaterThanOrEqual(content - 1);
    expect(content).toBeGreaterThan(3000);
    // Moving to a turn in the frame writes #t… in the host page's URL.
    await frameOf(page).getByRole('link', { name: 'Turn 5, link' }).click();
    await expect(page).toHaveURL(`${host.url}framed.html#t5`);
    await shoot(page, 'embed-iframe');
  });

  test('the host page\'s fragment opens the turn, and a new fragment moves the frame', async ({ page }) => {
    await page.goto(`${host.url}framed.html#t9`);
    await expect(frameTurns(page).nth(8)).toHaveAttribute('aria-current', 'true');
    await page.evaluate(() => {
      location.hash = '#t12';
    });
    await expect(frameTurns(page).nth(11)).toHaveAttribute('aria-current', 'true');
  });

  test('malformed messages from the trusted parent are ignored', async ({ page }) => {
    await page.goto(`${host.url}framed.html`);
    await expect(frameTurns(page)).toHaveCount(sampleTurns);
    const seen = await recordMessages(page);
    const send = (data) =>
      page.evaluate(([data, origin]) => document.getElementById('floor').contentWindow.postMessage(data, origin), [data, floorSite.origin]);
    for (const bad of ['floor:go', { type: 'floor:go' }, { type: 'floor:go', anchor: 7 }, { type: 'floor:go', anchor: 't99999' }, { type: 'other', anchor: 't3' }, null]) {
      await send(bad);
    }
    await expect.poll(seen).toBe(6);
    await expect(frameOf(page).locator('article[aria-current]')).toHaveCount(0);
    await send({ type: 'floor:go', anchor: 't3' });
    await expect(frameTurns(page).nth(2)).toHaveAttribute('aria-current', 'true');
  });

  test('a parent Floor was not told to trust gets nothing and moves nothing', async ({ page }) => {
    await page.goto(`${stranger.url}framed.html`);
    await expect(frameTurns(page)).toHaveCount(sampleTurns);
    const seen = await recordMessages(page);
    // The stranger's snippet asks for turn 12, as a trusted host would.
    await page.evaluate(() => {
      location.hash = '#t12';
    });
    await expect.poll(seen).toBe(1);
    await expect(frameOf(page).locator('article[aria-current]')).toHaveCount(0);
    // No height reached it: the frame kept its own.
    const initial = await page.locator('#floor').evaluate((f) => parseFloat(getComputedStyle(f).height));
    expect(initial).toBeLessThan(1000);
    expect(await page.locator('#floor').evaluate((f) => f.style.height)).toBe('');
    // Nor did a permalink: moving in the frame leaves the stranger's URL alone.
    await frameOf(page).getByRole('link', { name: 'Turn 5, link' }).click();
    await expect(frameTurns(page).nth(4)).toHaveAttribute('aria-current', 'true');
    await expect(page).toHaveURL(`${stranger.url}framed.html#t12`);
  });
});

test.describe('a strict Content Security Policy', () => {
  // The policy the README documents; the fixture fails the test on the
  // console error any violation logs.
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";
  let strict;
  test.beforeAll(async () => {
    strict = await startServer({ root: examples, files: floorFolder, headers: { 'Content-Security-Policy': csp } });
  });
  test.afterAll(async () => strict.close());

  test('Floor\'s page works under it', async ({ page }) => {
    const response = await page.goto(`${strict.url}floor/index.html`);
    expect(response.headers()['content-security-policy']).toBe(csp);
    await expect(page.locator('article.turn')).toHaveCount(sampleTurns);
    await page.getByRole('searchbox', { name: 'Search' }).fill('ipv6');
    await expect(page.locator('#search-count')).toHaveText(/^\d+ matches in \d+ turns$/);
    await expect(page.locator('article mark').first()).toBeVisible();
  });

  test('an in-place viewer works under it', async ({ page }) => {
    await page.goto(`${strict.url}in-place.html`);
    await expect(turnsIn(page, 'transcript')).toHaveCount(5);
    await viewer(page, 'transcript').getByRole('searchbox', { name: 'Search' }).fill('ipv6');
    await expect(viewer(page, 'transcript').locator('article mark')).toHaveCount(3);
  });
});

test.describe('JS API', () => {
  test('parse, mount and unmount from a host page\'s module', async ({ page }) => {
    await page.goto(`${host.url}api.html`);
    const speakers = new Set(
      sample
        .split('\n')
        .filter((l) => /^\s*>>/.test(l))
        .map((l) => (l.match(/>>\s*([^:]+):/) ?? [])[1])
        .filter(Boolean),
    );
    await expect(page.locator('#stats')).toHaveText(new RegExp(`: ${sampleTurns} turns by \\d+ speakers\\.$`));
    expect(speakers.size).toBeGreaterThan(10);
    await expect(turnsIn(page, 'viewer')).toHaveCount(0);
    await page.getByRole('button', { name: 'Open the viewer' }).click();
    await expect(turnsIn(page, 'viewer')).toHaveCount(sampleTurns);
    await page.getByRole('button', { name: 'Close the viewer' }).click();
    await expect(turnsIn(page, 'viewer')).toHaveCount(0);
    await expect(page.locator('#viewer')).not.toHaveAttribute('data-floor-mounted');
    // Mounting again works, and the page's own keys are not taken over.
    await page.getByRole('button', { name: 'Open the viewer' }).click();
    await expect(turnsIn(page, 'viewer')).toHaveCount(sampleTurns);
    // parse() gives the CLI's field names.
    const fields = await page.evaluate(async () => {
      const { parse } = await import('./floor/floor.js');
      const t = parse('>>CHAIR: Hello.');
      return [Object.keys(t).sort(), Object.keys(t.turns[0]).sort()];
    });
    expect(fields[0]).toEqual(['diagnostics', 'meta', 'speakers', 'turns']);
    // Unmounted while its transcript is still on the way: nothing breaks
    // when it arrives (a trap in the WebAssembly would be a page error).
    let release;
    host.files.set('floor/slow.txt', { body: sample, wait: new Promise((r) => (release = r)) });
    const asked = page.waitForRequest((r) => r.url().endsWith('/floor/slow.txt'));
    await page.evaluate(async () => {
      const { mount } = await import('./floor/floor.js');
      mount(document.getElementById('viewer'), { src: 'floor/slow.txt' });
    });
    await asked;
    await page.evaluate(async () => {
      const { unmount } = await import('./floor/floor.js');
      unmount(document.getElementById('viewer'));
    });
    const finished = page.waitForEvent('requestfinished', (r) => r.url().endsWith('/floor/slow.txt'));
    release();
    await finished;
    await expect(turnsIn(page, 'viewer')).toHaveCount(0);
    await page.getByRole('button', { name: 'Open the viewer' }).click();
    await expect(turnsIn(page, 'viewer')).toHaveCount(sampleTurns);
    expect(fields[1]).toEqual(expect.arrayContaining(['n', 'speaker', 'label', 'paragraphs']));
  });
});
