// Floor's ES module entry, beside floor-web.js, floor-web_bg.wasm and
// floor.css in dist/. Importing it loads the WebAssembly once; then:
//
//   parse(text)               the transcript model as plain objects (the
//                             field names of `floor parse` JSON); IGF text
//   read(text, name?)         the same, as a promise, for any format: WebVTT,
//                             SRT, JSON… load their readers the first time
//   align(text, captions, { name, captionsName }?)
//                             the same, its turns and paragraphs timed by
//                             the recording's captions (a promise)
//   parseBytes(uint8array)    the same from bytes in any supported encoding
//   mount(element, options)   a viewer in `element` (a shadow root);
//                             options: { src: URL } or { text: "…" } (default:
//                             the element's own content)
//   unmount(element)          removes it
//   new Search(text)          the viewer's search without the viewer:
//                             .search(query, speakerId?) gives
//                             { matches, turns: Uint32Array of turn numbers }
//   enhance()                 mounts every [data-floor] / [data-floor-src]
//                             element not yet mounted (done once on load)
//
// A host page needs only: <script type="module" src="…/floor.js"></script>
import init, * as wasm from './floor-web.js';

// Floor's own page: its transcript (`?src=`, the session page's own, or the
// sample) starts loading now, while the WebAssembly compiles. The app takes
// this response when it asks for the same address (src/web/fetch.rs), and
// checks it as any other.
if (typeof document !== 'undefined' && document.documentElement.hasAttribute('data-floor-app')) {
  const src = new URLSearchParams(location.search).get('src');
  const url = src ?? document.documentElement.getAttribute('data-floor-transcript') ?? 'sample.txt';
  let web = false;
  try {
    web = url.length <= 8192 && /^https?:$/.test(new URL(url, location.href).protocol);
  } catch {}
  if (web) {
    const response = fetch(url);
    // A failure is the app's to report, not an unhandled rejection.
    response.catch(() => {});
    globalThis.__floorPrefetch = { url, response };
  }
}

// Reads a response's body for the app (src/web/fetch.rs), as a stream: its
// bytes; or, when it is larger than `max`, its size as announced
// (Content-Length), or 0 as soon as more than `max` bytes have come,
// whatever the headers said; then the download is cancelled. The chunks
// stay here until the last one: the app copies the whole body into
// WebAssembly memory once, and a refused body never enters it.
globalThis.__floorBody = async (response, max) => {
  const reader = response.body?.getReader();
  const announced = +response.headers.get('content-length');
  if (announced > max) return reader?.cancel(), announced;
  const chunks = [];
  let n = 0;
  for (let read; reader && !(read = await reader.read()).done; chunks.push(read.value)) {
    if ((n += read.value.length) > max) return reader.cancel(), 0;
  }
  const body = new Uint8Array(n);
  n = 0;
  for (const chunk of chunks) body.set(chunk, n), (n += chunk.length);
  return body;
};

// The readers of saved pages and timed formats (WebVTT, SRT, JSON, …:
// src/bin/floor-readers.rs), and the aligner of a transcript to captions,
// are a module of their own, floor-readers.js, loaded the first time a text
// needs one, so that a first visit does not carry them: in a worker
// (readers.js), so that a long file is read off the page's thread, or,
// where a worker cannot start (floor.js loaded from another origin), on it.
// Each call resolves to a transcript as wire bytes (a Uint8Array), for the
// app (src/web/readers.rs) and read() and align() below.
let readers;
const onPage = () => import('./floor-readers.js').then(async (m) => (await m.default(), (op, args) => m[op](...args)));
const inWorker = () => {
  const worker = new Worker(new URL('readers.js', import.meta.url), { type: 'module' });
  const waiting = new Map();
  let id = 0;
  worker.onmessage = ({ data }) => {
    const w = waiting.get(data.id);
    waiting.delete(data.id);
    data.bytes ? w.done(data.bytes) : w.fail(new Error(data.error));
  };
  // The worker could not start (a policy, an old browser): on the page.
  worker.onerror = (e) => {
    e.preventDefault();
    readers = onPage();
    for (const w of waiting.values()) w.retry();
    waiting.clear();
  };
  return (op, args) =>
    new Promise((done, fail) => {
      const retry = () => readers.then((call) => call(op, args)).then(done, fail);
      waiting.set(++id, { done, fail, retry });
      worker.postMessage({ id, op, args });
    });
};
const call = (op, args) => {
  if (!readers) {
    try {
      readers = Promise.resolve(inWorker());
    } catch {
      readers = onPage();
    }
  }
  return readers.then((call) => call(op, args));
};
globalThis.__floorRead = (text, name) => call('read', [text, name ?? undefined]);
globalThis.__floorAlign = (wire, captions, name) => call('align', [wire, captions, name ?? undefined]);

// The recording beside a viewer (src/app/media.rs): media.js, loaded the
// first time a viewer has one; what the viewer asks of it waits for it.
globalThis.__floorMedia = (status, options, tell) => {
  const media = import('./media.js').then((m) => m.attach(status, options, tell));
  return new Proxy({}, { get: (_, name) => (...args) => media.then((m) => m[name](...args)) });
};

// Quotes, citations and downloads (src/app/quote.rs): quote.js, loaded the
// first time words are selected in a viewer or the viewer calls on it.
globalThis.__floorQuote = (root, viewer, tell) => {
  let quote;
  const load = () => (quote ??= import('./quote.js').then((m) => m.attach(root, viewer, tell)));
  const select = () => {
    const s = root.getSelection ? root.getSelection() : document.getSelection();
    if (s && !s.isCollapsed && viewer.contains(s.anchorNode)) {
      document.removeEventListener('selectionchange', select);
      load();
    }
  };
  document.addEventListener('selectionchange', select);
  return new Proxy({}, {
    get: (_, name) => (...args) => {
      if (name === 'detach') document.removeEventListener('selectionchange', select);
      return quote || name !== 'detach' ? load().then((m) => m[name](...args)) : null;
    },
  });
};

// A browser without WebAssembly SIMD cannot compile Floor: Floor's own page
// says so rather than stay blank (a host page gets the error).
let unsupported = false;
try {
  await init();
} catch (e) {
  if (!(e instanceof WebAssembly.CompileError && globalThis.document?.documentElement.hasAttribute('data-floor-app'))) {
    throw e;
  }
  unsupported = true;
  // The sample's pre-rendered first screen would only mislead (a session's
  // pre-rendered page stays: it reads without the viewer).
  document.querySelector('.first-screen:not(.prerendered)')?.remove();
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = 'This browser cannot run Floor: it needs WebAssembly SIMD (Chrome or Edge 91, Firefox 89, Safari 16.4 or later).';
  document.body.append(p);
}

const here = new URL('./', import.meta.url);
// What every viewer needs to know about where Floor is.
const defaults = {
  stylesheet: new URL('floor.css', here).href,
  base: new URL('index.html', here).href,
};

export const parse = (text) => wasm.parse(text);
// Any format: saved pages, WebVTT, SRT and JSON through their readers, loaded on
// demand; `name` (a file name) is a hint of the format.
export const read = async (text, name) =>
  wasm.needsReaders(text) ? wasm.fromWire(await globalThis.__floorRead(text, name)) : wasm.parse(text);
// A transcript (any format) aligned to its recording's captions: its turns
// and paragraphs get the captions' times (src/align/).
export const align = async (text, captions, { name, captionsName } = {}) =>
  wasm.fromWire(await call('alignText', [text, name, captions, captionsName]));
export const parseBytes = (bytes) => wasm.parseBytes(bytes);
export const mount = (element, options = {}) => wasm.mount(element, { ...defaults, ...options });
export const unmount = (element) => wasm.unmount(element);
export const enhance = () => wasm.enhance(defaults);
export const Search = wasm.Search;

if (typeof document !== 'undefined' && !unsupported) {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', enhance, { once: true });
  } else {
    enhance();
  }
}
