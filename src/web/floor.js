// Floor's ES module entry, beside floor-web.js, floor-web_bg.wasm and
// floor.css in dist/. Importing it loads the WebAssembly once; then:
//
//   parse(text)               the transcript model as plain objects (the
//                             field names of `floor parse` JSON)
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

await init();

const here = new URL('./', import.meta.url);
// What every viewer needs to know about where Floor is.
const defaults = {
  stylesheet: new URL('floor.css', here).href,
  base: new URL('index.html', here).href,
};

export const parse = (text) => wasm.parse(text);
export const parseBytes = (bytes) => wasm.parseBytes(bytes);
export const mount = (element, options = {}) => wasm.mount(element, { ...defaults, ...options });
export const unmount = (element) => wasm.unmount(element);
export const enhance = () => wasm.enhance(defaults);
export const Search = wasm.Search;

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', enhance, { once: true });
  } else {
    enhance();
  }
}
