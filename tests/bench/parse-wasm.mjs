// The parser compiled to WASM (the release build in dist/, as shipped), run
// under Node: parse throughput on the sample and on the sample repeated 100
// times, printed as MB/s beside the native numbers of the last
// `cargo bench --bench parse` (target/bench-parse-native.json).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = root + 'dist/';
const js = readdirSync(dist).find((f) => /^floor-web(-.*)?\.js$/.test(f));
const wasm = readdirSync(dist).find((f) => /^floor-web(-.*)?_bg\.wasm$/.test(f));
if (!js || !wasm) throw new Error('no build in dist/: run `make dist` first');
const glue = await import(dist + js);
glue.initSync({ module: readFileSync(dist + wasm) });

const sample = readFileSync(root + 'assets/sample.txt', 'utf8');
const inputs = [
  ['sample', sample],
  ['sample x100', sample.repeat(100)],
];
// Native MB/s from `cargo bench --bench parse`, run just before (make bench).
let native = [];
try {
  const n = JSON.parse(readFileSync(root + 'target/bench-parse-native.json', 'utf8'));
  native = inputs.map(([name]) => n[name]);
} catch {
  native = process.argv.slice(2).map(Number);
}
console.log('WASM parse (dist build, Node ' + process.version + '), median of 15 runs');
console.log('input          MB     turns   ms/parse   MB/s   native MB/s   WASM/native time');
inputs.forEach(([name, text], i) => {
  const mb = Buffer.byteLength(text) / 1e6;
  let turns = 0;
  for (let w = 0; w < 3; w++) turns = glue.countTurns(text); // warm up
  const times = [];
  for (let r = 0; r < 15; r++) {
    const t = performance.now();
    turns = glue.countTurns(text);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const ms = times[7];
  const mbps = mb / (ms / 1000);
  const n = native[i];
  const ratio = n ? (n / mbps).toFixed(2) : '-';
  console.log(
    `${name.padEnd(12)} ${mb.toFixed(2).padStart(6)} ${String(turns).padStart(8)} ${ms.toFixed(2).padStart(10)} ${mbps.toFixed(0).padStart(6)} ${n ? n.toFixed(0).padStart(13) : '-'.padStart(13)} ${String(ratio).padStart(18)}`,
  );
});

// The timed readers' module (dist/floor-readers*, loaded on demand by the
// viewer): each reader's throughput on the files `cargo bench --bench
// readers` wrote to target/bench-readers/ and on the corpus's caption files,
// beside that run's native MB/s (target/bench-readers-native.json). The
// time includes handing the transcript back as wire bytes, as the viewer
// gets it.
const readersJs = readdirSync(dist).find((f) => /^floor-readers(-.*)?\.js$/.test(f));
const readersWasm = readdirSync(dist).find((f) => /^floor-readers(-.*)?_bg\.wasm$/.test(f));
if (readersJs && readersWasm) {
  const readers = await import(dist + readersJs);
  readers.initSync({ module: readFileSync(dist + readersWasm) });
  let nativeReaders = {};
  try {
    nativeReaders = JSON.parse(readFileSync(root + 'target/bench-readers-native.json', 'utf8'));
  } catch {}
  const files = [];
  const generated = root + 'target/bench-readers/';
  try {
    for (const f of readdirSync(generated).sort()) files.push([f, readFileSync(generated + f, 'utf8')]);
  } catch {
    console.log('\n(no target/bench-readers/: run `cargo bench --bench readers` first for the 10-hour file)');
  }
  for (const dir of ['other', 'captions']) {
    const d = `${root}tests/data/corpus/${dir}/`;
    for (const f of readdirSync(d).filter((f) => !f.endsWith('.expected.json')).sort()) {
      files.push([f, readFileSync(d + f, 'utf8')]);
    }
  }
  console.log('\nWASM timed readers (dist/floor-readers, Node), median of 15 runs, text to wire bytes');
  console.log('input                                          MB   ms/read   MB/s   native MB/s');
  for (const [name, text] of files) {
    const mb = Buffer.byteLength(text) / 1e6;
    for (let w = 0; w < 3; w++) readers.read(text, name);
    const times = [];
    for (let r = 0; r < 15; r++) {
      const t = performance.now();
      readers.read(text, name);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const ms = times[7];
    const n = nativeReaders[name];
    console.log(
      `${name.padEnd(44)} ${mb.toFixed(3).padStart(6)} ${ms.toFixed(2).padStart(9)} ${(mb / (ms / 1000)).toFixed(0).padStart(6)} ${n ? n.toFixed(0).padStart(13) : '-'.padStart(13)}`,
    );
  }
}
