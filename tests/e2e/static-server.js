// A plain static file server for end-to-end tests: no rewrites, no fallbacks,
// only files under `root`, mounted at `prefix` ("/" or "/some/sub/path/").
// Listens on 127.0.0.1 on a port chosen by the OS at run time.
// Tests may add in-memory files beside `root`'s, or chosen responses (a
// status, headers, a body made as it is sent) for chosen paths, through
// `files`.
import { createServer } from 'node:http';
import { Readable, pipeline } from 'node:stream';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.vtt': 'text/vtt; charset=utf-8',
  '.wav': 'audio/wav',
};

function typeOf(path) {
  return TYPES[extname(path)] ?? 'application/octet-stream';
}

/**
 * Starts a server for `root` under `prefix`; resolves to
 * `{ origin, url, files, close() }` where `url` is the prefix's full URL.
 * `headers` are added to every response (e.g. a Content-Security-Policy).
 * `port` 0 (the default) lets the OS choose; only `make examples` fixes one.
 *
 * `files` maps paths relative to the prefix (`"big.txt"`, `"cases/a.txt"`) to
 * responses served instead of anything on disk: a string or Buffer (status
 * 200, the Content-Type of its extension), or `{ status, headers, body, wait }`
 * (each optional; `wait` is a promise the response waits for). The returned `files` is a live `Map` of the same: tests
 * may add or remove entries while the server runs.
 *
 * A `body` may also be a function, called for each request with it: it
 * returns a Node stream or an (async) iterable of chunks, sent as they come
 * (chunked, with no Content-Length unless `headers` give one) and no faster
 * than the client reads them. When the client goes away, the stream is
 * destroyed (an iterable's `return()` runs, so a generator's `finally`
 * knows).
 *
 * A Buffer body answers a `Range: bytes=a-b` request with that part (206),
 * as media players ask.
 */
export async function startServer({ root, prefix = '/', headers = {}, files = {}, port = 0 }) {
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) {
    throw new Error(`prefix must start and end with "/": ${prefix}`);
  }
  const extra = new Map(Object.entries(files));
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === prefix.slice(0, -1) && prefix !== '/') {
      res.writeHead(301, { Location: prefix }).end();
      return;
    }
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    const relative = path.slice(prefix.length);
    if (extra.has(relative)) {
      let given = extra.get(relative);
      if (typeof given === 'string' || Buffer.isBuffer(given) || given instanceof Uint8Array) {
        given = { body: given };
      }
      const { status = 200, headers: own = {}, body = '', wait } = given;
      if (wait) await wait;
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      if (range && (Buffer.isBuffer(body) || body instanceof Uint8Array) && status === 200) {
        const from = +range[1];
        const to = Math.min(range[2] ? +range[2] : body.length - 1, body.length - 1);
        res.writeHead(206, {
          'Content-Type': typeOf(relative),
          'Accept-Ranges': 'bytes',
          'Content-Range': `bytes ${from}-${to}/${body.length}`,
          'Content-Length': to - from + 1,
          ...headers,
          ...own,
        });
        res.end(body.subarray(from, to + 1));
        return;
      }
      const ranged = Buffer.isBuffer(body) ? { 'Accept-Ranges': 'bytes' } : {};
      res.writeHead(status, { 'Content-Type': typeOf(relative), ...ranged, ...headers, ...own });
      if (typeof body === 'function') {
        const made = body(req);
        pipeline(made instanceof Readable ? made : Readable.from(made), res, () => {});
      } else {
        res.end(body);
      }
      return;
    }
    let file = normalize(join(root, relative));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': typeOf(file), ...headers }).end(body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + prefix,
    files: extra,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
