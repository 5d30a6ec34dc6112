// Quote links, end to end: words selected with a mouse drag, a touch long
// press and the keyboard path (`q`, Shift+→, →) give a link that opens with
// exactly those words marked (`<mark class="quote">`), scrolled into view,
// their turn current: on Floor's page, in an in-place embed (the host page's
// fragment) and in an iframe (its `floor:permalink`). A link made before
// the transcript changed finds its words again elsewhere, or opens their
// turn, and says so. "Copy quote" copies the words with an attribution.
// Screenshots at 1280 and 375 px go to target/screenshots/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.js';
import { test, expect, shoot } from './fixtures.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('../../dist');
const examples = here('../../examples');
const sample = readFileSync(here('../../assets/sample.txt'), 'utf8');

// Turn 37's second paragraph (Avri Doria), and a passage of it.
const PASSAGE = 'notion of a sort of ongoing effort on best practice forums';
// The sample with a word added before the passage (its words move on by
// one), and with a word of it corrected (they are nowhere as they were).
const moved = sample.replace("we don't have yet a notion", "we don't have yet really a notion");
const corrected = sample.replace('ongoing effort on best practice forums', 'ongoing efforts on best practice forums');

let server;
let host; // examples/ with Floor in floor/
let floorSite; // Floor on an origin of its own, for the frame
test.beforeAll(async () => {
  server = await startServer({ root: dist, files: { 'moved.txt': moved, 'corrected.txt': corrected } });
  floorSite = await startServer({ root: dist, prefix: '/floor/' });
  const floorFolder = Object.fromEntries(readdirSync(dist).map((f) => [`floor/${f}`, readFileSync(join(dist, f))]));
  host = await startServer({ root: examples, files: floorFolder });
  host.files.set(
    'framed.html',
    readFileSync(join(examples, 'iframe.html'), 'utf8')
      .replaceAll('https://floor.example', floorSite.origin)
      .replaceAll('https://host.example', host.origin.replace(/\/$/, '')),
  );
});
test.afterAll(async () => Promise.all([server.close(), host.close(), floorSite.close()]));
test.beforeEach(async ({ context }) => {
  for (const s of [server, host, floorSite]) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.origin });
});

const status = (page) => page.locator('p.status[role=status]');
const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());
/** The text of the quote's marks, joined, in `scope`. */
const marked = (scope) => scope.locator('mark.quote').evaluateAll((ms) => ms.map((m) => m.textContent).join(''));
const QUOTE = /#t37-p2:w\d+-\d+~[0-9a-f]{8}$/;

/** Page coordinates of the start of `text`'s first char and the end of its last, in paragraph `id`. */
async function ends(scope, id, text) {
  return scope.locator(`#${id}`).evaluate((p, text) => {
    const all = p.textContent;
    const at = all.indexOf(text);
    const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const spot = (offset) => {
      for (let n; (n = walk.nextNode()); ) {
        if (offset < n.length) return [n, offset];
        offset -= n.length;
      }
    };
    const rect = (offset) => {
      walk.currentNode = p;
      const [node, o] = spot(offset);
      const r = document.createRange();
      r.setStart(node, o);
      r.setEnd(node, o + 1);
      return r.getBoundingClientRect();
    };
    const a = rect(at);
    const b = rect(at + text.length - 1);
    return [a.left + 1, a.top + a.height / 2, b.right - 1, b.top + b.height / 2];
  }, text);
}

/** Drags the mouse over `text` in paragraph `id`. */
async function drag(page, id, text) {
  await page.locator(`#${id}`).scrollIntoViewIfNeeded();
  const [x1, y1, x2, y2] = await ends(page, id, text);
  await page.mouse.move(x1, y1);
  await page.mouse.down();
  await page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2, { steps: 4 });
  await page.mouse.move(x2, y2, { steps: 4 });
  await page.mouse.up();
}

/** Opens `link` and expects `words` marked in turn 37, current and on screen. */
async function expectOpened(page, link, words) {
  await page.goto(link);
  await expect(page.locator('#t37')).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => marked(page)).toBe(words);
  await expect(page.locator('mark.quote').first()).toBeInViewport();
}

test('a passage dragged over with the mouse: Copy quote link opens it marked', async ({ page }) => {
  await page.goto(`${server.url}#t37`);
  await expect(page.locator('#t37')).toHaveAttribute('aria-current', 'true');
  await drag(page, 't37-p2', PASSAGE);
  const bar = page.getByRole('group', { name: 'Quote' });
  await expect(bar).toBeVisible();
  await shoot(page, 'quote-bar');
  await bar.getByRole('button', { name: 'Copy quote link' }).click();
  await expect(status(page)).toHaveText('Quote link to turn 37 copied.');
  const link = await clipboard(page);
  expect(link).toMatch(QUOTE);
  await expectOpened(page, link, PASSAGE);
  await shoot(page, 'quote-opened');
  // The marks stay through a search, which paints its own beside them.
  await page.getByRole('searchbox', { name: 'Search' }).fill('best practice');
  await expect(page.locator('#t37-p2 mark:not(.quote)').first()).toBeVisible();
  await expect.poll(() => marked(page)).toBe(PASSAGE);
});

test('Copy quote copies the words with an attribution line', async ({ page }) => {
  await page.goto(`${server.url}#t37`);
  await drag(page, 't37-p2', PASSAGE);
  await page.getByRole('group', { name: 'Quote' }).getByRole('button', { name: 'Copy quote', exact: true }).click();
  await expect(status(page)).toHaveText('Quote to turn 37 copied.');
  const text = await clipboard(page);
  const [quote, attribution] = text.split('\n');
  expect(quote).toBe(`\u201c${PASSAGE}\u201d`);
  expect(attribution).toMatch(/^\u2014 Avri Doria, \u201c.+\u201d, \d{4}-\d{2}-\d{2}, turn 37\. http.+#t37-p2:w\d+-\d+~[0-9a-f]{8}$/);
});

test('a selection across two turns gets no quote link, and says why', async ({ page }) => {
  await page.goto(`${server.url}#t37`);
  const [x1, y1] = await ends(page, 't37-p2', PASSAGE);
  await page.mouse.move(x1, y1);
  await page.mouse.down();
  const next = await page.locator('#t38 p').first().boundingBox();
  await page.mouse.move(next.x + 40, next.y + 5, { steps: 6 });
  await page.mouse.up();
  const bar = page.getByRole('group', { name: 'Quote' });
  await expect(bar).toBeVisible();
  await expect(bar.getByRole('button')).toHaveCount(0);
  await expect(bar.locator('.quote-note')).toBeVisible();
  await expect(bar.locator('.quote-note')).toHaveText('A quote is words of one turn.');
});

test('the keyboard path: q, then Shift+→ and → choose the words', async ({ page }) => {
  await page.goto(`${server.url}#t37`);
  await expect(page.locator('#t37')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('q');
  const copy = page.getByRole('button', { name: 'Copy quote link' });
  await expect(copy).toBeFocused();
  const selected = () => page.evaluate(() => getSelection().toString());
  await expect.poll(selected).toBe('off');
  // Four words on, back one, and the start one on: "microphone) -- the facilitator".
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await expect.poll(selected).toBe('microphone) -- the facilitator');
  const words = await selected();
  await shoot(page, 'quote-keyboard');
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText('Quote link to turn 37 copied.');
  const link = await clipboard(page);
  expect(link).toMatch(/#t37-p1:w\d+-\d+~[0-9a-f]{8}$/);
  // The words marked are those selected (a word's punctuation aside).
  await page.goto(link);
  await expect.poll(() => marked(page)).toBe(words.replace(/^\W+|\W+$/g, ''));
  // Esc lets go of a selection made with the keyboard.
  await page.keyboard.press('q');
  await expect(copy).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Quote' })).toBeHidden();
});

// Headless Chromium does not turn a long press into a selection: the test
// touches the word with touch events (pointerType "touch") and selects it
// while the finger is down, as a long press does, then taps the bar.
test.describe('touch', () => {
  test.use({ hasTouch: true, viewport: { width: 412, height: 800 } });
  test('a word selected with a long press, and the bar tapped', async ({ page }) => {
    await page.goto(`${server.url}#t37`);
    await expect(page.locator('#t37')).toHaveAttribute('aria-current', 'true');
    await page.locator('#t37-p3').scrollIntoViewIfNeeded();
    const [x1, y1, x2] = await ends(page, 't37-p3', 'multistakeholder');
    const cdp = await page.context().newCDPSession(page);
    const point = { x: (x1 + x2) / 2, y: y1 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    await page.locator('#t37-p3').evaluate((p) => {
      const node = p.firstChild;
      const at = node.data.indexOf('multistakeholder');
      getSelection().setBaseAndExtent(node, at, node, at + 'multistakeholder'.length);
    });
    const bar = page.getByRole('group', { name: 'Quote' });
    // Not while the finger is down.
    await expect(bar).toBeHidden();
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect(bar).toBeVisible();
    await shoot(page, 'quote-touch');
    await bar.getByRole('button', { name: 'Copy quote link' }).tap();
    await expect(status(page)).toHaveText('Quote link to turn 37 copied.');
    const link = await clipboard(page);
    expect(link).toMatch(/#t37-p3:w\d+~[0-9a-f]{8}$/);
    await expectOpened(page, link, 'multistakeholder');
  });
});

test.describe('a link made before the transcript changed', () => {
  /** The link to PASSAGE in the sample, for `src`. */
  async function linkFor(page) {
    await page.goto(`${server.url}#t37`);
    await drag(page, 't37-p2', PASSAGE);
    await page.getByRole('group', { name: 'Quote' }).getByRole('button', { name: 'Copy quote link' }).click();
    await expect(status(page)).toHaveText('Quote link to turn 37 copied.');
    return new URL(await clipboard(page)).hash;
  }

  test('finds its words where they moved, and says so', async ({ page }) => {
    const hash = await linkFor(page);
    await page.goto(`${server.url}?src=moved.txt${hash}`);
    await expect.poll(() => marked(page)).toBe(PASSAGE);
    await expect(status(page)).toHaveText('The transcript has changed since this quote link was made: its words are now in turn 37.');
    // The URL reads where they are now: one word on.
    const [, from, to] = hash.match(/:w(\d+)-(\d+)/);
    await expect(page).toHaveURL(new RegExp(`#t37-p2:w${Number(from) + 1}-${Number(to) + 1}~`));
  });

  test('opens their turn when they are nowhere as they were, marks nothing, and says so', async ({ page }) => {
    const hash = await linkFor(page);
    await page.goto(`${server.url}?src=corrected.txt${hash}`);
    await expect(page.locator('#t37')).toHaveAttribute('aria-current', 'true');
    await expect(status(page)).toHaveText(
      'The quoted words are not in this transcript as they were when the link was made (it has changed since): showing turn 37 instead.',
    );
    await expect(page.locator('mark.quote')).toHaveCount(0);
    await expect(page).toHaveURL(/#t37$/);
    await shoot(page, 'quote-stale');
  });
});

test.describe('embedded', () => {
  test('in place: the host page\'s fragment is the quote link', async ({ page }) => {
    await page.goto(`${host.url}in-place.html`);
    const viewer = page.locator('#transcript');
    await expect(viewer.locator('article.turn')).toHaveCount(5);
    await viewer.locator('#t4').scrollIntoViewIfNeeded();
    const text = await viewer.locator('#t4-p1').textContent();
    const passage = text.split(/\s+/).slice(1, 5).join(' ');
    // The drag, in the shadow root.
    const [x1, y1, x2, y2] = await ends(viewer, 't4-p1', passage);
    await page.mouse.move(x1, y1);
    await page.mouse.down();
    await page.mouse.move(x2, y2, { steps: 6 });
    await page.mouse.up();
    await viewer.getByRole('button', { name: 'Copy quote link' }).click();
    await expect(viewer.locator('p.status')).toHaveText(/^Quote link to turn 4 copied\./);
    const link = await clipboard(page);
    expect(link).toMatch(new RegExp(`^${host.url}in-place\\.html#t4-p1:w2-5~[0-9a-f]{8}$`));
    await page.goto('about:blank');
    await page.goto(link);
    await expect(viewer.locator('#t4')).toHaveAttribute('aria-current', 'true');
    await expect.poll(() => marked(viewer)).toBe(passage.replace(/^\W+|\W+$/g, ''));
    await shoot(page, 'quote-in-place');
  });

  test('in a frame: the quote becomes the host page\'s permalink, and its fragment opens it', async ({ page }) => {
    await page.goto(`${host.url}framed.html`);
    const frame = page.frameLocator('#floor');
    await expect(frame.locator('article.turn').nth(36)).toBeAttached();
    await frame.getByRole('link', { name: 'Turn 5, link' }).click();
    await expect(page).toHaveURL(`${host.url}framed.html#t5`);
    await frame.locator('#t5').focus();
    await page.keyboard.press('q');
    await expect(frame.getByRole('button', { name: 'Copy quote link' })).toBeFocused();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/framed\.html#t5-p1:w1-2~[0-9a-f]{8}$/);
    const words = await frame.locator('body').evaluate(() => getSelection().toString().trim());
    // The host page's URL, opened afresh, opens the frame at the quote.
    const url = page.url();
    await page.goto('about:blank');
    await page.goto(url);
    await expect(frame.locator('#t5')).toHaveAttribute('aria-current', 'true');
    await expect.poll(() => marked(frame.locator('body'))).toBe(words.replace(/^\W+|\W+$/g, ''));
  });
});

test.describe('citations', () => {
  test('a turn\'s Copy citation offers every style, each shown as it is copied', async ({ page }) => {
    await page.goto(`${server.url}#t37`);
    await page.locator('#t37').getByRole('button', { name: 'Copy citation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cite this turn (turn 37)' });
    await expect(dialog).toBeVisible();
    for (const style of ['Plain text', 'APA 7', 'Chicago', 'MLA 9', 'BibTeX', 'CSL-JSON']) {
      await expect(dialog.getByRole('radio', { name: style })).toHaveCount(1);
    }
    await expect(dialog.getByRole('radio', { name: 'Plain text' })).toBeChecked();
    await shoot(page, 'cite-dialog');
    const apa = dialog.getByRole('radio', { name: 'APA 7' });
    const shown = await apa.evaluate((r) => r.closest('label').querySelector('.detail').textContent);
    expect(shown).toMatch(/^Doria, A\. \(2016, April 6\)\. IGF 2016 .+ \[Meeting transcript\]\. Internet Governance Forum, Geneva, Switzerland\. http.+#t37$/);
    await apa.check();
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await expect(dialog).toBeHidden();
    await expect(status(page)).toHaveText('Citation to turn 37 copied.');
    expect(await clipboard(page)).toBe(shown);
    // The focus is back on the button that opened it.
    await expect(page.locator('#t37').getByRole('button', { name: 'Copy citation' })).toBeFocused();
  });

  test('a quote\'s citation carries its words; Esc copies nothing', async ({ page }) => {
    await page.goto(`${server.url}#t37`);
    await drag(page, 't37-p2', PASSAGE);
    await page.getByRole('group', { name: 'Quote' }).getByRole('button', { name: 'Copy citation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cite this quote (turn 37)' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(status(page)).not.toHaveText(/copied/);
    await page.getByRole('group', { name: 'Quote' }).getByRole('button', { name: 'Copy citation' }).click();
    await dialog.getByRole('radio', { name: 'BibTeX' }).check();
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await expect(status(page)).toHaveText('Citation to turn 37 copied.');
    const bibtex = await clipboard(page);
    expect(bibtex).toMatch(/^@misc\{doria2016t37,/);
    expect(bibtex).toContain(`\u201c${PASSAGE}\u201d`);
    expect(bibtex).toMatch(/url = \{http.+#t37-p2:w\d+-\d+~[0-9a-f]{8}\}/);
  });
});

test.describe('downloads', () => {
  /** Downloads with the dialog's `format` and `turns` choices: the file's name and text. */
  async function download(page, format, turns) {
    await page.getByRole('button', { name: 'Download' }).click();
    const dialog = page.getByRole('dialog', { name: 'Download the transcript' });
    await dialog.getByRole('radio', { name: format }).check();
    await dialog.getByRole('radio', { name: turns }).check();
    const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    const { readFile } = await import('node:fs/promises');
    return [file.suggestedFilename(), await readFile(await file.path(), 'utf8')];
  }

  test('the whole transcript as Markdown opens again with the same turns', async ({ page }) => {
    await page.goto(server.url);
    await expect(page.locator('article.turn')).toHaveCount(54);
    await page.getByRole('button', { name: 'Download' }).click();
    await shoot(page, 'download-dialog');
    // Captions need times: the sample has none.
    await expect(page.getByRole('radio', { name: 'WebVTT captions' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    const [name, text] = await download(page, 'Markdown', 'All 54 turns');
    expect(name).toBe('IGF-2016-First-Open-Consultations-and-MAG-Meeting-April-6.md');
    await expect(status(page)).toHaveText(`Downloaded ${name} (Markdown).`);
    expect(text).toContain('**Avri Doria:**');
    // Opened in Floor: the same 54 turns and speakers.
    const names = await page.locator('article.turn .who').allTextContents();
    server.files.set('again.md', text);
    await page.goto(`${server.url}?src=again.md`);
    await expect(page.locator('article.turn')).toHaveCount(54);
    expect(await page.locator('article.turn .who').allTextContents()).toEqual(names);
  });

  test('the speaker filter\'s turns and the search\'s, as Floor\'s JSON and plain text', async ({ page }) => {
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Speakers' }).getByRole('button', { name: /Markus Kummer/ }).click();
    const [name, json] = await download(page, /^JSON/, 'The 2 turns of Markus Kummer (the speaker filter)');
    expect(name).toMatch(/\.json$/);
    const model = JSON.parse(json);
    expect(model.turns.map((t) => t.speaker)).toEqual(['markus-kummer', 'markus-kummer']);
    await page.goto(server.url);
    await page.getByRole('searchbox', { name: 'Search' }).fill('spam');
    await expect(page.locator('#search-count')).toHaveText(/in 1 turn/);
    const [, plain] = await download(page, 'Plain text', /^The 1 turn matching/);
    expect(plain).toContain('spam');
    expect(plain.match(/^>>/gm)).toHaveLength(1);
  });
});

test('375 px: the bar by a selection, and a quote opened', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${server.url}#t37`);
  await drag(page, 't37-p2', 'ongoing effort on best practice');
  const bar = page.getByRole('group', { name: 'Quote' });
  await expect(bar).toBeVisible();
  // The bar is inside the screen.
  const box = await bar.boundingBox();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  await shoot(page, 'quote-bar-375');
});
