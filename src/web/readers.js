// The readers' worker (floor.js starts it the first time a text needs
// them): reads text, aligns a transcript to captions, finds quotes, cites
// and exports, with floor-readers (src/bin/floor-readers.rs), and posts
// back what it gives (a transcript as wire bytes, numbers, text), or the
// error.
import init, * as readers from './floor-readers.js';

const ready = init();
// What the page may call: reading, aligning, quotes, citations, exports.
const ops = new Set(['read', 'align', 'alignText', 'quoteFind', 'quoteSelect', 'quoteText', 'quoteWords', 'cite', 'citeAll', 'exportText']);
onmessage = async ({ data: { id, op, args } }) => {
  try {
    await ready;
    if (!ops.has(op)) throw new Error(`no ${op} here`);
    const value = readers[op](...args);
    postMessage({ id, value }, value?.buffer ? [value.buffer] : []);
  } catch (e) {
    postMessage({ id, error: String(e) });
  }
};
