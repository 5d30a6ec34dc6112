// A session page against a static page, in one headless Chromium run: the
// session page (`floor page`: the viewer's build with the transcript
// pre-rendered as the viewer draws it, which the viewer then takes over)
// against the static HTML page of the same transcript (`floor html`), for
// the sample and for the sample's turns 100 times ("big"), as
// first-paint.mjs loads them. Each round loads every input once as the
// static page (A) and once as the session page (B), A first in odd rounds
// and B first in even ones, each in a new browser context (cold HTTP cache).
// The server is in this process, on 127.0.0.1.
//
// Times in ms from navigation start, taken by a recorder the page gets
// before its own scripts (addInitScript), once per animation frame:
//
//   first turn  the first frame where the first `article h2` has a nonzero
//               box inside the viewport (1280x720): the static page's, or
//               the session page's pre-rendered one
//   usable      session page: the first frame where the viewer has taken
//               over (no `.prerendered` left) and its search index is built
//               (the end of the `floor:index` measure), #search in the page
//
// Given as medians (first turn also min and max). Each load is checked after
// its figures: the static page must hold one <article> per turn, and the
// session page's viewer must answer a search typed into #search.
//
// The goals, against the static page's first turn: the session page's first
// turn at most 1.1x, usable at most 1.5x.
//
// Usage: node tests/bench/session-paint.mjs [rounds]   (default 5; run
// `make dist` first, and build the CLI: target/debug/floor or
// target/release/floor, under CARGO_TARGET_DIR if set)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { startServer } from '../e2e/static-server.js';
import { big, guard, launch, root, sample } from './setup.mjs';

const rounds = Number(process.argv[2] ?? 5);
if (!(rounds >= 1)) throw new Error(`rounds must be a positive number: ${process.argv[2]}`);
const GOAL = { first: 1.1, usable: 1.5 };

if (!existsSync(root + 'dist/index.html')) throw new Error('no build in dist/: run `make dist` first');
const target = process.env.CARGO_TARGET_DIR ?? root + 'target';
const cli = [process.env.FLOOR_CLI, `${target}/release/floor`, `${target}/debug/floor`].find((p) => p && existsSync(p));
if (!cli) throw new Error(`no floor CLI in ${target}: cargo build --bin floor`);

const dir = `${target}/bench-session`;
rmSync(dir, { recursive: true, force: true });
mkdirSync(`${dir}/in`, { recursive: true });
const INPUTS = [
  { name: 'sample', text: sample },
  { name: 'big', text: big },
].map((input) => {
  const source = `${dir}/in/${input.name}.txt`;
  writeFileSync(source, input.text);
  execFileSync(cli, ['page', source, '-o', `${dir}/site`, '--viewer', root + 'dist']);
  const html = execFileSync(cli, ['html', source], { maxBuffer: 1 << 30, encoding: 'utf8' });
  writeFileSync(`${dir}/site/static-${input.name}.html`, html);
  const turns = JSON.parse(execFileSync(cli, ['parse', source], { maxBuffer: 1 << 30, encoding: 'utf8' })).turns.length;
  return { ...input, turns, bytes: Buffer.byteLength(input.text), session: `${input.name}.html`, staticFile: `static-${input.name}.html` };
});

const server = await startServer({ root: `${dir}/site`, files: { 'favicon.ico': { status: 204 } } });
const browser = await launch();

/** The per-frame recorder, run in the page before anything of its own. */
function recorder(session) {
  const rec = (window.__paint = { first: null, usable: null });
  const visible = (selector) => {
    const h = document.querySelector(selector);
    if (!h) return false;
    const r = h.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  };
  const usable = (now) => {
    const m = performance.getEntriesByName('floor:index', 'measure').at(-1);
    return !!m && now >= m.startTime + m.duration && !!document.querySelector('#search') && !document.querySelector('.prerendered');
  };
  const tick = () => {
    const now = performance.now();
    if (rec.first === null && visible('article h2')) rec.first = now;
    if (session && rec.usable === null && usable(now)) rec.usable = now;
    if (rec.first === null || (session && rec.usable === null)) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** One load of `input` as `kind` ("static" or "session"), in a new context. */
async function load(input, kind) {
  const session = kind === 'session';
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = guard(page);
  await page.addInitScript(recorder, session);
  const url = server.url + (session ? input.session : input.staticFile);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((s) => window.__paint?.first != null && (!s || window.__paint.usable != null), session, {
    polling: 'raf',
    timeout: 120_000,
  });
  const figures = await page.evaluate(() => ({ ...window.__paint }));
  if (session) {
    await page.locator('#search').fill('forum');
    await page.waitForFunction(() => /\d+ match/.test(document.querySelector('#search-count')?.textContent ?? ''), null, { timeout: 30_000 });
  } else {
    const articles = await page.locator('article').count();
    if (articles !== input.turns) throw new Error(`${url}: ${articles} articles, expected ${input.turns} turns`);
  }
  errors.check(`${kind} ${input.name} (${url})`);
  await context.close();
  return figures;
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f1 = (x) => (x === null || Number.isNaN(x) ? '-' : x.toFixed(1));

console.log(
  `Session page against a static page: dist build, Chromium ${browser.version()}, ${rounds} round(s); ` +
    INPUTS.map((i) => `${i.name} ${(i.bytes / 1e6).toFixed(2)} MB, ${i.turns} turns`).join('; '),
);
const runs = [];
for (let round = 1; round <= rounds; round++) {
  const order = round % 2 ? ['static', 'session'] : ['session', 'static'];
  for (const input of INPUTS) {
    for (const kind of order) {
      const figures = await load(input, kind);
      runs.push({ input: input.name, kind, ...figures });
      console.log(
        `[round ${round}] ${input.name.padEnd(6)} ${kind.padEnd(7)} first turn ${f1(figures.first).padStart(7)}` +
          (kind === 'session' ? `  usable ${f1(figures.usable).padStart(7)}` : ''),
      );
    }
  }
}

console.log(`\nmedians over ${rounds} round(s), ms from navigation start; ratios to the static page's first turn`);
console.log('input   static first turn (min-max)   session first turn (min-max)  ratio  goal  usable   ratio  goal');
let met = true;
for (const input of INPUTS) {
  const col = (kind, key) => runs.filter((r) => r.input === input.name && r.kind === kind).map((r) => r[key]);
  const range = (xs) => `${f1(median(xs))} (${f1(Math.min(...xs))}-${f1(Math.max(...xs))})`;
  const a = median(col('static', 'first'));
  const b = median(col('session', 'first'));
  const u = median(col('session', 'usable'));
  const [rb, ru] = [b / a, u / a];
  met &&= rb <= GOAL.first && ru <= GOAL.usable;
  console.log(
    `${input.name.padEnd(7)} ${range(col('static', 'first')).padStart(24)} ${range(col('session', 'first')).padStart(30)}  ` +
      `${rb.toFixed(2).padStart(5)} ${rb <= GOAL.first ? ' met' : ' NOT'}  ${f1(u).padStart(7)} ${ru.toFixed(2).padStart(6)} ${ru <= GOAL.usable ? ' met' : ' NOT'}`,
  );
}
console.log(met ? 'all goals met (first turn <= 1.1x, usable <= 1.5x)' : 'some goals not met (first turn <= 1.1x, usable <= 1.5x)');

await browser.close();
await server.close();
