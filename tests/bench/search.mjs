// Search in the page, timed in Chromium against the release build in dist/:
// for the sample (the default page) and for the sample's turns 100 times
// (?src=big.txt, served from memory):
//
//  (a) load: navigation start to the first frame where turn 1's heading is
//      on screen (the page's clock, polled every frame); and the part of it
//      after the transcript's fetch ended (decode, parse, search index, render);
//  (b) each keystroke of "best practice forum", typed letter by letter inside
//      the page: set the field's value and dispatch an `input` event, then
//      wait for two animation frames (so the count, the results and the
//      <mark>s are updated and a frame with them has been produced). Also
//      shown: how long the event's own handlers took (dispatch returned),
//      when #search-count's text changed, and when the last <mark> was
//      painted into the turns (MutationObservers; "-" when nothing changed).
//
// Usage: node tests/bench/search.mjs [rounds]   (run `make dist` first)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../e2e/static-server.js';
import { chromiumArgs, chromiumPath } from '../e2e/chromium.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rounds = Number(process.argv[2] ?? 1);
const QUERY = 'best practice forum';

// The large transcript as in viewer.spec.js: the sample's header once, then
// its turns 100 times (the sample's turn lines start with a no-break space).
const sample = readFileSync(root + 'assets/sample.txt', 'utf8');
const firstTurnAt = sample.search(/^[^\S\n]*>>/m);
const body = sample.slice(firstTurnAt).trimEnd();
const big = `${sample.slice(0, firstTurnAt)}${Array(100).fill(body).join('\n\n')}\n`;

const INPUTS = [
  { name: 'sample', path: '', file: 'sample.txt', mb: Buffer.byteLength(sample) / 1e6 },
  { name: 'big', path: '?src=big.txt', file: 'big.txt', mb: Buffer.byteLength(big) / 1e6 },
];

const server = await startServer({ root: root + 'dist', files: { 'big.txt': big } });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: chromiumArgs,
});

/** Loads `input` in a fresh page; returns the page and the load figures. */
async function load(input) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(server.url + input.path, { waitUntil: 'commit' });
  const seen = await page.waitForFunction(
    () => {
      const h = document.querySelector('#t1 h2');
      if (!h) return false;
      const r = h.getBoundingClientRect();
      return r.height > 0 && r.bottom > 0 && r.top < innerHeight && performance.now();
    },
    null,
    { polling: 'raf', timeout: 120_000 },
  );
  const visible = await seen.jsonValue();
  const { fetched, turns, parse, index } = await page.evaluate((file) => {
    const entry = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith(`/${file}`));
    // User Timing measures the app records (src/web/dom.rs `timed`).
    const measure = (name) => performance.getEntriesByName(name, 'measure').at(-1)?.duration ?? NaN;
    return {
      fetched: entry?.responseEnd ?? NaN,
      turns: document.querySelectorAll('article.turn').length,
      parse: measure('floor:parse'),
      index: measure('floor:index'),
    };
  }, input.file);
  return { context, page, errors, visible, afterFetch: visible - fetched, turns, parse, index };
}

/** Types `text` into #search letter by letter inside the page; one row per key. */
function typeInPage(page, text) {
  return page.evaluate(async (text) => {
    const input = document.getElementById('search');
    const count = document.getElementById('search-count');
    const turns = document.getElementById('turns');
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    input.focus();
    await frames();
    const rows = [];
    for (let i = 1; i <= text.length; i++) {
      const q = text.slice(0, i);
      const before = count.textContent;
      let changedAt = null;
      const observer = new MutationObserver(() => {
        changedAt ??= performance.now();
      });
      observer.observe(count, { subtree: true, childList: true, characterData: true });
      let paintedAt = null;
      const painter = new MutationObserver(() => {
        paintedAt = performance.now();
      });
      painter.observe(turns, { subtree: true, childList: true });
      const t0 = performance.now();
      input.value = q;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: q.at(-1) }));
      const handled = performance.now();
      await frames();
      const t1 = performance.now();
      observer.disconnect();
      painter.disconnect();
      const said = count.textContent;
      rows.push({
        key: i,
        q,
        ms: t1 - t0,
        handler: handled - t0,
        countAt: changedAt === null ? null : changedAt - t0,
        paintedAt: paintedAt === null ? null : paintedAt - t0,
        said,
        changed: said !== before,
        matches: /^No matches/.test(said) ? 0 : Number((said.match(/(\d+) match/) ?? [])[1]),
        marks: document.querySelectorAll('#turns mark').length,
      });
      await frames(); // let anything left over settle before the next key
    }
    return rows;
  }, text);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f1 = (x) => (x === null || Number.isNaN(x) ? '-' : x.toFixed(1));

console.log(`Search in the page: dist build, Chromium ${browser.version()}, ${rounds} round(s)`);
const summary = [];
for (let round = 1; round <= rounds; round++) {
  for (const input of INPUTS) {
    const { context, page, errors, visible, afterFetch, turns, parse, index } = await load(input);
    console.log(
      `\n[round ${round}] ${input.name}: ${input.mb.toFixed(2)} MB, ${turns} turns; ` +
        `turn 1 on screen ${f1(visible)} ms after navigation start, ${f1(afterFetch)} ms after the fetch ended; ` +
        `parse ${f1(parse)} ms, index build ${f1(index)} ms`,
    );
    const rows = await typeInPage(page, QUERY);
    console.log('input   key#  query so far           ms   handler  count-changed  marks-painted  matches  marks  count says');
    for (const r of rows) {
      console.log(
        `${input.name.padEnd(7)} ${String(r.key).padStart(4)}  ${JSON.stringify(r.q).padEnd(21)} ${f1(r.ms).padStart(6)} ` +
          `${f1(r.handler).padStart(9)} ${f1(r.countAt).padStart(14)} ${f1(r.paintedAt).padStart(14)} ${String(r.matches).padStart(8)} ` +
          `${String(r.marks).padStart(6)}  ${r.said}`,
      );
    }
    const ms = rows.map((r) => r.ms);
    const line = {
      round,
      input: input.name,
      load: visible,
      afterFetch,
      parse,
      index,
      median: median(ms),
      max: Math.max(...ms),
      handlerMedian: median(rows.map((r) => r.handler)),
      final: rows.at(-1).said,
    };
    summary.push(line);
    console.log(
      `${input.name}: keystroke median ${f1(line.median)} ms, max ${f1(line.max)} ms ` +
        `(handler median ${f1(line.handlerMedian)} ms); final: ${line.final}`,
    );
    if (errors.length) console.log(`${input.name}: page errors: ${errors.join(' | ')}`);
    await context.close();
  }
}

console.log('\nround  input    load ms  after fetch ms  parse ms  index ms  key median ms  key max ms  handler median ms');
for (const s of summary) {
  console.log(
    `${String(s.round).padStart(5)}  ${s.input.padEnd(7)} ${f1(s.load).padStart(8)} ${f1(s.afterFetch).padStart(15)} ` +
      `${f1(s.parse).padStart(9)} ${f1(s.index).padStart(9)} ` +
      `${f1(s.median).padStart(14)} ${f1(s.max).padStart(11)} ${f1(s.handlerMedian).padStart(18)}`,
  );
}

await browser.close();
await server.close();
