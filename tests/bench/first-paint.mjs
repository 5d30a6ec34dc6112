// First paint against a static page, in one headless Chromium run: Floor (the
// release build in dist/) against the static HTML page of the same
// transcript that the native CLI writes (`floor html FILE`), for the sample
// and for the sample's turns 100 times ("big"). Each round loads every input
// once as the static page (A) and once in Floor (B), A first in odd rounds
// and B first in even ones. Every load is in a new browser context, so the
// HTTP cache (and the code cache that hangs on it) is cold for both pages
// every time; the server is in this process, on 127.0.0.1, serving dist/ and
// from memory big.txt, static-sample.html and static-big.html.
//
// All times are in ms from navigation start (the page's performance.now()),
// taken by a recorder the page gets before any of its own scripts
// (addInitScript) that checks once per animation frame:
//
//   first turn   the first frame where turn 1's heading (the first
//                `article h2`, in both pages) has a nonzero box inside the
//                viewport (1280x720). On Floor's page with the sample, that
//                is the pre-rendered first screen's (src/web/first-screen.mjs)
//                until the viewer replaces it
//   viewer turn  Floor: the same for the viewer's own turn 1 (`#t1 h2`)
//   FCP, LCP     Chromium's first-contentful-paint (paint timing) and its
//                last largest-contentful-paint candidate reported by two
//                frames after "interactive" (medians; "-" if none)
//   load         the load event's end (the navigation entry's loadEventEnd)
//   interactive  static: the first frame after the load event ended (every
//                turn laid out, the browser's find would work);
//                Floor: the first frame after the search index was built
//                (the end of the app's `floor:index` User Timing measure),
//                with the viewer's turn 1 on screen and #search in the page
//   index end    Floor's `floor:index` end (startTime + duration)
//
// first turn is given as median / min / max over the rounds; the rest as
// medians. After the figures are taken, each load is checked: the static
// page must hold one <article> per turn (as `floor parse` counts them) and
// Floor must answer a search typed into #search with a count in
// #search-count. Any page error, console error or failed request stops the
// run.
//
// The second table is Floor / static of the medians, against the targets:
// at most 1.5x the static page on the sample, at most 1x on big (the static
// page must lay out every turn; Floor need not).
//
// Usage: node tests/bench/first-paint.mjs [rounds]   (default 5; run
// `make dist` and build target/release/floor first)
import { startServer } from '../e2e/static-server.js';
import { FILES, INPUTS, f1, f2, guard, launch, mb, median, root } from './common.mjs';

const rounds = Number(process.argv[2] ?? 5);
if (!(rounds >= 1)) throw new Error(`rounds must be a positive number: ${process.argv[2]}`);
const TARGET = { sample: 1.5, big: 1 };

const server = await startServer({ root: root + 'dist', files: FILES });
const browser = await launch();

/** The per-frame recorder, run in the page before anything of its own. */
function recorder(floor) {
  const rec = (window.__paint = { visible: null, viewer: null, interactive: null, lcp: null, frames: 0 });
  try {
    new PerformanceObserver((list) => {
      rec.lcp = list.getEntries().at(-1).startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {
    // No LCP in this browser: the column stays "-".
  }
  const visible = (selector) => {
    const h = document.querySelector(selector);
    if (!h) return false;
    const r = h.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  };
  const ready = (now) => {
    if (floor) {
      const m = performance.getEntriesByName('floor:index', 'measure').at(-1);
      return !!m && now >= m.startTime + m.duration && !!document.querySelector('#search');
    }
    const nav = performance.getEntriesByType('navigation')[0];
    return !!nav && nav.loadEventEnd > 0 && now >= nav.loadEventEnd;
  };
  const tick = () => {
    const now = performance.now();
    rec.frames++;
    if (rec.visible === null && visible('article h2')) rec.visible = now;
    if (floor && rec.viewer === null && visible('#t1 h2')) rec.viewer = now;
    if ((floor ? rec.viewer : rec.visible) !== null && rec.interactive === null && ready(now)) rec.interactive = now;
    if (rec.interactive === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** One load of `input` as `kind` ("static" or "Floor"), in a new context. */
async function load(input, kind) {
  const floor = kind === 'Floor';
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = guard(page);
  await page.addInitScript(recorder, floor);
  const url = server.url + (floor ? input.path : input.staticFile);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__paint?.interactive != null, null, { polling: 'raf', timeout: 120_000 });
  // Two more frames, so that the paint entries of what was on screen by then
  // have been reported.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const figures = await page.evaluate(() => {
    const rec = window.__paint;
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint', 'paint')[0];
    const index = performance.getEntriesByName('floor:index', 'measure').at(-1);
    return {
      visible: rec.visible,
      viewer: rec.viewer,
      interactive: rec.interactive,
      fcp: fcp?.startTime ?? null,
      lcp: rec.lcp,
      load: nav?.loadEventEnd || null,
      indexEnd: index ? index.startTime + index.duration : null,
    };
  });
  // The checks, after the figures.
  if (floor) {
    await page.locator('#search').fill('forum');
    await page.waitForFunction(
      () => /\d+ match/.test(document.querySelector('#search-count')?.textContent ?? ''),
      null,
      { timeout: 30_000 },
    );
  } else {
    const articles = await page.locator('article').count();
    if (articles !== input.turns) throw new Error(`${url}: ${articles} articles, expected ${input.turns} turns`);
  }
  errors.check(`${kind} ${input.name} (${url})`);
  await context.close();
  return figures;
}

console.log(
  `First paint against a static page: dist build, Chromium ${browser.version()}, ${rounds} round(s); ` +
    INPUTS.map((i) => `${i.name} ${mb(i.bytes)} MB, ${i.turns} turns (static page ${mb(Buffer.byteLength(i.html))} MB)`).join('; '),
);
const runs = []; // { input, kind, round, ...figures }
for (let round = 1; round <= rounds; round++) {
  const order = round % 2 ? ['static', 'Floor'] : ['Floor', 'static'];
  for (const input of INPUTS) {
    for (const kind of order) {
      const figures = await load(input, kind);
      runs.push({ input: input.name, kind, round, ...figures });
      console.log(
        `[round ${round}] ${input.name.padEnd(6)} ${kind.padEnd(6)} first turn ${f1(figures.visible).padStart(7)}  ` +
          (kind === 'Floor' ? `viewer turn ${f1(figures.viewer).padStart(7)}  ` : '') +
          `FCP ${f1(figures.fcp).padStart(7)}  LCP ${f1(figures.lcp).padStart(7)}  load ${f1(figures.load).padStart(7)}  ` +
          `interactive ${f1(figures.interactive).padStart(7)}` +
          (kind === 'Floor' ? `  index end ${f1(figures.indexEnd).padStart(7)}` : ''),
      );
    }
  }
}

const stats = (input, kind) => {
  const rs = runs.filter((r) => r.input === input && r.kind === kind);
  const col = (k) => rs.map((r) => r[k]);
  return {
    visible: median(col('visible')),
    visibleMin: Math.min(...col('visible')),
    visibleMax: Math.max(...col('visible')),
    viewer: kind === 'Floor' ? median(col('viewer')) : NaN,
    fcp: median(col('fcp')),
    lcp: median(col('lcp')),
    load: median(col('load')),
    interactive: median(col('interactive')),
    indexEnd: kind === 'Floor' ? median(col('indexEnd')) : NaN,
  };
};

console.log(`\nmedians over ${rounds} round(s), ms from navigation start`);
console.log('input   page    first turn med    min     max  viewer turn med   FCP med  LCP med  load med  interactive med  index end med');
const table = {};
for (const input of INPUTS) {
  for (const kind of ['static', 'Floor']) {
    const s = (table[`${input.name} ${kind}`] = stats(input.name, kind));
    console.log(
      `${input.name.padEnd(7)} ${kind.padEnd(7)} ${f1(s.visible).padStart(14)} ${f1(s.visibleMin).padStart(6)} ${f1(s.visibleMax).padStart(7)} ` +
        `${f1(s.viewer).padStart(16)} ${f1(s.fcp).padStart(9)} ${f1(s.lcp).padStart(8)} ${f1(s.load).padStart(9)} ${f1(s.interactive).padStart(16)} ${f1(s.indexEnd).padStart(14)}`,
    );
  }
}

console.log('\nFloor / static (medians)');
console.log('input   measure       static ms  Floor ms  ratio  target  met');
let allMet = true;
for (const input of INPUTS) {
  const a = table[`${input.name} static`];
  const b = table[`${input.name} Floor`];
  // The viewer's own turn 1 against the static page's: reported, not a
  // target (the first turn is whichever the reader sees first).
  for (const [label, key, counts] of [
    ['first turn', 'visible', true],
    ['viewer turn', 'viewer', false],
    ['interactive', 'interactive', true],
  ]) {
    const ratio = b[key] / (key === 'viewer' ? a.visible : a[key]);
    const met = ratio <= TARGET[input.name];
    if (counts) allMet &&= met;
    console.log(
      `${input.name.padEnd(7)} ${label.padEnd(12)} ${f1(key === 'viewer' ? a.visible : a[key]).padStart(10)} ${f1(b[key]).padStart(9)} ` +
        `${f2(ratio).padStart(6)} ${(counts ? '<= ' + TARGET[input.name] : '-').padStart(7)}  ${counts ? (met ? 'yes' : 'NO') : ''}`,
    );
  }
}
console.log(allMet ? 'all targets met' : 'some targets not met');

await browser.close();
await server.close();
