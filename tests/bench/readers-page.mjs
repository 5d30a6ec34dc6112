// The timed readers in the page: a caption file opened with ?src= until its
// turns are on screen, in Chromium, cold (a fresh page: the readers' module
// is fetched, compiled and started in its worker first), beside an IGF text
// of about the same size read by the viewer's own module. The 10-hour YouTube
// file is the one `cargo bench --bench readers` writes to
// target/bench-readers/ (the target: 250 ms in the page, beyond
// loading the module). Median of 7 runs; needs dist/ (make dist).
import { readFileSync } from 'node:fs';
import { big, guard, launch, root } from './setup.mjs';
import { startServer } from '../e2e/static-server.js';

let youtube;
try {
  youtube = readFileSync(root + 'target/bench-readers/youtube-10h.vtt', 'utf8');
} catch {
  console.error('no target/bench-readers/youtube-10h.vtt: run `cargo bench --bench readers` first');
  process.exit(2);
}
const server = await startServer({
  root: root + 'dist',
  files: { 'youtube-10h.vtt': youtube, 'big.txt': big },
});
const browser = await launch();
console.log('in the page (Chromium), ?src= to the first turn on screen, median of 7 cold runs');
console.log('(ms readers: the module loaded and the text read, cold; warm: read again, the module loaded)');
console.log('input               MB   ms to turns  ms readers   warm ms   figures');
for (const [name, text] of [
  ['youtube-10h.vtt', youtube],
  ['big.txt', big],
]) {
  const times = [];
  const reads = [];
  const warm = [];
  let turns = 0;
  for (let r = 0; r < 7; r++) {
    const page = await browser.newPage();
    // How long the readers' module takes to hand the transcript over
    // (loading it included), out of the whole.
    await page.addInitScript(() => {
      let read;
      Object.defineProperty(globalThis, '__floorRead', {
        set(f) {
          read = (text, name) => {
            const t = performance.now();
            return f(text, name).then((bytes) => ((globalThis.readMs = performance.now() - t), bytes));
          };
        },
        get: () => read,
      });
    });
    const g = guard(page);
    const t0 = Date.now();
    await page.goto(`${server.url}index.html?src=${name}`);
    await page.locator('.turns article').first().waitFor();
    times.push(Date.now() - t0);
    reads.push(await page.evaluate(() => globalThis.readMs ?? 0));
    // Then warm: the module loaded, the same text read again in the worker.
    if (name.endsWith('.vtt')) {
      warm.push(
        await page.evaluate(async (n) => {
          const text = await (await fetch(n)).text();
          const t = performance.now();
          await globalThis.__floorRead(text, n);
          return performance.now() - t;
        }, name),
      );
    }
    turns = await page.evaluate(() => document.querySelector('.figures, header p')?.textContent ?? '');
    g.check(name);
    await page.close();
  }
  times.sort((a, b) => a - b);
  reads.sort((a, b) => a - b);
  warm.sort((a, b) => a - b);
  const mb = (Buffer.byteLength(text) / 1e6).toFixed(2);
  console.log(
    `${name.padEnd(16)} ${mb.padStart(6)} ${String(times[3]).padStart(13)} ${reads[3].toFixed(0).padStart(12)} ${(warm.length ? warm[3].toFixed(0) : '-').padStart(9)}   ${String(turns).slice(0, 40)}`,
  );
}
await browser.close();
await server.close();
