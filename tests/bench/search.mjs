// Search in the page, timed in Chromium against the release build in dist/:
// for the sample (the default page) and for the sample's turns 100 times
// (?src=big.txt, served from memory):
//
//  (a) load: navigation start to the first frame where turn 1's heading is
//      on screen (the page's clock, polled every frame); and the part of it
//      after the transcript's fetch ended (decode, parse, search index, render);
//  (b) each keystroke of "best practice forum", pressed key by key (trusted
//      key events), with what the page recorded (User Timing from the app,
//      src/web/dom.rs `timed`):
//        handler   the input event's handling, from the first listener to the
//                  last, with the microtasks the app queued (its search and
//                  the plan of the repaint)
//        input     the app's own input handler (floor:input)
//        plan      planning the repaint: the hits by paragraph against what
//                  is painted (floor:plan)
//        search    the search alone (floor:search)
//        paint     painting the marks of the turns on screen (floor:paint,
//                  in the next animation frame)
//        work      handler + paint: the keystroke's work before its frame;
//                  the target is that it fits in one frame (16 ms)
//        key->painted, key->all marks   from the key's timestamp to the
//                  marks on screen, and to the last mark far away painted
//                  (slices of 4 ms in tasks of their own)
//        next paint  Event Timing's key-to-next-paint, which the browser only
//                  reports at 16 ms or more ("<16" otherwise)
//
// Usage: node tests/bench/search.mjs [rounds]   (run `make dist` first;
// FLOOR_DIST=dir times another build, for an A/B against an older commit)
import { startServer } from '../e2e/static-server.js';
import { big, guard, launch, root, sample } from './setup.mjs';

const rounds = Number(process.argv[2] ?? 1);
const QUERY = 'best practice forum';

const INPUTS = [
  { name: 'sample', path: '', file: 'sample.txt', mb: Buffer.byteLength(sample) / 1e6 },
  { name: 'big', path: '?src=big.txt', file: 'big.txt', mb: Buffer.byteLength(big) / 1e6 },
];

const server = await startServer({ root: process.env.FLOOR_DIST ?? root + 'dist', files: { 'big.txt': big } });
const browser = await launch();

/** Loads `input` in a fresh page; returns the page and the load figures. */
async function load(input) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const { errors } = guard(page);
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
  // A large transcript's turns fill in after the first screen, and the index
  // is built once it is painted: the keystrokes are timed once every turn is
  // in the page (no group empty) and the index is built.
  await page.waitForFunction(
    () =>
      !document.querySelector('.turns > .group:empty') &&
      performance.getEntriesByName('floor:index', 'measure').length > 0,
    null,
    { timeout: 120_000 },
  );
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

/** Installs the in-page recorders the keystroke rows are read from. */
function record(page) {
  return page.evaluate(() => {
    window.__keys = [];
    // The key's own timestamp, when the input event reached the page (first
    // listener), and when it had been handled (last listener, after the app's
    // own listeners and the microtasks they queued).
    addEventListener('keydown', (e) => window.__keys.push({ key: e.key, at: e.timeStamp }), true);
    addEventListener('input', () => {
      window.__keys.at(-1).inputAt = performance.now();
    }, true);
    addEventListener('input', () => {
      window.__keys.at(-1).handledAt = performance.now();
    }, false);
    // Event Timing: key to next paint, for keys that took 16 ms or more (the
    // browser reports nothing shorter).
    window.__slow = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__slow.push({ name: e.name, start: e.startTime, duration: e.duration });
    }).observe({ type: 'event', durationThreshold: 16, buffered: false });
  });
}

/** What the page recorded for the last key, once its marks are all painted. */
function settle(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const key = window.__keys.at(-1);
    const after = (name, type = 'measure') => performance.getEntriesByName(name, type).filter((e) => e.startTime >= key.at);
    await frame();
    await frame();
    // A key that changed the hits paints; wait until its last slice is done.
    if (after('floor:paint').length) {
      const until = performance.now() + 20_000;
      while (!after('floor:marks-done', 'mark').length && performance.now() < until) await frame();
    }
    await frame();
    const search = after('floor:search').at(-1);
    const plan = after('floor:plan').at(-1);
    const input = after('floor:input').at(-1);
    const paint = after('floor:paint').at(-1);
    const done = after('floor:marks-done', 'mark').at(-1);
    const slow = window.__slow.filter((e) => e.start >= key.at - 1 && e.start <= key.at + 1);
    return {
      handler: key.handledAt - key.inputAt,
      search: search?.duration ?? null,
      plan: plan?.duration ?? null,
      input: input?.duration ?? null,
      paint: paint?.duration ?? null,
      toPaint: paint ? paint.startTime + paint.duration - key.at : null,
      allMarks: done ? done.startTime - key.at : null,
      nextPaint: slow.length ? Math.max(...slow.map((e) => e.duration)) : null,
    };
  });
}

/** Types `text` into #search key by key (trusted key presses); one row per key. */
async function typeInPage(page, text) {
  await page.locator('#search').focus();
  await record(page);
  const rows = [];
  for (let i = 1; i <= text.length; i++) {
    await page.keyboard.press(text[i - 1] === ' ' ? 'Space' : text[i - 1]);
    const r = await settle(page);
    const said = await page.locator('#search-count').textContent();
    const marks = await page.locator('#turns mark').count();
    rows.push({
      key: i,
      q: text.slice(0, i),
      ...r,
      // The keystroke's work before its frame: the input handlers (with the
      // search they run) and the paint of the marks on screen.
      ms: r.handler + (r.paint ?? 0),
      said,
      matches: /^No matches/.test(said) ? 0 : Number((said.match(/(\d+) match/) ?? [])[1]),
      marks,
    });
  }
  return rows;
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
    console.log(
      'input   key#  query so far          work ms  handler  input  search  plan  paint  key->painted  key->all marks  next paint  matches  marks',
    );
    for (const r of rows) {
      console.log(
        `${input.name.padEnd(7)} ${String(r.key).padStart(4)}  ${JSON.stringify(r.q).padEnd(21)} ${f1(r.ms).padStart(7)} ` +
          `${f1(r.handler).padStart(8)} ${f1(r.input).padStart(6)} ${f1(r.search).padStart(7)} ${f1(r.plan).padStart(5)} ${f1(r.paint).padStart(6)} ${f1(r.toPaint).padStart(13)} ` +
          `${f1(r.allMarks).padStart(15)} ${(r.nextPaint === null ? '<16' : f1(r.nextPaint)).padStart(11)} ` +
          `${String(r.matches).padStart(8)} ${String(r.marks).padStart(6)}`,
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
