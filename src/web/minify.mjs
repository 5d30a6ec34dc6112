// Trunk's post-build hook (Trunk.toml): in a release build, minifies the
// JavaScript trunk leaves unminified (wasm-bindgen's glue floor-web.js,
// floor.js, first-screen.js, and readers.js, media.js and quote.js, loaded on
// demand) with terser from npm, and drops from
// index.html the inert `<link data-trunk rel=rust …>` trunk leaves there
// (it loads nothing: the page loads floor.js itself). Trunk runs it with
// TRUNK_STAGING_DIR (the build about to become dist/) and TRUNK_PROFILE.
//
// Before minifying, it drops from the glue the classes wasm-bindgen writes
// for wasm-streams (a dependency of leptos's server functions, which a
// client-side app never calls): nothing in Floor makes one (no `__wrap`), so
// they are dead code terser cannot see (module exports). And its
// `debugString`, which describes a JsValue for Rust's `{:?}` (a kilobyte of
// type inspection), becomes `String(val)`: only panic messages use it, and
// without a panic hook they are never shown. If the glue no longer has these
// as expected, the build fails rather than ship them.
import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';

if (process.env.TRUNK_PROFILE === 'release') {
  const dir = process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error('minify.mjs runs as a trunk hook (TRUNK_STAGING_DIR is not set)');
  const glue = `${dir}/floor-web.js`;
  writeFileSync(glue, trimmed(readFileSync(glue, 'utf8')));
  for (const [name, module] of [
    ['floor-web.js', true],
    ['floor.js', true],
    ['first-screen.js', false],
    ['session.js', false],
    ['readers.js', true],
    ['media.js', true],
    ['quote.js', true],
    ['archive.js', true],
    ['floor-archive.js', true],
  ]) {
    const path = `${dir}/${name}`;
    const { code } = await minify(readFileSync(path, 'utf8'), {
      module,
      ecma: 2020,
      compress: { passes: 2 },
      format: { comments: false },
    });
    writeFileSync(path, code);
  }
  const html = `${dir}/index.html`;
  writeFileSync(html, readFileSync(html, 'utf8').replace(/<link [^>]*\bdata-trunk\b[^>]*>/g, ''));
}

// The glue without wasm-streams' classes (each `export class X { … }` up to
// its `Symbol.dispose` line, and its `XFinalization` registry), and with a
// one-line `debugString`.
function trimmed(code) {
  for (const name of ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource']) {
    const start = code.indexOf(`export class ${name} {`);
    const last = `if (Symbol.dispose) ${name}.prototype[Symbol.dispose] = ${name}.prototype.free;\n`;
    const end = code.indexOf(last, start);
    const registry = new RegExp(`const ${name}Finalization = [^;]*;\\n`);
    if (start < 0 || end < 0 || !registry.test(code) || code.includes(`${name}.__wrap`)) {
      throw new Error(`minify.mjs: wasm-bindgen's glue no longer has ${name} as expected`);
    }
    code = code.slice(0, start) + code.slice(end + last.length);
    code = code.replace(registry, '');
  }
  const debug = /^function debugString\(val\) \{\n[\s\S]*?\n\}\n/m;
  if (!debug.test(code)) throw new Error("minify.mjs: wasm-bindgen's glue has no debugString as expected");
  return code.replace(debug, 'function debugString(val) {\n    return String(val);\n}\n');
}
