// What every page benchmark needs, with no other requirement than
// node_modules: the repository root, the two transcripts (the sample, and
// the sample's turns 100 times, as viewer.spec.js and search.spec.js build
// it), a transcript of one long paragraph, Debian's Chromium, and a guard
// on page errors.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/chromium.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));

// The large transcript: the sample's header once, then its turns 100 times
// (the sample's turn lines start with a no-break space).
export const sample = readFileSync(root + 'assets/sample.txt', 'utf8');
const firstTurnAt = sample.search(/^[^\S\n]*>>/m);
const body = sample.slice(firstTurnAt).trimEnd();
export const big = `${sample.slice(0, firstTurnAt)}${Array(100).fill(body).join('\n\n')}\n`;

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

/**
 * A transcript whose second turn is one paragraph of about `bytes` bytes:
 * the sample's turns on one line (their labels dropped, runs of spaces one
 * space, an uncertain word after each), repeated; a short turn before it and
 * one after. search.spec.js builds the same.
 */
export function longParagraph(bytes) {
  const words = sample
    .slice(firstTurnAt)
    .replace(/^[^\S\n]*>>[^:\n]*:/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const unit = `${words} I am Sivi (phonetic) here.`;
  const line = Array(Math.ceil(bytes / unit.length)).fill(unit).join(' ');
  return `Long paragraph\n\n>>CHAIR: A short first turn.\n\n>>SPEAKER: ${line.slice(0, line.lastIndexOf(' ', bytes))}\n\n>>CHAIR: A short last turn.\n`;
}
