// Aligning a day-long meeting in WebAssembly: the pair `cargo bench --bench
// align` writes to target/bench-align/ (an untimed transcript of 60,000
// words and its captions, a fifth of their words wrong), aligned by the
// readers' module (dist/floor-readers*) under Node, then in Chromium
// through the JS API's align() (the module loaded in a worker, the time
// including the texts' way there and the transcript's way back). Medians
// of five runs after one to warm up; the target is 1 s in the page.
import { readdirSync, readFileSync } from 'node:fs';
import { launch, guard, root } from './setup.mjs';
import { startServer } from '../e2e/static-server.js';

const dist = `${root}dist/`;
const dir = `${root}target/bench-align/`;
let text, captions;
try {
  text = readFileSync(`${dir}meeting.txt`, 'utf8');
  captions = readFileSync(`${dir}meeting.vtt`, 'utf8');
} catch {
  console.error('no pair in target/bench-align/: run `cargo bench --bench align` first');
  process.exit(1);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const words = (s) => s.split(/\s+/).filter(Boolean).length;
console.log(`Aligning a day-long meeting (${words(text)} words of transcript, ${(captions.length / 1e6).toFixed(1)} MB of captions)\n`);

const js = readdirSync(dist).find((f) => /^floor-readers(-.*)?\.js$/.test(f));
const wasm = readdirSync(dist).find((f) => /^floor-readers(-.*)?_bg\.wasm$/.test(f));
const readers = await import(dist + js);
readers.initSync({ module: readFileSync(dist + wasm) });
const node = [];
for (let i = 0; i < 6; i++) {
  const started = performance.now();
  readers.alignText(text, 'meeting.txt', captions, 'meeting.vtt');
  if (i) node.push(performance.now() - started);
}
console.log(`readers' WebAssembly under Node (read both, align): ${median(node).toFixed(0)} ms`);

const server = await startServer({ root: `${root}dist`, files: { 'meeting.txt': text, 'meeting.vtt': captions } });
const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = guard(page);
  await page.goto(server.url);
  await page.locator('#t1').waitFor();
  const times = await page.evaluate(async () => {
    const floor = await import('./floor.js');
    const [text, captions] = await Promise.all(['meeting.txt', 'meeting.vtt'].map((f) => fetch(f).then((r) => r.text())));
    const out = [];
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      const t = await floor.align(text, captions, { captionsName: 'meeting.vtt' });
      if (!t.turns.some((turn) => turn.start !== null)) throw new Error('nothing timed');
      if (i) out.push(performance.now() - started);
    }
    return out;
  });
  errors.check('align in the page');
  console.log(`in Chromium, align() through the worker (both texts there, the transcript back): ${median(times).toFixed(0)} ms (target 1,000 ms)`);
} finally {
  await browser.close();
  await server.close();
}
