// Memory in Chromium after loading a transcript in Floor (the release build
// in dist/), for the sample and for the sample's turns 100 times ("big",
// served from memory as big.txt); and, as a reference, after loading the
// static HTML page of the same transcript (`floor html FILE`). Each load is
// in a new browser context; the figures are taken once the page is done:
// Floor's search index built (its `floor:index` User Timing measure exists),
// turn 1 (`#t1 h2`) on screen and every turn in the page (Floor fills a
// large transcript's turns in the background), or the static page's load
// event ended;
// then a full garbage collection (CDP HeapProfiler.collectGarbage) and:
//
//   transcript   the transcript's size: the UTF-8 bytes of its text
//   JS heap      V8's used heap (CDP Runtime.getHeapUsage usedSize)
//   WASM         the size of Floor's WebAssembly linear memory
//                (exports.memory.buffer.byteLength; caught by wrapping
//                WebAssembly.instantiate and instantiateStreaming before the
//                page's scripts run; Floor itself is unchanged). Linear
//                memory only grows: this is its peak during the load.
//   total        JS heap + WASM; ratio = total / transcript, against the
//                target: at most 4x the transcript's size
//   DOM heap     Blink's own heap, where the DOM lives (Runtime.getHeapUsage
//                embedderHeapUsedSize), for information: not in the total
//   DOM nodes    CDP Memory.getDOMCounters nodes
//   UA memory    performance.measureUserAgentSpecificMemory() bytes, the
//                browser's own estimate for the page (JS, DOM and the rest);
//                the pages are served cross-origin isolated (COOP
//                same-origin, COEP require-corp) so that it is available,
//                and Chromium runs with ForceEagerMeasureMemory so that it
//                answers at once; "-" if it is not available
//
// Figures are medians over the rounds, in MB (10^6 bytes). Any page error,
// console error or failed request stops the run.
//
// Usage: node tests/bench/memory.mjs [rounds]   (default 3; run `make dist`
// and build target/release/floor first)
import { startServer } from '../e2e/static-server.js';
import { FILES, INPUTS, f0, f2, guard, launch, mb, median, root } from './common.mjs';

const rounds = Number(process.argv[2] ?? 3);
if (!(rounds >= 1)) throw new Error(`rounds must be a positive number: ${process.argv[2]}`);
const TARGET = 4;

const server = await startServer({
  root: root + 'dist',
  files: FILES,
  headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
});
const browser = await launch(['--enable-blink-features=ForceEagerMeasureMemory']);

/** Keeps the WebAssembly instances' memories: the last on window.__floorMemory. */
function catchMemory() {
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
    const memory = instance?.exports?.memory;
    if (memory instanceof WebAssembly.Memory) {
      (window.__floorMemories ??= []).push(memory);
      window.__floorMemory = memory;
    }
    return result;
  };
  const { instantiate, instantiateStreaming } = WebAssembly;
  WebAssembly.instantiate = (...args) => instantiate.apply(WebAssembly, args).then(keep);
  if (instantiateStreaming) {
    WebAssembly.instantiateStreaming = (...args) => instantiateStreaming.apply(WebAssembly, args).then(keep);
  }
}

/** One load of `input` as `kind` ("static" or "Floor"); its figures. */
async function measure(input, kind) {
  const floor = kind === 'Floor';
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = guard(page);
  await page.addInitScript(catchMemory);
  const url = server.url + (floor ? input.path : input.staticFile);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    (floor) => {
      const h = document.querySelector('#t1 h2');
      const r = h?.getBoundingClientRect();
      const visible = !!r && r.height > 0 && r.bottom > 0 && r.top < innerHeight;
      const done = floor
        ? performance.getEntriesByName('floor:index', 'measure').length > 0
        : performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0;
      return visible && done;
    },
    floor,
    { polling: 'raf', timeout: 120_000 },
  );
  // Floor fills a large transcript's turns in after the first screen: wait
  // until every turn is in the page, as in the static page.
  await page.waitForFunction((n) => document.querySelectorAll('article').length === n, input.turns, {
    timeout: 120_000,
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { nodes } = await cdp.send('Memory.getDOMCounters');
  const page_ = await page.evaluate(async () => {
    const out = {
      wasm: window.__floorMemory?.buffer.byteLength ?? null,
      instances: window.__floorMemories?.length ?? 0,
      isolated: self.crossOriginIsolated,
      ua: null,
    };
    if (self.crossOriginIsolated && performance.measureUserAgentSpecificMemory) {
      // At most 30 s: with ForceEagerMeasureMemory it answers at once.
      const timeout = new Promise((resolve) => setTimeout(resolve, 30_000, null));
      const m = await Promise.race([performance.measureUserAgentSpecificMemory(), timeout]);
      out.ua = m?.bytes ?? null;
    }
    return out;
  });
  if (floor && page_.wasm === null) throw new Error(`${url}: no WebAssembly memory caught`);
  if (floor && page_.instances !== 1) throw new Error(`${url}: ${page_.instances} WebAssembly instances, expected 1`);
  if (!page_.isolated) throw new Error(`${url}: not cross-origin isolated`);
  errors.check(`${kind} ${input.name} (${url})`);
  await cdp.detach();
  await context.close();
  return {
    js: heap.usedSize,
    dom: heap.embedderHeapUsedSize ?? null,
    wasm: page_.wasm,
    nodes,
    ua: page_.ua,
  };
}

console.log(`Memory after loading: dist build, Chromium ${browser.version()}, ${rounds} round(s), medians, MB = 10^6 bytes`);
const runs = [];
for (let round = 1; round <= rounds; round++) {
  for (const input of INPUTS) {
    for (const kind of round % 2 ? ['Floor', 'static'] : ['static', 'Floor']) {
      runs.push({ input: input.name, kind, ...(await measure(input, kind)) });
    }
  }
}
const med = (input, kind, key) => median(runs.filter((r) => r.input === input && r.kind === kind).map((r) => r[key]));

console.log('\nFloor');
console.log('input   transcript MB  JS heap MB  WASM MB  total MB  total/transcript  target  met  DOM heap MB  DOM nodes  UA memory MB');
for (const input of INPUTS) {
  const js = med(input.name, 'Floor', 'js');
  const wasm = med(input.name, 'Floor', 'wasm');
  const total = js + wasm;
  const ratio = total / input.bytes;
  console.log(
    `${input.name.padEnd(7)} ${mb(input.bytes).padStart(13)} ${mb(js).padStart(11)} ${mb(wasm).padStart(8)} ${mb(total).padStart(9)} ` +
      `${f2(ratio).padStart(17)} ${('<= ' + TARGET).padStart(7)}  ${ratio <= TARGET ? 'yes' : 'NO '}` +
      ` ${mb(med(input.name, 'Floor', 'dom')).padStart(12)} ${f0(med(input.name, 'Floor', 'nodes')).padStart(10)} ` +
      `${mb(med(input.name, 'Floor', 'ua')).padStart(13)}`,
  );
}

console.log('\nstatic page (floor html), for reference');
console.log('input   transcript MB  page MB  JS heap MB  DOM heap MB  DOM nodes  UA memory MB');
for (const input of INPUTS) {
  console.log(
    `${input.name.padEnd(7)} ${mb(input.bytes).padStart(13)} ${mb(Buffer.byteLength(input.html)).padStart(8)} ` +
      `${mb(med(input.name, 'static', 'js')).padStart(11)} ${mb(med(input.name, 'static', 'dom')).padStart(12)} ` +
      `${f0(med(input.name, 'static', 'nodes')).padStart(10)} ${mb(med(input.name, 'static', 'ua')).padStart(13)}`,
  );
}

await browser.close();
await server.close();
