// Trunk's post-build hook (Trunk.toml): in a release build, minifies the
// JavaScript trunk leaves unminified (wasm-bindgen's glue floor-web.js,
// floor.js and first-screen.js) with terser from npm, and drops from
// index.html the inert `<link data-trunk rel=rust …>` trunk leaves there
// (it loads nothing: the page loads floor.js itself). Trunk runs it with
// TRUNK_STAGING_DIR (the build about to become dist/) and TRUNK_PROFILE.
import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';

if (process.env.TRUNK_PROFILE === 'release') {
  const dir = process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error('minify.mjs runs as a trunk hook (TRUNK_STAGING_DIR is not set)');
  for (const [name, module] of [
    ['floor-web.js', true],
    ['floor.js', true],
    ['first-screen.js', false],
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
