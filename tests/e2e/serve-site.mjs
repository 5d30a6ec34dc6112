// `make serve-site`: the archive site `floor site` wrote (default: site/), as
// a static host would serve it — under a sub-path (/archive/), with the
// strict Content Security Policy the README gives — on
// http://127.0.0.1:8090/archive/. Usage: node tests/e2e/serve-site.mjs [SITE]
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from './static-server.js';

const root = resolve(process.argv[2] ?? 'site');
if (!existsSync(`${root}/index.html`)) {
  console.error(`no site in ${root}: run \`make site\` first`);
  process.exit(1);
}
const site = await startServer({
  root,
  prefix: '/archive/',
  port: 8090,
  headers: {
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'",
  },
});
console.log(`The archive: ${site.url} (Ctrl+C stops).`);
