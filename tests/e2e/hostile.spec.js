// Bad and hostile input, end to end: each input a user (or a hostile page)
// can give Floor gets a clear message or a correct display, nothing in it
// runs, and the transcript already on screen stays. The table in the README
// ("What Floor does with bad input") lists the same cases.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { startServer } from './static-server.js';
import { test, expect } from './fixtures.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('../../dist');
const sample = readFileSync(here('../../assets/sample.txt'), 'utf8');
const sampleTitle = sample.split('\n')[0].trim();
const sampleTurns = sample.split('\n').filter((l) => /^\s*>>/.test(l)).length;

const HOSTILE_TEXT = [
  '>>CHAIR: Look: <script>window.pwned=1</script> and <img src=x onerror="window.pwned=2">',
  '',
  '>>B: A link: <a href="javascript:window.pwned=3">click</a> and javascript:alert(1) and &lt;b&gt; &amp;amp;',
  '',
].join('\n');

const HOSTILE_HTML = `<!doctype html><html><head><title>x</title><script>window.pwned=4</script></head>
<body><p>&gt;&gt;CHAIR: Hello &amp; welcome <img src="pixel.png" onerror="window.pwned=5"></p>
<p>&gt;&gt;B: <a href="javascript:window.pwned=6">a link</a> <b onmouseover="window.pwned=7">bold</b></p>
<script>window.pwned=8</script></body></html>`;

const utf16 = (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

let server;
let elsewhere; // another origin, which sends no CORS headers
let dir;
let closed; // an origin on a port nobody listens on any more
test.beforeAll(async () => {
  const gone = await startServer({ root: dist });
  closed = gone.origin;
  await gone.close();
  dir = mkdtempSync(join(tmpdir(), 'floor-hostile-'));
  elsewhere = await startServer({ root: dist });
  server = await startServer({
    root: dist,
    files: {
      'loop.txt': { status: 302, headers: { Location: 'loop.txt' } },
      'pixel.png': Buffer.from('89504e470d0a1a0a', 'hex'),
    },
  });
});
test.afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await Promise.all([server.close(), elsewhere.close()]);
});

const alertBox = (page) => page.getByRole('alert');
const turns = (page) => page.locator('article.turn');
const paragraphs = (page) => page.locator('article.turn p');

async function openSample(page) {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sampleTitle);
  await expect(turns(page)).toHaveCount(sampleTurns);
}

/** The sample is still what is shown. */
async function sampleStays(page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sampleTitle);
  await expect(turns(page)).toHaveCount(sampleTurns);
}

/** Opens a file through the Open file control (bytes, or a path on disk). */
async function openFile(page, name, bytes) {
  const input = page.locator('label', { hasText: 'Open file' }).locator('input[type=file]');
  if (typeof bytes === 'string' && bytes.startsWith('/')) {
    await input.setInputFiles(bytes);
  } else {
    await input.setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(bytes) });
  }
}

/** Nothing from the input ran, and nothing from it became an element. */
async function nothingRan(page) {
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  await expect(page.locator('#turns script, #turns img, #turns iframe, #turns a[href^="javascript"]')).toHaveCount(0);
  await expect(page.locator('#turns [onerror], #turns [onmouseover]')).toHaveCount(0);
}

test.describe('files that are refused, keeping the transcript on screen', () => {
  const refused = [
    ['an empty file', 'empty.txt', '', /nothing to show/],
    ['whitespace only', 'spaces.txt', '  \n\t\n   \r\n', /nothing to show/],
    ['an image', 'photo.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), /PNG image, not a transcript/],
    ['a zip archive', 'minutes.zip', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 7)]), /ZIP archive/],
    ['a PDF', 'minutes.pdf', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', /PDF document/],
  ];
  for (const [what, name, bytes, message] of refused) {
    test(what, async ({ page }) => {
      await openSample(page);
      await openFile(page, name, bytes);
      await expect(alertBox(page)).toContainText(message);
      await sampleStays(page);
    });
  }

  test('a 100 MB text file is refused at once, and the page stays responsive', async ({ page }) => {
    const path = join(dir, 'huge.txt');
    const line = '>>SPEAKER: Words, words, words and more words for the record.\n\n';
    writeFileSync(path, line.repeat(Math.ceil((100 * 1024 * 1024) / line.length)));
    await openSample(page);
    await openFile(page, 'huge.txt', path);
    await expect(alertBox(page)).toContainText(/too large to open \(100\.0 MB; at most 50 MB\)/);
    await sampleStays(page);
    // Still answering the keyboard.
    await page.keyboard.press('j');
    await expect(turns(page).first()).toHaveAttribute('aria-current', 'true');
  });
});

test.describe('files that are shown', () => {
  test('invalid UTF-8 is read as Windows-1252, and says so', async ({ page }) => {
    await openSample(page);
    await openFile(page, 'latin.txt', Buffer.from('>>CHAIR: Caf\xe9 cr\xe8me, na\xefve.\n', 'latin1'));
    await expect(paragraphs(page)).toHaveText(['Café crème, naïve.']);
    await page.getByText('About this transcript').click();
    await expect(page.locator('.about')).toContainText(/Windows-1252/);
  });

  test('UTF-16 with a byte order mark', async ({ page }) => {
    await openSample(page);
    await openFile(page, 'utf16.txt', utf16('>>CHAIR: Grüße aus Genf.\r\n\r\n>>B: Merci.\r\n'));
    await expect(paragraphs(page)).toHaveText(['Grüße aus Genf.', 'Merci.']);
  });

  test('UTF-16 without a byte order mark is told by its zero bytes, and says so', async ({ page }) => {
    await openSample(page);
    await openFile(page, 'utf16-nobom.txt', Buffer.from('>>CHAIR: Grüße aus Genf.\r\n\r\n>>B: Merci.\r\n', 'utf16le'));
    await expect(paragraphs(page)).toHaveText(['Grüße aus Genf.', 'Merci.']);
    await page.getByText('About this transcript').click();
    await expect(page.locator('.about')).toContainText('UTF-16 without a byte-order mark');
  });

  test('a 1 MB single line', async ({ page }) => {
    const words = 'word '.repeat(210_000);
    await openSample(page);
    await openFile(page, 'one-line.txt', `>>CHAIR: ${words}end.`);
    await expect(turns(page)).toHaveCount(1);
    await expect(page.locator('.figures')).toHaveText(/^1 turn · 1 speaker · 210,001 words · /);
    // Drawn 32 KB at a time: all of it, soon.
    const length = () => paragraphs(page).first().evaluate((p) => p.textContent.length);
    await expect.poll(length).toBe(`${words}end.`.length);
  });

  test('no speaker markers: shown as text, and the status says so', async ({ page }) => {
    await openSample(page);
    await openFile(page, 'minutes.txt', 'Minutes of the meeting\n\nWe discussed access.\n\nThe meeting closed at noon.\n');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Minutes of the meeting');
    await expect(paragraphs(page)).toHaveText(['We discussed access.', 'The meeting closed at noon.']);
    await expect(page.locator('.status')).toContainText('No speaker markers found: the text is shown as it is.');
  });

  // A title alone, a note, punctuation: a transcript without turns is a
  // normal transcript (it crashed the WebAssembly, losing the one on screen).
  for (const [what, text, title, status] of [
    ['a title and nothing else', 'Minutes of the meeting', 'Minutes of the meeting', /No turns found: the file holds only its header/],
    ['a note that the transcript is not available', 'Transcript not available.', 'Transcript not available.', /No turns found/],
  ]) {
    test(`no turns: ${what}`, async ({ page }) => {
      await openSample(page);
      await openFile(page, 'none.txt', text);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.locator('.status')).toContainText(status);
      await expect(turns(page)).toHaveCount(0);
      // Searching, phrases and punctuation too, and the keys, do nothing wrong.
      const field = page.getByRole('searchbox', { name: 'Search' });
      for (const q of ['e', 'th e', '"a b"', '!!', '"']) {
        await field.fill(q);
        await expect(page.locator('#search-count')).toHaveText('No matches');
      }
      await field.press('Enter');
      await page.keyboard.press('Escape');
      await page.locator('body').press('j');
      await page.locator('body').press(']');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    });
  }

  test('no turns: punctuation alone is shown, not lost', async ({ page }) => {
    await openSample(page);
    await openFile(page, 'stars.txt', '* * *\n\n---\n\n\u2026\n');
    await expect(paragraphs(page)).toHaveText(['* * *', '---', '\u2026']);
  });

  test('no turns: the JS API parses and searches without throwing', async ({ page }) => {
    await page.goto(server.url);
    const found = await page.evaluate(async () => {
      const { parse, Search } = await import('./floor.js');
      const t = parse('Minutes of the meeting');
      const s = new Search('Minutes of the meeting');
      const out = ['e', '"a b"', '!!', ''].map((q) => s.search(q).matches);
      s.free();
      return { turns: t.turns.length, title: t.meta.title, out };
    });
    expect(found).toEqual({ turns: 0, title: 'Minutes of the meeting', out: [0, 0, 0, 0] });
  });

  test('markup in a text transcript is shown literally; nothing runs', async ({ page }) => {
    const dialogs = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await openSample(page);
    await openFile(page, 'hostile.txt', HOSTILE_TEXT);
    await expect(turns(page)).toHaveCount(2);
    await expect(paragraphs(page).first()).toHaveText(
      'Look: <script>window.pwned=1</script> and <img src=x onerror="window.pwned=2">',
    );
    await expect(paragraphs(page).nth(1)).toContainText('<a href="javascript:window.pwned=3">click</a>');
    await expect(paragraphs(page).nth(1)).toContainText('&lt;b&gt; &amp;amp;');
    await nothingRan(page);
    // Searching and painting marks keeps it text.
    await page.getByRole('searchbox', { name: 'Search' }).fill('script');
    await expect(page.locator('#turns mark')).toHaveCount(2);
    await nothingRan(page);
    expect(dialogs).toEqual([]);
  });

  test('a hostile HTML page: its text is shown, its scripts and handlers are not', async ({ page }) => {
    const requested = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await openSample(page);
    await openFile(page, 'page.html', HOSTILE_HTML);
    await expect(turns(page)).toHaveCount(2);
    await expect(paragraphs(page)).toHaveText(['Hello & welcome', 'a link bold']);
    await nothingRan(page);
    expect(requested).not.toContain('/pixel.png');
    // What was dropped is listed, not lost.
    await page.getByText('About this transcript').click();
    await expect(page.locator('.about')).toContainText(/script/i);
  });

  test('pasted hostile text is shown literally', async ({ page }) => {
    await openSample(page);
    await page.getByRole('button', { name: 'Paste text' }).click();
    await page.getByRole('dialog').locator('textarea').fill(HOSTILE_TEXT);
    await page.getByRole('dialog').getByRole('button', { name: /^Show/ }).click();
    await expect(turns(page)).toHaveCount(2);
    await expect(paragraphs(page).first()).toContainText('<script>window.pwned=1</script>');
    await nothingRan(page);
  });
});

test.describe('?src= addresses that fail', () => {
  // Chromium logs each failed fetch as a console error: only those are allowed.
  // (One pattern: Playwright would read a second array element as options.)
  test.use({
    expectedConsoleErrors: [/^Failed to load resource: net::ERR_(CONNECTION_REFUSED|TOO_MANY_REDIRECTS|FAILED)|has been blocked by CORS policy/],
  });

  const failing = [
    ['an unreachable host', () => `${closed}/transcript.txt`, /could not be reached/],
    ['a server that refuses other sites (CORS)', () => `${elsewhere.url}sample.txt`, /does not allow other sites to read the file \(CORS\)/],
    ['a redirect loop', () => 'loop.txt', /could not be reached/],
    ['an address longer than 8 KB', () => `a${'b'.repeat(9000)}.txt`, /too long \(8 KB; at most 8 KB\)/],
  ];
  for (const [what, src, message] of failing) {
    test(what, async ({ page }) => {
      await page.goto(`${server.url}?src=${encodeURIComponent(src())}`);
      await expect(alertBox(page)).toContainText(message);
      await expect(turns(page)).toHaveCount(0);
    });
  }
});

test.describe('?src= bodies, read as they come', () => {
  const MB = 1024 * 1024;
  const LINE = '>>SPEAKER: Words, words, words and more words for the record.\n\n';
  const CHUNK = Buffer.from(LINE.repeat(Math.ceil((64 * 1024) / LINE.length)));

  /**
   * A body of `size` bytes of transcript text, made as it is sent, 64 KB a
   * chunk (the server's `body` function). `requests` counts the requests
   * for it, `sent` the bytes handed to the server; `ended` resolves once
   * the response is over: complete, or the client went away.
   */
  function made(size) {
    const made = { requests: 0, sent: 0 };
    let ended;
    made.ended = new Promise((resolve) => (ended = resolve));
    made.body = () => {
      made.requests += 1;
      return (function* () {
        try {
          while (made.sent < size) {
            const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, size - made.sent));
            made.sent += chunk.length;
            yield chunk;
          }
        } finally {
          ended();
        }
      })();
    };
    return made;
  }

  /** A `body` function's chunks, gzip-encoded as they are sent. */
  const gzip = (body, options) => (req) => pipeline(Readable.from(body(req)), createGzip(options), () => {});

  /** Keeps the page's WebAssembly memory on `window.wasmMemory`. */
  function keepMemory() {
    const keep = (result) => {
      const memory = (result.instance ?? result).exports?.memory;
      if (memory instanceof WebAssembly.Memory) window.wasmMemory = memory;
      return result;
    };
    const { instantiate, instantiateStreaming } = WebAssembly;
    WebAssembly.instantiate = (...args) => instantiate.apply(WebAssembly, args).then(keep);
    WebAssembly.instantiateStreaming = (...args) => instantiateStreaming.apply(WebAssembly, args).then(keep);
  }

  /**
   * Refused as too large, and the body never entered WebAssembly memory;
   * the viewer still opens a file.
   */
  async function refused(page) {
    await expect(alertBox(page)).toContainText(/the file is too large \(more than 50 MB; at most 50 MB\)/);
    await expect(turns(page)).toHaveCount(0);
    expect(await page.evaluate(() => window.wasmMemory.buffer.byteLength)).toBeLessThan(50 * MB);
    await openFile(page, 'sample.txt', sample);
    await sampleStays(page);
  }

  test('a chunked body over 50 MB is refused as it comes, and its download stops', async ({ page }) => {
    const big = made(200 * MB);
    server.files.set('chunked-big.txt', { body: big.body });
    await page.addInitScript(keepMemory);
    await page.goto(`${server.url}?src=chunked-big.txt`);
    await expect(alertBox(page)).toContainText(/too large/);
    await big.ended;
    // Floor's page took floor.js's early response: one request.
    expect(big.requests).toBe(1);
    // Past 50 MB, give or take what the socket buffers held (Linux lets a
    // receive buffer grow to 32 MB), and far from the end.
    expect(big.sent).toBeGreaterThan(50 * MB);
    expect(big.sent).toBeLessThan(100 * MB);
    await refused(page);
  });

  test('a body announced over 50 MB is refused before it is read', async ({ page }) => {
    const big = made(120 * MB);
    server.files.set('announced-big.txt', { headers: { 'Content-Length': String(120 * MB) }, body: big.body });
    await page.goto(`${server.url}?src=announced-big.txt`);
    await expect(alertBox(page)).toContainText(/the file is too large \(120\.0 MB; at most 50 MB\)/);
    await big.ended;
    expect(big.sent).toBeLessThan(50 * MB);
  });

  test('a gzip-encoded body over 50 MB once decoded is refused', async ({ page }) => {
    const big = made(100 * MB);
    server.files.set('gzipped-big.txt', {
      headers: { 'Content-Encoding': 'gzip' },
      body: gzip(big.body, { level: 1 }),
    });
    await page.addInitScript(keepMemory);
    await page.goto(`${server.url}?src=gzipped-big.txt`);
    await refused(page);
  });

  test('a chunked body under the limit is shown', async ({ page }) => {
    const pieces = [];
    for (let at = 0; at < sample.length; at += 4096) pieces.push(sample.slice(at, at + 4096));
    let requests = 0;
    const body = () => {
      requests += 1;
      return pieces;
    };
    server.files.set('chunked-sample.txt', { body });
    await page.goto(`${server.url}?src=chunked-sample.txt`);
    await sampleStays(page);
    expect(requests).toBe(1);
  });

  test('a gzip-encoded body under the limit is shown', async ({ page }) => {
    server.files.set('gzipped-sample.txt', {
      headers: { 'Content-Encoding': 'gzip' },
      body: gzip(() => [sample]),
    });
    await page.goto(`${server.url}?src=gzipped-sample.txt`);
    await sampleStays(page);
  });
});
