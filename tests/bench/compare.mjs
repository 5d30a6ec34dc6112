// Floor's search against MiniSearch and FlexSearch (npm devDependencies),
// timed in the same Chromium page on the same turns, for the sample
// (dist/sample.txt) and for the sample's turns 100 times ("big", served from
// memory), against the release build in dist/.
//
// The page (an in-memory bench.html) imports dist/floor.js and the libraries'
// browser ES modules, served from node_modules. It gets the turns from
// Floor's `parse` (a turn's text: its paragraphs joined with "\n", its id:
// its turn number) and builds, in turn:
//
//   Floor       `new Search(text)`: parses the transcript text, indexes it
//               and lists its words (WASM); a query of plain words is
//               answered from that list, others (phrases, punctuation) by
//               reading the text; case- and accent-insensitive, every
//               word must appear in the turn (AND), whole words except the
//               last one, a prefix while typing (not once a space follows
//               it)
//   MiniSearch  `new MiniSearch({ fields: ['text'], storeFields: [] })` and
//               `addAll(docs)`; searched with `combineWith: 'AND'` and
//               `prefix` for the last term only (not once a space follows
//               it, as Floor). Its default tokenizer and term processing:
//               lower case, NOT accent-insensitive ("cafe" misses "Café").
//               Results are scored and sorted by score.
//   FlexSearch  an `Index` with `tokenize: 'forward'` (every prefix of every
//               word indexed) and an `Encoder({ dedupe: false, numeric:
//               false })` (lower case and accents removed, as Floor; the
//               default encoder also folds repeated letters, "spech" =
//               "speech", and splits numbers), `add(n, text)` for each turn;
//               searched with `{ limit: 1e9 }` (default 100 results). Words
//               are ANDed, but EVERY word matches as a prefix, not only the
//               last ("best practice forum" also finds "bestow practices
//               forums"). Results are ids in its score order.
//
// The docs the two libraries index are made from Floor's parse before their
// clocks start; Floor's own figure includes parsing the raw text. So Floor's
// index build is printed twice:
//   parse+index   `new Search(text)`
//   index         (parse+index) - parse, where parse is `countTurns(text)`
//                 (the same parse, returning only the number of turns; the
//                 median of 3)
// and the libraries' index build is compared to both (ratio = engine/Floor:
// above 1 means Floor is faster).
//
// Keystrokes: for each prefix of "best practice forum" ("b", "be", …, the
// whole query), one query per engine, repeated 5 times in a row; a
// keystroke's figure is the MEDIAN of those 5 (the first run is often
// colder). Engines alternate per prefix (Floor, MiniSearch, FlexSearch;
// then the next prefix). The time is the engine's own call only, giving its
// native result (Floor: { matches, turns: Uint32Array }; MiniSearch: scored
// result objects; FlexSearch: an array of ids).
//
// Each round loads a fresh page; every engine first indexes and searches the
// sample once, untimed (WASM compiled, JavaScript warmed up), then builds its
// index of the input (the order of the engines' index builds rotates from
// round to round; a forced GC precedes each build); the tables give the
// median over rounds of each figure.
// The page is cross-origin isolated (COOP/COEP), so performance.now() ticks
// in 5 µs rather than 100 µs.
//
// Tables, per input:
//   index build   ms per engine, and engine / Floor (parse+index), engine /
//                 Floor (index only)
//   keystrokes    one row per prefix: ms per engine (median of 5; each
//                 timed search follows the previous prefix's search, untimed,
//                 as when typing: Floor starts from the last search when the
//                 query only narrows it, and must not start from the same
//                 query's own last run), the
//                 ratios MiniSearch/Floor and FlexSearch/Floor, and the
//                 number of matching turns per engine; then the median and
//                 max over the keystrokes of each column (a ratio row of
//                 medians/maxes, not a median of ratios)
//   sanity        for "best practice forum" and "ipv6": the number of
//                 matching turns per engine, whether the sets agree with
//                 Floor's, how many turns differ each way, and a couple of
//                 differing turns with each query word's whole-word count and
//                 the longer words it starts (accent- and case-folded), so
//                 the cause can be read off
// Then the target: on big, is Floor faster than both libraries for index
// build (parse+index), keystroke median and keystroke max.
//
// Usage: node tests/bench/compare.mjs [rounds]   (run `make dist` first)
import { readFileSync } from 'node:fs';
import { startServer } from '../e2e/static-server.js';
import { big, guard, launch, root, sample } from './setup.mjs';

const rounds = Number(process.argv[2] ?? 1);
const QUERY = 'best practice forum';
const SANITY = [QUERY, 'ipv6'];
const REPEAT = 5;

const INPUTS = [
  { name: 'sample', file: 'sample.txt', mb: Buffer.byteLength(sample) / 1e6 },
  { name: 'big', file: 'big.txt', mb: Buffer.byteLength(big) / 1e6 },
];

// The libraries' browser ES modules, from node_modules.
const pkg = (name) => JSON.parse(readFileSync(root + `node_modules/${name}/package.json`, 'utf8'));
const versions = { minisearch: pkg('minisearch').version, flexsearch: pkg('flexsearch').version };
const minisearchJs = readFileSync(root + 'node_modules/minisearch/dist/es/index.js');
const flexsearchJs = readFileSync(root + 'node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs');

const BENCH_HTML = `<!doctype html>
<meta charset="utf-8">
<title>search comparison</title>
<link rel="icon" href="data:,">
<script type="module">
import * as floor from './floor.js';
import * as web from './floor-web.js';
import MiniSearch from './vendor/minisearch.js';
import * as FlexSearch from './vendor/flexsearch.mjs';
window.engines = { floor, countTurns: floor.countTurns ?? web.countTurns, MiniSearch, FlexSearch };
</script>
`;

const server = await startServer({
  root: root + 'dist',
  headers: {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  },
  files: {
    'bench.html': BENCH_HTML,
    'big.txt': big,
    'vendor/minisearch.js': minisearchJs,
    'vendor/flexsearch.mjs': flexsearchJs,
  },
});
const browser = await launch(['--js-flags=--expose-gc']);

const ENGINES = ['Floor', 'MiniSearch', 'FlexSearch'];

/** One round for `input` in a fresh page: index builds, keystrokes, sanity sets. */
async function runRound(input, round) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { errors, check } = guard(page);
  await page.goto(server.url + 'bench.html');
  try {
    await page.waitForFunction(() => window.engines, null, { timeout: 60_000 });
  } catch (e) {
    throw new Error(`bench page did not load: ${errors.join(' | ') || e.message}`);
  }
  const result = await page.evaluate(
    async ({ file, query, sanity, repeat, order }) => {
      const { floor, countTurns, MiniSearch, FlexSearch } = window.engines;
      const now = () => performance.now();
      const gc = () => window.gc?.();
      const text = await (await fetch(file)).text();

      // The docs for the libraries, from Floor's parse (not timed against them).
      let t0 = now();
      const model = floor.parse(text);
      const parseObjects = now() - t0;
      const docs = model.turns.map((t) => ({ id: t.n, text: t.paragraphs.join('\n') }));

      const idx = {};
      const builders = {
        Floor(text) {
          idx.Floor = new floor.Search(text);
        },
        MiniSearch(text, docs) {
          const ms = new MiniSearch({ fields: ['text'], storeFields: [] });
          ms.addAll(docs);
          idx.MiniSearch = ms;
        },
        FlexSearch(text, docs) {
          const fx = new FlexSearch.Index({
            tokenize: 'forward',
            encoder: new FlexSearch.Encoder({ dedupe: false, numeric: false }),
          });
          for (const d of docs) fx.add(d.id, d.text);
          idx.FlexSearch = fx;
        },
      };

      // Warm-up, untimed: every engine indexes the sample once (compiles the
      // WASM functions, JITs the libraries), and searches it.
      const warmText = await (await fetch('sample.txt')).text();
      const warmDocs = floor.parse(warmText).turns.map((t) => ({ id: t.n, text: t.paragraphs.join('\n') }));
      countTurns(warmText);
      for (const name of order) builders[name](warmText, warmDocs);
      for (let i = 1; i <= query.length; i++) {
        idx.Floor.search(query.slice(0, i));
        idx.MiniSearch.search(query.slice(0, i), { prefix: true, combineWith: 'AND' });
        idx.FlexSearch.search(query.slice(0, i), { limit: 1e9 });
      }
      idx.Floor.free();

      // Floor's parse alone: the median of 3.
      const parses = [];
      let turnCount;
      for (let k = 0; k < 3; k++) {
        gc();
        t0 = now();
        turnCount = countTurns(text);
        parses.push(now() - t0);
      }
      const parse = parses.sort((a, b) => a - b)[1];

      const build = {};
      for (const name of order) {
        gc();
        t0 = now();
        builders[name](text, docs);
        build[name] = now() - t0;
      }

      // Floor: the last word is a prefix unless a space follows it.
      const typing = (q) => !/\s$/.test(q);
      const searchers = {
        Floor: (q) => idx.Floor.search(q),
        MiniSearch: (q) =>
          idx.MiniSearch.search(q, {
            prefix: (term, i, terms) => typing(q) && i === terms.length - 1,
            combineWith: 'AND',
          }),
        FlexSearch: (q) => idx.FlexSearch.search(q, { limit: 1e9 }),
      };
      const idsOf = {
        Floor: (r) => Array.from(r.turns),
        MiniSearch: (r) => r.map((x) => x.id),
        FlexSearch: (r) => Array.from(r),
      };
      const names = Object.keys(searchers);

      gc();
      const keys = [];
      for (let i = 1; i <= query.length; i++) {
        const q = query.slice(0, i);
        const row = { q, ms: {}, hits: {} };
        for (const name of names) {
          const times = [];
          let r;
          for (let k = 0; k < repeat; k++) {
            searchers[name](query.slice(0, i - 1));
            t0 = now();
            r = searchers[name](q);
            times.push(now() - t0);
          }
          times.sort((a, b) => a - b);
          row.ms[name] = times[times.length >> 1];
          row.hits[name] = idsOf[name](r).length;
        }
        keys.push(row);
      }

      // Sanity: the full queries' sets of turn numbers, per engine, and the
      // text of the turns that differ from Floor's (a few of each).
      const byN = new Map(docs.map((d) => [d.id, d.text]));
      const sets = sanity.map((q) => {
        const ids = {};
        for (const name of names) ids[name] = [...new Set(idsOf[name](searchers[name](q)))].sort((a, b) => a - b);
        const floorSet = new Set(ids.Floor);
        const diffs = {};
        for (const name of names.slice(1)) {
          const own = new Set(ids[name]);
          const onlyOther = ids[name].filter((n) => !floorSet.has(n));
          const onlyFloor = ids.Floor.filter((n) => !own.has(n));
          diffs[name] = {
            onlyOther: onlyOther.length,
            onlyFloor: onlyFloor.length,
            examples: [
              ...onlyFloor.slice(0, 2).map((n) => ({ n, side: `only Floor, not ${name}`, text: byN.get(n) })),
              ...onlyOther.slice(0, 2).map((n) => ({ n, side: `only ${name}`, text: byN.get(n) })),
            ],
          };
        }
        return { q, counts: Object.fromEntries(names.map((n) => [n, ids[n].length])), diffs };
      });

      idx.Floor.free();
      return {
        isolated: crossOriginIsolated,
        turns: docs.length,
        turnCount,
        parseObjects,
        parse,
        build,
        keys,
        sets,
      };
    },
    {
      file: input.file,
      query: QUERY,
      sanity: SANITY,
      repeat: REPEAT,
      // Rotate the order of the index builds from round to round.
      order: ENGINES.map((_, i) => ENGINES[(i + round - 1) % ENGINES.length]),
    },
  );
  await context.close();
  check(`${input.name}, round ${round}`);
  if (result.turns !== result.turnCount) {
    throw new Error(`${input.name}: parse gave ${result.turns} turns, countTurns ${result.turnCount}`);
  }
  return result;
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(1));
const ratio = (a, b) => {
  if (!(b > 0) || Number.isNaN(a)) return '-';
  const r = a / b;
  return `${r.toFixed(r < 0.1 ? 3 : r < 10 ? 2 : 1)}x`;
};

// Folded words of a text (lower case, accents removed; split on anything
// that is not a letter or digit), to explain a differing turn.
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const wordsOf = (s) => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
function explain(text, q) {
  const words = wordsOf(text);
  const accented = new Set(text.toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u).filter((w) => w !== fold(w)).map(fold));
  return wordsOf(q)
    .map((w) => {
      const whole = words.filter((x) => x === w).length;
      const longer = [...new Set(words.filter((x) => x !== w && x.startsWith(w)))].slice(0, 3);
      const acc = accented.has(w) ? ' (accented in the text)' : '';
      return `${w}: ${whole}x whole${longer.length ? `, starts ${longer.map((x) => `"${x}"`).join(' ')}` : ''}${acc}`;
    })
    .join('; ');
}
/** A likely cause of a differing turn, when one can be told from its words. */
function cause(text, q, engine) {
  const words = wordsOf(text);
  const terms = wordsOf(q);
  const prefixOnly = terms.slice(0, -1).filter((w) => !words.includes(w) && words.some((x) => x.startsWith(w)));
  if (engine === 'FlexSearch' && prefixOnly.length) {
    return `FlexSearch matches every word as a prefix ("${prefixOnly.join('", "')}" only as a prefix here)`;
  }
  const accented = new Set(text.toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u).filter((w) => w !== fold(w)).map(fold));
  const acc = terms.filter((w) => accented.has(w));
  if (engine === 'MiniSearch' && acc.length) return `accents: MiniSearch does not fold them ("${acc.join('", "')}")`;
  return 'cause not found from the words (tokenization?)';
}

console.log(
  `Search comparison in the page: dist build, Chromium ${browser.version()}, ` +
    `MiniSearch ${versions.minisearch}, FlexSearch ${versions.flexsearch}; ${rounds} round(s); ` +
    `each keystroke the median of ${REPEAT} runs, then the median over rounds`,
);

const summary = {};
for (const input of INPUTS) {
  const results = [];
  for (let round = 1; round <= rounds; round++) results.push(await runRound(input, round));
  const first = results[0];
  console.log(
    `\n== ${input.name}: ${input.mb.toFixed(2)} MB, ${first.turns} turns` +
      `${first.isolated ? '' : ' (NOT cross-origin isolated: 100 µs timer)'}`,
  );

  // Index build.
  const parse = median(results.map((r) => r.parse));
  const parseObjects = median(results.map((r) => r.parseObjects));
  const build = Object.fromEntries(ENGINES.map((e) => [e, median(results.map((r) => r.build[e]))]));
  const floorIndex = median(results.map((r) => r.build.Floor - r.parse));
  console.log(
    `Floor parse alone (countTurns) ${ms(parse)} ms; parse to JS objects (docs for the libraries, untimed for them) ${ms(parseObjects)} ms`,
  );
  console.log('index build     ms (median)   engine/Floor parse+index   engine/Floor index only   per round ms');
  const buildRow = (label, value, per, vsAll, vsIndex) =>
    console.log(
      `${label.padEnd(15)} ${ms(value).padStart(11)}   ${vsAll.padStart(24)}   ${vsIndex.padStart(23)}   ${per.map(ms).join(' / ')}`,
    );
  buildRow('Floor p+index', build.Floor, results.map((r) => r.build.Floor), '1.00x', '-');
  buildRow('Floor index', floorIndex, results.map((r) => r.build.Floor - r.parse), '-', '1.00x');
  for (const e of ENGINES.slice(1)) {
    buildRow(e, build[e], results.map((r) => r.build[e]), ratio(build[e], build.Floor), ratio(build[e], floorIndex));
  }

  // Keystrokes.
  const rows = first.keys.map((k, i) => ({
    q: k.q,
    ms: Object.fromEntries(ENGINES.map((e) => [e, median(results.map((r) => r.keys[i].ms[e]))])),
    hits: k.hits,
  }));
  console.log(
    '\nkey#  query so far           Floor ms  MiniSearch ms  FlexSearch ms  Mini/Floor  Flex/Floor   turns: Floor  Mini   Flex',
  );
  const keyRow = (label, q, v, hits) =>
    console.log(
      `${label.padStart(4)}  ${q.padEnd(21)} ${ms(v.Floor).padStart(9)} ${ms(v.MiniSearch).padStart(14)} ${ms(v.FlexSearch).padStart(14)} ` +
        `${ratio(v.MiniSearch, v.Floor).padStart(11)} ${ratio(v.FlexSearch, v.Floor).padStart(11)}` +
        (hits ? `  ${String(hits.Floor).padStart(12)} ${String(hits.MiniSearch).padStart(5)} ${String(hits.FlexSearch).padStart(6)}` : ''),
    );
  rows.forEach((r, i) => keyRow(String(i + 1), JSON.stringify(r.q), r.ms, r.hits));
  const agg = (f) => Object.fromEntries(ENGINES.map((e) => [e, f(rows.map((r) => r.ms[e]))]));
  const keyMedian = agg(median);
  const keyMax = agg((xs) => Math.max(...xs));
  keyRow('', 'median over keys', keyMedian);
  keyRow('', 'max over keys', keyMax);

  // Sanity (from the first round; the sets do not change between rounds).
  console.log('\nsanity (turn sets)       Floor  MiniSearch  FlexSearch   vs Floor: MiniSearch            FlexSearch');
  for (const s of first.sets) {
    const cmp = (e) => {
      const d = s.diffs[e];
      return d.onlyOther || d.onlyFloor ? `differ: +${d.onlyOther} -${d.onlyFloor}` : 'agree';
    };
    console.log(
      `${JSON.stringify(s.q).padEnd(22)} ${String(s.counts.Floor).padStart(6)} ${String(s.counts.MiniSearch).padStart(11)} ${String(s.counts.FlexSearch).padStart(11)}   ` +
        `${cmp('MiniSearch').padEnd(30)} ${cmp('FlexSearch')}`,
    );
  }
  console.log('  (+n: turns only the library finds, -n: turns only Floor finds)');
  for (const s of first.sets) {
    for (const e of ENGINES.slice(1)) {
      for (const x of s.diffs[e].examples) {
        console.log(`  ${JSON.stringify(s.q)} turn ${x.n}, ${x.side}: ${explain(x.text, s.q)}`);
        console.log(`    -> ${cause(x.text, s.q, e)}`);
      }
    }
  }
  summary[input.name] = { build, floorIndex, keyMedian, keyMax };
}

// The target, on big.
const b = summary.big;
const faster = (v) => ENGINES.slice(1).every((e) => v[e] > v.Floor);
const parts = [
  ['index build (parse+index)', b.build],
  ['keystroke median', b.keyMedian],
  ['keystroke max', b.keyMax],
].map(([label, v]) => {
  const ok = faster(v);
  return {
    ok,
    text: `${label} ${ok ? 'yes' : 'no'} (MiniSearch ${ratio(v.MiniSearch, v.Floor)}, FlexSearch ${ratio(v.FlexSearch, v.Floor)} Floor's time)`,
  };
});
console.log(`\nFloor faster than both on big: ${parts.every((p) => p.ok) ? 'yes' : 'no'}`);
for (const p of parts) console.log(`  ${p.text}`);

await browser.close();
await server.close();
