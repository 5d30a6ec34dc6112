// What the page benchmarks first-paint.mjs and memory.mjs share: the two
// transcripts (the sample, and the sample's turns 100 times as in
// search.mjs), their static pages from the native CLI (`floor html -`), the
// browser, a guard on page errors, and the table helpers.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/chromium.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));

if (!existsSync(root + 'dist/index.html')) throw new Error('no build in dist/: run `make dist` first');
const cli = root + 'target/release/floor';
if (!existsSync(cli)) throw new Error('no target/release/floor: run `cargo build --release --locked --bin floor` first');

// The large transcript as in search.mjs and viewer.spec.js: the sample's
// header once, then its turns 100 times (the sample's turn lines start with
// a no-break space).
export const sample = readFileSync(root + 'assets/sample.txt', 'utf8');
const firstTurnAt = sample.search(/^[^\S\n]*>>/m);
const body = sample.slice(firstTurnAt).trimEnd();
export const big = `${sample.slice(0, firstTurnAt)}${Array(100).fill(body).join('\n\n')}\n`;

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

/** Debian's Chromium, as the tests start it, plus `extraArgs`. */
export function launch(extraArgs = []) {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...extraArgs] });
}

/**
 * Collects the page's uncaught errors, console errors and failed requests;
 * `check(what)` throws if there were any.
 */
export function guard(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()}: ${r.url()}`));
  return {
    errors,
    check(what) {
      if (errors.length) throw new Error(`${what}: ${errors.length} page error(s):\n  ${errors.join('\n  ')}`);
    },
  };
}

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
