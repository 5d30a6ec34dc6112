// Accessibility end to end, in Chromium, against the release build in dist/:
// axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules) on every state of the page
// (the sample, search with and without results, a current match, the speaker
// filter, a current turn, an error, the help and paste dialogs, dark, embed
// mode) and on the example host pages (in place, two viewers, the iframe);
// then what axe cannot see: a walk with the keyboard alone where every focused
// element must show a focus ring on screen, opening a file by keyboard, the
// landmarks and turn headings, reduced motion, and reflow at 320 CSS px and at
// 200 % zoom. A failure lists each violation's rule, impact, help and the
// elements (selectors, HTML, axe's summary: colours and ratios for contrast).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './static-server.js';
import { test, expect, holdBack } from './fixtures.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('../../dist');
const examples = here('../../examples');

// What the sample must show, read from its text: the first line is the
// title, each ">>" line starts a turn.
const sample = readFileSync(here('../../assets/sample.txt'), 'utf8');
const sampleTitle = sample.split('\n')[0].trim();
const sampleTurns = sample.split('\n').filter((l) => /^\s*>>/.test(l)).length;

// dist/ as the host site's floor/ folder, as embed.spec.js serves it.
const floorFolder = Object.fromEntries(readdirSync(dist).map((f) => [`floor/${f}`, readFileSync(join(dist, f))]));

let server; // Floor's own page: dist/ at the root
let host; // the example content site: examples/ with Floor in floor/
let floorSite; // Floor on an origin of its own, for the frame

/** examples/iframe.html with the example origins replaced by the test servers'. */
const framedPage = () =>
  readFileSync(join(examples, 'iframe.html'), 'utf8')
    .replaceAll('https://floor.example', floorSite.origin)
    .replaceAll('https://host.example', host.origin.replace(/\/$/, ''))
    .replace(/<!-- Floor at[^>]*-->/, `<!-- served for ${host.origin} -->`);

test.beforeAll(async () => {
  server = await startServer({ root: dist });
  floorSite = await startServer({ root: dist, prefix: '/floor/' });
  host = await startServer({ root: examples, files: floorFolder });
  host.files.set('framed.html', framedPage());
});
test.afterAll(async () => {
  await Promise.all([server.close(), floorSite.close(), host.close()]);
});

// Locators used throughout.
const title = (page) => page.getByRole('heading', { level: 1 });
const turns = (page) => page.locator('article.turn');
const visibleTurns = (page) => page.locator('article.turn:visible');
const field = (page) => page.getByRole('searchbox', { name: 'Search' });
const count = (page) => page.locator('#search-count');
const speakersNav = (page) => page.getByRole('navigation', { name: 'Speakers' });
const status = (page) => page.locator('p.status[role=status]');
const turnsIn = (page, id) => page.locator(`#${id}`).locator('article.turn');

async function openSample(page, path = '') {
  await page.goto(server.url + path);
  await expect(title(page)).toHaveText(sampleTitle);
  await expect(turns(page)).toHaveCount(sampleTurns);
}

/** Waits for two animation frames (the app moves to a turn on the next frame). */
const frames = (page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/**
 * Waits for `n` animation frames. After a move to a turn (j, k, a permalink)
 * the app keeps that turn at the top for 12 frames (`settle` in
 * src/web/dom.rs), scrolling back to it if anything else scrolled: 20 frames
 * is past that.
 */
const settled = (page, n = 20) =>
  page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
        step(n);
      }),
    n,
  );

// ---------------------------------------------------------------------------
// axe

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** A node's target: selectors, nested for shadow roots (">>>") and frames (" | "). */
const targetOf = (target) =>
  target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ');

/** Every violation with its rule, impact, help and each element, for the reader who fixes it. */
function describeViolations(violations, state) {
  const lines = [`${violations.length} axe violation(s) in "${state}":`];
  for (const v of violations) {
    lines.push('', `● ${v.id} (${v.impact}): ${v.help} [${v.tags.filter((t) => t.startsWith('wcag')).join(', ')}]`, `  ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`  - target: ${targetOf(node.target)}`);
      lines.push(`    html:   ${node.html.replace(/\s+/g, ' ').slice(0, 300)}`);
      const summary = (node.failureSummary ?? '').replace(/\n\s*/g, ' / ');
      if (summary) lines.push(`    why:    ${summary}`);
      for (const check of [...node.any, ...node.all, ...node.none]) {
        const d = check.data;
        if (d && typeof d === 'object' && 'contrastRatio' in d) {
          lines.push(
            `    colours: fg ${d.fgColor} on bg ${d.bgColor}, ratio ${d.contrastRatio}:1, expected ${d.expectedContrastRatio}, ${d.fontSize} ${d.fontWeight}`,
          );
        }
      }
    }
  }
  return lines.join('\n');
}

/** Runs axe on the page as it is now (frames and open shadow roots included). */
async function analyse(page, state, tags = TAGS) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  // All of axe's findings, "incomplete" (to review by hand) too, beside the test's other output.
  const path = test.info().outputPath(`axe-${state.replace(/[^\w]+/g, '-')}.json`);
  writeFileSync(path, JSON.stringify({ violations: results.violations, incomplete: results.incomplete }, null, 2));
  await test.info().attach(`axe ${state}`, { path, contentType: 'application/json' });
  return results.violations;
}

/** axe finds nothing in the page as it is now (`tags`: its WCAG rules). */
async function expectNoViolations(page, state, tags = TAGS) {
  const violations = await analyse(page, state, tags);
  expect(violations.length, describeViolations(violations, state)).toBe(0);
}

test.describe('axe on Floor\'s page', () => {
  test('the bundled sample (index.html)', async ({ page }) => {
    await openSample(page);
    await expectNoViolations(page, 'default page');
  });

  test('while the transcript loads behind the pre-rendered first screen', async ({ page }) => {
    const release = await holdBack(page, '**/sample.txt');
    await page.goto(server.url);
    await expect(page.getByRole('status')).toHaveText('Loading the transcript…');
    await expect(page.locator('.first-screen')).toBeVisible();
    await expectNoViolations(page, 'loading behind the first screen');
    release();
    await expect(turns(page)).toHaveCount(sampleTurns);
  });

  test('search with results', async ({ page }) => {
    await openSample(page);
    await field(page).fill('ipv6');
    await expect(count(page)).toHaveText('13 matches in 8 turns');
    await expect(page.getByRole('region', { name: 'Results' })).toBeVisible();
    await expect(page.locator('#turns mark').first()).toBeVisible();
    await expectNoViolations(page, 'search with results');
  });

  test('search with a current match (Enter in the field)', async ({ page }) => {
    await openSample(page);
    await field(page).fill('ipv6');
    await expect(count(page)).toHaveText('13 matches in 8 turns');
    await field(page).press('Enter');
    await expect(count(page)).toHaveText('1 of 13 matches in 8 turns');
    await expect(page.locator('#turns mark.current')).toBeInViewport();
    await expectNoViolations(page, 'search with a current match');
  });

  test('search with no results', async ({ page }) => {
    await openSample(page);
    await field(page).fill('zzzqqq');
    await expect(count(page)).toHaveText('No matches');
    await expectNoViolations(page, 'search with no results');
  });

  test('speaker filter active', async ({ page }) => {
    await openSample(page);
    const chair = speakersNav(page).getByRole('button', { name: /^Chair St\. Amour/ });
    await chair.click();
    await expect(chair).toHaveAttribute('aria-pressed', 'true');
    await expect(visibleTurns(page)).toHaveCount(24);
    await expect(speakersNav(page).getByRole('button', { name: 'Show all speakers' })).toBeVisible();
    await expectNoViolations(page, 'speaker filter active');
  });

  test('a current turn (j)', async ({ page }) => {
    await openSample(page);
    await page.keyboard.press('j');
    await expect(page.locator('#t1')).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('#t1')).toBeFocused();
    await expectNoViolations(page, 'current turn');
  });

  test('a caption file with times, opened at a time (#t=0:19)', async ({ page }) => {
    server.files.set('captions.vtt', readFileSync(here('../data/corpus/other/podcastindex-example.vtt')));
    await page.goto(`${server.url}?src=captions.vtt#t=0:19`);
    await expect(page.locator('#t2')).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('#t2')).toBeFocused();
    await expect(page.locator('#t2 .turn-head time')).toHaveText('0:19');
    await expectNoViolations(page, 'timed transcript at a time');
  });

  test.describe('an error', () => {
    // Chromium logs the failed fetch as a console error: only that is allowed.
    test.use({ expectedConsoleErrors: [/^Failed to load resource: the server responded with a status of 404/] });
    test('?src=missing.txt (HTTP 404)', async ({ page }) => {
      await page.goto(`${server.url}?src=missing.txt`);
      await expect(page.getByRole('alert')).toBeVisible();
      await expect(page.getByRole('alert')).toContainText('404');
      await expectNoViolations(page, 'error shown');
    });
  });

  test('help overlay open (?)', async ({ page }) => {
    await openSample(page);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard' })).toBeVisible();
    await expectNoViolations(page, 'help open');
  });

  test('paste dialog open', async ({ page }) => {
    await openSample(page);
    await page.getByRole('button', { name: 'Paste text' }).click();
    await expect(page.getByRole('dialog', { name: 'Paste a transcript' })).toBeVisible();
    await expectNoViolations(page, 'paste dialog open');
  });

  test('dark theme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openSample(page);
    await expectNoViolations(page, 'dark theme');
  });

  test('dark theme: search with a current match, a current turn and the speaker filter', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openSample(page);
    const chair = speakersNav(page).getByRole('button', { name: /^Chair St\. Amour/ });
    await chair.click();
    await expect(chair).toHaveAttribute('aria-pressed', 'true');
    await field(page).fill('forum');
    await expect(count(page)).toHaveText(/^\d+ matches in \d+ turns$/);
    await field(page).press('Enter');
    await expect(count(page)).toHaveText(/^1 of \d+ matches in \d+ turns$/);
    await expect(page.locator('#turns mark.current')).toBeInViewport();
    await expect(page.locator('article.turn[aria-current="true"]')).toHaveCount(1);
    await expectNoViolations(page, 'dark theme, filter, search, current match');
  });

  test('About this transcript open, with a merge of speakers undone', async ({ page }) => {
    server.files.set(
      'merges.txt',
      '>>REMOTE INTERVENTION: One.\n\n>>REMOTE INTERVENTION: Two.\n\n>>REMOTE INVERVENTION: Three.\n\n>>\u202eCHAIR: Four.\n\n>>CHAIR: Five.\n',
    );
    await page.goto(`${server.url}?src=merges.txt`);
    await expect(turns(page)).toHaveCount(5);
    await page.locator('details.about summary').click();
    await page.getByRole('button', { name: /^Undo the merge of .REMOTE INVERVENTION.$/ }).click();
    await expect(page.getByRole('button', { name: /^Merge again/ })).toBeFocused();
    // Its best practices too.
    await expectNoViolations(page, 'about open, a merge undone', [...TAGS, 'best-practice']);
  });

  test('embed mode (index.html?embed=1)', async ({ page }) => {
    await page.goto(`${server.url}index.html?embed=1`);
    await expect(title(page)).toHaveText(sampleTitle);
    await expect(turns(page)).toHaveCount(sampleTurns);
    await expectNoViolations(page, 'embed mode');
  });
});

test.describe('axe on the example host pages', () => {
  test('in-place.html', async ({ page }) => {
    await page.goto(`${host.url}in-place.html`);
    await expect(turnsIn(page, 'transcript')).toHaveCount(5);
    await expectNoViolations(page, 'in-place.html');
  });

  test('two.html', async ({ page }) => {
    await page.goto(`${host.url}two.html`);
    await expect(turnsIn(page, 'morning')).toHaveCount(2);
    await expect(turnsIn(page, 'afternoon')).toHaveCount(sampleTurns);
    await expectNoViolations(page, 'two.html');
  });

  test('the iframe host page (examples/iframe.html)', async ({ page }) => {
    await page.goto(`${host.url}framed.html`);
    await expect(page.frameLocator('#floor').locator('article.turn')).toHaveCount(sampleTurns);
    await expectNoViolations(page, 'iframe host page');
  });
});

// ---------------------------------------------------------------------------
// The keyboard alone

/**
 * What has the focus, and whether it shows: the focused element (inside open
 * shadow roots), its outline or box-shadow (or its label's, for a control
 * drawn by its label), whether that is rendered (no opacity 0 or hidden on the
 * way), whether it is in the viewport, and whether something else covers it.
 */
const focusState = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { none: true };
    const describeEl = (e) => {
      const text = (e.getAttribute('aria-label') || e.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
      const cls = e.classList.length ? `.${[...e.classList].join('.')}` : '';
      return `<${e.localName}${e.id ? `#${e.id}` : ''}${cls}${e.type ? ` type=${e.type}` : ''}> "${text}"`;
    };
    const parent = (n) => n.parentElement ?? (n.getRootNode() instanceof ShadowRoot ? n.getRootNode().host : null);
    const rendered = (e) => {
      if (getComputedStyle(e).visibility === 'hidden') return false;
      for (let n = e; n; n = parent(n)) if (parseFloat(getComputedStyle(n).opacity) === 0) return false;
      return true;
    };
    const ringOf = (e) => {
      const s = getComputedStyle(e);
      const transparent = (c) => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
      const outline = s.outlineStyle !== 'none' && s.outlineWidth !== '0px' && !transparent(s.outlineColor);
      const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
      return outline || shadow ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}${shadow ? `; box-shadow ${s.boxShadow}` : ''}` : null;
    };
    // The element itself, or (a control styled by its label) one of its labels.
    const candidates = [el, ...(el.labels ?? [])];
    let ring = null;
    let ringEl = null;
    for (const c of candidates) {
      const r = ringOf(c);
      if (r && rendered(c)) {
        ring = r;
        ringEl = c;
        break;
      }
    }
    const own = getComputedStyle(el);
    const box = (ringEl ?? el).getBoundingClientRect();
    const inViewport =
      box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
    // Covered: no point of its on-screen part hits it (or what it contains).
    const root = el.getRootNode();
    const r = el.getBoundingClientRect();
    const left = Math.max(r.left, 0);
    const right = Math.min(r.right, innerWidth);
    const top = Math.max(r.top, 0);
    const bottom = Math.min(r.bottom, innerHeight);
    let uncovered = false;
    const hits = new Set();
    if (right > left && bottom > top) {
      for (let i = 1; i < 6 && !uncovered; i++) {
        for (let j = 1; j < 6 && !uncovered; j++) {
          const x = left + ((right - left) * i) / 6;
          const y = top + ((bottom - top) * j) / 6;
          const hit = (root.elementFromPoint ? root : document).elementFromPoint(x, y);
          if (hit && (hit === el || el.contains(hit) || (ringEl && ringEl.contains(hit)))) uncovered = true;
          else if (hit) hits.add(describeEl(hit));
        }
      }
    }
    return {
      none: false,
      element: describeEl(el),
      id: el.id,
      ring,
      ringOn: ringEl === el ? 'itself' : ringEl ? `its label ${describeEl(ringEl)}` : null,
      ownOutline: `${own.outlineStyle} ${own.outlineWidth} ${own.outlineColor}, opacity ${own.opacity}`,
      inViewport,
      rect: `x ${Math.round(box.left)}..${Math.round(box.right)}, y ${Math.round(box.top)}..${Math.round(box.bottom)} in ${innerWidth}×${innerHeight}`,
      uncovered,
      coveredBy: [...hits].slice(0, 3),
    };
  });

/** The focused element shows a focus indicator, on screen and not covered (soft: the walk goes on). */
async function expectFocusShown(page, step) {
  const s = await focusState(page);
  const where = `after ${step}: focus on ${s.element ?? 'nothing'}`;
  if (s.none || !s.ring || !s.inViewport || !s.uncovered) {
    const path = test.info().outputPath(`focus-not-shown-${step.replace(/[^\w]+/g, '-')}.png`);
    await page.screenshot({ path });
    await test.info().attach(`focus not shown: ${step}`, { path, contentType: 'image/png' });
  }
  expect.soft(s.none, `${where}: something has the focus`).toBe(false);
  if (s.none) return s;
  expect.soft(s.ring, `${where}: a visible focus indicator (own outline: ${s.ownOutline})`).not.toBeNull();
  expect.soft(s.inViewport, `${where}: focus indicator in the viewport (${s.rect})`).toBe(true);
  if (s.inViewport) {
    expect.soft(s.uncovered, `${where}: not entirely covered by other content (${s.rect}; covered by ${s.coveredBy.join(', ')})`).toBe(true);
  }
  return s;
}

/** Presses `key` until `done(focus)` holds (at most `max` times), checking the focus at each step. */
async function tabUntil(page, key, done, what, max = 60) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    const s = await expectFocusShown(page, `${key} #${i} (towards ${what})`);
    if (await done(s)) return s;
  }
  throw new Error(`${what}: not reached with ${max} × ${key}`);
}

/** Whether the focused element (through shadow roots) matches `selector`. */
const focusedMatches = (page, selector) =>
  page.evaluate((sel) => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return !!el && el.matches(sel);
  }, selector);

test.describe('keyboard only', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  });

  test('search, matches, Esc, j/k, the speaker filter and Copy link, with the focus always shown', async ({ page }) => {
    await openSample(page);
    const current = page.locator('article.turn[aria-current="true"]');

    // Tab from the top of the page to the search field.
    await tabUntil(page, 'Tab', () => focusedMatches(page, 'input[type=search]'), 'the search field');
    await expect(field(page)).toBeFocused();
    await page.keyboard.type('ipv6');
    await expect(count(page)).toHaveText('13 matches in 8 turns');
    await expectFocusShown(page, 'typing "ipv6"');

    // Enter and Shift+Enter step through the matches.
    await page.keyboard.press('Enter');
    await expect(count(page)).toHaveText('1 of 13 matches in 8 turns');
    await expect(page.locator('#turns mark.current')).toBeInViewport();
    await expect(page).toHaveURL(/#t\d+$/);
    await expectFocusShown(page, 'Enter in the field');
    await page.keyboard.press('Enter');
    await expect(count(page)).toHaveText('2 of 13 matches in 8 turns');
    await expectFocusShown(page, 'Enter in the field again');
    await page.keyboard.press('Shift+Enter');
    await expect(count(page)).toHaveText('1 of 13 matches in 8 turns');
    await expect(page.locator('#turns mark.current')).toBeInViewport();
    await expectFocusShown(page, 'Shift+Enter in the field');

    // Esc clears the search; the field keeps the focus.
    await page.keyboard.press('Escape');
    await expect(field(page)).toHaveValue('');
    await expect(count(page)).toHaveText('');
    await expect(page.locator('#turns mark')).toHaveCount(0);
    await expectFocusShown(page, 'Escape in the field');

    // The match made its turn the current one (it stays after Esc); j / k move from there.
    await expect(current).toHaveCount(1);
    const from = Number((await current.getAttribute('id')).slice(1));
    await expect(page).toHaveURL(new RegExp(`#t${from}$`));

    // Keys do nothing while typing in a field: Tab out to a button, then j / k.
    await tabUntil(page, 'Tab', () => focusedMatches(page, 'button'), 'a button after the search field');
    const at = async (n, step) => {
      await expect(page.locator(`#t${n}`)).toHaveAttribute('aria-current', 'true');
      await expect(current).toHaveCount(1);
      await expect(page).toHaveURL(new RegExp(`#t${n}$`));
      await expect(page.locator(`#t${n}`)).toBeFocused();
      await expect(page.locator(`#t${n} h2`)).toBeInViewport();
      await expectFocusShown(page, step);
    };
    await page.keyboard.press('j');
    await at(from + 1, `j (turn ${from + 1})`);
    await page.keyboard.press('j');
    await at(from + 2, `j (turn ${from + 2})`);
    await page.keyboard.press('k');
    await at(from + 1, `k (turn ${from + 1})`);

    // (Shift+)Tab back to a speaker's button in the Speakers navigation, Enter
    // filters. (Once the turn has settled: Shift+Tab at once is the test
    // "a focus moved right after j stays on screen" below.)
    await settled(page);
    await tabUntil(page, 'Shift+Tab', () => focusedMatches(page, 'nav.speakers li button'), 'a speaker button', 200);
    const speaker = await page.evaluate(() => {
      const b = document.activeElement;
      return { name: b.querySelector('.name').textContent, turns: Number(b.querySelector('.count').textContent.match(/^(\d+) turns?/)[1]) };
    });
    await page.keyboard.press('Enter');
    const escapeRe = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pressed = speakersNav(page).getByRole('button', { name: new RegExp(`^${escapeRe(speaker.name)}`) });
    await expect(pressed).toHaveAttribute('aria-pressed', 'true');
    await expect(speakersNav(page).locator('.filter-state')).toHaveText(`Showing only turns by ${speaker.name}.`);
    await expect(visibleTurns(page)).toHaveCount(speaker.turns);
    await expect(page).toHaveURL(/[?&]speaker=/);
    await expectFocusShown(page, `Enter on the speaker button "${speaker.name}"`);

    // Tab to a (shown) turn's "Copy link", Enter copies its permalink.
    const link = await tabUntil(page, 'Tab', () => focusedMatches(page, 'article.turn button[data-action="link"]'), 'a turn\'s Copy link');
    const n = await page.evaluate(() => document.activeElement.closest('article').id.slice(1));
    expect(link.element).toContain('Copy link');
    await expect(page.locator(`#t${n}`)).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveText(`Link to turn ${n} copied.`);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.endsWith(`#t${n}`), copied).toBe(true);
    await expectFocusShown(page, 'Enter on Copy link');
  });

  test('a focus moved right after j stays on screen (the new turn does not pull the page back)', async ({ page }) => {
    // Turn 24 is long (about 1,800 px): its buttons are far above turn 25's top.
    await openSample(page, '#t24');
    await expect(page.locator('#t24')).toBeFocused();
    await settled(page);
    await page.keyboard.press('j');
    // As soon as turn 25 has the focus (checked on every frame), Shift+Tab:
    // the focus goes back to turn 24's last button, which the browser scrolls into view.
    await page.waitForFunction(() => document.activeElement?.id === 't25', null, { polling: 'raf' });
    await page.keyboard.press('Shift+Tab');
    expect(await focusedMatches(page, '#t24 button[data-action="cite"]'), 'Shift+Tab went to turn 24\'s Copy citation').toBe(true);
    await settled(page);
    await expect(page.locator('#t24 button[data-action="cite"]')).toBeFocused();
    await expectFocusShown(page, 'j, then Shift+Tab at once, then 20 frames');
  });

  test('Open file by keyboard: Tab to it, Enter opens the chooser, the file\'s turns are shown', async ({ page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'floor-a11y-'));
    const file = join(dir, 'keyboard-meeting.txt');
    writeFileSync(
      file,
      ['Keyboard test meeting', '', '>>CHAIR: Welcome to the keyboard test.', '', '>>SPEAKER ONE: Thank you, Chair.', ''].join('\n'),
    );
    await openSample(page);
    // Listening from the start: Playwright then intercepts the chooser long before the key.
    const chooser = new Promise((resolve) => page.once('filechooser', resolve));
    await tabUntil(page, 'Tab', () => focusedMatches(page, 'input[type=file]'), 'the Open file control');
    // The control is the file input inside the label "Open file".
    await expect(page.locator('label', { hasText: 'Open file' }).locator('input[type=file]')).toBeFocused();
    await page.keyboard.press('Enter');
    const opened = await Promise.race([chooser, new Promise((resolve) => setTimeout(() => resolve(null), 5_000))]);
    expect(opened, 'Enter on the focused Open file control opens the file chooser').not.toBeNull();
    await opened.setFiles(file);
    await expect(title(page)).toHaveText('Keyboard test meeting');
    await expect(turns(page)).toHaveCount(2);
    await expect(page.locator('#t1 h2')).toHaveText('Chair');
    await expect(page.locator('#t2 h2')).toHaveText('Speaker One');
    await expect(page.locator('.note-local')).toContainText('Opened from the file keyboard-meeting.txt');
    await expectFocusShown(page, 'opening the file');
    rmSync(dir, { recursive: true, force: true });
  });
});

// ---------------------------------------------------------------------------
// Structure, motion, reflow

test.describe('structure', () => {
  test('landmarks: main, the Speakers navigation, a banner or toolbar; each turn an article headed by its speaker', async ({ page }) => {
    await openSample(page);
    await expect(page.getByRole('main')).toHaveCount(1);
    await expect(speakersNav(page)).toHaveCount(1);
    await expect(speakersNav(page)).toBeVisible();
    const banners = await page.getByRole('banner').count();
    const toolbars = await page.getByRole('toolbar').count();
    expect(banners + toolbars, 'a banner (header) or a toolbar').toBeGreaterThan(0);
    await expect(page.getByRole('toolbar', { name: 'Transcript actions' })).toBeVisible();
    await expect(page.getByRole('search')).toHaveCount(1);

    // Each turn is an article, in main, whose heading names its speaker (one of the index's names).
    const articles = page.getByRole('main').getByRole('article');
    await expect(articles).toHaveCount(sampleTurns);
    const names = new Set(await speakersNav(page).locator('li button .name').allTextContents());
    expect(names.size).toBeGreaterThan(10);
    const headings = await turns(page).evaluateAll((els) =>
      els.map((a) => {
        const hs = a.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]');
        return { id: a.id, unattributed: a.classList.contains('unattributed'), role: a.getAttribute('role'), tag: a.localName, count: hs.length, first: hs[0]?.textContent.trim() ?? '', level: hs[0]?.localName };
      }),
    );
    for (const h of headings) {
      expect(h.tag, `${h.id} is an <article>`).toBe('article');
      expect(h.role, `${h.id} keeps its article role`).toBeNull();
      expect(h.count, `${h.id} has one heading`).toBe(1);
      expect(h.level, `${h.id}'s heading is an h2 under the h1`).toBe('h2');
      if (h.unattributed) {
        // A turn without a speaker's label says so.
        expect(h.first, `${h.id} (no speaker in the transcript) says so in its heading`).toBe('Unattributed (speaker not named)');
      } else {
        expect(names.has(h.first), `${h.id}'s heading "${h.first}" names a speaker of the index`).toBe(true);
      }
    }
    // Through the accessibility tree: the first turns' headings.
    await expect(articles.nth(0).getByRole('heading', { level: 2 })).toHaveText('Chengetai Masango');
    await expect(articles.nth(1).getByRole('heading', { level: 2 })).toHaveText('Chair St. Amour');
  });

  test('prefers-reduced-motion: reduce: no smooth scrolling anywhere', async ({ page }) => {
    // Record every scroll the app asks for, and how.
    await page.addInitScript(() => {
      window.scrollCalls = [];
      const record = (name, original) =>
        function (...args) {
          const o = args[0];
          window.scrollCalls.push({ name, behavior: o && typeof o === 'object' ? o.behavior ?? 'auto' : 'auto' });
          return original.apply(this, args);
        };
      Element.prototype.scrollIntoView = record('scrollIntoView', Element.prototype.scrollIntoView);
      Element.prototype.scrollTo = record('Element.scrollTo', Element.prototype.scrollTo);
      Element.prototype.scrollBy = record('Element.scrollBy', Element.prototype.scrollBy);
      window.scrollTo = record('window.scrollTo', window.scrollTo);
      window.scrollBy = record('window.scrollBy', window.scrollBy);
    });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openSample(page);
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
    // Move around: turns, a search match, a result, the filter.
    await page.keyboard.press('j');
    await expect(page.locator('#t1')).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press(']');
    await expect(page.locator('#t1')).not.toHaveAttribute('aria-current', 'true');
    await field(page).fill('ipv6');
    await expect(count(page)).toHaveText('13 matches in 8 turns');
    await field(page).press('Enter');
    // (The next match after the current turn.)
    await expect(count(page)).toHaveText(/^\d+ of 13 matches in 8 turns$/);
    await page.getByRole('region', { name: 'Results' }).getByRole('button').nth(3).click();
    await expect(page.locator('article.turn[aria-current="true"]')).toHaveCount(1);
    await frames(page);

    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).not.toBe('smooth');
    const smooth = await page.evaluate(() => {
      const found = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (getComputedStyle(el).scrollBehavior === 'smooth') found.push(el.localName + (el.id ? `#${el.id}` : '') + (el.className ? `.${String(el.className).split(' ').join('.')}` : ''));
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return found;
    });
    expect(smooth, 'elements with scroll-behavior: smooth').toEqual([]);
    const calls = await page.evaluate(() => window.scrollCalls);
    expect(calls.length, 'the app scrolled (to turns and matches)').toBeGreaterThan(0);
    expect(calls.filter((c) => c.behavior === 'smooth'), 'scrolls asked with behavior "smooth"').toEqual([]);
  });
});

/** No sideways scrolling; the search field and the first turn shown, within the width. */
async function expectReflows(page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  // What sticks out, if anything does (for the report).
  const wide = await page.evaluate(() => {
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5)) out.push(`<${el.localName}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}> x ${Math.round(r.left)}..${Math.round(r.right)}`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out.slice(0, 10);
  });
  expect(scrollWidth, `no horizontal scrollbar: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}; wider: ${wide.join(', ')}`).toBeLessThanOrEqual(innerWidth);
  await expect(field(page)).toBeVisible();
  await expect(field(page)).toBeInViewport({ ratio: 1 });
  const first = page.locator('#t1');
  await expect(first).toBeVisible();
  await expect(first.locator('h2')).toBeVisible();
  await first.locator('h2').scrollIntoViewIfNeeded();
  await expect(first.locator('h2')).toBeInViewport({ ratio: 1 });
  const box = await first.boundingBox();
  expect(box.x, 'the first turn starts within the width').toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, 'the first turn ends within the width').toBeLessThanOrEqual(innerWidth);
}

test.describe('reflow at 320 CSS px', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test('no horizontal scrolling; the search field and the first turn are shown', async ({ page }) => {
    await openSample(page);
    await expectReflows(page);
    // With a search (the results list) and a filter, still no sideways scrolling.
    await field(page).fill('ipv6');
    await expect(count(page)).toHaveText('13 matches in 8 turns');
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(await sideways(), 'no horizontal scrollbar with search results').toBeLessThanOrEqual(0);
  });
});

test.describe('reflow at 200 % zoom (640 CSS px at device scale 2)', () => {
  test.use({ viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 });
  test('no horizontal scrolling; the search field and the first turn are shown', async ({ page }) => {
    await openSample(page);
    expect(await page.evaluate(() => devicePixelRatio)).toBe(2);
    await expectReflows(page);
  });
});
