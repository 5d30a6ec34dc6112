// The viewer end to end, in Chromium, against the release build in dist/:
// every way of loading a transcript and every way that fails (keeping what was
// on screen), permalinks with back/forward, copying links and citations, the
// speaker filter, the keyboard, themes and print, and a very large transcript.
// Screenshots of the main states go to the test's output directory and to
// target/screenshots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.js';
import { test, expect, shoot } from './fixtures.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('../../dist');
const cases = here('../data/cases');
const caseFile = (name) => readFileSync(join(cases, name));

// What the sample must show, read from its text rather than from the parser:
// the first line is the title, each ">>" line starts a turn.
const sample = readFileSync(here('../../assets/sample.txt'), 'utf8');
const sampleTitle = sample.split('\n')[0].trim();
const turnLines = (text) => text.split('\n').filter((l) => /^\s*>>/.test(l));
const sampleTurns = turnLines(sample).length;
// Turn numbers spoken by the chair ("Chair St. Amour", id chair-st-amour).
const chairTurns = turnLines(sample)
  .map((l, i) => (/>>CHAIR ST\. AMOUR:/.test(l) ? i + 1 : 0))
  .filter(Boolean);

// The large transcript: the sample's header once, then its turns 100 times.
// (The sample's turns start with a no-break space before ">>".)
const firstTurnAt = sample.search(/^[^\S\n]*>>/m);
const sampleBody = sample.slice(firstTurnAt).trimEnd();
const big = `${sample.slice(0, firstTurnAt)}${Array(100).fill(sampleBody).join('\n\n')}\n`;
const bigTurns = turnLines(big).length;

// The first bytes of a PNG image: not a transcript.
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082',
  'hex',
);

// Cases of the parser's test corpus, with what they hold.
const HEADER_2016 = { file: 'header-2016.txt', title: 'IGF 2016 Second Open Consultations and MAG Meeting July 13', turns: 2 };
const MAR_2017 = { file: 'header-mar-2017.txt', title: 'IGF 2017 First Open Consultations and MAG Meeting', turns: 2 };
const PAGE_2019 = { file: 'page-2019.html', title: 'IGF 2019 – Day 2 – Saal Europa – Main Session Data Governance', turns: 3 };
const ROLE_LABELS = { file: 'role-labels.txt', title: 'IGF 2016 Second Open Consultations and MAG Meeting July 13', turns: 6 };
const TYPO_LABELS = { file: 'typo-labels.txt', title: 'IGF 2016 Second Open Consultations and MAG Meeting July 13', turns: 8 };

let server;
test.beforeAll(async () => {
  server = await startServer({
    root: dist,
    files: {
      [`cases/${HEADER_2016.file}`]: caseFile(HEADER_2016.file),
      'big.txt': big,
      'gone.txt': { status: 410, body: 'gone' },
    },
  });
});
test.afterAll(async () => server.close());

// Locators and checks used throughout.
const title = (page) => page.getByRole('heading', { level: 1 });
const turns = (page) => page.locator('article.turn');
const alertBox = (page) => page.getByRole('alert');
// The page's status line (the search field has a live count of its own).
const status = (page) => page.locator('p.status[role=status]');
const speakersNav = (page) => page.getByRole('navigation', { name: 'Speakers' });
const fileInput = (page) => page.locator('label', { hasText: 'Open file' }).locator('input[type=file]');
const current = (page) => page.locator('article.turn[aria-current="true"]');

async function openSample(page, path = '') {
  await page.goto(server.url + path);
  await expectShown(page, sampleTitle, sampleTurns);
}

async function expectShown(page, heading, count) {
  await expect(title(page)).toHaveText(heading);
  await expect(turns(page)).toHaveCount(count);
}

/** Turn `n` is the current one, its start is on screen, and it (or `focused`) has focus. */
async function expectAt(page, n, focused = `t${n}`) {
  const turn = page.locator(`#t${n}`);
  await expect(turn).toHaveAttribute('aria-current', 'true');
  await expect(current(page)).toHaveCount(1);
  await expect(turn.locator('h2')).toBeInViewport();
  await expect(page.locator(`#${focused}`)).toBeFocused();
}

async function openFile(page, name, buffer, mimeType = 'text/plain') {
  await fileInput(page).setInputFiles({ name, mimeType, buffer });
}

async function paste(page, text) {
  await page.getByRole('button', { name: 'Paste text' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste a transcript' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox').fill(text);
  await dialog.getByRole('button', { name: 'Show' }).click();
  return dialog;
}


/** Relative luminance (WCAG) of a CSS `rgb()`/`rgba()` colour. */
function luminance(css) {
  const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Waits for two animation frames: the app moves to a turn on the next frame. */
const frames = (page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

const bodyColours = (page) =>
  page.evaluate(() => {
    const s = getComputedStyle(document.body);
    return { bg: s.backgroundColor, fg: s.color };
  });

test.describe('loading', () => {
  test('the bundled sample by default', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openSample(page);
    expect(sampleTurns).toBe(54);
    await expect(title(page)).toHaveText('IGF 2016 First Open Consultations and MAG Meeting April 6');
    await expect(alertBox(page)).toBeHidden();
    // (The title isolated: a control in it cannot reorder the status.)
    await expect(status(page)).toHaveText(`Showing “\u2068${sampleTitle}\u2069”: ${sampleTurns} turns.`);
    await shoot(page, 'default-light');
  });

  test('?src= with a same-origin relative URL', async ({ page }) => {
    const requested = [];
    page.on('request', (req) => requested.push(new URL(req.url()).pathname));
    await page.goto(`${server.url}?src=cases/${HEADER_2016.file}`);
    await expectShown(page, HEADER_2016.title, HEADER_2016.turns);
    await expect(page).toHaveURL(`${server.url}?src=cases/${HEADER_2016.file}`);
    expect(requested).toContain(`/cases/${HEADER_2016.file}`);
    expect(requested).not.toContain('/sample.txt');
  });

  test('the file input, with a text file', async ({ page }) => {
    await openSample(page);
    await openFile(page, MAR_2017.file, caseFile(MAR_2017.file));
    await expectShown(page, MAR_2017.title, MAR_2017.turns);
    await expect(page.locator('.note-local')).toContainText(`Opened from the file ${MAR_2017.file}`);
    await expect(alertBox(page)).toBeHidden();
  });

  test('the file input, with a saved HTML page', async ({ page }) => {
    await openSample(page);
    await openFile(page, PAGE_2019.file, caseFile(PAGE_2019.file), 'text/html');
    await expectShown(page, PAGE_2019.title, PAGE_2019.turns);
    await expect(page.locator('#t1 h2')).toHaveText('Moderator');
    // Markup in the page is text, never HTML.
    await expect(page.locator('#t2-p1')).toContainText('Data flows <and> trust go together.');
  });

  test('dropping a file on the page', async ({ page }) => {
    await openSample(page);
    const text = caseFile(ROLE_LABELS.file).toString('utf8');
    const dataTransfer = await page.evaluateHandle(({ text, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/plain' }));
      return dt;
    }, { text, name: ROLE_LABELS.file });
    await page.dispatchEvent('body', 'dragover', { dataTransfer });
    await page.dispatchEvent('body', 'drop', { dataTransfer });
    await expectShown(page, ROLE_LABELS.title, ROLE_LABELS.turns);
    await expect(page.locator('.note-local')).toContainText(`Opened from the file ${ROLE_LABELS.file}`);
  });

  test('pasting text', async ({ page }) => {
    await openSample(page);
    const dialog = await paste(page, caseFile(TYPO_LABELS.file).toString('utf8'));
    await expect(dialog).toBeHidden();
    await expectShown(page, TYPO_LABELS.title, TYPO_LABELS.turns);
    await expect(page.locator('.note-local')).toContainText('Pasted text');
  });
});

test.describe('failures', () => {
  test.describe('an initial ?src= that the server does not have', () => {
    // Chromium logs each failed fetch as a console error: only those are allowed.
    test.use({ expectedConsoleErrors: [/^Failed to load resource: the server responded with a status of (404|410)/] });
    test('says HTTP 404 in plain words', async ({ page }) => {
      await page.goto(`${server.url}?src=missing.txt`);
      await expect(alertBox(page)).toBeVisible();
      await expect(alertBox(page)).toContainText('Could not load the transcript from missing.txt');
      await expect(alertBox(page)).toContainText('404');
      await expect(turns(page)).toHaveCount(0);
      await expect(status(page)).toHaveText('');
    });

    test('says other HTTP errors by their status', async ({ page }) => {
      await page.goto(`${server.url}?src=gone.txt`);
      await expect(alertBox(page)).toContainText('Could not load the transcript from gone.txt');
      await expect(alertBox(page)).toContainText('HTTP 410');
      await expect(turns(page)).toHaveCount(0);
    });
  });

  for (const src of ['javascript:alert(1)', 'data:text/plain,x', 'file:///etc/passwd', encodeURIComponent('JavaScript:alert(1)')]) {
    test(`refuses ?src=${src}`, async ({ page }) => {
      const requested = [];
      const dialogs = [];
      page.on('request', (req) => requested.push(req.url()));
      page.on('dialog', async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      await page.goto(`${server.url}?src=${src}`);
      await expect(alertBox(page)).toBeVisible();
      await expect(alertBox(page)).toContainText('Floor only opens transcripts from http: or https: addresses');
      await expect(turns(page)).toHaveCount(0);
      // Nothing was fetched for it: only the app's own files.
      for (const url of requested) {
        expect(url.startsWith(server.origin), url).toBe(true);
        expect(url.endsWith('.txt'), url).toBe(false);
      }
      expect(dialogs, 'no script ran from the address').toEqual([]);
    });
  }

  test('a binary file keeps the transcript on screen', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openSample(page);
    await openFile(page, 'photo.png', png, 'image/png');
    await expect(alertBox(page)).toBeVisible();
    await expect(alertBox(page)).toContainText('not a transcript');
    await expect(alertBox(page)).toContainText('PNG');
    await expectShown(page, sampleTitle, sampleTurns);
    await expect(page.locator('.note-local')).toHaveCount(0);
    await shoot(page, 'alert');
    // The next good file replaces both.
    await openFile(page, MAR_2017.file, caseFile(MAR_2017.file));
    await expectShown(page, MAR_2017.title, MAR_2017.turns);
    await expect(alertBox(page)).toBeHidden();
  });

  test('an empty paste keeps the transcript on screen', async ({ page }) => {
    await openSample(page);
    await paste(page, '  \n ');
    await expect(alertBox(page)).toBeVisible();
    await expect(alertBox(page)).toContainText('Nothing was pasted');
    await expect(page.getByRole('dialog', { name: 'Paste a transcript' })).toBeHidden();
    await expectShown(page, sampleTitle, sampleTurns);
    await expect(alertBox(page)).toBeVisible();
    await alertBox(page).getByRole('button', { name: 'Dismiss' }).click();
    await expect(alertBox(page)).toBeHidden();
  });

  test('the message of an empty paste is not hidden behind the paste dialog', async ({ page }) => {
    await openSample(page);
    await paste(page, '');
    await expect(page.getByText('Nothing was pasted').first()).toBeAttached();
    // While a modal dialog is open, everything outside it is inert: Chromium
    // leaves it out of the accessibility tree (so a screen reader does not
    // announce it) and it sits under the backdrop. The message must be where
    // the reader is: inside the open dialog, or with the dialog closed.
    const cdp = await page.context().newCDPSession(page);
    await expect
      .poll(async () => {
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        return nodes.some((n) => !n.ignored && (n.name?.value ?? '').includes('Nothing was pasted'));
      }, { message: 'the message is in the accessibility tree' })
      .toBe(true);
  });
});

test.describe('permalinks', () => {
  test('#t5 opens at turn 5, focused', async ({ page }) => {
    await openSample(page, '#t5');
    await expectAt(page, 5);
    await expect(page).toHaveURL(`${server.url}#t5`);
  });

  test('#t2-p2 opens at the paragraph', async ({ page }) => {
    await openSample(page, '#t2-p2');
    await expect(page.locator('#t2')).toHaveAttribute('aria-current', 'true');
    await expect(current(page)).toHaveCount(1);
    await expect(page.locator('#t2-p2')).toBeInViewport();
    await expect(page.locator('#t2-p2')).toBeFocused();
    await expect(page).toHaveURL(`${server.url}#t2-p2`);
  });

  test('a link to a paragraph that is not there opens at its turn', async ({ page }) => {
    // Turn 30 has one paragraph: a link to a second one (from another
    // version of the transcript, say) still brings the reader to the turn.
    await openSample(page, '#t30-p2');
    await expect(page.locator('#t30 p')).toHaveCount(1);
    await expectAt(page, 30);
  });

  test('a link to a paragraph far into a long turn opens there', async ({ page }) => {
    // Text without markers is one turn; 3,000 paragraphs (about 190 KB) are
    // drawn 32 KB at a time: the one linked to is drawn first.
    const paragraphs = Array.from({ length: 3000 }, (_, i) => `Paragraph ${i + 1} of the minutes, as the secretary wrote it.`);
    server.files.set('minutes.txt', `Minutes\n\n${paragraphs.join('\n\n')}\n`);
    await page.goto(`${server.url}?src=minutes.txt#t1-p2900`);
    await expect(page.locator('#t1-p2900')).toHaveText(paragraphs[2899]);
    await expect(page.locator('#t1-p2900')).toBeInViewport();
    await expect(page.locator('#t1-p2900')).toBeFocused();
    // Then the rest, every paragraph once and in order.
    await expect(page.locator('#t1 p')).toHaveCount(3000, { timeout: 20_000 });
    expect(await page.locator('#t1 p').allTextContents()).toEqual(paragraphs);
  });

  test('turn-number links, back and forward', async ({ page }) => {
    await openSample(page, '#t5');
    await expectAt(page, 5);
    await page.locator('#t7').getByRole('link', { name: 'Turn 7, link' }).click();
    await expect(page).toHaveURL(`${server.url}#t7`);
    await expectAt(page, 7);
    await page.goBack();
    await expect(page).toHaveURL(`${server.url}#t5`);
    await expectAt(page, 5);
    await page.goForward();
    await expect(page).toHaveURL(`${server.url}#t7`);
    await expectAt(page, 7);
  });
});

test.describe('copying', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  });
  const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

  // An unclosed right-to-left override in the text stays in the text: it
  // reversed the status line, the results' snippets and copied citations.
  test('bidi controls in the text reach neither the status, nor the snippets, nor a citation', async ({ page }) => {
    server.files.set('bidi.txt', 'Rates \u202eup\n\n>>CHAIR: Pay \u202e12345 now.\n\n>>B: Thank you.\n');
    await page.goto(`${server.url}?src=bidi.txt`);
    await expect(page.locator('article.turn')).toHaveCount(2);
    await expect(status(page)).toHaveText('Showing “\u2068Rates \u202eup\u2069”: 2 turns.');
    await page.getByRole('searchbox', { name: 'Search' }).fill('12345');
    const snippet = page.locator('.results .snippet');
    await expect(snippet).toHaveText('Pay 12345 now.');
    await expect(snippet.locator('mark')).toHaveText('12345');
    // Shown left to right: "Pay" before the number.
    const [pay, number] = await snippet.evaluate((s) => {
      const r = document.createRange();
      r.setStart(s.firstChild, 0);
      r.setEnd(s.firstChild, 3);
      return [r.getBoundingClientRect().left, s.querySelector('mark').getBoundingClientRect().left];
    });
    expect(pay).toBeLessThan(number);
    await page.locator('#t1').getByRole('button', { name: 'Copy citation' }).click();
    await page.getByRole('dialog', { name: 'Cite this turn (turn 1)' }).getByRole('button', { name: 'Copy' }).click();
    await expect(status(page)).toHaveText('Citation to turn 1 copied.');
    const citation = await clipboard(page);
    expect(citation.startsWith('Chair, “Rates up”, turn 1.'), citation).toBe(true);
  });

  test('a link and a citation to a turn of the sample', async ({ page }) => {
    await openSample(page);
    await page.locator('#t3').getByRole('button', { name: 'Copy link' }).click();
    await expect(status(page)).toHaveText('Link to turn 3 copied.');
    expect(await clipboard(page)).toBe(`${server.url}#t3`);

    await expect(page.locator('#t2 h2')).toHaveText('Chair St. Amour');
    await page.locator('#t2').getByRole('button', { name: 'Copy citation' }).click();
    await page.getByRole('dialog', { name: 'Cite this turn (turn 2)' }).getByRole('button', { name: 'Copy' }).click();
    await expect(status(page)).toHaveText('Citation to turn 2 copied.');
    const citation = await clipboard(page);
    expect(citation).not.toContain('\n');
    expect(citation.startsWith(`Chair St. Amour, “${sampleTitle}”, 2016-04-06, turn 2.`), citation).toBe(true);
    expect(citation.endsWith(` ${server.url}#t2`), citation).toBe(true);
  });

  test('a link to a transcript from ?src= keeps the src, and opens it', async ({ page }) => {
    await page.goto(`${server.url}?src=cases/${HEADER_2016.file}`);
    await expectShown(page, HEADER_2016.title, HEADER_2016.turns);
    await page.locator('#t2').getByRole('button', { name: 'Copy link' }).click();
    await expect(status(page)).toHaveText('Link to turn 2 copied.');
    const link = await clipboard(page);
    expect(link).toContain('?src=');
    expect(link).toBe(`${server.url}?src=${encodeURIComponent(`cases/${HEADER_2016.file}`)}#t2`);
    await page.goto(link);
    await expectShown(page, HEADER_2016.title, HEADER_2016.turns);
    await expectAt(page, 2);
  });

  test('a link to a turn of a local file says it needs the same file', async ({ page }) => {
    await openSample(page);
    await openFile(page, MAR_2017.file, caseFile(MAR_2017.file));
    await expectShown(page, MAR_2017.title, MAR_2017.turns);
    await page.locator('#t1').getByRole('button', { name: 'Copy link' }).click();
    await expect(status(page)).toContainText('Link to turn 1 copied.');
    await expect(status(page)).toContainText('only works for someone who opens the same file');
    expect(await clipboard(page)).toBe(`${server.url}#t1`);
  });
});

test.describe('speaker filter', () => {
  const chair = (page) => speakersNav(page).getByRole('button', { name: /^Chair St\. Amour/ });
  const visibleTurns = (page) => page.locator('article.turn:visible');

  test('choosing a speaker shows only their turns; "Show all speakers" and Esc clear it', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openSample(page);
    expect(chairTurns).toHaveLength(24);
    await chair(page).click();
    await expect(page).toHaveURL(`${server.url}?speaker=chair-st-amour`);
    await expect(visibleTurns(page)).toHaveCount(24);
    const shown = await visibleTurns(page).evaluateAll((els) => els.map((e) => Number(e.id.slice(1))));
    expect(shown).toEqual(chairTurns);
    await expect(chair(page)).toHaveAttribute('aria-pressed', 'true');
    await expect(speakersNav(page).locator('.filter-state')).toHaveText('Showing only turns by Chair St. Amour.');
    await shoot(page, 'speaker-filter');

    await speakersNav(page).getByRole('button', { name: 'Show all speakers' }).click();
    await expect(visibleTurns(page)).toHaveCount(sampleTurns);
    await expect(page).toHaveURL(server.url);
    await expect(chair(page)).toHaveAttribute('aria-pressed', 'false');
    await expect(speakersNav(page).locator('.filter-state')).toHaveText('Showing all turns.');

    await chair(page).click();
    await expect(visibleTurns(page)).toHaveCount(24);
    await page.keyboard.press('Escape');
    await expect(visibleTurns(page)).toHaveCount(sampleTurns);
    await expect(page).toHaveURL(server.url);
  });

  test('"Show in context" clears the filter at that turn', async ({ page }) => {
    await openSample(page);
    await chair(page).click();
    await expect(visibleTurns(page)).toHaveCount(24);
    const n = chairTurns[5];
    await page.locator(`#t${n}`).getByRole('button', { name: 'Show in context' }).click();
    await expect(visibleTurns(page)).toHaveCount(sampleTurns);
    await expect(page).toHaveURL(`${server.url}#t${n}`);
    await expectAt(page, n);
    await expect(page.getByRole('button', { name: 'Show in context' })).toHaveCount(0);
  });

  test('?speaker= with a permalink restores the filter', async ({ page }) => {
    await page.goto(`${server.url}?speaker=chair-st-amour#t2`);
    await expect(title(page)).toHaveText(sampleTitle);
    await expect(visibleTurns(page)).toHaveCount(24);
    await expect(chair(page)).toHaveAttribute('aria-pressed', 'true');
    await expectAt(page, 2);
    await expect(page).toHaveURL(`${server.url}?speaker=chair-st-amour#t2`);
  });
});

test.describe('keyboard', () => {
  test('j and k step through turns, ] and [ through the same speaker', async ({ page }) => {
    await openSample(page);
    await expect(current(page)).toHaveCount(0);
    await page.keyboard.press('j');
    await expectAt(page, 1);
    expect(await page.evaluate(() => document.activeElement.id)).toBe('t1');
    expect(await page.evaluate(() => document.activeElement.matches(':focus-visible'))).toBe(true);
    await expect(page).toHaveURL(`${server.url}#t1`);
    await page.keyboard.press('j');
    await expectAt(page, 2);
    await page.keyboard.press('k');
    await expectAt(page, 1);
    await page.keyboard.press('j');
    await expectAt(page, 2);
    expect(chairTurns[0]).toBe(2);
    await page.keyboard.press(']');
    await expectAt(page, chairTurns[1]);
    await page.keyboard.press(']');
    await expectAt(page, chairTurns[2]);
    await page.keyboard.press('[');
    await expectAt(page, chairTurns[1]);
    await page.keyboard.press('[');
    await expectAt(page, 2);
    await expect(page).toHaveURL(`${server.url}#t2`);
  });

  test('? opens the help, Esc closes it', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openSample(page);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard' });
    await expect(help).toBeVisible();
    await expect(help.locator('kbd')).toHaveText(['j', 'k', ']', '[', '/', 'Enter, Shift+Enter', 'n, N', 'Esc', 'q', '?', 'p', ', .', 'f']);
    await expect(help).toContainText('next turn by the same speaker');
    await shoot(page, 'help');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    // The "Keys" button opens it too.
    await page.getByRole('button', { name: 'Keys' }).click();
    await expect(help).toBeVisible();
    await help.getByRole('button', { name: 'Close' }).click();
    await expect(help).toBeHidden();
  });

  test('Esc closes the help without clearing the speaker filter', async ({ page }) => {
    await page.goto(`${server.url}?speaker=chair-st-amour`);
    await expect(page.locator('article.turn:visible')).toHaveCount(24);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard' });
    await expect(help).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    await frames(page);
    await expect(page.locator('article.turn:visible')).toHaveCount(24);
    await expect(page).toHaveURL(`${server.url}?speaker=chair-st-amour`);
  });

  test('keys do not move the transcript behind an open dialog', async ({ page }) => {
    await openSample(page);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard' });
    await expect(help).toBeVisible();
    await page.keyboard.press('j');
    await page.keyboard.press(']');
    await frames(page);
    await expect(help).toBeVisible();
    await expect(current(page)).toHaveCount(0);
    await expect(page).toHaveURL(server.url);
  });

  test('keys typed in the paste box do not navigate', async ({ page }) => {
    await openSample(page);
    await page.getByRole('button', { name: 'Paste text' }).click();
    const box = page.getByRole('dialog', { name: 'Paste a transcript' }).getByRole('textbox');
    await box.click();
    await page.keyboard.type('jj]k[?');
    await expect(box).toHaveValue('jj]k[?');
    await frames(page);
    await expect(page.getByRole('dialog', { name: 'Keyboard' })).toBeHidden();
    await expect(current(page)).toHaveCount(0);
    await expect(page).toHaveURL(server.url);
  });
});

test.describe('themes and print', () => {
  test('dark when the system is dark', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openSample(page);
    const { bg, fg } = await bodyColours(page);
    expect(luminance(bg), bg).toBeLessThan(0.2);
    expect(luminance(fg), fg).toBeGreaterThan(0.6);
    await page.keyboard.press('j');
    await expectAt(page, 1);
    await shoot(page, 'dark');
  });

  test('the theme button cycles system, light, dark and is remembered', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openSample(page);
    const theme = page.getByRole('toolbar').getByRole('button', { name: /^Theme:/ });
    const bgLuminance = async () => luminance((await bodyColours(page)).bg);
    await expect(theme).toHaveText('Theme: system');
    expect(await bgLuminance()).toBeGreaterThan(0.8);
    await theme.click();
    await expect(theme).toHaveText('Theme: light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await theme.click();
    await expect(theme).toHaveText('Theme: dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await bgLuminance()).toBeLessThan(0.2);
    expect(await page.evaluate(() => localStorage.getItem('floor-theme'))).toBe('dark');

    await page.reload();
    await expectShown(page, sampleTitle, sampleTurns);
    await expect(theme).toHaveText('Theme: dark');
    expect(await bgLuminance()).toBeLessThan(0.2);

    // Light wins over a dark system, and "system" follows it again.
    await page.emulateMedia({ colorScheme: 'dark' });
    await theme.click();
    await expect(theme).toHaveText('Theme: system');
    expect(await page.evaluate(() => localStorage.getItem('floor-theme'))).toBeNull();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
    expect(await bgLuminance()).toBeLessThan(0.2);
    await theme.click();
    await expect(theme).toHaveText('Theme: light');
    expect(await bgLuminance()).toBeGreaterThan(0.8);
    await page.reload();
    await expect(theme).toHaveText('Theme: light');
    expect(await bgLuminance()).toBeGreaterThan(0.8);
  });

  test('print shows the transcript without the controls', async ({ page }) => {
    await openSample(page, '#t2');
    await expectAt(page, 2);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('toolbar')).toBeHidden();
    await expect(speakersNav(page)).toBeHidden();
    // Hidden buttons leave the accessibility tree: find them by their markup.
    const copyButtons = page.locator('article.turn button[data-action]');
    await expect(copyButtons).toHaveCount(sampleTurns * 3);
    await expect(page.locator('article.turn button:visible')).toHaveCount(0);
    await expect(title(page)).toBeVisible();
    for (const n of [1, 2, sampleTurns]) {
      await expect(page.locator(`#t${n} h2`)).toBeVisible();
      await expect(page.locator(`#t${n} .num`)).toBeVisible();
      await expect(page.locator(`#t${n} .num`)).toHaveText(`#${n}`);
    }
    await expect(page.locator('#t1 h2')).toHaveText('Chengetai Masango');
    const { bg, fg } = await bodyColours(page);
    expect(luminance(bg)).toBeGreaterThan(0.95);
    expect(luminance(fg)).toBeLessThan(0.05);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'print');
  });

  test('print includes the disclaimer text', async ({ page }) => {
    await openSample(page);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.disclaimer')).toContainText('should not be treated as an authoritative record');
    await expect(page.locator('.disclaimer p')).toBeVisible();
  });

  test('print does not draw the focus ring of the current turn', async ({ page }) => {
    await openSample(page);
    await page.keyboard.press('j');
    await expectAt(page, 1);
    expect(await page.evaluate(() => document.activeElement.matches(':focus-visible'))).toBe(true);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('toolbar')).toBeHidden();
    expect(await page.locator('#t1').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
  });

  test('a phone-width screen (360 px) does not scroll sideways', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 360, height: 740 });
    await openSample(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The speaker index starts folded above the text.
    await expect(speakersNav(page).locator('details')).not.toHaveAttribute('open', /.*/);
    await expect(page.locator('#t1 h2')).toBeInViewport();
    await shoot(page, 'phone-360');
  });
});

test.describe('a large transcript', () => {
  test(`${bigTurns} turns from ?src=, opened at #t5000`, async ({ page }) => {
    test.setTimeout(60_000);
    expect(bigTurns).toBe(sampleTurns * 100);
    const started = Date.now();
    await page.goto(`${server.url}?src=big.txt#t5000`);
    // Polled on every frame: the page's clock (from navigation start) at the
    // first frame where turn 5000 is current and its heading on screen.
    const seen = await page.waitForFunction(
      () => {
        const h = document.querySelector('#t5000[aria-current="true"] h2');
        if (!h) return false;
        const r = h.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight && Math.round(performance.now());
      },
      null,
      { polling: 'raf', timeout: 30_000 },
    );
    const inPage = await seen.jsonValue();
    const wall = Date.now() - started;
    const t5000 = page.locator('#t5000');
    await expect(t5000).toHaveAttribute('aria-current', 'true');
    await expect(t5000.locator('h2')).toBeInViewport();
    // Turn 5000's group came first; the others fill in the background.
    const articles = await page.locator('article').count();
    expect(articles).toBeLessThan(bigTurns);
    await expect(t5000).toBeFocused();
    await expect(page.locator('article')).toHaveCount(bigTurns, { timeout: 30_000 });
    await expect(t5000.locator('h2')).toBeInViewport();
    await expect(t5000).toBeFocused();
    const figures = `t5000 current and on screen ${inPage} ms after navigation start (page clock; ${wall} ms from page.goto as the test saw it), with ${articles} of ${bigTurns} <article> elements in the page; ${(big.length / 1e6).toFixed(1)} MB`;
    console.log(`large transcript: ${figures}`);
    test.info().annotations.push({ type: 'timing', description: figures });

    // From the keydown to the first frame where t5001 is current, on the page's clock.
    await page.evaluate(() => {
      addEventListener('keydown', () => (window.jPressedAt = performance.now()), { capture: true, once: true });
    });
    await page.keyboard.press('j');
    const jTime = await (
      await page.waitForFunction(
        () => document.querySelector('#t5001[aria-current="true"]') && Math.round(performance.now() - window.jPressedAt),
        null,
        { polling: 'raf' },
      )
    ).jsonValue();
    await expectAt(page, 5001);
    console.log(`large transcript: j to t5001 in ${jTime} ms`);
    test.info().annotations.push({ type: 'timing', description: `j from t5000 to t5001: ${jTime} ms` });
  });
});
