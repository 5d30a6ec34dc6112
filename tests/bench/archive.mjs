// The archive page in Chromium, on a built site (`node tests/bench/archive.mjs
// SITE_DIR [query…]`; the harness `cargo test --test archive -- --ignored
// write_a_site` writes one in target/archive-site):
//
//   index size   the index files gzipped (term shards, fragments) against
//                the sessions' sources, raw and gzipped
//   cold query   per query, a fresh browser context (cold cache): the bytes
//                the page and the query fetch, raw and gzipped (level 6, as
//                a static host compresses), without and with the page itself;
//                the time from the shards' arrival to the results on the
//                page (the `floor:archive-results` measure)
//   memory       JS heap (after a GC) and the module's WebAssembly memory
//                after 20 queries typed in one page
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServer } from '../e2e/static-server.js';
import { launch } from './setup.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node tests/bench/archive.mjs SITE_DIR [query…]');
const queries = process.argv.length > 3 ? process.argv.slice(3) : ['internet governance', 'gover', '"best practice"', 'the', 'capacity buil', 'cybersecurity'];

const gz = (b) => gzipSync(b, { level: 6 }).length;
const kb = (n) => (n / 1000).toFixed(1);

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

// Index size.
const files = walk(site).map((p) => relative(site, p));
const sum = (pred, f) => files.filter(pred).reduce((n, p) => n + f(readFileSync(join(site, p))), 0);
const isShard = (p) => p.startsWith('index/t/');
const isFragment = (p) => p.startsWith('index/f/');
let sources = [];
try {
  sources = readFileSync(join(site, 'sources.txt'), 'utf8').trim().split('\n').map((l) => l.split('\t')[0]);
} catch {
  sources = files.filter((p) => p.startsWith('sessions/') && /\.(txt|vtt|srt|md|json)$/.test(p) && !/^sessions\/(sample)/.test(p));
}
const text = Buffer.concat(sources.map((p) => readFileSync(join(site, p))));
const shardsRaw = sum(isShard, (b) => b.length);
const shardsGz = sum(isShard, gz);
const fragsRaw = sum(isFragment, (b) => b.length);
const fragsGz = sum(isFragment, gz);
const page = readFileSync(join(site, 'index.html'));
console.log(`site ${site}: ${sources.length} sources, ${files.filter(isShard).length} shards, ${files.filter(isFragment).length} fragments`);
console.log('what            raw KB   gzip KB  gzip / text raw  gzip / text gzip');
const row = (name, raw, g) =>
  console.log(`${name.padEnd(14)} ${kb(raw).padStart(8)} ${kb(g).padStart(9)} ${(g / text.length * 100).toFixed(1).padStart(15)} % ${(g / gz(text) * 100).toFixed(1).padStart(15)} %`);
row('sources', text.length, gz(text));
row('shards', shardsRaw, shardsGz);
row('fragments', fragsRaw, fragsGz);
row('index', shardsRaw + fragsRaw, shardsGz + fragsGz);
row('archive page', page.length, gz(page));

const server = await startServer({ root: site });
const browser = await launch();

/** Types `q` into a fresh page; resolves when its count is written. */
async function typeQuery(p, q) {
  await p.evaluate(() => (document.getElementById('archive-count').textContent = ''));
  await p.fill('#archive-q', q);
  // The count is written with the first results (for a phrase, of the
  // sessions checked so far), or the alert shown.
  await p.waitForFunction(
    (q) =>
      (document.getElementById('archive-q').value === q && document.getElementById('archive-count').textContent) ||
      !document.getElementById('archive-alert').hidden,
    q,
    { timeout: 60_000 },
  );
}

console.log('\ncold query              page raw KB  page gz KB  query raw KB  query gz KB  total gz KB  requests  results ms  count');
for (const q of queries) {
  const context = await browser.newContext();
  const p = await context.newPage();
  const bodies = [];
  let phase = 'page';
  p.on('response', async (r) => {
    const at = phase;
    try {
      const b = await r.body();
      bodies.push({ at, url: r.url(), raw: b.length, gz: gz(b) });
    } catch {}
  });
  await p.goto(server.url, { waitUntil: 'networkidle' });
  phase = 'query';
  await typeQuery(p, q);
  // And the snippets of the results shown, which come with their fragments.
  await p.waitForFunction(() => [...document.querySelectorAll('.archive-turns .snippet')].every((s) => s.textContent), undefined, {
    timeout: 60_000,
  });
  const ms = await p.evaluate(() => performance.getEntriesByName('floor:archive-results').at(-1)?.duration ?? NaN);
  const count = await p.textContent('#archive-count');
  const of = (at, k) => bodies.filter((b) => b.at === at).reduce((n, b) => n + b[k], 0);
  const pagePart = bodies.filter((b) => b.at === 'page');
  // The module and its script, once the page loads them, are the query's
  // cost on a cold cache too: counted with the query.
  const isModule = (b) => /floor-archive|archive\.js/.test(b.url);
  const queryRaw = of('query', 'raw') + pagePart.filter(isModule).reduce((n, b) => n + b.raw, 0);
  const queryGz = of('query', 'gz') + pagePart.filter(isModule).reduce((n, b) => n + b.gz, 0);
  const pageRaw = pagePart.filter((b) => !isModule(b)).reduce((n, b) => n + b.raw, 0);
  const pageGz = pagePart.filter((b) => !isModule(b)).reduce((n, b) => n + b.gz, 0);
  console.log(
    `${q.padEnd(22).slice(0, 22)} ${kb(pageRaw).padStart(12)} ${kb(pageGz).padStart(11)} ${kb(queryRaw).padStart(13)} ${kb(queryGz).padStart(12)} ${kb(pageGz + queryGz).padStart(12)} ${String(bodies.length).padStart(9)} ${ms.toFixed(1).padStart(11)}  ${count}`,
  );
  await context.close();
}

// Memory after 20 queries in one page.
{
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto(server.url, { waitUntil: 'networkidle' });
  const words = ['internet', 'governance', 'forum', 'best', 'practice', 'chair', 'thank', 'data', 'security', 'capacity'];
  for (let i = 0; i < 20; i++) {
    await typeQuery(p, `${words[i % words.length]} ${words[(i * 3 + 1) % words.length].slice(0, 3 + (i % 4))}`);
    await p.waitForFunction(() => [...document.querySelectorAll('.archive-turns .snippet')].every((s) => s.textContent));
  }
  const cdp = await context.newCDPSession(p);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await p.evaluate(() => globalThis.__floorArchiveMemory?.buffer.byteLength ?? NaN);
  console.log(`\nafter 20 queries: JS heap ${(heap.usedSize / 1e6).toFixed(2)} MB, WebAssembly memory ${(wasm / 1e6).toFixed(2)} MB, total ${((heap.usedSize + wasm) / 1e6).toFixed(2)} MB (goal ≤ 50 MB)`);
  await context.close();
}
await browser.close();
await server.close();
