// Times, end to end: caption files (WebVTT, SRT) and a Podcasting 2.0 JSON
// transcript opened in the viewer show their speakers and each turn's time
// in the recording, never a timing line; `#t=12:34` and `?t=754` open the
// turn being spoken then (and the URL then reads that turn's anchor); a
// citation says the time. Screenshots at 1280 px and 375 px go to
// target/screenshots/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.js';
import { test, expect, shoot } from './fixtures.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('../../dist');
const corpus = (name) => readFileSync(here(`../data/corpus/other/${name}`));

/** `ms` as WebVTT writes it: `00:12:34.500`. */
const vttTime = (ms) => {
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  const s = Math.floor(ms / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(ms % 1000, 3)}`;
};

// Thirty cues 47 s apart (each starting 300 ms into its second), Ana and
// Ben in turn, so each is a turn of its own: turn n starts at
// (n - 1) * 47.3 s, shown as its second. Then one past an hour: turn 31.
const START = (n) => (n - 1) * 47_000 + 300;
const cues = Array.from({ length: 30 }, (_, i) => [START(i + 1), i % 2 ? 'Ben' : 'Ana', `Point number ${i + 1}. ${'More words to read here. '.repeat(8)}`]);
cues.push([3_723_400, 'Ana', 'Closing the meeting.']);
const TIMED = `WEBVTT\n\n${cues
  .map(([ms, who, text]) => `${vttTime(ms)} --> ${vttTime(ms + 40_000)}\n<v ${who}>${text}`)
  .join('\n\n')}\n`;

let server;
test.beforeAll(async () => {
  server = await startServer({
    root: dist,
    files: {
      'timed.vtt': TIMED,
      'untimed.txt': 'A meeting\n\n>>CHAIR: Welcome.\n\n>>ANA: Thank you.\n',
    },
  });
});
test.afterAll(async () => server.close());

const turns = (page) => page.locator('article.turn');
const status = (page) => page.locator('p.status[role=status]');
const current = (page) => page.locator('article.turn[aria-current="true"]');
const speakerNames = (page) => page.locator('nav.speakers li .name');
const fileInput = (page) => page.locator('label', { hasText: 'Open file' }).locator('input[type=file]');
/** The time shown in turn `n`'s heading. */
const timeOf = (page, n) => page.locator(`#t${n} .turn-head time`);
/** The first turn spoken by `name`. */
const turnOf = (page, name) => turns(page).filter({ has: page.locator('.who', { hasText: name }) }).first();

/** Turn `n` is the current one, its start is on screen, and it has focus. */
async function expectAt(page, n) {
  const turn = page.locator(`#t${n}`);
  await expect(turn).toHaveAttribute('aria-current', 'true');
  await expect(current(page)).toHaveCount(1);
  await expect(turn.locator('h2')).toBeInViewport();
  await expect(turn).toBeFocused();
}

/** Opens `name` (bytes of the corpus) through the Open file control, over the sample. */
async function openFile(page, name, mimeType) {
  await page.goto(server.url);
  await expect(page.locator('#t1')).toBeVisible();
  await fileInput(page).setInputFiles({ name, mimeType, buffer: corpus(name) });
  await expect(status(page)).toHaveText(/^Showing /);
}

/** What the turn list shows has no timing line, cue number or WEBVTT header. */
async function expectNoTimingLines(page) {
  const text = await page.locator('#turns').innerText();
  expect(text).not.toContain('-->');
  expect(text).not.toContain('WEBVTT');
  expect(text).not.toMatch(/\d\d:\d\d:\d\d[.,]\d\d\d/);
}

// Each file: its name, type, speakers, and the time of each one's first
// turn (as shown, and as ISO 8601 in datetime).
for (const { file, type, speakers } of [
  {
    file: 'podcastindex-example.vtt',
    type: 'text/vtt',
    speakers: [['Sarah', '0:00', 'PT0M0S'], ['Gillian', '0:19', 'PT0M19S']],
  },
  {
    file: 'podcastindex-example.srt',
    type: 'application/x-subrip',
    speakers: [['Travis', '0:00', 'PT0M0S'], ['Sarah', '0:53', 'PT0M53S'], ['Gilon', '3:39', 'PT3M39S']],
  },
  {
    file: 'podcastindex-example.json',
    type: 'application/json',
    speakers: [['Darth Vader', '0:00', 'PT0M0S'], ['Luke', '0:02', 'PT0M2S']],
  },
]) {
  test(`opening ${file} shows its speakers and times, and no timing lines`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openFile(page, file, type);
    // (The index lists speakers by their share of words.)
    await expect(speakerNames(page)).toHaveCount(speakers.length);
    const names = await speakerNames(page).allTextContents();
    expect(names.sort()).toEqual(speakers.map(([name]) => name).sort());
    for (const [name, shown, datetime] of speakers) {
      const time = turnOf(page, name).locator('.turn-head time');
      await expect(time).toHaveText(shown);
      await expect(time).toHaveAttribute('datetime', datetime);
    }
    // Every turn has its time.
    const count = await turns(page).count();
    await expect(page.locator('article.turn .turn-head time')).toHaveCount(count);
    await expectNoTimingLines(page);
    const ext = file.split('.').pop();
    await shoot(page, `times-${ext}-1280`);
    await page.setViewportSize({ width: 375, height: 740 });
    const second = turnOf(page, speakers[1][0]).locator('.turn-head');
    await second.scrollIntoViewIfNeeded();
    await expect(second.locator('time')).toBeInViewport();
    await shoot(page, `times-${ext}-375`);
  });
}

test('a transcript without times shows none', async ({ page }) => {
  await page.goto(`${server.url}?src=untimed.txt`);
  await expect(turns(page)).toHaveCount(2);
  await expect(page.locator('article.turn time')).toHaveCount(0);
});

test.describe('t= links', () => {
  test('#t=12:34 opens the turn being spoken then; the URL then reads its anchor', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // 12:34 (754 s) is inside turn 17 (752.3 s to 799.3 s).
    await page.goto(`${server.url}?src=timed.vtt#t=12:34`);
    await expect(turns(page)).toHaveCount(31);
    await expectAt(page, 17);
    await expect(timeOf(page, 17)).toHaveText('12:32');
    await expect(page).toHaveURL(`${server.url}?src=timed.vtt#t17`);
    await expectNoTimingLines(page);
    await shoot(page, 'times-opened-at-1280');
    await page.setViewportSize({ width: 375, height: 740 });
    await expect(page.locator('#t17 h2')).toBeInViewport();
    await shoot(page, 'times-opened-at-375');
  });

  test('a turn\'s shown time opens that turn, past an hour too', async ({ page }) => {
    // Turn 18 starts at 799.3 s, shown 13:19: its second opens it.
    for (const [address, n, shown] of [
      ['#t=13:19', 18, '13:19'],
      ['?t=799', 18, '13:19'],
      ['#t=13m19s', 18, '13:19'],
      ['?t=3723', 31, '1:02:03'],
      ['#t=1:02:03', 31, '1:02:03'],
      ['#t=1h2m3s', 31, '1:02:03'],
      // Before the first turn's second, and long after the last.
      ['#t=0', 1, '0:00'],
      ['#t=99:00:00', 31, '1:02:03'],
    ]) {
      const [search, hash] = address.startsWith('?') ? [`&${address.slice(1)}`, ''] : ['', address];
      await page.goto(`${server.url}?src=timed.vtt${search}${hash}`);
      await expect(turns(page)).toHaveCount(31);
      await expectAt(page, n);
      await expect(timeOf(page, n)).toHaveText(shown);
      await expect(page).toHaveURL(`${server.url}?src=timed.vtt#t${n}`);
    }
  });

  test('#t2 is a turn and #t=2 a time; a time in the page\'s fragment moves there', async ({ page }) => {
    await page.goto(`${server.url}?src=timed.vtt#t2`);
    await expect(turns(page)).toHaveCount(31);
    await expectAt(page, 2);
    // 2 s is in turn 1.
    await page.evaluate(() => (location.hash = 't=2'));
    await expectAt(page, 1);
    await expect(page).toHaveURL(`${server.url}?src=timed.vtt#t1`);
    await page.evaluate(() => (location.hash = 't=20:00'));
    // 1,200 s: turn 26 starts at 1,175.3 s.
    await expectAt(page, 26);
    await expect(page).toHaveURL(`${server.url}?src=timed.vtt#t26`);
    // A turn anchor still is one.
    await page.evaluate(() => (location.hash = 't20'));
    await expectAt(page, 20);
  });

  test('a time in a transcript without times opens nothing, and says so', async ({ page }) => {
    await page.goto(`${server.url}?src=untimed.txt#t=1:00`);
    await expect(turns(page)).toHaveCount(2);
    await expect(status(page)).toHaveText('This transcript has no times to open at 1:00.');
    await expect(current(page)).toHaveCount(0);
  });

  test('a citation of a timed turn says when it starts', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await page.goto(`${server.url}?src=timed.vtt#t18`);
    await expectAt(page, 18);
    await page.locator('#t18').getByRole('button', { name: 'Copy citation' }).click();
    // The styles' dialog, plain text first.
    await page.getByRole('dialog', { name: 'Cite this turn (turn 18)' }).getByRole('button', { name: 'Copy' }).click();
    await expect(status(page)).toHaveText('Citation to turn 18 copied.');
    const citation = await page.evaluate(() => navigator.clipboard.readText());
    expect(citation).toBe(`Ben, turn 18 at 13:19. ${server.url}?src=timed.vtt#t18`);
  });
});
