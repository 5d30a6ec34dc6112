// The readers' worker (floor.js starts it the first time a text needs
// them): reads text, or aligns a transcript to captions, with floor-readers
// (src/bin/floor-readers.rs), and posts back the transcript as wire bytes,
// or the error.
import init, * as readers from './floor-readers.js';

const ready = init();
const ops = { read: readers.read, align: readers.align, alignText: readers.alignText };
onmessage = async ({ data: { id, op, args } }) => {
  try {
    await ready;
    const bytes = ops[op](...args);
    postMessage({ id, bytes }, [bytes.buffer]);
  } catch (e) {
    postMessage({ id, error: String(e) });
  }
};
