// The first screen of Floor's own page, pre-rendered: assets/first-screen.html
// is what the viewer draws for the bundled sample (its toolbar, header,
// speaker index and first turns, as FIRST says), taken from the viewer itself
// in Chromium. index.html carries it (trunk inlines it), so that the page
// shows the sample's first turns as soon as its HTML and CSS are in, before
// the WebAssembly is ready. It is inert and hidden from screen readers, which
// hear the viewer's own status line load behind it (style/floor.css). The
// viewer removes it when it shows its transcript or fails
// (`State::drop_first_screen` in src/app/state.rs).
// first-screen.js hides it at once on any other address (`?src=`, a
// permalink, a search).
//
//   node src/web/first-screen.mjs     rewrites assets/first-screen.html from
//                                      the build in dist/ (`make first-screen`)
//
// tests/e2e/first-page.spec.js checks that the file is what the viewer draws
// now, with the same `snapshot` below: a change to the viewer's markup or to
// the sample fails it until the file is written again.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * What the first screen keeps: the sample's first two turns (they run past
 * the bottom of a 1280x720 and of a 1920x1080 window), without their
 * paragraphs that start more than `below` px down the page (at 1280 px wide).
 */
export const FIRST = { turns: 2, below: 1400 };

/**
 * Runs in the page, once the viewer shows its transcript: the viewer's root
 * as the first screen, as HTML. It keeps what shows and drops what does
 * not or could clash with the live viewer: turns after the first `turns`,
 * paragraphs and speakers that start more than `below` px down the page,
 * the dialogs,
 * the bodies of closed <details>, ids and what refers to them, titles and
 * Leptos's comment markers, and what only assistive technology or the
 * live viewer reads (roles, names, live regions, keys, ids of speakers).
 * The root gets class `first-screen`, `inert`
 * and `aria-hidden`.
 */
export function snapshot({ turns, below }) {
  const live = document.querySelector('.floor:not(.first-screen)');
  // Paragraphs and speakers below the first screen.
  const lowOnes = '.turn p, .speakers li';
  const low = [...live.querySelectorAll(lowOnes)].map((el) => el.getBoundingClientRect().top + scrollY > below);
  const root = live.cloneNode(true);
  root.querySelectorAll(lowOnes).forEach((el, i) => low[i] && el.remove());
  // What does not show: dialogs, hidden elements, the skip link and text
  // for screen readers only.
  root.querySelectorAll('dialog, [hidden], .skip, .visually-hidden').forEach((d) => d.remove());
  const groups = [...root.querySelectorAll('.turns > .group')];
  groups.slice(1).forEach((g) => g.remove());
  [...(groups[0]?.children ?? [])].slice(turns).forEach((t) => t.remove());
  root.querySelectorAll('details:not([open])').forEach((d) => {
    [...d.children].filter((c) => c.localName !== 'summary').forEach((c) => c.remove());
  });
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.remove());
  // Inert and hidden from assistive technology, it needs no names, roles,
  // live regions, keys, buttons' types or speakers' ids: only what shows.
  const unseen = ['role', 'aria-label', 'aria-live', 'aria-keyshortcuts', 'autocomplete', 'spellcheck', 'accept', 'data-speaker'];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const name of ['id', 'for', 'title', 'aria-describedby', 'aria-controls', 'aria-labelledby', ...unseen]) {
      el.removeAttribute(name);
    }
    if (el.localName === 'button') el.removeAttribute('type');
    if (el.getAttribute('aria-pressed') === 'false') el.removeAttribute('aria-pressed');
  }
  root.classList.add('first-screen');
  root.setAttribute('inert', '');
  root.setAttribute('aria-hidden', 'true');
  return root.outerHTML;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { startServer } = await import('../../tests/e2e/static-server.js');
  const { launch } = await import('../../tests/bench/setup.mjs');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const server = await startServer({ root: root + 'dist' });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(server.url);
    await page.locator('#t1 h2').waitFor();
    const html = await page.evaluate(snapshot, FIRST);
    writeFileSync(root + 'assets/first-screen.html', html + '\n');
    console.log(`assets/first-screen.html: ${html.length} bytes`);
  } finally {
    await browser.close();
    await server.close();
  }
}
