// What the page benchmarks first-paint.mjs and memory.mjs share: setup.mjs,
// the two transcripts' static pages from the native CLI (`floor html -`),
// and the table helpers.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { big, root, sample } from './setup.mjs';

export { big, guard, launch, root, sample } from './setup.mjs';

if (!existsSync(root + 'dist/index.html')) throw new Error('no build in dist/: run `make dist` first');
const cli = root + 'target/release/floor';
if (!existsSync(cli)) throw new Error('no target/release/floor: run `cargo build --release --locked --bin floor` first');

/** Runs the native CLI on `text` (stdin); returns its stdout. */
const floor = (command, text) =>
  execFileSync(cli, [command, '-'], { input: text, maxBuffer: 1 << 30, encoding: 'utf8' });

/**
 * Each input: `name`; `text`; `bytes` (its UTF-8 size); `path` (Floor's query
 * for it, under dist/); `staticFile` (its `floor html` page, served from
 * memory) with the page's `html`; `turns` (from `floor parse`).
 */
export const INPUTS = [
  { name: 'sample', text: sample, path: '', staticFile: 'static-sample.html' },
  { name: 'big', text: big, path: '?src=big.txt', staticFile: 'static-big.html' },
].map((input) => ({
  ...input,
  bytes: Buffer.byteLength(input.text),
  html: floor('html', input.text),
  turns: JSON.parse(floor('parse', input.text)).turns.length,
}));

/**
 * The in-memory files of the static server: big.txt, the static pages, and
 * an empty favicon.ico for the static pages (which name no icon, so Chromium
 * asks for /favicon.ico; a 404 would be a console error).
 */
export const FILES = Object.fromEntries([
  ['big.txt', big],
  ...INPUTS.map((i) => [i.staticFile, i.html]),
  ['favicon.ico', { status: 204 }],
]);

export const median = (xs) => {
  const s = xs.filter((x) => x !== null && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const f0 = (x) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(0));
export const f1 = (x) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(1));
export const f2 = (x) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(2));
export const mb = (bytes) => (bytes === null || bytes === undefined || Number.isNaN(bytes) ? '-' : (bytes / 1e6).toFixed(2));
