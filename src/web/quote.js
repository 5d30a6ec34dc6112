// Quotes and what leaves the viewer (src/app/quote.rs): loaded by floor.js
// (`__floorQuote`) the first time a reader selects words in a viewer, opens
// a quote link, or asks for a citation or a download, so a first visit does
// not carry it.
//
// - The quote bar: "Copy quote link", "Copy quote" and "Copy citation" by a
//   selection inside one turn. The readers' module (`__floorCall`) makes
//   the words it touches a quote (`quoteSelect`: its paragraphs' ids and
//   offsets into their text, UTF-16), a link (`#t37-p2:w4-16~…`) the
//   viewer spells out.
// - A quote link opened (`open`): the readers' module finds its words
//   (`quoteFind`); they are marked, and the viewer goes there.
// - The keyboard path (`select`): the viewer's `q` selects a turn's first
//   word and focuses the bar; Shift+→ / Shift+← move the end a word, → / ←
//   the start, Esc lets go.
// - A quote's `<mark class="quote">`s, kept through repaints.
// - "Copy citation" (`cite`): every style of src/cite/ made by the
//   readers' module (`citeAll`), in a dialog to choose from.
// - "Download" (`download`): a format of src/export/ and the turns to
//   write, in the same dialog; the readers' module writes the file.
// The viewer answers `tell(what, …)` (src/app/quote.rs `told`): its
// transcript as wire bytes, where it is, links, copying, messages.
// Transcript text only ever goes in as text.

// A turn's words, as `[paragraph, start, end]` (offsets into its text): runs
// of letters and digits, as the viewer's words (src/text/words.rs) are.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}\p{Cf}]*/gu;
const words = (turn) =>
  [...turn.querySelectorAll('p[id]')].flatMap((p) => [...p.textContent.matchAll(WORD)].map((m) => [p, m.index, m.index + m[0].length]));

const make = (tag, props = {}, ...children) => {
  const el = document.createElement(tag);
  Object.assign(el, props);
  el.append(...children);
  return el;
};

// The citation styles, in the order `citeAll` gives them (src/cite/ Style::ALL).
const STYLES = ['Plain text', 'APA 7', 'Chicago', 'MLA 9', 'BibTeX', 'CSL-JSON'];
// The export formats (src/export/): name, label, extension, type, whether
// it needs times.
const FORMATS = [
  ['md', 'Markdown', 'md', 'text/markdown'],
  ['txt', 'Plain text', 'txt', 'text/plain'],
  ['json', 'JSON (Floor\u2019s model, read back by Floor)', 'json', 'application/json'],
  ['vtt', 'WebVTT captions', 'vtt', 'text/vtt', true],
  ['srt', 'SRT captions', 'srt', 'application/x-subrip', true],
  ['podcast-json', 'Podcasting 2.0 JSON', 'json', 'application/json', true],
  ['podcast-html', 'Podcasting 2.0 HTML', 'html', 'text/html'],
];
const call = (op, ...args) => globalThis.__floorCall(op, args);
const turnOf = (fragment) => Number(fragment.match(/^t(\d+)/)[1]);

export function attach(root, viewer, tell) {
  const selection = () => (root.getSelection ? root.getSelection() : document.getSelection());
  const said = make('p', { className: 'visually-hidden' });
  said.setAttribute('aria-live', 'polite');
  const buttons = [
    ['link', 'Copy quote link'],
    ['quote', 'Copy quote'],
    ['cite', 'Copy citation'],
  ].map(([action, label]) => {
    const b = make('button', { type: 'button', textContent: label });
    b.dataset.quote = action;
    return b;
  });
  const note = make('span', { className: 'quote-note', textContent: 'A quote is words of one turn.' });
  const bar = make('div', { className: 'quote-bar', hidden: true }, ...buttons, note);
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Quote');
  viewer.append(bar, said);

  // The selection now, as `[startId, startOffset, endId, endOffset]` of
  // one turn's paragraphs; `false` across turns; `null` for none in the
  // viewer's turns.
  let chosen = null;
  const place = (node, offset) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    const turn = el?.closest('article.turn');
    if (!turn || !viewer.contains(turn)) return null;
    let p = el.closest('p[id]');
    if (!p || !turn.contains(p)) {
      // In the turn's heading: its first paragraph's start.
      p = turn.querySelector('p[id]');
      if (!p) return null;
      return [turn, p.id, 0];
    }
    const r = document.createRange();
    r.setStart(p, 0);
    r.setEnd(node, offset);
    return [turn, p.id, r.toString().length];
  };
  const read = () => {
    const s = selection();
    if (!s || s.isCollapsed || !s.rangeCount) return null;
    const r = s.getRangeAt(0);
    const a = place(r.startContainer, r.startOffset);
    const b = place(r.endContainer, r.endOffset);
    if (!a && !b) return null;
    if (!a || !b || a[0] !== b[0]) return false;
    return [a[1], a[2], b[1], b[2]];
  };
  let dragging = false;
  const update = () => {
    if (dragging) return;
    const now = read();
    if (now === null) {
      // A click on the bar keeps what it was for.
      if (!bar.contains(document.activeElement) && !bar.contains(root.activeElement)) {
        bar.hidden = true;
        chosen = null;
      }
      return;
    }
    chosen = now;
    const whole = now !== false;
    buttons.forEach((b) => (b.hidden = !whole));
    note.hidden = whole;
    const rects = selection().getRangeAt(0).getClientRects();
    const last = rects[rects.length - 1];
    const box = viewer.getBoundingClientRect();
    if (last) {
      bar.style.setProperty('--x', `${Math.max(0, Math.min(last.right - box.left - 40, box.width - 360))}px`);
      bar.style.setProperty('--y', `${last.bottom - box.top + 6}px`);
    }
    bar.hidden = false;
    const text = selection().toString().trim().replace(/\s+/g, ' ');
    said.textContent = whole ? `Selected: ${text.length > 120 ? `${text.slice(0, 120)}\u2026` : text}` : note.textContent;
  };
  const onChange = () => update();
  const down = (e) => {
    if (!bar.contains(e.target)) dragging = true;
  };
  const up = () => {
    if (dragging) {
      dragging = false;
      update();
    }
  };
  document.addEventListener('selectionchange', onChange);
  viewer.addEventListener('pointerdown', down);
  document.addEventListener('pointerup', up);
  // The bar's buttons keep the selection (and take no focus from a click).
  bar.addEventListener('pointerdown', (e) => e.preventDefault());
  bar.addEventListener('click', (e) => {
    const action = e.target.closest('button')?.dataset.quote;
    if (action && chosen) act(action, chosen).catch(failed);
  });
  // The readers' module could not be loaded, or failed.
  const failed = (e) => tell('fail', `That could not be done: ${e.message}`);
  // A bar's action on the selection `[from, a, to, b]`.
  const act = async (action, [from, a, to, b]) => {
    const index = (id) => Number(id.split('-p')[1]) - 1;
    const wire = tell('wire');
    const fragment = await call('quoteSelect', wire, turnOf(from), index(from), a, index(to), b);
    if (!fragment) return tell('status', 'Select words of one turn to quote them.');
    const link = tell('link', fragment);
    if (action === 'link') tell('copy', 'Quote link', link, fragment);
    else if (action === 'quote') tell('copy', 'Quote', await call('quoteText', wire, fragment, link), fragment);
    else await cite(fragment, wire);
  };
  // "Copy citation" of a turn or quote `fragment` (of the transcript
  // `wire`, when the caller has it already).
  const cite = async (fragment, wire = tell('wire')) => {
    const quote = fragment.includes(':') ? await call('quoteWords', wire, fragment) : '';
    const today = new Date().toISOString().slice(0, 10);
    const all = await call('citeAll', wire, turnOf(fragment), quote || undefined, tell('link', fragment), today);
    const what = quote ? 'quote' : 'turn';
    const picked = await choose(`Cite this ${what} (turn ${turnOf(fragment)})`, [['Style', STYLES.map((s, i) => [s, all[i]])]], 'Copy');
    if (picked) tell('copy', 'Citation', all[picked[0]], fragment);
  };

  // The quote opened: its marks, by paragraph id.
  const marks = new Map();
  const paint = (p) => {
    const at = marks.get(p.id);
    if (at) mark(p, ...at);
  };
  // The keyboard path, while the bar has the focus: the selection as a run
  // of its turn's words, its end (Shift) or its start moved a word.
  bar.addEventListener('keydown', (e) => {
    const s = selection();
    if (e.key === 'Escape') {
      s.removeAllRanges();
      bar.hidden = true;
      viewer.querySelector('article.turn[aria-current]')?.focus();
      e.stopPropagation();
      return;
    }
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (!step || e.ctrlKey || e.metaKey || e.altKey || !chosen) return;
    e.preventDefault();
    e.stopPropagation();
    const [from, a, to, b] = chosen;
    const all = words(root.getElementById(from).closest('article.turn'));
    const at = (id, offset, end) => all.findIndex((w) => w[0].id === id && (end ? w[2] >= offset : w[2] > offset));
    let i = Math.max(0, at(from, a));
    let j = at(to, b, true);
    if (j < 0) j = all.findLastIndex((w) => w[0].id === to);
    while (j > i && all[j][0].id === to && all[j][1] >= b) j--;
    if (e.shiftKey) j = Math.min(Math.max(j + step, i), all.length - 1);
    else {
      i = Math.min(Math.max(i + step, 0), all.length - 1);
      j = Math.max(i, j);
    }
    s.setBaseAndExtent(...spot(all[i][0], all[i][1]), ...spot(all[j][0], all[j][2]));
    update();
  });

  // Marks and the selection: by paragraph, offsets into its text.
  const spot = (p, offset) => {
    const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walk.nextNode())) {
      if (offset <= node.length) return [node, offset];
      offset -= node.length;
    }
    return [p, p.childNodes.length];
  };
  // A modal dialog: `title`, then one group of choices per
  // `[legend, [[label, detail]…]]`, and a button labelled `go`. Resolves
  // with the index chosen in each group, or `null` if it is closed.
  function choose(title, groups, go) {
    const form = make('form', { method: 'dialog' }, make('h2', { id: 'choose-title', textContent: title }));
    groups.forEach(([legend, items], g) => {
      const set = make('fieldset', {}, make('legend', { textContent: legend }));
      items.forEach(([label, detail], i) => {
        const input = make('input', { type: 'radio', name: `g${g}`, value: i, checked: i === 0 });
        const text = [make('span', { textContent: label })];
        if (detail) text.push(make('span', { className: 'detail', textContent: detail }));
        set.append(make('label', {}, input, ...text));
      });
      form.append(set);
    });
    const ok = make('button', { type: 'submit', value: 'ok', textContent: go });
    const cancel = make('button', { type: 'submit', value: '', textContent: 'Cancel' });
    form.append(make('div', { className: 'dialog-actions' }, ok, cancel));
    const dialog = make('dialog', { className: 'choose' }, form);
    dialog.setAttribute('aria-labelledby', 'choose-title');
    const back = root.activeElement ?? document.activeElement;
    viewer.append(dialog);
    dialog.showModal();
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => {
        const picked = groups.map((_, g) => Number(new FormData(form).get(`g${g}`)));
        dialog.remove();
        back?.focus?.();
        resolve(dialog.returnValue === 'ok' ? picked : null);
      });
    });
  }

  // Offers `text` as a file `name` of type `type`.
  function save(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = make('a', { href: url, download: name });
    viewer.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // Marks offsets `start..end` of the text of paragraph `p`.
  function mark(p, start, end) {
    const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const todo = [];
    let at = 0;
    for (let node; (node = walk.nextNode()); at += node.length) {
      const a = Math.max(start - at, 0);
      const b = Math.min(end - at, node.length);
      if (a < b && !node.parentElement.matches('mark.quote')) todo.push([node, a, b]);
    }
    for (let [node, a, b] of todo) {
      if (b < node.length) node.splitText(b);
      if (a > 0) node = node.splitText(a);
      const m = make('mark', { className: 'quote' });
      node.replaceWith(m);
      m.append(node);
    }
  }
  update();
  return {
    // Opens quote link `fragment`: its words found, marked, gone to.
    async open(fragment) {
      // The words marked take the place of a selection and its bar.
      selection()?.removeAllRanges();
      bar.hidden = true;
      const found = await call('quoteFind', tell('wire'), fragment).catch((e) => e);
      if (tell('anchor') !== fragment) return;
      if (found instanceof Error) return tell('status', `The quoted words could not be looked for (${found.message}).`);
      const [kind, now, ...at] = found;
      if (kind === 'lost') return tell('lost', fragment);
      marks.clear();
      for (let i = 0; i + 2 < at.length; i += 3) {
        const id = `t${turnOf(now)}-p${Number(at[i]) + 1}`;
        tell('reach', id);
        marks.set(id, [Number(at[i + 1]), Number(at[i + 2])]);
      }
      if (kind === 'moved') tell('status', `The transcript has changed since this quote link was made: its words are now in turn ${turnOf(now)}.`);
      tell('go', now);
      for (const id of marks.keys()) {
        const p = root.getElementById(id);
        if (p) paint(p);
      }
    },
    // A paragraph (or a chunk of one) drawn again.
    repaint(el) {
      const p = el.closest('p[id]');
      if (p) paint(p);
    },
    unmark() {
      marks.clear();
      for (const m of viewer.querySelectorAll('mark.quote')) {
        const parent = m.parentNode;
        m.replaceWith(...m.childNodes);
        parent.normalize();
      }
    },
    cite: (fragment) => cite(fragment).catch(failed),
    // "Download": the format and the turns (`scopes`: `[label, turns]`,
    // no turns for all of them), then the file, named after `title`.
    async download(scopes, title, timed) {
      const formats = FORMATS.filter((f) => timed || !f[4]);
      const note = timed ? '' : ' (captions need times: add captions first)';
      const picked = await choose(
        'Download the transcript',
        [
          [`Format${note}`, formats.map((f) => [f[1]])],
          ['Turns', scopes.map(([label]) => [label])],
        ],
        'Download',
      );
      if (!picked) return;
      const [format, label, extension, type] = formats[picked[0]];
      try {
        const text = await call('exportText', tell('wire'), format, scopes[picked[1]][1]);
        const stem = title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').slice(0, 80) || 'transcript';
        const name = `${stem}.${format === 'podcast-json' || format === 'podcast-html' ? 'podcast.' : ''}${extension}`;
        save(name, `${type};charset=utf-8`, text);
        tell('status', `Downloaded ${name} (${label}).`);
      } catch (e) {
        tell('fail', e.message);
      }
    },
    // Selects the first word of `turn` and gives the bar the focus.
    select(turn) {
      const [w] = words(turn);
      if (!w) return;
      selection().setBaseAndExtent(...spot(w[0], w[1]), ...spot(w[0], w[2]));
      update();
      buttons[0].focus();
    },
    choose,
    save,
    detach() {
      document.removeEventListener('selectionchange', onChange);
      document.removeEventListener('pointerup', up);
      bar.remove();
      said.remove();
    },
  };
}
