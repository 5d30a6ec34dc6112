// The timed readers' worker (floor.js starts it the first time a text needs
// one): reads text with floor-readers (src/bin/floor-readers.rs) and posts
// back the transcript as wire bytes, or the error.
import init, { read } from './floor-readers.js';

const ready = init();
onmessage = async ({ data: { id, text, name } }) => {
  try {
    await ready;
    const bytes = read(text, name);
    postMessage({ id, bytes }, [bytes.buffer]);
  } catch (e) {
    postMessage({ id, error: String(e) });
  }
};
