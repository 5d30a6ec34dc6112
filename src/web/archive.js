// The archive page's search and filters (SITE/index.html, written by
// src/archive/page.rs). The page lists every session without JavaScript;
// this module adds:
//
//   - search over the whole archive: the query's shards of the index
//     (index/t/…, named in the page's JSON entry) are fetched, read by the
//     floor-archive module (src/bin/floor-archive.rs), which gives the
//     matching turns; phrases and words with punctuation are checked in the
//     sessions' text fragments (index/f/…), which also give the snippets of
//     the results shown. Results are built with DOM calls and text nodes
//     only (never innerHTML); the count is in an aria-live region; the query
//     is kept in the page's URL (?q=) with history.replaceState;
//   - filters: a year (?year=, the year links), a speaker (?speaker=, a
//     field whose suggestions come from the index).
//
// Every URL is relative to the page: the site works under any sub-path.
import init, { Archive } from './floor-archive.js';

const $ = (id) => document.getElementById(id);
/** Sessions shown with their turns at once; "More results" shows more. */
const PAGE = 10;
/** Turns shown per session (the session's page has them all). */
const TURNS = 5;

const entry = JSON.parse($('floor-archive-index').textContent);
const form = $('archive-search');
const input = $('archive-q');
const count = $('archive-count');
const alertBox = $('archive-alert');
const results = $('archive-results');
const list = $('archive-list');
const speakerBox = $('archive-speaker-filter');
const speakerInput = $('archive-speaker');
const speakerList = $('archive-speakers');
const filtered = $('archive-filtered');

const ready = init().then((wasm) => {
  // For the benchmark (tests/bench/archive.mjs): the module's memory.
  globalThis.__floorArchiveMemory = wasm.memory;
  return new Archive(entry.shards.map((s) => s[0]).join('\n'), entry.sessions);
});

/** A plain error for what the index lacks (a half-deployed site). */
class Broken extends Error {}

/** Fetches an index file's bytes; a `Broken` error when it is missing. */
async function bytes(name) {
  let response;
  try {
    response = await fetch(name);
  } catch {
    throw new Broken(`${name} could not be fetched`);
  }
  if (!response.ok) throw new Broken(`${name} is missing (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The file `name` fetched once for `key` in `cache` and handed to `add`
 * (the module checks it against its name): a promise. A file that fails is
 * forgotten, so a later query asks for it again.
 */
function once(cache, key, name, add) {
  if (!cache.has(key)) {
    const p = bytes(name).then((b) => {
      try {
        add(b);
      } catch (e) {
        throw new Broken(`${name} is damaged (${e.message})`);
      }
    });
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return cache.get(key);
}

/** Shards asked for, by position: a promise each, fetched once. */
const shards = new Map();
async function loadShards(archive, q) {
  const needed = [...archive.plan(q)];
  await Promise.all(
    needed.map((i) => {
      const [, name] = entry.shards[i];
      return once(shards, i, name, (b) => archive.add_shard(i, name, b));
    }),
  );
}

/** Fragments asked for, by name: a promise each, fetched once. */
const fragments = new Map();
function loadFragments(archive, s, turns) {
  const listed = entry.fragments[s] ?? [];
  const names = new Set();
  for (const t of turns) {
    let k = 0;
    while (k + 1 < listed.length && listed[k + 1][0] <= t) k++;
    if (listed[k]) names.add(listed[k][1]);
  }
  return Promise.all(
    [...names].map((name) => {
      return once(fragments, `${s} ${name}`, name, (b) => archive.add_fragment(s, name, b));
    }),
  );
}

/** `n` with its noun, singular for one ("1 turn", "3 matches"). */
function counted(n, noun) {
  const plural = noun.endsWith('ch') ? 'es' : 's';
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : plural}`;
}

/** An element with a class and children (strings become text nodes). */
function el(tag, cls, ...children) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  for (const c of children) e.append(c);
  return e;
}

// ---- Filters: year and speaker -----------------------------------------

const params = new URLSearchParams(location.search);
let year = params.get('year') ?? '';
/** The speaker filter: `{ id, name }` or null. */
let speaker = null;

/** Writes the page's URL (the query and filters) without reloading. */
function writeUrl() {
  const p = new URLSearchParams(location.search);
  const set = (k, v) => (v ? p.set(k, v) : p.delete(k));
  set('q', input.value.trim() ? input.value : '');
  set('year', year);
  set('speaker', speaker?.name ?? '');
  const search = p.toString();
  history.replaceState(history.state, '', (search ? `?${search}` : location.pathname) + location.hash);
}

/** Whether session `s` passes the filters. */
function visible(s) {
  const row = $(`s${s}`);
  if (!row) return false;
  if (year && row.closest('section')?.dataset.year !== year) return false;
  if (speaker && !row.dataset.sp.split(' ').includes(String(speaker.id))) return false;
  return true;
}

/** Shows the rows the filters let through, and says what is filtered. */
function applyFilters() {
  let shown = 0;
  for (const section of list.querySelectorAll('section')) {
    let any = false;
    for (const row of section.querySelectorAll('li[id^="s"]')) {
      const show = visible(+row.id.slice(1));
      row.hidden = !show;
      if (show) any = true, shown++;
    }
    section.hidden = !any;
  }
  for (const a of document.querySelectorAll('.archive-years a')) {
    if (a.dataset.year === year) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
  filtered.replaceChildren();
  filtered.hidden = !year && !speaker;
  if (year || speaker) {
    const what = [year && (year === 'undated' ? 'undated' : `in ${year}`), speaker && `with ${speaker.name}`]
      .filter(Boolean)
      .join(' ');
    const clear = el('button', 'button', 'Show all');
    clear.type = 'button';
    clear.addEventListener('click', () => {
      year = '';
      speaker = null;
      speakerInput.value = '';
      update();
    });
    filtered.append(`${counted(shown, 'session')} ${what}. `, clear);
  }
}

function update() {
  applyFilters();
  writeUrl();
  if (input.value.trim()) search(input.value);
}

document.querySelector('.archive-years')?.addEventListener('click', (event) => {
  const a = event.target.closest('a[data-year]');
  if (!a) return;
  event.preventDefault();
  year = year === a.dataset.year ? '' : a.dataset.year;
  update();
});

/** Speakers whose names the index finds for `q`: `{ id, name, page, turns, sessions }`. */
async function findSpeakers(archive, q) {
  if (!archive.answerable(q)) return [];
  await loadShards(archive, q);
  archive.search(q);
  const flat = archive.speakers();
  const out = [];
  for (let i = 0; i + 4 < flat.length; i += 5) {
    out.push({ id: +flat[i], name: flat[i + 1], page: flat[i + 2], turns: +flat[i + 3], sessions: +flat[i + 4] });
  }
  return out;
}

let suggested = [];
speakerBox.hidden = false;
speakerInput.addEventListener('input', async () => {
  const q = speakerInput.value;
  const archive = await ready;
  try {
    suggested = await findSpeakers(archive, q);
  } catch (e) {
    return broken(e);
  }
  if (speakerInput.value !== q) return;
  speakerList.replaceChildren(
    ...suggested.slice(0, 20).map((s) => {
      const o = document.createElement('option');
      o.value = s.name;
      return o;
    }),
  );
  const chosen = suggested.find((s) => s.name === q);
  if (chosen || (!q && speaker)) {
    speaker = chosen ? { id: chosen.id, name: chosen.name } : null;
    update();
  }
});

// ---- Search -------------------------------------------------------------

/** Each search's number: a later one makes an earlier one stop. */
let generation = 0;

function broken(e) {
  if (!(e instanceof Broken)) throw e;
  count.textContent = '';
  results.hidden = true;
  alertBox.replaceChildren(
    el('p', '', 'The search index of this site is incomplete or damaged, so the search cannot answer.'),
    el('p', '', `${e.message}. The site may be being updated: reload the page in a moment. The list of sessions below still works.`),
  );
  alertBox.hidden = false;
}

async function search(q) {
  const mine = ++generation;
  const stale = () => mine !== generation;
  alertBox.hidden = true;
  if (!q.trim()) {
    count.textContent = '';
    results.hidden = true;
    results.replaceChildren();
    return;
  }
  const archive = await ready;
  if (stale()) return;
  if (!archive.answerable(q)) {
    count.textContent = 'Type a word to search the archive.';
    results.hidden = true;
    return;
  }
  try {
    await loadShards(archive, q);
    if (stale()) return;
    performance.mark('floor:archive-shards');
    const flat = archive.search(q);
    const exact = archive.exact(q);
    const who = [];
    const sp = archive.speakers();
    for (let i = 0; i + 4 < sp.length; i += 5) {
      who.push({ name: sp[i + 1], page: sp[i + 2], turns: +sp[i + 3], sessions: +sp[i + 4] });
    }
    // The matching turns by session, in the archive's order.
    const bySession = new Map();
    for (let i = 0; i + 2 < flat.length; i += 3) {
      const s = flat[i];
      if (!visible(s)) continue;
      if (!bySession.has(s)) bySession.set(s, []);
      bySession.get(s).push([flat[i + 1], flat[i + 2]]);
    }
    const state = { q, who, exact, pending: [...bySession.keys()], found: [], shown: 0, stale };
    state.bySession = bySession;
    await more(archive, state);
  } catch (e) {
    if (!stale()) broken(e);
  }
}

/**
 * Finds (checking candidates in the fragments, for phrases) and shows the
 * next PAGE sessions with results.
 */
async function more(archive, state) {
  const { q, stale } = state;
  const shownBefore = state.found.length;
  while (state.pending.length && state.found.length < shownBefore + PAGE) {
    const s = state.pending.shift();
    let turns = state.bySession.get(s);
    if (!state.exact) {
      await loadFragments(archive, s, turns.map((t) => t[0]));
      if (stale()) return;
      const checked = archive.check(q, s, Uint32Array.from(turns.map((t) => t[0])));
      turns = [];
      for (let i = 0; checked && i + 1 < checked.length; i += 2) turns.push([checked[i], checked[i + 1]]);
      if (!turns.length) continue;
    }
    state.found.push([s, turns]);
  }
  // The sessions about to be shown, at once; their turns' speakers and
  // snippets once their fragments are here.
  const page = state.found.slice(shownBefore);
  const fill = render(archive, state, page, shownBefore === 0);
  await Promise.all(page.map(([s, turns]) => loadFragments(archive, s, turns.slice(0, TURNS).map((t) => t[0]))));
  if (stale()) return;
  for (const f of fill) f();
}

/** One turn of the results: a link to it, and (`fill()`) its speaker and snippet. */
function turnItem(archive, q, s, t, withQ) {
  const n = t + 1;
  const a = el('a', 'archive-turn');
  a.href = `${withQ}#t${n}`;
  const who = el('span', 'who', 'Turn');
  a.append(who, ' ', el('span', 'archive-n', `#${n}`));
  const text = el('span', 'snippet');
  const fill = () => {
    const snip = archive.snippet(q, s, t);
    if (!snip) return;
    who.textContent = snip[0] || 'Turn';
    const pieces = [];
    for (let i = 2; i < snip.length; i++) {
      if (snip[i]) pieces.push(i % 2 ? el('mark', '', snip[i]) : snip[i]);
    }
    text.replaceChildren(...pieces);
  };
  fill();
  return [el('li', '', a, ' ', text), fill];
}

/** Shows `page` (sessions with their turns); returns the turns' fillers. */
function render(archive, state, page, fresh) {
  const { q, who, exact } = state;
  const fill = [];
  if (fresh) {
    results.replaceChildren();
    if (who.length) {
      results.append(el('h2', '', 'Speakers'));
      results.append(
        el(
          'ul',
          'archive-people',
          ...who.map((s) => {
            const a = el('a', '', s.name);
            a.href = s.page;
            return el('li', '', a, ' ', el('span', 'archive-n', `${counted(s.turns, 'turn')} in ${counted(s.sessions, 'session')}`));
          }),
        ),
      );
    }
    if (state.found.length) results.append(el('h2', '', 'Transcripts'));
    results.append(el('ol', 'archive-hits'));
  }
  const ol = results.querySelector('.archive-hits');
  for (const [s, turns] of page) {
    const row = $(`s${s}`);
    const link = row.querySelector('h3 a');
    const href = link.getAttribute('href');
    const withQ = `${href}?q=${encodeURIComponent(q)}`;
    const title = el('a', '', link.textContent);
    title.href = withQ;
    const matches = turns.reduce((n, t) => n + t[1], 0);
    const time = row.querySelector('time');
    const meta = [time?.textContent, `${counted(matches, 'match')} in ${counted(turns.length, 'turn')}`].filter(Boolean).join(' · ');
    const items = turns.slice(0, TURNS).map(([t]) => {
      const [item, f] = turnItem(archive, q, s, t, withQ);
      fill.push(f);
      return item;
    });
    const article = el('article', '', el('h3', '', title), el('p', 'archive-meta', meta), el('ol', 'archive-turns', ...items));
    if (turns.length > TURNS) {
      const rest = el('a', '', `${counted(turns.length - TURNS, 'more turn')} in this session`);
      rest.href = withQ;
      article.append(el('p', 'archive-rest', rest));
    }
    ol.append(el('li', '', article));
  }
  results.querySelector('.archive-more')?.remove();
  if (state.pending.length) {
    const button = el('button', 'button archive-more', 'More results');
    button.type = 'button';
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await more(archive, state);
      } catch (e) {
        if (!state.stale()) broken(e);
      }
    });
    results.append(button);
  }
  results.hidden = false;
  if (fresh && performance.getEntriesByName('floor:archive-shards').length) {
    performance.measure('floor:archive-results', 'floor:archive-shards');
  }
  // The count: exact for words; for phrases, of the sessions checked so far.
  const found = exact ? [...state.bySession.entries()] : state.found;
  const turnsFound = found.reduce((n, [, t]) => n + t.length, 0);
  const matchesFound = found.reduce((n, [, t]) => n + t.reduce((m, x) => m + x[1], 0), 0);
  const speakers = who.length ? `; ${counted(who.length, 'speaker')}` : '';
  if (!matchesFound) {
    count.textContent = `No results for “${q.trim()}”${speakers}.`;
  } else {
    const partial = !exact && state.pending.length ? ` so far (${counted(state.pending.length, 'more session')} to check)` : '';
    count.textContent = `${counted(matchesFound, 'match')} in ${counted(turnsFound, 'turn')} in ${counted(found.length, 'session')}${partial}${speakers}.`;
  }
  return fill;
}

let typed;
input.addEventListener('input', () => {
  search(input.value);
  // The URL is written once typing pauses.
  clearTimeout(typed);
  typed = setTimeout(writeUrl, 400);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  writeUrl();
  search(input.value);
});

// What the URL asks for.
const asked = params.get('q');
if (asked) input.value = asked;
const who = params.get('speaker');
if (who) {
  speakerInput.value = who;
  ready
    .then((archive) => findSpeakers(archive, who))
    .then((found) => {
      const s = found.find((x) => x.name === who);
      if (s) speaker = { id: s.id, name: s.name };
      update();
    })
    .catch(broken);
} else {
  applyFilters();
  if (input.value.trim()) search(input.value);
}
