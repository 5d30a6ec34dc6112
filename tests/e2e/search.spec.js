// Search end to end, in Chromium, against the release build in dist/: the
// field and "/", the live count, <mark> highlights, Enter / Shift+Enter and
// n / N, the results list, the matching rules (case, accents, U+00A0, U+2011,
// words in any order, prefixes, "phrases", notes), the speaker filter, ?q= in
// the URL, Esc, and fast typing. Expected counts are computed here from the
// transcript text, not from the app's parser. Screenshots go to the test's
// output directory and to target/screenshots/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.js';
import { test, expect, shoot } from './fixtures.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('../../dist');

// The sample: the first line is the title, each ">>" line starts a turn (the
// sample's turn and paragraph lines start with a no-break space).
const sample = readFileSync(here('../../assets/sample.txt'), 'utf8');
const sampleTitle = sample.split('\n')[0].trim();

/** The turns of a transcript as `{ n, label, text }`, read from its ">>" lines. */
function turnsOf(text) {
  const turns = [];
  for (const line of text.split('\n')) {
    const start = line.match(/^\s*>>([^:]*):?(.*)$/);
    if (start) turns.push({ n: turns.length + 1, label: start[1].trim(), lines: [start[2]] });
    else if (turns.length) turns.at(-1).lines.push(line);
  }
  return turns.map(({ n, label, lines }) => ({ n, label, text: lines.join('\n') }));
}

const sampleTurns = turnsOf(sample);
// The header: the lines before the first one with ">>".
const firstTurnLine = sample.split('\n').findIndex((l) => l.includes('>>'));
const headerText = sample.split('\n').slice(0, firstTurnLine).join('\n');
const turnsText = sample.split('\n').slice(firstTurnLine).join('\n');
// Turn numbers spoken by the chair ("Chair St. Amour", id chair-st-amour).
const chairTurns = sampleTurns.filter((t) => t.label === 'CHAIR ST. AMOUR').map((t) => t.n);

// The large transcript: the sample's header once, then its turns 100 times.
const firstTurnAt = sample.search(/^[^\S\n]*>>/m);
const sampleBody = sample.slice(firstTurnAt).trimEnd();
const big = `${sample.slice(0, firstTurnAt)}${Array(100).fill(sampleBody).join('\n\n')}\n`;

// A transcript whose second turn is one paragraph of about 1 MB: the
// sample's turns on one line (labels dropped, runs of spaces one space, an
// uncertain word after each), repeated (tests/bench/setup.mjs builds the same).
const longLine = (() => {
  const words = sampleBody.replace(/^[^\S\n]*>>[^:\n]*:/gm, ' ').replace(/\s+/g, ' ').trim();
  const unit = `${words} I am Sivi (phonetic) here.`;
  const line = Array(Math.ceil(1e6 / unit.length)).fill(unit).join(' ');
  return line.slice(0, line.lastIndexOf(' ', 1e6));
})();
const long = `Long paragraph\n\n>>CHAIR: A short first turn.\n\n>>SPEAKER: ${longLine}\n\n>>CHAIR: A short last turn.\n`;

/** Text folded as the spec says: lower case, accents off, U+00A0 a space, U+2011 a hyphen. */
const fold = (s) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\u2011/g, '-')
    .replace(/[^\S\n]+/g, ' ');
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What a query of plain words should find, by the spec's rules: every word in
 * the turn, each at a word start and ending at a word end, except the last
 * word while typing (no trailing space), which is a prefix. Returns
 * `{ matches, turns: [n…] }`.
 */
function expectedHits(turns, query) {
  const words = fold(query).trim().split(' ').filter(Boolean);
  const typing = !/\s$/.test(query);
  const patterns = words.map(
    (w, i) =>
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(w)}${typing && i === words.length - 1 ? '' : '(?![\\p{L}\\p{N}])'}`, 'gu'),
  );
  let matches = 0;
  const hit = [];
  for (const turn of turns) {
    const text = fold(turn.text);
    // Each word matches at a word start: two that match at one start
    // overlap, and make one mark.
    const found = patterns.map((re) => [...text.matchAll(re)].map((m) => m.index));
    if (found.every((f) => f.length > 0)) {
      matches += new Set(found.flat()).size;
      hit.push(turn.n);
    }
  }
  return { matches, turns: hit };
}

/** What the live region says for `matches` in `turns` turns, with no current match. */
const says = (matches, turns) =>
  matches === 0
    ? 'No matches'
    : `${matches} match${matches === 1 ? '' : 'es'} in ${turns} turn${turns === 1 ? '' : 's'}`;

// A small transcript for the matching rules: a note, accents (precomposed and
// combining), U+2011 and U+00A0, and words in different orders.
const RULES = [
  'Search rules',
  '',
  '>>CHAIR: [ Applause ] thanks',
  '',
  '>>SPEAKER ONE: Thank you, SÉRGIO and Se\u0301rgio, our co\u2011chair\u00a0of the group.',
  '',
  '>>SPEAKER TWO: best practice forum',
  '',
  '>>SPEAKER THREE: the forum of the best',
  '',
  '>>SPEAKER FOUR: practice makes the best',
  '',
  '>>SPEAKER FIVE: bestowed practices',
  '',
].join('\n');

let server;
test.beforeAll(async () => {
  server = await startServer({ root: dist, files: { 'rules.txt': RULES, 'big.txt': big, 'long.txt': long } });
});
test.afterAll(async () => server.close());

// Locators and checks used throughout.
const field = (page) => page.getByRole('searchbox', { name: 'Search' });
const count = (page) => page.locator('#search-count');
const marks = (page) => page.locator('#turns mark');
const currentMark = (page) => page.locator('#turns mark.current');
const results = (page) => page.getByRole('region', { name: 'Results' });
const rows = (page) => results(page).locator('ol > li');
const turns = (page) => page.locator('article.turn');
const visibleTurns = (page) => page.locator('article.turn:visible');
const speakersNav = (page) => page.getByRole('navigation', { name: 'Speakers' });
const chairButton = (page) => speakersNav(page).getByRole('button', { name: /^Chair St\. Amour/ });

async function openSample(page, path = '') {
  await page.goto(server.url + path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sampleTitle);
  await expect(turns(page)).toHaveCount(sampleTurns.length);
}

async function openRules(page) {
  await page.goto(`${server.url}?src=rules.txt`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search rules');
  await expect(turns(page)).toHaveCount(6);
}

/** Presses "/" (which focuses the field without typing itself) and types `query`. */
async function search(page, query, options) {
  await page.keyboard.press('/');
  await expect(field(page)).toBeFocused();
  await expect(field(page)).toHaveValue('');
  await page.keyboard.type(query, options);
  await expect(field(page)).toHaveValue(query);
}

/** Turn numbers of the rows in the results list, read from "Name · #n". */
const rowTurns = (page) =>
  rows(page)
    .locator('.who')
    .evaluateAll((els) => els.map((e) => Number(e.textContent.match(/#(\d+)$/)[1])));

/** Turn numbers of the articles holding the marks in the transcript. */
const markTurns = (page) => marks(page).evaluateAll((els) => els.map((m) => Number(m.closest('article').id.slice(1))));

/** Where the current mark is among all marks in document order (-1: none). */
const currentIndex = (page) => marks(page).evaluateAll((els) => els.findIndex((m) => m.classList.contains('current')));

/** Whether the middle of `locator`'s element is on top (not under the toolbar, say). */
const onTop = (locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && el.contains(hit);
  });

/** Match `i` (1-based) is the current one: said in the count, outlined, and on screen. */
async function expectCurrent(page, i, total, turnCount) {
  await expect(count(page)).toHaveText(`${i} of ${total} matches in ${turnCount} turns`);
  await expect(currentMark(page)).toHaveCount(1);
  await expect.poll(() => currentIndex(page), { message: `match ${i} is the current mark` }).toBe(i - 1);
  await expect(currentMark(page)).toBeInViewport();
  await expect.poll(() => onTop(currentMark(page)), { message: 'the current mark is not covered' }).toBe(true);
  const n = await currentMark(page).evaluate((m) => m.closest('article').id);
  await expect(page).toHaveURL(new RegExp(`#${n}$`));
}


/** Waits for two animation frames. */
const frames = (page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

// "IPv6" in the sample: a plain case-insensitive scan of the text from the
// first ">>" line on, and the spec's word rules turn by turn.
const IPV6 = (() => {
  const substrings = (turnsText.match(/ipv6/gi) ?? []).length;
  const { matches, turns } = expectedHits(sampleTurns, 'IPv6');
  return { substrings, inHeader: (headerText.match(/ipv6/gi) ?? []).length, matches, turns };
})();

test.describe('the field and the count', () => {
  test('typing "IPv6" marks every occurrence in the turns and counts them', async ({ page }) => {
    expect(IPV6.inHeader, 'the header does not mention IPv6').toBe(0);
    expect(sampleTurns).toHaveLength(54);
    // A plain case-insensitive scan and the spec's word rules agree here.
    expect(IPV6.substrings).toBe(13);
    if (IPV6.matches !== IPV6.substrings) {
      test.info().annotations.push({
        type: 'word boundaries',
        description: `/ipv6/gi finds ${IPV6.substrings}, word starts ${IPV6.matches}`,
      });
    }
    expect(IPV6.matches).toBe(IPV6.substrings);

    await openSample(page);
    await expect(field(page)).toHaveAttribute('type', 'search');
    await expect(count(page)).toHaveAttribute('role', 'status');
    await expect(count(page)).toHaveText('');
    await search(page, 'IPv6');
    await expect(count(page)).toHaveText(says(IPV6.substrings, IPV6.turns.length));
    await expect(count(page)).toHaveText('13 matches in 8 turns');
    await expect(marks(page)).toHaveCount(IPV6.substrings);
    await expect(marks(page)).toHaveText(Array(IPV6.substrings).fill(/^ipv6$/i));
    expect([...new Set(await markTurns(page))]).toEqual(IPV6.turns);
    // Every other <mark> on the page is the one in each row of the results.
    await expect(page.locator('mark')).toHaveCount(IPV6.substrings + IPV6.turns.length);
    await expect(results(page).locator('mark')).toHaveCount(IPV6.turns.length);
    // No match is current until Enter or n.
    await expect(currentMark(page)).toHaveCount(0);
    // The text stays as written around the marks.
    const t24 = sampleTurns[23].text.replace(/\s+/g, ' ').trim();
    expect((await page.locator('#t24 p').allTextContents()).join(' ').replace(/\s+/g, ' ').trim()).toBe(t24);
  });
});

test.describe('the JS API', () => {
  test('Search finds what the rules say, letter by letter, with and without a speaker', async ({ page }) => {
    await openSample(page);
    // Words that overlap ("the th", "ipv6 ip") are one match where both are.
    const queries = ['best practice forum', 'ipv6 ', 'the internet gov', 'sergio', 'IPV6 co', 'the th', 'ipv6 ip'];
    // Each query as typed, one letter at a time.
    const typed = queries.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));
    const got = await page.evaluate(
      async ({ texts, typed }) => {
        const { Search } = await import('./floor.js');
        const out = {};
        for (const [name, text] of Object.entries(texts)) {
          const s = new Search(text);
          out[name] = typed.map((q) => {
            const all = s.search(q);
            const chair = s.search(q, 'chair-st-amour');
            return [all.matches, [...all.turns], chair.matches, [...chair.turns]];
          });
          s.free();
        }
        return out;
      },
      { texts: { sample, rules: RULES }, typed },
    );
    const rulesTurns = turnsOf(RULES);
    for (const [name, turns] of [['sample', sampleTurns], ['rules', rulesTurns]]) {
      const chair = turns.filter((t) => t.label === 'CHAIR ST. AMOUR');
      typed.forEach((q, i) => {
        const all = expectedHits(turns, q);
        const own = expectedHits(chair, q);
        expect(got[name][i], `${name}: ${JSON.stringify(q)}`).toEqual([all.matches, all.turns, own.matches, own.turns]);
      });
    }
    // The queries find something, so the check can fail.
    expect(got.sample.filter(([m]) => m > 0).length).toBeGreaterThan(typed.length / 2);
    expect(got.sample.filter(([, , m]) => m > 0).length).toBeGreaterThan(5);
  });
});

test.describe('the URL', () => {
  test('?q= follows the field; a reload restores the query and its count', async ({ page }) => {
    await openSample(page);
    await search(page, 'IPv6');
    await expect(count(page)).toHaveText('13 matches in 8 turns');
    await expect(page).toHaveURL(`${server.url}?q=IPv6`);
    await page.keyboard.type(' best');
    await expect(page).toHaveURL(`${server.url}?q=IPv6%20best`);
    const both = expectedHits(sampleTurns, 'IPv6 best');
    await expect(count(page)).toHaveText(says(both.matches, both.turns.length));

    await page.reload();
    await expect(turns(page)).toHaveCount(sampleTurns.length);
    await expect(field(page)).toHaveValue('IPv6 best');
    await expect(count(page)).toHaveText(says(both.matches, both.turns.length));
    expect(await rowTurns(page)).toEqual(both.turns);
    await expect(page).toHaveURL(`${server.url}?q=IPv6%20best`);
  });

  test('?speaker=&q=#t2 restores the filter, the query and the current turn', async ({ page }) => {
    const forum = expectedHits(sampleTurns.filter((t) => chairTurns.includes(t.n)), 'forum');
    expect(forum.turns.length).toBeGreaterThan(1);
    await openSample(page, '?speaker=chair-st-amour&q=forum#t2');
    await expect(field(page)).toHaveValue('forum');
    await expect(chairButton(page)).toHaveAttribute('aria-pressed', 'true');
    await expect(visibleTurns(page)).toHaveCount(chairTurns.length);
    await expect(page.locator('#t2')).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('#t2 h2')).toBeInViewport();
    await expect(count(page)).toHaveText(says(forum.matches, forum.turns.length));
    expect(await rowTurns(page)).toEqual(forum.turns);
    await expect(rows(page).locator('.who')).toHaveText(Array(forum.turns.length).fill(/^Chair St\. Amour · #\d+$/));
    await expect(page).toHaveURL(`${server.url}?speaker=chair-st-amour&q=forum#t2`);
  });

  test('a page opened with ?q= shows the highlights', async ({ page }) => {
    await openSample(page, '?q=IPv6');
    await expect(count(page)).toHaveText('13 matches in 8 turns');
    await expect(marks(page)).toHaveCount(13);
    await field(page).press('Enter');
    await expectCurrent(page, 1, 13, 8);

    const forum = expectedHits(sampleTurns.filter((t) => chairTurns.includes(t.n)), 'forum');
    await openSample(page, '?speaker=chair-st-amour&q=forum#t2');
    await expect(count(page)).toHaveText(says(forum.matches, forum.turns.length));
    await expect(marks(page)).toHaveCount(forum.matches);
    expect([...new Set(await markTurns(page))]).toEqual(forum.turns);
  });

  // A shared link with a huge query froze the tab (48 s for "the " x 2500):
  // repeated words are searched once, and a query past 32 terms or 1,000
  // bytes is searched for its first ones, and says so.
  test('a ?q= of thousands of words opens at once, searched for its first words', async ({ page }) => {
    await openSample(page, `?q=${encodeURIComponent('the '.repeat(2500))}`);
    await expect(count(page)).toHaveText(/^\d+ matches in \d+ turns \(the first 32 words searched\)$/);
    const words = sampleTurns.flatMap((t) => t.text.split(/\s+/)).filter(Boolean).slice(0, 1000);
    await openSample(page, `?q=${encodeURIComponent(words.join(' '))}`);
    await expect(count(page)).toHaveText(/\(the first 32 words searched\)$/);
  });
});

test.describe('next and previous', () => {
  test('Enter / Shift+Enter in the field and n / N outside it step through the matches, wrapping', async ({ page }) => {
    await openSample(page);
    await search(page, 'IPv6');
    await expect(count(page)).toHaveText('13 matches in 8 turns');
    await page.keyboard.press('Enter');
    await expectCurrent(page, 1, 13, 8);
    await page.keyboard.press('Enter');
    await expectCurrent(page, 2, 13, 8);
    await page.keyboard.press('Shift+Enter');
    await expectCurrent(page, 1, 13, 8);
    await page.keyboard.press('Shift+Enter');
    await expectCurrent(page, 13, 13, 8);
    await page.keyboard.press('Enter');
    await expectCurrent(page, 1, 13, 8);
    await expect(field(page)).toBeFocused();
    await expect(field(page)).toHaveValue('IPv6');

    // Outside the field: n and N do the same.
    await field(page).blur();
    await expect(field(page)).not.toBeFocused();
    await page.keyboard.press('n');
    await expectCurrent(page, 2, 13, 8);
    await page.keyboard.press('N');
    await expectCurrent(page, 1, 13, 8);
    await page.keyboard.press('N');
    await expectCurrent(page, 13, 13, 8);
    await page.keyboard.press('n');
    await expectCurrent(page, 1, 13, 8);
    // Neither key was typed anywhere.
    await expect(field(page)).toHaveValue('IPv6');
  });

  test('a speaker filter narrows the matches and restarts the count', async ({ page }) => {
    const chairIpv6 = expectedHits(sampleTurns.filter((t) => chairTurns.includes(t.n)), 'IPv6');
    await openSample(page);
    await search(page, 'IPv6');
    for (let i = 0; i < 10; i++) await page.keyboard.press('Enter');
    await expectCurrent(page, 10, 13, 8);
    await field(page).blur();
    await chairButton(page).click();
    await expect(visibleTurns(page)).toHaveCount(chairTurns.length);
    await expect(count(page)).toHaveText(says(chairIpv6.matches, chairIpv6.turns.length));
    await expect(marks(page)).toHaveCount(chairIpv6.matches);
    await page.keyboard.press('n');
    await expectCurrent(page, 1, chairIpv6.matches, chairIpv6.turns.length);
  });

  test('a word inside a phrase of the same query is one match, and every match can be current', async ({ page }) => {
    await openSample(page);
    await search(page, '"best practice" practice');
    await expect(count(page)).toHaveText(/^\d+ matches in \d+ turns$/);
    const total = Number((await count(page).textContent()).match(/^\d+/)[0]);
    await expect(marks(page)).toHaveCount(total);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(count(page)).toHaveText(new RegExp(`^2 of ${total} matches`));
    await expect(currentMark(page)).toHaveCount(1);
    await expect(currentMark(page)).toBeInViewport();
  });
});

test.describe('the results list', () => {
  test('one row per matching turn; choosing a row goes to that turn', async ({ page }) => {
    await openSample(page);
    await search(page, 'IPv6');
    await expect(results(page)).toBeVisible();
    await expect(results(page).getByRole('heading', { name: 'Results' })).toBeVisible();
    await expect(rows(page)).toHaveCount(IPV6.turns.length);
    expect(await rowTurns(page)).toEqual(IPV6.turns);
    // Speaker, turn number and a snippet with the match marked.
    const speakerOf = (n) => page.locator(`#t${n} h2 .who`).textContent();
    for (const [i, n] of IPV6.turns.entries()) {
      await expect(rows(page).nth(i).locator('.who')).toHaveText(`${await speakerOf(n)} · #${n}`);
      await expect(rows(page).nth(i).locator('.snippet mark')).toHaveText(/^ipv6$/i);
    }

    const n = IPV6.turns[5];
    await rows(page).nth(5).getByRole('button').click();
    await expect(page.locator(`#t${n}`)).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('article.turn[aria-current="true"]')).toHaveCount(1);
    await expect(page.locator(`#t${n} h2`)).toBeInViewport();
    await expect.poll(() => onTop(page.locator(`#t${n} h2`)), { message: 'the heading is not covered' }).toBe(true);
    await expect(page.locator(`#t${n}`)).toBeFocused();
    await expect(page).toHaveURL(`${server.url}?q=IPv6#t${n}`);
    // The search stays.
    await expect(field(page)).toHaveValue('IPv6');
    await expect(marks(page)).toHaveCount(13);
  });

  test('no match says "No matches" plainly', async ({ page }) => {
    await openSample(page);
    await search(page, 'zzyzx');
    await expect(count(page)).toHaveText('No matches');
    await expect(results(page)).toBeVisible();
    await expect(results(page).getByText('No matches.', { exact: true })).toBeVisible();
    await expect(rows(page)).toHaveCount(0);
    await expect(marks(page)).toHaveCount(0);
    await page.keyboard.press('Enter');
    await frames(page);
    await expect(count(page)).toHaveText('No matches');
    await expect(page).toHaveURL(`${server.url}?q=zzyzx`);
  });

  test('a large transcript lists 200 rows and says how many more', async ({ page }) => {
    test.setTimeout(45_000);
    const bigTurns = turnsOf(big);
    expect(bigTurns).toHaveLength(sampleTurns.length * 100);
    const want = expectedHits(bigTurns, 'ipv6');
    expect(want.turns.length).toBe(IPV6.turns.length * 100);
    await page.goto(`${server.url}?src=big.txt`);
    await expect(turns(page)).toHaveCount(bigTurns.length, { timeout: 20_000 });
    // One input event rather than four keystrokes: each would search 5,400 turns.
    await field(page).fill('ipv6');
    await expect(count(page)).toHaveText(says(want.matches, want.turns.length), { timeout: 15_000 });
    await expect(rows(page)).toHaveCount(200);
    await expect(results(page).getByText(`…and ${want.turns.length - 200} more turns.`, { exact: true })).toBeVisible();
    expect(await rowTurns(page)).toEqual(want.turns.slice(0, 200));
    await expect(marks(page)).toHaveCount(want.matches);
  });
});

test.describe('a large transcript still filling in', () => {
  // Its first groups of turns come first; the rest fill in the background.
  // Searching and moving to a far match must not wait for them, and no mark
  // may be lost on a turn that arrives later.
  test('search at once, jump to the last match, every mark painted', async ({ page }) => {
    test.setTimeout(45_000);
    const bigTurns = turnsOf(big);
    const want = expectedHits(bigTurns, 'ipv6');
    await page.goto(`${server.url}?src=big.txt`);
    await expect(page.locator('#t1 h2')).toBeVisible({ timeout: 20_000 });
    await field(page).fill('ipv6');
    await expect(count(page)).toHaveText(says(want.matches, want.turns.length), { timeout: 15_000 });
    // Shift+Enter from no current match: the last match, in the last turns
    // (most often not in the page yet: the annotation says).
    const before = await turns(page).count();
    test.info().annotations.push({ type: 'turns in the page', description: `${before} of ${bigTurns.length}` });
    console.log(`filling in: ${before} of ${bigTurns.length} turns in the page at Shift+Enter`);
    await field(page).press('Shift+Enter');
    await expect(count(page)).toHaveText(`${want.matches} of ${want.matches} matches in ${want.turns.length} turns`);
    const last = want.turns.at(-1);
    await expect(page.locator(`#t${last} mark.current`).first()).toBeInViewport();
    await expect(currentMark(page).first()).toHaveText(/^ipv6$/i);
    await expect(turns(page)).toHaveCount(bigTurns.length, { timeout: 30_000 });
    await expect(marks(page)).toHaveCount(want.matches, { timeout: 15_000 });
  });

  test('a speaker chosen at once shows their first turn', async ({ page }) => {
    test.setTimeout(45_000);
    await page.goto(`${server.url}?src=big.txt#t5300`);
    await expect(page.locator('#t5300 h2')).toBeInViewport({ timeout: 20_000 });
    await chairButton(page).click();
    await expect(page.locator(`#t${chairTurns[0]}`)).toBeFocused();
    await expect(page.locator(`#t${chairTurns[0]} h2`)).toBeInViewport();
  });
});

test.describe('a paragraph of 1 MB', () => {
  // Drawn in chunks, each repainted apart: a keystroke repaints those on
  // screen, the rest in the background. The page must still show the text
  // as written, every match marked exactly, and take Enter to a match far
  // down the paragraph.
  const p = (page) => page.locator('#t2-p1');
  /** Where each <mark> of the paragraph starts in its text (UTF-16 units), and its text. */
  const markedAt = (page) =>
    p(page).evaluate((el) => {
      const out = [];
      const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let at = 0, node; (node = walk.nextNode()); at += node.data.length) {
        if (node.parentElement.localName === 'mark') out.push([at, node.data]);
      }
      return out;
    });
  /** The starts of the marks in the viewport. */
  const onScreen = (page) =>
    p(page).evaluate((el) =>
      [...el.querySelectorAll('mark')].filter((m) => {
        const r = m.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      }).length,
    );

  test('typing marks the matches on screen, counts them all, and Enter goes far down', async ({ page }) => {
    test.setTimeout(60_000);
    // "the" at word starts: each is a match (a prefix, while typing), a few
    // on every screen.
    const starts = (word) => [...longLine.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${word}`, 'giu'))].map((m) => m.index);
    const want = starts('the');
    expect(want.length).toBeGreaterThan(10_000);
    expect(expectedHits(turnsOf(long), 'the').matches).toBe(want.length);
    await page.goto(`${server.url}?src=long.txt`);
    await expect(p(page)).toBeVisible({ timeout: 20_000 });
    // The text as written, in chunks (the first 32 KB at once, the rest in
    // the background).
    await expect.poll(() => p(page).textContent(), { timeout: 20_000 }).toBe(longLine);
    expect(await p(page).locator('> .chunk').count()).toBeGreaterThan(50);

    // A reader halfway down the paragraph searches: the marks on screen come
    // first, and every one painted is a match, exactly.
    await p(page).evaluate((el) => scrollTo(0, el.getBoundingClientRect().top + scrollY + el.offsetHeight / 2));
    await search(page, 'the');
    await expect(count(page)).toHaveText(says(want.length, 1));
    await expect.poll(() => onScreen(page)).toBeGreaterThan(0);
    const matches = new Set(want);
    const wrong = (await markedAt(page)).filter(([at, text]) => !matches.has(at) || !/^the$/i.test(text));
    expect(wrong).toEqual([]);
    // Then all of them.
    await expect(marks(page)).toHaveCount(want.length, { timeout: 15_000 });
    expect((await markedAt(page)).map(([at]) => at)).toEqual(want);

    // Shift+Enter from no current match: the last match, 1 MB down.
    await field(page).press('Shift+Enter');
    await expect(count(page)).toHaveText(`${want.length} of ${want.length} matches in 1 turn`);
    await expect(currentMark(page)).toHaveCount(1);
    await expect(currentMark(page)).toBeInViewport();
    expect(await currentIndex(page)).toBe(want.length - 1);
    await field(page).press('Shift+Enter');
    await expect(count(page)).toHaveText(`${want.length - 1} of ${want.length} matches in 1 turn`);
    await expect(currentMark(page)).toBeInViewport();
    expect(await currentIndex(page)).toBe(want.length - 2);
    // Enter twice wraps around to the first, at the top of the paragraph.
    await field(page).press('Enter');
    await field(page).press('Enter');
    await expect(count(page)).toHaveText(`1 of ${want.length} matches in 1 turn`);
    await expect(currentMark(page)).toBeInViewport();
    expect(await currentIndex(page)).toBe(0);

    // A narrower query repaints: the marks are still exact.
    await page.keyboard.type(' f');
    // ("the" is a whole word now.)
    const both = starts('(?:the(?![\\p{L}\\p{N}])|f)').length;
    expect(expectedHits(turnsOf(long), 'the f').matches).toBe(both);
    await expect(count(page)).toHaveText(says(both, 1));
    await expect(marks(page)).toHaveCount(both, { timeout: 15_000 });
    // The notes and uncertain words stay, and so does the text.
    const uncertain = longLine.split('Sivi (phonetic)').length - 1;
    await expect(p(page).locator('.uncertain')).toHaveCount(uncertain);
    await expect(p(page).locator('.uncertain')).toHaveText(Array(uncertain).fill('Sivi'));
    await expect(p(page).locator('.note[data-kind="phonetic"]')).toHaveCount(uncertain);
    const applause = longLine.split('[ Applause ]').length - 1;
    await expect(p(page).locator('.note[data-kind="applause"]')).toHaveCount(applause);
    expect(await p(page).textContent()).toBe(longLine);
  });
});

test.describe('matching rules', () => {
  test('case, accents, U+2011, U+00A0, notes, word order, phrases and prefixes', async ({ page }) => {
    await openRules(page);
    const paragraphs = await page.locator('#turns p').allTextContents();
    const q = async (query) => {
      await field(page).fill(query);
      const q = query.trim() ? `&q=${encodeURIComponent(query)}` : '';
      await expect(page).toHaveURL(`${server.url}?src=rules.txt${q}`);
    };

    // Accents and case, precomposed and combining.
    await search(page, 'sergio');
    await expect(count(page)).toHaveText('2 matches in 1 turn');
    await expect(marks(page)).toHaveText(['SÉRGIO', 'Se\u0301rgio']);
    await q('SÉRGIO');
    await expect(marks(page)).toHaveText(['SÉRGIO', 'Se\u0301rgio']);

    // U+2011 as a hyphen, U+00A0 as a space: the mark holds the text as written.
    await q('co-chair');
    await expect(marks(page)).toHaveText(['co\u2011chair']);
    await q('"co-chair of the"');
    await expect(count(page)).toHaveText('1 match in 1 turn');
    await expect(marks(page)).toHaveCount(1);
    expect(await marks(page).textContent()).toBe('co\u2011chair\u00a0of the');

    // Inside an annotation: the mark is inside the note's span.
    await q('applause');
    await expect(count(page)).toHaveText('1 match in 1 turn');
    await expect(page.locator('#t1 span.note mark')).toHaveText('Applause');
    await expect(marks(page)).toHaveCount(1);
    await expect(page.locator('#t1 p')).toHaveText('[ Applause ] thanks');

    // Several words: all of them, in any order.
    await q('forum best');
    await expect(count(page)).toHaveText('4 matches in 2 turns');
    expect(await rowTurns(page)).toEqual([3, 4]);
    await q('best forum');
    await expect(count(page)).toHaveText('4 matches in 2 turns');
    expect(await rowTurns(page)).toEqual([3, 4]);

    // Whole words, but the last one is a prefix while typing.
    await q('best practice');
    expect(await rowTurns(page)).toEqual([3, 5]);
    await q('bes');
    await expect(marks(page)).toHaveText(['bes', 'bes', 'bes', 'bes']);
    expect(await markTurns(page)).toEqual([3, 4, 5, 6]);
    await q('bes ');
    await expect(count(page)).toHaveText('No matches');
    await expect(marks(page)).toHaveCount(0);

    // A quoted phrase: exact and in order.
    await q('"best practice"');
    await expect(count(page)).toHaveText('1 match in 1 turn');
    await expect(marks(page)).toHaveText(['best practice']);
    expect(await markTurns(page)).toEqual([3]);
    await q('"practice best"');
    await expect(count(page)).toHaveText('No matches');

    // Painting never changed the text.
    await q('');
    await expect(marks(page)).toHaveCount(0);
    await expect(page.locator('#turns p')).toHaveText(paragraphs);
  });

  test('a phrase across the sample\'s no-break spaces marks them as written', async ({ page }) => {
    const written = sampleTurns[0].text.match(/Okay\.\s+Good morning/)[0];
    expect(written).toContain('\u00a0');
    await openSample(page);
    await search(page, '"okay. good morning"');
    await expect(count(page)).toHaveText('1 match in 1 turn');
    await expect(marks(page)).toHaveCount(1);
    expect(await marks(page).textContent()).toBe(written);
    await expect(page.locator('#t1 mark')).toHaveCount(1);
  });
});

test.describe('Esc', () => {
  test('in the field, clears the query', async ({ page }) => {
    await openSample(page);
    await search(page, 'IPv6');
    await expect(marks(page)).toHaveCount(13);
    await expect(page).toHaveURL(`${server.url}?q=IPv6`);
    await page.keyboard.press('Escape');
    await expect(field(page)).toHaveValue('');
    await expect(field(page)).toBeFocused();
    await expect(marks(page)).toHaveCount(0);
    await expect(count(page)).toHaveText('');
    await expect(results(page)).toHaveCount(0);
    await expect(page).toHaveURL(server.url);
  });

  test('outside the field, clears the query first, then the speaker filter', async ({ page }) => {
    await openSample(page, '?speaker=chair-st-amour');
    await expect(visibleTurns(page)).toHaveCount(chairTurns.length);
    await search(page, 'forum');
    const forum = expectedHits(sampleTurns.filter((t) => chairTurns.includes(t.n)), 'forum');
    await expect(count(page)).toHaveText(says(forum.matches, forum.turns.length));
    await expect(marks(page)).toHaveCount(forum.matches);
    await expect(page).toHaveURL(`${server.url}?speaker=chair-st-amour&q=forum`);
    await field(page).blur();

    await page.keyboard.press('Escape');
    await expect(field(page)).toHaveValue('');
    await expect(marks(page)).toHaveCount(0);
    await expect(page).toHaveURL(`${server.url}?speaker=chair-st-amour`);
    await frames(page);
    await expect(visibleTurns(page)).toHaveCount(chairTurns.length);
    await expect(chairButton(page)).toHaveAttribute('aria-pressed', 'true');

    await page.keyboard.press('Escape');
    await expect(visibleTurns(page)).toHaveCount(sampleTurns.length);
    await expect(chairButton(page)).toHaveAttribute('aria-pressed', 'false');
    await expect(page).toHaveURL(server.url);
  });
});

test.describe('fast typing', () => {
  test('a 30-character query typed with no delay ends consistent, without errors', async ({ page }) => {
    const query = 'the best practice forum on ipv';
    expect(query).toHaveLength(30);
    const want = expectedHits(sampleTurns, query);
    expect(want.matches).toBeGreaterThan(0);
    await openSample(page);
    await search(page, query, { delay: 0 });
    await expect(count(page)).toHaveText(says(want.matches, want.turns.length));
    await expect(marks(page)).toHaveCount(want.matches);
    expect([...new Set(await markTurns(page))]).toEqual(want.turns);
    expect(await rowTurns(page)).toEqual(want.turns);
    await expect(page).toHaveURL(`${server.url}?q=${encodeURIComponent(query)}`);
    // The fixture fails the test on any console or page error.
  });
});

test.describe('screenshots', () => {
  test('search with results, and with none', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openSample(page);
    await search(page, 'best practice');
    const want = expectedHits(sampleTurns, 'best practice');
    await expect(count(page)).toHaveText(says(want.matches, want.turns.length));
    await page.keyboard.press('Enter');
    await expect(count(page)).toHaveText(new RegExp(`^1 of ${want.matches} matches`));
    await expect(currentMark(page)).toBeInViewport();
    await frames(page);
    await shoot(page, 'search-results');

    await field(page).fill('zzyzx');
    await expect(count(page)).toHaveText('No matches');
    await expect(results(page).getByText('No matches.', { exact: true })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await frames(page);
    await shoot(page, 'search-none');
  });
});
