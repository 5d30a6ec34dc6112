// The archive site builder at scale (`make bench`, or alone: `make
// bench-site`): a generated archive of 5,000 IGF transcripts (~250 MB,
// tests/support/archive.rs, seed 1) built by the release CLI into
// target/bench-site/site, then:
//
//   fresh         a build into an empty folder (median of the runs)
//   unchanged     a build again with nothing changed
//   one changed   a build after one transcript gained a turn (each run
//                 changes another file, and puts it back after)
//   sizes         the site by kind of file (the build's summary), and the
//                 index against the transcripts' text, each file gzipped as
//                 a static host serves it (zlib level 6)
//
// Goals (issue 20, these 2-core machines): fresh ≤ 60 s, one changed ≤ 3 s,
// index ≤ 35% of the text, gzip.
//
// Usage: node tests/bench/site.mjs [count] [runs]   (defaults 5000 and 3;
// run `make dist` first; the CLI and the generator are built here)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { f1, f2, median, root } from './common.mjs';

const count = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 3);
const dir = `${root}target/bench-site-${count}/`;
const src = dir + 'src';
const site = dir + 'site';

execFileSync('cargo', ['build', '--release', '--locked', '--bin', 'floor', '--example', 'gen-archive'], {
  cwd: root,
  stdio: 'inherit',
});
if (!existsSync(src)) {
  execFileSync(`${root}target/release/examples/gen-archive`, ['--count', String(count), '--seed', '1', src], {
    stdio: 'inherit',
  });
}

/** Runs `floor site`; its wall time in seconds and its summary (stderr). */
function build() {
  const start = process.hrtime.bigint();
  const out = execFileSync(`${root}target/release/floor`, ['site', src, '-o', site, '--viewer', `${root}dist`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, summary: out };
}

const files = (folder) => {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  if (existsSync(folder)) walk(folder);
  return out;
};

const fresh = [];
let last;
for (let i = 0; i < runs; i++) {
  rmSync(site, { recursive: true, force: true });
  const r = build();
  fresh.push(r.seconds);
  last = r;
}
// The build's own summary (the stderr of the last fresh run).
const summary = execFileSync('cat', [`${site}/.floor/report.txt`], { encoding: 'utf8' });

const unchanged = [];
for (let i = 0; i < runs; i++) unchanged.push(build().seconds);

const sources = files(src).filter((p) => !p.split('/').pop().startsWith('.'));
const changed = [];
for (let i = 0; i < Math.max(runs, 3); i++) {
  const file = sources[(i * 997) % sources.length];
  const before = readFileSync(file);
  writeFileSync(file, Buffer.concat([before, Buffer.from(`\n\n>>ANA SILVA: One more point, number ${i}.\n`)]));
  try {
    changed.push(build().seconds);
  } finally {
    writeFileSync(file, before);
  }
}
build(); // back to the archive as generated

const gz = (paths) => paths.reduce((n, p) => n + gzipSync(readFileSync(p), { level: 6 }).length, 0);
const raw = (paths) => paths.reduce((n, p) => n + statSync(p).size, 0);
const text = sources;
const index = files(`${site}/index`);
const sub = (name) => index.filter((p) => p.includes(`/index/${name}/`));
const kinds = [...new Set(index.map((p) => p.slice(`${site}/index/`.length).split('/')[0]))];

console.log(`\nArchive site: ${count} generated transcripts, ${runs} runs each (medians), ${new Date().toISOString()}\n`);
console.log(summary.split('\n\nMerges')[0]);
console.log('\n| build | seconds | goal |');
console.log('|---|---:|---:|');
console.log(`| fresh | ${f1(median(fresh))} (${fresh.map(f1).join(', ')}) | ≤ 60 |`);
console.log(`| unchanged | ${f2(median(unchanged))} | |`);
console.log(`| one transcript changed | ${f2(median(changed))} (${changed.map(f2).join(', ')}) | ≤ 3 |`);

const textRaw = raw(text);
const textGz = gz(text);
console.log('\n| files | count | bytes | gzip | gzip / text gzip |');
console.log('|---|---:|---:|---:|---:|');
console.log(`| transcripts' text (sources) | ${text.length} | ${textRaw} | ${textGz} | 100% |`);
for (const k of kinds) {
  const ps = sub(k);
  const g = gz(ps);
  console.log(`| index/${k}/ | ${ps.length} | ${raw(ps)} | ${g} | ${f1((100 * g) / textGz)}% |`);
}
const indexGz = gz(index);
console.log(`| index, all | ${index.length} | ${raw(index)} | ${indexGz} | ${f1((100 * indexGz) / textGz)}% (goal ≤ 35%) |`);
if (!last) throw new Error('no build ran');
