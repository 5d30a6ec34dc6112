// `make examples`: the example host pages of examples/ with dist/ as their
// floor/ folder (as the README's deploy puts it), on http://127.0.0.1:8081/.
// The iframe example frames Floor from a second origin, port 8082.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('../../dist');
const examples = here('../../examples');
const floor = Object.fromEntries(readdirSync(dist).map((f) => [`floor/${f}`, readFileSync(join(dist, f))]));

const floorSite = await startServer({ root: dist, prefix: '/floor/', port: 8082 });
const host = await startServer({ root: examples, files: floor, port: 8081 });
host.files.set(
  'iframe.html',
  readFileSync(join(examples, 'iframe.html'), 'utf8')
    .replaceAll('https://floor.example', floorSite.origin)
    .replaceAll('https://host.example', host.origin),
);
console.log(`Examples: ${host.url} (in-place.html, src.html, two.html, iframe.html, api.html); Ctrl+C stops.`);
