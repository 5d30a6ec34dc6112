// The recording beside the transcript, end to end: `?media=` plays it in
// the viewer, a turn's time plays it from there, the turn being spoken is
// marked aria-current="time" and followed until the reader scrolls away
// ("Follow" and `f` take it up again), the keys play, pause and step; the
// host page's own player (`data-floor-media`) and a framing page's
// (`floor:time` in, `floor:seek` out). Then alignment: `?captions=`, "Add
// captions" (a file chosen, dropped or pasted), captions of another meeting,
// and the JS API's align(). Screenshots at 1280 px and 375 px go to
// target/screenshots/.
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './static-server.js';
import { test, expect, shoot } from './fixtures.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('../../dist');

/** `ms` as WebVTT writes it: `00:12:34.500`. */
const vttTime = (ms) => {
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  const s = Math.floor(ms / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(ms % 1000, 3)}`;
};

/** Seconds of silence as a WAV file (8 kHz, 8 bits, mono). */
function wav(seconds) {
  const rate = 8000;
  const n = rate * seconds;
  const b = Buffer.alloc(44 + n, 128);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate, 28);
  b.writeUInt16LE(1, 32);
  b.writeUInt16LE(8, 34);
  b.write('data', 36);
  b.writeUInt32LE(n, 40);
  return b;
}

// Thirty turns of made-up words (a fixed seed), Ana and Ben in turn; turn n
// starts at START(n) in the recording, in cues of eight words 2.5 s long.
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
const SYLLABLES = ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'to', 'vu', 'ze'];
const VOCABULARY = Array.from({ length: 400 }, (_, i) => SYLLABLES[i % 10] + SYLLABLES[Math.floor(i / 10) % 10] + SYLLABLES[Math.floor(i / 100)]);
const TURNS = 30;
const START = (n) => (n - 1) * 20_000 + 300;
const words = Array.from({ length: TURNS }, () => Array.from({ length: 48 }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]));
const who = (i) => (i % 2 ? 'Ben' : 'Ana');
const cues = words.flatMap((w, i) =>
  Array.from({ length: 6 }, (_, c) => [START(i + 1) + c * 2_500, who(i), w.slice(c * 8, c * 8 + 8).join(' ')]),
);
const TIMED = `WEBVTT\n\n${cues.map(([ms, name, text]) => `${vttTime(ms)} --> ${vttTime(ms + 2_400)}\n<v ${name}>${text}`).join('\n\n')}\n`;
// The same turns as an IGF transcript without times, and their captions as
// speech recognition writes them: no speakers, lower case.
const UNTIMED = `Session on made-up words\n\n${words.map((w, i) => `>>${who(i).toUpperCase()}: ${w.join(' ')}.`).join('\n\n')}\n`;
const CAPTIONS = `WEBVTT\n\n${cues.map(([ms, , text]) => `${vttTime(ms)} --> ${vttTime(ms + 2_400)}\n${text}`).join('\n\n')}\n`;
// Captions of another meeting: other words altogether.
const OTHER = `WEBVTT\n\n${Array.from({ length: 60 }, (_, i) => `${vttTime(i * 3_000)} --> ${vttTime(i * 3_000 + 2_900)}\nquite another meeting number ${i} where nobody speaks of the same things`).join('\n\n')}\n`;

/** axe (WCAG 2.x A and AA, and best practices) finds nothing in the page as it is now. */
async function expectAccessible(page, state) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const found = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, `axe in "${state}"`).toEqual([]);
}

let server;
test.beforeAll(async () => {
  server = await startServer({
    root: dist,
    files: {
      'talk.wav': wav(640),
      'timed.vtt': TIMED,
      'untimed.txt': UNTIMED,
      'captions.vtt': CAPTIONS,
      'other.vtt': OTHER,
      'host.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A session</title></head><body><main>
        <h1>A session</h1><audio id="player" controls preload="auto" src="talk.wav"></audio>
        <div data-floor-src="timed.vtt" data-floor-media="#player"></div></main>
        <script type="module" src="floor.js"></script></body></html>`,
      'nowhere.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A session</title></head><body><main>
        <div data-floor-src="timed.vtt" data-floor-media="#nothing"></div></main>
        <script type="module" src="floor.js"></script></body></html>`,
    },
  });
});
test.afterAll(async () => server.close());

const status = (page) => page.locator('p.status[role=status]');
const alertBox = (page) => page.locator('.alert[role=alert]');
const spoken = (page) => page.locator('article.turn[aria-current="time"]');
const follow = (page) => page.getByRole('button', { name: 'Follow' });
const player = (page) => page.locator('section.player audio');
/** The player's time, in seconds. */
const playerTime = (page) => player(page).evaluate((a) => a.currentTime);
/** Puts the player at `seconds` (paused), as the reader dragging its bar would. */
const setTime = (page, seconds) => player(page).evaluate((a, s) => a.pause() || (a.currentTime = s), seconds);

async function openWithMedia(page) {
  await page.goto(`${server.url}?src=timed.vtt&media=talk.wav`);
  await expect(page.locator(`#t${TURNS}`)).toBeAttached();
  await expect(player(page)).toBeVisible();
  await expect.poll(() => player(page).evaluate((a) => a.readyState)).toBeGreaterThanOrEqual(1);
}

test.describe('a recording beside the transcript', () => {
  test('a turn\'s time plays the recording from there, and that turn is marked as spoken', async ({ page }) => {
    await openWithMedia(page);
    const at = page.locator('#t5 a.at');
    await expect(at).toHaveAttribute('aria-label', 'Play from 1:20');
    await at.click();
    await expect.poll(() => playerTime(page)).toBeGreaterThanOrEqual(START(5) / 1000);
    await expect(page.locator('#t5')).toHaveAttribute('aria-current', 'time');
    await expect(spoken(page)).toHaveCount(1);
    // The URL holds the recording, so a link brings it back.
    expect(page.url()).toContain('media=talk.wav');
    await player(page).evaluate((a) => a.pause());
    await shoot(page, 'media-player');
    await page.setViewportSize({ width: 375, height: 740 });
    await expect(player(page)).toBeInViewport();
    await shoot(page, 'media-player-375');
  });

  test('the view follows the turn being spoken until the reader scrolls away; Follow takes it up again', async ({ page }) => {
    await openWithMedia(page);
    await expect(follow(page)).toHaveAttribute('aria-pressed', 'true');
    await setTime(page, START(20) / 1000 + 1);
    await expect(page.locator('#t20')).toHaveAttribute('aria-current', 'time');
    await expect(page.locator('#t20 h2')).toBeInViewport();
    await shoot(page, 'media-followed');
    // A permalink's current turn stays apart from the spoken one.
    await page.evaluate(() => (location.hash = '#t3'));
    await expect(page.locator('#t3')).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('#t20')).toHaveAttribute('aria-current', 'time');
    await expectAccessible(page, 'a recording beside the transcript, a turn followed');
    // The reader scrolls: following stops, and the view stays where it is.
    await page.mouse.move(600, 400);
    await page.mouse.wheel(0, -400);
    await expect(follow(page)).toHaveAttribute('aria-pressed', 'false');
    await setTime(page, START(28) / 1000 + 1);
    await expect(page.locator('#t28')).toHaveAttribute('aria-current', 'time');
    await expect(page.locator('#t28 h2')).not.toBeInViewport();
    await follow(page).click();
    await expect(follow(page)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('#t28 h2')).toBeInViewport();
  });

  test('keys play, pause and step the recording, never while typing; f follows', async ({ page }) => {
    await openWithMedia(page);
    const paused = () => player(page).evaluate((a) => a.paused);
    await page.locator('#t2 h2').click();
    await page.keyboard.press('p');
    await expect.poll(paused).toBe(false);
    await page.keyboard.press('p');
    await expect.poll(paused).toBe(true);
    await setTime(page, 100);
    await page.keyboard.press('.');
    await expect.poll(() => playerTime(page)).toBeCloseTo(105, 0);
    await page.keyboard.press(',');
    await page.keyboard.press(',');
    await expect.poll(() => playerTime(page)).toBeCloseTo(95, 0);
    await page.keyboard.press('f');
    await expect(follow(page)).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('f');
    await expect(follow(page)).toHaveAttribute('aria-pressed', 'true');
    // The player's own keys leave following as it is.
    await player(page).focus();
    await page.keyboard.press('ArrowUp');
    await expect(follow(page)).toHaveAttribute('aria-pressed', 'true');
    await page.locator('#t2 h2').click();
    await page.keyboard.press('PageDown');
    await expect(follow(page)).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('f');
    // In the search field, p is a letter.
    await page.locator('#search').fill('');
    await page.locator('#search').press('p');
    await expect(page.locator('#search')).toHaveValue('p');
    expect(await paused()).toBe(true);
    await expect(page.getByRole('button', { name: 'Keys' })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Keys' }).click();
    await expect(page.locator('dialog.help')).toContainText('play or pause the recording');
  });

  test('following scrolls smoothly, or at once for a reader who prefers reduced motion', async ({ page }) => {
    await page.addInitScript(() => {
      window.scrolls = [];
      const scroll = Element.prototype.scrollIntoView;
      Element.prototype.scrollIntoView = function (options) {
        window.scrolls.push(typeof options === 'object' ? options.behavior ?? 'auto' : 'auto');
        return scroll.call(this, options);
      };
    });
    await openWithMedia(page);
    await setTime(page, START(15) / 1000);
    await expect(page.locator('#t15 h2')).toBeInViewport();
    expect(await page.evaluate(() => window.scrolls.at(-1))).toBe('smooth');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await setTime(page, START(25) / 1000);
    await expect(page.locator('#t25 h2')).toBeInViewport();
    expect(await page.evaluate(() => window.scrolls.at(-1))).toBe('auto');
  });

  test.describe('a recording that cannot play', () => {
    test.use({ expectedConsoleErrors: [/^Failed to load resource: the server responded with a status of 404/] });
    test('says so, and the transcript stays', async ({ page }) => {
      await page.goto(`${server.url}?src=timed.vtt&media=missing.wav`);
      await expect(alertBox(page)).toContainText('The recording could not be played');
      await expect(page.locator('#t1')).toBeVisible();
      await expect(page.locator('#t3 .turn-head time')).toHaveText('0:40');
    });
  });

  test('an address that is not http(s) is refused', async ({ page }) => {
    await page.goto(`${server.url}?src=timed.vtt&media=${encodeURIComponent('javascript:alert(1)')}`);
    await expect(alertBox(page)).toContainText('Floor only opens recordings from http: or https: addresses');
    await expect(page.locator('#t1')).toBeVisible();
    await expect(page.locator('section.player audio, section.player video')).toHaveCount(0);
  });

  test('data-floor-media binds a viewer to the host page\'s own player', async ({ page }) => {
    await page.goto(`${server.url}host.html`);
    const viewer = page.locator('[data-floor-src]');
    await expect(viewer.locator('#t30')).toBeAttached();
    await page.locator('#player').evaluate((a, s) => (a.currentTime = s), START(12) / 1000 + 1);
    await expect(viewer.locator('#t12')).toHaveAttribute('aria-current', 'time');
    await viewer.locator('#t4 a.at').click();
    await expect.poll(() => page.locator('#player').evaluate((a) => a.currentTime)).toBeGreaterThanOrEqual(START(4) / 1000);
    await expect(viewer.locator('#t4')).toHaveAttribute('aria-current', 'time');
    await page.locator('#player').evaluate((a) => a.pause());
  });

  test('data-floor-media naming nothing says so', async ({ page }) => {
    await page.goto(`${server.url}nowhere.html`);
    const viewer = page.locator('[data-floor-src]');
    await expect(viewer.locator('.alert')).toContainText('This page has no <video> or <audio> at');
    await expect(viewer.locator('#t30')).toBeAttached();
  });
});

test.describe('a framing page\'s player', () => {
  let host;
  test.beforeAll(async () => {
    host = await startServer({ root: dist, files: {} });
  });
  test.afterAll(async () => host.close());
  const framed = () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Framed</title></head><body><main>
    <iframe id="floor" title="Transcript" style="width:100%;height:600px" src="${server.url}?src=timed.vtt&embed=1&origin=${host.origin}"></iframe>
    <script>
      window.seeks = [];
      addEventListener('message', (e) => { if (e.data && e.data.type === 'floor:seek') window.seeks.push(e.data.time); });
    </script></main></body></html>`;
  const frame = (page) => page.frameLocator('#floor');
  const send = (page, data) =>
    page.evaluate(([data, origin]) => document.getElementById('floor').contentWindow.postMessage(data, origin), [data, server.origin]);

  test('floor:time marks the turn being spoken; a turn\'s time asks the page to seek (floor:seek); malformed times are ignored', async ({ page }) => {
    host.files.set('framed.html', framed());
    await page.goto(`${host.url}framed.html`);
    await expect(frame(page).locator('#t30')).toBeAttached();
    for (const bad of [{ type: 'floor:time' }, { type: 'floor:time', time: '100' }, { type: 'floor:time', time: -5 }, { type: 'floor:time', time: Number.NaN }, 'floor:time', null]) {
      await send(page, bad);
    }
    await send(page, { type: 'floor:go', anchor: 't2' });
    await expect(frame(page).locator('#t2')).toHaveAttribute('aria-current', 'true');
    await expect(frame(page).locator('article[aria-current="time"]')).toHaveCount(0);
    await send(page, { type: 'floor:time', time: START(9) / 1000 + 2 });
    await expect(frame(page).locator('#t9')).toHaveAttribute('aria-current', 'time');
    await frame(page).locator('#t6 a.at').click();
    await expect.poll(() => page.evaluate(() => window.seeks)).toEqual([START(6) / 1000]);
  });
});

test.describe('alignment to captions', () => {
  test('?captions= times an untimed transcript, and says how much', async ({ page }) => {
    await page.goto(`${server.url}?src=untimed.txt&captions=captions.vtt`);
    await expect(status(page)).toHaveText(/^Timed (\d+) of 30 turns \(\d+%\) by aligning /);
    const [, timed] = /Timed (\d+)/.exec(await status(page).textContent());
    expect(+timed).toBeGreaterThanOrEqual(29);
    for (const n of [1, 10, 30]) {
      const shown = await page.locator(`#t${n} .turn-head time`).getAttribute('datetime');
      const seconds = +/PT(?:(\d+)M)?(\d+)S/.exec(shown).slice(1).map((v) => v ?? 0).reduce((m, s) => m * 60 + +s, 0);
      expect(Math.abs(seconds - START(n) / 1000)).toBeLessThanOrEqual(2);
    }
    expect(page.url()).toContain('captions=captions.vtt');
    await shoot(page, 'captions-status');
    // A time in the URL opens its turn once aligned.
    await page.goto(`${server.url}?src=untimed.txt&captions=captions.vtt#t=3:25`);
    await expect(page.locator('#t11')).toHaveAttribute('aria-current', 'true');
    await shoot(page, 'captions-aligned');
  });

  test.describe('captions that cannot be loaded', () => {
    test.use({ expectedConsoleErrors: [/^Failed to load resource: the server responded with a status of 404/] });
    test('say so, and the transcript stays untimed', async ({ page }) => {
      await page.goto(`${server.url}?src=untimed.txt&captions=missing.vtt`);
      await expect(alertBox(page)).toContainText('Could not load the captions');
      await expect(page.locator('#t30')).toBeAttached();
      await expect(page.locator('.turn-head time')).toHaveCount(0);
    });
  });

  test('captions of another meeting time nothing, and say so plainly', async ({ page }) => {
    await page.goto(`${server.url}?src=untimed.txt&captions=other.vtt`);
    await expect(alertBox(page)).toContainText('These captions do not seem to be of this transcript\'s recording');
    await expect(page.locator('#t30')).toBeAttached();
    await expect(page.locator('.turn-head time')).toHaveCount(0);
    expect(page.url()).not.toContain('captions=');
  });

  test('Add captions takes a file, a drop or a paste', async ({ page }) => {
    await page.goto(`${server.url}?src=untimed.txt`);
    await expect(page.locator('#t30')).toBeAttached();
    const open = async () => {
      await page.getByRole('button', { name: 'Add captions' }).click();
      await expect(page.getByRole('dialog', { name: 'Add captions' })).toBeVisible();
    };
    await open();
    await shoot(page, 'captions-dialog');
    await expectAccessible(page, 'the Add captions dialog');
    await page.getByLabel('Choose a captions file').setInputFiles({ name: 'captions.vtt', mimeType: 'text/vtt', buffer: Buffer.from(CAPTIONS) });
    await expect(status(page)).toHaveText(/^Timed \d+ of 30 turns/);
    await expect(page.locator('#t10 .turn-head time')).toBeVisible();
    // Pasted, over the same transcript.
    await page.goto(`${server.url}?src=untimed.txt`);
    await open();
    await page.getByLabel('Or paste the captions').fill(CAPTIONS);
    await page.getByRole('button', { name: 'Align' }).click();
    await expect(status(page)).toHaveText(/^Timed \d+ of 30 turns/);
    // Dropped while the dialog is open.
    await page.goto(`${server.url}?src=untimed.txt`);
    await open();
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'captions.vtt', { type: 'text/vtt' }));
      return dt;
    }, CAPTIONS);
    await page.dispatchEvent('body', 'drop', { dataTransfer });
    await expect(status(page)).toHaveText(/^Timed \d+ of 30 turns/);
    await expect(page.locator('h1')).toContainText('Session on made-up words');
    await page.setViewportSize({ width: 375, height: 740 });
    await open();
    await shoot(page, 'captions-dialog-375');
  });

  test('the JS API aligns text to captions', async ({ page }) => {
    await page.goto(`${server.url}?src=untimed.txt`);
    await expect(page.locator('#t30')).toBeAttached();
    const starts = await page.evaluate(async ([text, captions]) => {
      const floor = await import('./floor.js');
      const t = await floor.align(text, captions, { captionsName: 'captions.vtt' });
      return t.turns.map((turn) => turn.start);
    }, [UNTIMED, CAPTIONS]);
    expect(starts).toHaveLength(30);
    expect(Math.abs(starts[9] - START(10) / 1000)).toBeLessThanOrEqual(2);
  });
});
