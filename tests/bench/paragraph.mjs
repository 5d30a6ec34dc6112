// Typing into a transcript whose one paragraph is huge (issue #17: each key
// repainted the whole paragraph), timed in Chromium against the release
// build in dist/: a turn of one paragraph of 1 MB and of 10 MB
// (setup.mjs `longParagraph`), and the sample for comparison. The query is
// typed key by key (trusted key events), with the page at the top and then
// scrolled to the middle of the long paragraph. Per key:
//
//   handler   the input event's handling (the app's search and plan of marks)
//   paint     painting the marks on screen (floor:paint, in the next frame)
//   render    the browser's style and layout of that frame after the app's
//             paint: from an animation frame callback after the app's to a
//             resize observation, which the browser delivers once they are
//             done
//   work      handler + paint + render: the key's work before its marks
//             are on screen; the target is 16 ms or less
//   key->frame  from the key's timestamp to that frame done (work, the
//             frame's painting, and the wait for the frame: up to 16.7 ms
//             more): a task posted from the animation frame callback
//   layout, style   Chromium's own layout and style recalculation time for
//             the key, until every mark is painted (CDP Performance metrics)
//   all marks from the key to the last mark far away painted
//
// Medians over the keys.
//
// Usage: node tests/bench/paragraph.mjs [MB…]   (run `make dist` first; the
// default sizes are 1 and 10; FLOOR_DIST=dir times another build)
import { startServer } from '../e2e/static-server.js';
import { guard, launch, longParagraph, root } from './setup.mjs';

const median = (xs) => {
  const s = xs.filter((x) => x !== null && !Number.isNaN(x)).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f1 = (x) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(1));

const QUERY = 'best practice forum';
const sizes = process.argv.slice(2).map(Number);
const INPUTS = [
  { name: 'sample', path: '', text: null },
  ...(sizes.length ? sizes : [1, 10]).map((mb) => ({
    name: `${mb} MB`,
    path: `?src=long${mb}.txt`,
    text: longParagraph(mb * 1e6),
  })),
];
const files = Object.fromEntries(INPUTS.filter((i) => i.text).map((i) => [i.path.slice(5), i.text]));

const server = await startServer({ root: process.env.FLOOR_DIST ?? root + 'dist', files });
const browser = await launch();

/** Loads `input`; resolves once every turn is in the page and the index built. */
async function load(input) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const { errors } = guard(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const t0 = Date.now();
  await page.goto(server.url + input.path, { waitUntil: 'commit' });
  await page.waitForFunction(
    () =>
      document.querySelector('#t1 h2') &&
      !document.querySelector('.turns > .group:empty') &&
      performance.getEntriesByName('floor:index', 'measure').length > 0,
    null,
    { timeout: 300_000 },
  );
  const loaded = Date.now() - t0;
  return { context, page, cdp, errors, loaded };
}

/** Chromium's layout and style recalculation so far, in ms. */
async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => metrics.find((m) => m.name === name).value * 1000;
  return { layout: get('LayoutDuration'), style: get('RecalcStyleDuration') };
}

/** Installs the in-page recorders. */
function record(page) {
  return page.evaluate(() => {
    window.__keys = [];
    const probe = document.createElement('div');
    probe.style.position = 'fixed';
    probe.style.height = '1px';
    probe.style.visibility = 'hidden';
    document.body.append(probe);
    addEventListener('keydown', (e) => window.__keys.push({ at: e.timeStamp }), true);
    addEventListener('input', () => (window.__keys.at(-1).inputAt = performance.now()), true);
    addEventListener('input', () => {
      const key = window.__keys.at(-1);
      key.handledAt = performance.now();
      // Registered after the app's own frame callback (which paints the
      // marks on screen): a task posted from it runs once that frame has
      // been rendered.
      requestAnimationFrame(() => {
        key.rafAt = performance.now();
        // Resize observations are delivered once the frame's style and
        // layout are done (before it is painted).
        probe.style.width = probe.style.width === '1px' ? '2px' : '1px';
        const observer = new ResizeObserver(() => {
          key.laidOutAt ??= performance.now();
          observer.disconnect();
        });
        observer.observe(probe);
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (key.frameAt = performance.now());
        channel.port2.postMessage(0);
      });
    });
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
    if (after('floor:paint').length) {
      const until = performance.now() + 120_000;
      while (!after('floor:marks-done', 'mark').length && performance.now() < until) await frame();
    }
    while (key.frameAt === undefined) await frame();
    await frame();
    const paint = after('floor:paint').at(-1);
    const done = after('floor:marks-done', 'mark').at(-1);
    return {
      handler: key.handledAt - key.inputAt,
      paint: paint?.duration ?? null,
      frame: key.frameAt - key.at,
      render: key.laidOutAt - key.rafAt,
      allMarks: done ? done.startTime - key.at : null,
      marks: document.querySelectorAll('#turns mark').length,
      said: document.querySelector('#search-count').textContent,
    };
  });
}

/** Types QUERY key by key into the field (emptied first); one row per key. */
async function typeInPage(page, cdp) {
  await page.locator('#search').fill('');
  await page.locator('#search').focus();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await record(page);
  const rows = [];
  for (let i = 1; i <= QUERY.length; i++) {
    const before = await metrics(cdp);
    await page.keyboard.press(QUERY[i - 1] === ' ' ? 'Space' : QUERY[i - 1]);
    const r = await settle(page);
    const now = await metrics(cdp);
    const work = r.handler + (r.paint ?? 0) + r.render;
    rows.push({ key: i, q: QUERY.slice(0, i), ...r, work, layout: now.layout - before.layout, style: now.style - before.style });
  }
  return rows;
}

console.log(`Typing into a long paragraph: dist build, Chromium ${browser.version()}`);
const summary = [];
for (const input of INPUTS) {
  const { context, page, cdp, errors, loaded } = await load(input);
  console.log(`\n${input.name}: ${input.text ? input.text.length : 'the sample,'} chars; loaded in ${loaded} ms`);
  const where = input.text ? ['top', 'middle'] : ['top'];
  for (const at of where) {
    if (at === 'middle') {
      // The middle of the long paragraph (turn 2) at the top of the screen.
      await page.evaluate(() => {
        const p = document.querySelector('#t2-p1');
        scrollTo(0, p.getBoundingClientRect().top + scrollY + p.offsetHeight / 2);
      });
    }
    const rows = await typeInPage(page, cdp);
    console.log(`input    at      key  query so far           work  handler  paint  render  key->frame  layout  style  all marks  marks  count`);
    for (const r of rows) {
      console.log(
        `${input.name.padEnd(8)} ${at.padEnd(6)} ${String(r.key).padStart(4)}  ${JSON.stringify(r.q).padEnd(21)} ` +
          `${f1(r.work).padStart(6)} ${f1(r.handler).padStart(8)} ${f1(r.paint).padStart(6)} ${f1(r.render).padStart(7)} ` +
          `${f1(r.frame).padStart(11)} ${f1(r.layout).padStart(7)} ` +
          `${f1(r.style).padStart(6)} ${f1(r.allMarks).padStart(10)} ${String(r.marks).padStart(6)}  ${r.said}`,
      );
    }
    const m = (f) => median(rows.map(f));
    summary.push({
      input: input.name,
      at,
      work: m((r) => r.work),
      max: Math.max(...rows.map((r) => r.work)),
      frame: m((r) => r.frame),
      render: m((r) => r.render),
      handler: m((r) => r.handler),
      paint: m((r) => r.paint),
      layout: m((r) => r.layout),
      allMarks: m((r) => r.allMarks),
    });
  }
  if (errors.length) console.log(`${input.name}: page errors: ${errors.join(' | ')}`);
  await context.close();
}

console.log('\ninput    at      work median ms  work max ms  handler  paint  render  key->frame  layout  all marks (medians, ms)');
for (const s of summary) {
  console.log(
    `${s.input.padEnd(8)} ${s.at.padEnd(6)} ${f1(s.work).padStart(15)} ${f1(s.max).padStart(12)} ` +
      `${f1(s.handler).padStart(8)} ${f1(s.paint).padStart(6)} ${f1(s.render).padStart(7)} ${f1(s.frame).padStart(11)} ` +
      `${f1(s.layout).padStart(7)} ${f1(s.allMarks).padStart(10)}`,
  );
}

await browser.close();
await server.close();
