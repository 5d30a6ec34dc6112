// Memory and time in Chromium for each shape of input that once took far
// more than its size (the same shapes as `cargo bench --bench memory`):
// many tiny turns, one long paragraph, text without markers, punctuation
// without markers, many distinct labels, a paragraph of notes, tiny turns
// run together on one line; at 1, 10 and 40 MB. Each is served from memory and opened as `?src=`, in a new browser
// context, with the release build in dist/.
//
// Figures, once the transcript is on screen (its status line says
// "Showing", or "No turns found") and its search index is built (the
// `floor:index` User Timing measure), then a full garbage collection:
//
//   open s      from navigation to the transcript on screen and indexed
//   parse ms    Floor's `floor:parse` measure (decoding and parsing)
//   index ms    Floor's `floor:index` measure
//   longest ms  the longest task on the main thread until then (Long Tasks
//               API): how long the page could not answer
//   WASM        WebAssembly linear memory (it only grows: its peak)
//   JS          V8's used heap
//   DOM nodes   CDP Memory.getDOMCounters
//   ratio       (WASM + JS) / input: what the issue bounds (about 10x)
//
// Usage: node tests/bench/shapes.mjs [MB ...]   (default 1 10 40; run
// `make dist` first)
import { existsSync } from 'node:fs';
import { startServer } from '../e2e/static-server.js';
import { launch, guard, root } from './setup.mjs';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (!sizes.length) sizes.push(1, 10, 40);
if (!existsSync(root + 'dist/index.html')) throw new Error('no build in dist/: run `make dist` first');

/** `n` in capital letters: A, B, …, Z, BA, … (as benches/memory.rs). */
function letters(n) {
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}

/** About `size` bytes of one shape, as benches/memory.rs makes them. */
function input(shape, size) {
  const parts = [];
  let length = 0;
  const push = (s) => {
    parts.push(s);
    length += s.length;
  };
  const repeat = (s) => {
    const n = Math.ceil((size - length) / s.length);
    if (n > 0) push(s.repeat(n));
  };
  switch (shape) {
    case 'tiny turns':
      repeat('>>A: x\n');
      break;
    case 'long paragraph':
      push('>>CHAIR: ');
      repeat('word ');
      break;
    case 'no markers':
      push('Minutes\n\n');
      repeat('The meeting discussed access and rights online.\n\n');
      break;
    case 'punctuation':
      repeat(';');
      break;
    case 'many notes':
      push('>>CHAIR: ');
      repeat('[x] ');
      break;
    case 'run-on turns':
      repeat('>>A: x ');
      break;
    case 'many labels':
      for (let i = 0; length < size; i++) push(`>>DELEGATE ${letters(i)}: Thank you.\n\n`);
      break;
    default:
      throw new Error(`no shape ${shape}`);
  }
  return parts.join('');
}

const SHAPES = ['tiny turns', 'long paragraph', 'no markers', 'punctuation', 'many labels', 'many notes', 'run-on turns'];
const server = await startServer({ root: root + 'dist', files: { 'favicon.ico': { status: 204 } } });
const browser = await launch();

/** Keeps the WebAssembly memory on window.__floorMemory, and the longest task. */
function watch() {
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
    const memory = instance?.exports?.memory;
    if (memory instanceof WebAssembly.Memory) window.__floorMemory = memory;
    return result;
  };
  const { instantiate, instantiateStreaming } = WebAssembly;
  WebAssembly.instantiate = (...args) => instantiate.apply(WebAssembly, args).then(keep);
  if (instantiateStreaming) {
    WebAssembly.instantiateStreaming = (...args) => instantiateStreaming.apply(WebAssembly, args).then(keep);
  }
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask', buffered: true });
}

async function measure(shape, megabytes) {
  const text = input(shape, megabytes * 1e6);
  const bytes = Buffer.byteLength(text);
  server.files.set('shape.txt', text);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = guard(page);
  await page.addInitScript(watch);
  await page.goto(server.url + '?src=shape.txt', { waitUntil: 'commit' });
  await page.waitForFunction(
    () => {
      const status = document.querySelector('p.status')?.textContent ?? '';
      const shown = /Showing|No turns found/.test(status);
      return shown && performance.getEntriesByName('floor:index', 'measure').length > 0;
    },
    null,
    { polling: 500, timeout: 600_000 },
  );
  const open = await page.evaluate(() => performance.now());
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { nodes } = await cdp.send('Memory.getDOMCounters');
  const got = await page.evaluate(() => ({
    wasm: window.__floorMemory?.buffer.byteLength ?? NaN,
    longest: window.__longest,
    parse: performance.getEntriesByName('floor:parse', 'measure')[0]?.duration ?? NaN,
    index: performance.getEntriesByName('floor:index', 'measure')[0]?.duration ?? NaN,
  }));
  errors.check(`${shape} ${megabytes} MB`);
  await cdp.detach();
  await context.close();
  server.files.delete('shape.txt');
  return { bytes, open, js: heap.usedSize, nodes, ...got };
}

const mb = (n) => (n / 1e6).toFixed(1);
console.log(`In the page: dist build, Chromium ${browser.version()}, one load each, MB = 10^6 bytes`);
console.log(
  'shape             MB   open s  parse ms  index ms  longest ms  WASM MB  JS MB  DOM nodes  ratio',
);
for (const shape of SHAPES) {
  for (const megabytes of sizes) {
    const r = await measure(shape, megabytes);
    const ratio = (r.wasm + r.js) / r.bytes;
    console.log(
      `${shape.padEnd(16)} ${String(megabytes).padStart(3)} ${(r.open / 1000).toFixed(1).padStart(8)} ` +
        `${r.parse.toFixed(0).padStart(9)} ${r.index.toFixed(0).padStart(9)} ${r.longest.toFixed(0).padStart(11)} ` +
        `${mb(r.wasm).padStart(8)} ${mb(r.js).padStart(6)} ${String(r.nodes).padStart(10)} ${ratio.toFixed(1).padStart(5)}x`,
    );
  }
}
await browser.close();
await server.close();
