// The results table: one row per kernel family × size, one cell per implementation, the
// speed-ups and the agreement of the results. Cells carry their numbers as data attributes
// (data-median, data-min, data-max, data-runs; data-ratio on the speed-ups) for tests and harnesses.

import { FAMILIES, IMPLS, family as familyOf } from './suite.js';
import { formatRange, formatRatio, formatTime, headline, headlineDetail, headlineSize } from './format.js';

/** Column headings: name and a second, smaller line. */
const HEADINGS = {
  js: ['JavaScript', 'typed arrays'],
  'wasm-js': ['fastwasm', 'from JS'],
  'wasm-js-resident': ['fastwasm', 'resident'],
  'wasm-js-mt': ['fastwasm', '+ threads'],
  peer: ['best npm', 'library'],
  py: ['Python', 'pure, Pyodide'],
  'wasm-py': ['fastwasm', 'from Python'],
  'wasm-py-mt': ['fastwasm', 'Python, threads'],
  native: ['native', 'Rust, no wasm'],
};

/** The speed-up columns: how many times faster `fast` is than `base`. */
export const SPEEDUPS = [
  { id: 'js', base: 'js', fast: 'wasm-js', heading: ['speed-up', 'vs JS'] },
  { id: 'resident', base: 'js', fast: 'wasm-js-resident', heading: ['resident', 'vs JS'] },
  { id: 'py', base: 'py', fast: 'wasm-py', heading: ['speed-up', 'vs Python'] },
  { id: 'py-mt', base: 'wasm-py', fast: 'wasm-py-mt', heading: ['Python threads', 'speed-up'] },
];

/**
 * Column order: the JS group and its speed-ups, the Python pair and its speed-up, fastwasm from
 * Python with threads and its speed-up over one thread, native, agreement.
 */
const COLUMNS = [
  { impl: 'js' },
  { impl: 'wasm-js' },
  { impl: 'wasm-js-resident' },
  { impl: 'wasm-js-mt' },
  { speedup: SPEEDUPS[0] },
  { speedup: SPEEDUPS[1] },
  { impl: 'peer' },
  { peerSpeedup: true },
  { impl: 'py' },
  { impl: 'wasm-py' },
  { speedup: SPEEDUPS[2] },
  { impl: 'wasm-py-mt' },
  { speedup: SPEEDUPS[3] },
  { impl: 'native' },
  { agree: true },
];

export const IMPL_IDS = IMPLS.map((i) => i.id);
export const IMPL_LABELS = Object.fromEntries([...IMPLS.map((i) => [i.id, i.label]), ['native', 'native Rust']]);

// --- formatting (www/format.js) ---------------------------------------------------------------------

export { formatRange, formatRatio, formatTime };

// --- building -------------------------------------------------------------------------------------

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

function heading([main, sub], extra = {}) {
  return el('th', { scope: 'col', ...extra }, main, el('span', { className: 'sub' }, sub));
}

const table = () => document.querySelector('#results');

/** What the heading of a column says about it beyond its name (a thread count, n/a and why), by impl. */
const columnNotes = new Map();

/** The heading's tooltip: what the column times. */
const COLUMN_TITLES = {
  'wasm-py-mt':
    'fastwasm called from Python after await fastwasm.enable_threads(), in the same Python worker once its ' +
    'single-threaded tasks are done; only the kernels that split their work over threads (the others: –)',
};

function applyColumnNote(th, impl) {
  const note = columnNotes.get(impl);
  const base = COLUMN_TITLES[impl] ?? '';
  th.classList.toggle('unavailable', note?.reason != null);
  th.querySelector('.note')?.remove();
  if (note) th.append(el('span', { className: 'note' }, note.text));
  th.title = note?.reason ? `${IMPL_LABELS[impl]}: not available — ${note.reason}` : base;
  if (!th.title) th.removeAttribute('title');
}

/**
 * A line under a column's heading: `text` (e.g. "2 threads"), or "n/a" with the `reason` the
 * column cannot run, which its tooltip gives. Kept across rebuilds of the table until the next run
 * replaces it.
 */
export function setColumnNote(impl, text, reason = null) {
  columnNotes.set(impl, { text, reason });
  const th = table().tHead.querySelector(`th[data-col="${impl}"]`);
  if (th) applyColumnNote(th, impl);
}

/** Forgets the column notes of an earlier run. */
export function clearColumnNotes() {
  columnNotes.clear();
}

export function rowOf(family, size) {
  return table().querySelector(`tbody tr[data-family="${family}"][data-size="${size}"]`);
}

export function cellOf(family, size, impl) {
  return rowOf(family, size)?.querySelector(`td[data-impl="${impl}"]`) ?? null;
}

/** Rebuilds the table for these families × sizes, every cell waiting. */
export function buildTable(familyIds, sizes) {
  const head = el('tr');
  head.append(el('th', { scope: 'col', className: 'kernel' }, 'Kernel'));
  for (const col of COLUMNS) {
    if (col.impl) {
      const th = heading(HEADINGS[col.impl], { className: `impl c-${col.impl}` });
      th.dataset.col = col.impl;
      th.prepend(el('i', { className: 'swatch', ariaHidden: 'true' }));
      applyColumnNote(th, col.impl);
      head.append(th);
    } else if (col.speedup) {
      const th = heading(col.speedup.heading, { className: 'speedup' });
      th.dataset.col = `speedup-${col.speedup.id}`;
      th.title = `how many times faster ${IMPL_LABELS[col.speedup.fast]} is than ${IMPL_LABELS[col.speedup.base]}`;
      head.append(th);
    } else if (col.peerSpeedup) {
      const th = heading(['speed-up', 'vs npm'], { className: 'speedup' });
      th.dataset.col = 'speedup-peer';
      th.title = 'fastwasm (JS) against the best npm library, timed interleaved in one loop; against a float32 library, fastwasm gets Float32Array inputs';
      head.append(th);
    } else {
      head.append(el('th', { scope: 'col', className: 'agree' }, 'Agree'));
    }
  }
  table().tHead.replaceChildren(head);

  const rows = [];
  for (const f of FAMILIES.filter((x) => familyIds.includes(x.id))) {
    sizes.forEach((size, i) => {
      const tr = el('tr');
      tr.dataset.family = f.id;
      tr.dataset.size = size;
      if (i === 0) tr.className = 'family-start';
      const th = el(
        'th',
        { scope: 'row' },
        el('span', { className: 'fam' }, f.label),
        el('span', { className: `size size-${size}` }, size),
        el('span', { className: 'desc' }, f.describe(f.sizes[size])),
      );
      th.title = `${f.label}, ${size}: ${f.describe(f.sizes[size])}`;
      tr.append(th);
      for (const col of COLUMNS) {
        if (col.impl) {
          const td = el('td', { className: `impl c-${col.impl} pending` });
          td.dataset.impl = col.impl;
          td.append(el('span', { className: 't' }, '·'), el('span', { className: 'r' }));
          tr.append(td);
        } else if (col.speedup) {
          const td = el('td', { className: 'speedup' });
          td.dataset.speedup = col.speedup.id;
          tr.append(td);
        } else if (col.peerSpeedup) {
          const td = el('td', { className: 'speedup' });
          td.dataset.speedup = 'peer';
          tr.append(td);
        } else {
          tr.append(el('td', { className: 'agree' }));
        }
      }
      rows.push(tr);
    });
  }
  table().tBodies[0].replaceChildren(...rows);
}

// --- cells ----------------------------------------------------------------------------------------

/**
 * The cell's main line and the line below. With `more` (lines of detail: the timed samples, every
 * library, the whole error), the two lines are the summary of a <details> disclosure that opens the
 * detail below them, so keyboard and touch reach what the mouse's tooltip (the cell's title) shows.
 */
function setText(td, main, sub = '', more = null) {
  const lines = [el('span', { className: 't' }, main), el('span', { className: 'r' }, sub)];
  if (!more?.length) {
    td.replaceChildren(...lines);
    return;
  }
  const detail = el('div', { className: 'more' }, ...more.map((line) => el('p', {}, line)));
  td.replaceChildren(el('details', { className: 'cell-details' }, el('summary', {}, ...lines), detail));
  td.title = more.join('\n');
}

function resetCell(td, state) {
  td.className = `impl c-${td.dataset.impl} ${state}`;
  for (const key of ['median', 'min', 'max', 'runs']) delete td.dataset[key];
  td.removeAttribute('title');
}

export function showRunning(family, size, impl) {
  const td = cellOf(family, size, impl);
  if (!td) return;
  resetCell(td, 'running');
  setText(td, 'running…');
}

/** A timed result: median large, min–max below, the individual runs in the tooltip. */
export function showTiming(family, size, impl, rec) {
  const td = cellOf(family, size, impl);
  if (!td) return;
  resetCell(td, 'done');
  td.dataset.median = String(rec.median);
  td.dataset.min = String(rec.min);
  td.dataset.max = String(rec.max);
  td.dataset.runs = String(rec.runs);
  const times = (rec.times ?? []).map((t) => formatTime(t)).join(', ');
  const reps = rec.reps > 1 ? ` (each the mean of ${rec.reps} calls)` : '';
  const more = [`${IMPL_LABELS[impl]}: median of ${rec.runs} timed sample${rec.runs === 1 ? '' : 's'}${reps} after a warm-up`];
  if (times) more.push(`samples: ${times}`);
  setText(td, formatTime(rec.median), formatRange(rec.min, rec.max), more);
  updateRow(family, size);
}

export function showError(family, size, impl, message) {
  const td = cellOf(family, size, impl);
  if (!td) return;
  resetCell(td, 'failed');
  setText(td, 'error', message, [`${IMPL_LABELS[impl]} failed: ${message}`]);
  updateRow(family, size);
}

export function showUnavailable(family, size, impl, reason, text = 'n/a') {
  const td = cellOf(family, size, impl);
  if (!td) return;
  resetCell(td, 'na');
  const why = `${IMPL_LABELS[impl]}: not available — ${reason}`;
  // "none" (no npm library for this kernel) and "–" (a kernel without threads) say all there is;
  // other reasons open below the cell.
  setText(td, text, '', text === 'none' || text === '–' ? null : [why]);
  td.title = text === '–' ? `${IMPL_LABELS[impl]}: ${reason}` : why;
  updateRow(family, size);
}

/** A task not run: "skipped" and the estimate ("would take ~4 min") in the cell, the reason in its disclosure and tooltip. */
export function showSkipped(family, size, impl, reason) {
  const td = cellOf(family, size, impl);
  if (!td) return;
  resetCell(td, 'na skipped');
  const estimate = /would take [^(]*/.exec(reason)?.[0].trim() ?? '';
  setText(td, 'skipped', estimate, [`${IMPL_LABELS[impl]}: ${reason}`]);
}

// --- the npm peers --------------------------------------------------------------------------------

/** An error against the exact answer, short: "±3 levels", "2.1e-7 rel", "exact". */
export function formatError(error) {
  if (!error) return '';
  if ('maxByte' in error) return error.maxByte === 0 ? 'exact' : `±${error.maxByte} level${error.maxByte === 1 ? '' : 's'}`;
  if ('equal' in error) return error.equal ? 'exact' : 'differs';
  if ('lengthMismatch' in error) return `length ${error.lengthMismatch[1]} ≠ ${error.lengthMismatch[0]}`;
  return error.maxAbs === 0 ? 'exact' : `${error.maxRel.toPrecision(2)} rel`;
}

/**
 * The peer cell and its speed-up: the best library's time and name, fastwasm's speed-up over it
 * (at the library's precision) and, in the tooltip, every library with its time, agreement with
 * fastwasm and error against the exact answer. `report` is peers.js comparePeers's.
 */
export function showPeer(family, size, report) {
  const td = cellOf(family, size, 'peer');
  if (!td) return;
  const { best, peers, fastwasm } = report;
  resetCell(td, best ? 'done' : 'na');
  const line = (p) =>
    p.na
      ? `${p.name}: n/a — ${p.na}`
      : `${p.name} (${p.precision}): ${formatTime(p.median)}, fastwasm ${formatRatio(p.speedup)} ${p.speedup >= 1 ? 'faster' : 'slower'}` +
        `, ${p.agree ? 'agrees' : p.approximate ? 'approximate' : 'DIFFERS'}, error ${formatError(p.error)}`;
  const fw = [`fastwasm f64: ${formatTime(fastwasm.f64.median)}, error ${formatError(fastwasm.f64.error)}`];
  if (fastwasm.f32) fw.push(`fastwasm on Float32Array (returns ${fastwasm.f32.returns}): ${formatTime(fastwasm.f32.median)}, error ${formatError(fastwasm.f32.error)}`);
  const more = [...fw, ...peers.map(line)];
  td.dataset.peers = String(peers.length);
  if (!best) {
    setText(td, 'n/a', peers[0]?.na ?? '', more);
  } else {
    td.dataset.median = String(best.median);
    td.dataset.peer = best.name;
    setText(td, formatTime(best.median), `${best.name}${best.approximate ? ' ≈' : ''}`, more);
    td.classList.toggle('disagrees', !best.agree && !best.approximate);
  }
  const sp = rowOf(family, size)?.querySelector('td[data-speedup="peer"]');
  if (!sp) return;
  sp.replaceChildren();
  sp.className = 'speedup';
  delete sp.dataset.ratio;
  if (!best?.speedup) return;
  const ratio = best.speedup;
  sp.dataset.ratio = String(ratio);
  sp.classList.add(ratio >= 1 ? 'faster' : 'slower');
  if (ratio >= 10) sp.classList.add('big');
  sp.append(formatRatio(ratio), el('span', { className: 'r' }, `${ratio >= 1 ? 'faster' : 'slower'} (${best.versus})`));
  sp.title = `fastwasm (${best.versus === 'f32' ? 'Float32Array inputs' : 'float64'}) is ${formatRatio(ratio)} ${ratio >= 1 ? 'faster' : 'slower'} than ${best.name}`;
}

export function showCancelled(family, size, impl) {
  const td = cellOf(family, size, impl);
  if (!td) return;
  resetCell(td, 'cancelled');
  setText(td, 'cancelled');
}

/** Per-cell disagreement marker (✗ next to the time of a result that differs from the reference). */
export function markAgreement(family, size, impl, agrees) {
  const td = cellOf(family, size, impl);
  if (td) td.classList.toggle('disagrees', agrees === false);
}

function median(td) {
  return td && td.dataset.median !== undefined ? Number(td.dataset.median) : null;
}

/** Speed-ups and the shading of the fastest implementation in a row. */
function updateRow(family, size) {
  const tr = rowOf(family, size);
  if (!tr) return;
  for (const s of SPEEDUPS) {
    const td = tr.querySelector(`td[data-speedup="${s.id}"]`);
    const base = median(cellOf(family, size, s.base));
    const fast = median(cellOf(family, size, s.fast));
    td.replaceChildren();
    td.className = 'speedup';
    delete td.dataset.ratio;
    td.removeAttribute('title');
    if (cellOf(family, size, s.fast)?.classList.contains('na')) {
      td.textContent = '–';
      td.classList.add('none');
      continue;
    }
    if (base === null || fast === null) continue;
    if (!(base > 0) || !(fast > 0)) {
      td.textContent = '—';
      td.title = 'a time below the timer resolution';
      continue;
    }
    const ratio = base / fast;
    td.dataset.ratio = String(ratio);
    const faster = ratio >= 1;
    td.classList.add(faster ? 'faster' : 'slower');
    if (ratio >= 10) td.classList.add('big');
    td.append(formatRatio(ratio), el('span', { className: 'r' }, faster ? 'faster' : 'slower'));
    td.title = `${IMPL_LABELS[s.fast]} is ${formatRatio(ratio)} ${faster ? 'faster' : 'slower'} than ${IMPL_LABELS[s.base]}`;
  }
  const cells = [...tr.querySelectorAll('td.impl[data-median]')].filter((td) => !['native', 'peer'].includes(td.dataset.impl));
  const best = Math.min(...cells.map((td) => Number(td.dataset.median)));
  for (const td of cells) td.classList.toggle('fastest', cells.length > 1 && Number(td.dataset.median) === best);
}

/**
 * The row's agreement cell. `verdicts` maps impl → true/false (compared with `ref`); `complete` says
 * whether every task of the row has finished (otherwise the mark is provisional).
 */
export function showAgreement(family, size, { ref, verdicts, complete }) {
  const td = rowOf(family, size)?.querySelector('td.agree');
  if (!td) return;
  const entries = Object.entries(verdicts);
  const compared = entries.filter(([impl]) => impl !== ref);
  td.className = 'agree';
  if (!ref || compared.length === 0) {
    td.textContent = complete && !ref ? '—' : '';
    td.title = ref ? '' : 'no reference result to compare with';
    return;
  }
  const bad = entries.filter(([, ok]) => ok === false).map(([impl]) => impl);
  if (bad.length === 0) {
    td.textContent = '✓';
    td.classList.add('yes');
    td.title = `${compared.map(([impl]) => IMPL_LABELS[impl]).join(', ')} agree with ${IMPL_LABELS[ref]}` +
      ` (${familyOf(family).compare === 'exact' ? 'exactly' : 'within the tolerance'})`;
  } else {
    td.textContent = '✗';
    td.append(el('span', { className: 'r' }, bad.join(', ')));
    td.classList.add('no');
    td.title = `${bad.map((impl) => IMPL_LABELS[impl]).join(', ')} differ${bad.length === 1 ? 's' : ''} from ${IMPL_LABELS[ref]}`;
  }
  if (!complete) td.classList.add('partial');
}

/** Shows the native column when the harness has injected native timings. */
export function setNativeVisible(on) {
  table().classList.toggle('has-native', on);
}

// --- headline --------------------------------------------------------------------------------------

/** The ratios base/fast of one speed-up at one size, one per kernel family with both times. */
function ratiosAt(run, s, size) {
  const ratios = [];
  for (const f of run.families) {
    const base = run.record(f, size, s.base);
    const fast = run.record(f, size, s.fast);
    if (base?.median > 0 && fast?.median > 0 && base.status === 'done' && fast.status === 'done') {
      ratios.push(base.median / fast.median);
    }
  }
  return ratios;
}

/**
 * The headline tiles: for each speed-up, the median over the kernel families of the ratio at the
 * largest size with both times, and the range of the ratios without the lowest and the highest
 * (format.js headline: one outlier moves neither); and how many results agree. `run` has records
 * (Map of { family, size, impl, status, median, agree }), sizes, families and record(family, size,
 * impl); `running` says whether more may come.
 */
export function showSummary(run, running) {
  const box = document.querySelector('#summary');
  const recs = run ? [...run.records.values()] : [];
  const timed = recs.filter((r) => r.status === 'done');
  box.hidden = timed.length === 0;
  if (box.hidden) return;
  for (const s of SPEEDUPS) {
    const tile = box.querySelector(`[data-speedup="${s.id}"]`);
    const size = headlineSize(run.sizes, (at) => ratiosAt(run, s, at));
    const h = size && headline(ratiosAt(run, s, size));
    const value = tile.querySelector('.value');
    tile.className = 'tile';
    delete tile.dataset.ratio;
    delete tile.dataset.size;
    const reason = columnNotes.get(s.fast)?.reason;
    if (!h && reason) {
      value.textContent = 'n/a';
      tile.querySelector('.detail').textContent = reason;
      continue;
    }
    if (!h) {
      value.textContent = '…';
      tile.querySelector('.detail').textContent =
        running ? 'waiting for both times of a kernel' : 'no kernel has both times';
      continue;
    }
    tile.dataset.ratio = String(h.median);
    tile.dataset.size = size;
    tile.classList.add(h.median >= 1 ? 'faster' : 'slower');
    value.replaceChildren(
      formatRatio(h.median),
      Object.assign(document.createElement('small'), { textContent: h.median >= 1 ? 'faster' : 'slower' }),
    );
    tile.querySelector('.detail').textContent = headlineDetail(h, size);
  }
  const tile = box.querySelector('[data-agree]');
  const compared = timed.filter((r) => r.agree === true || r.agree === false);
  const differ = compared.filter((r) => r.agree === false);
  const failed = recs.filter((r) => r.status === 'failed').length;
  tile.className = `tile ${differ.length ? 'no' : 'yes'}`;
  tile.querySelector('.value').textContent = `${compared.length - differ.length} / ${compared.length}`;
  tile.querySelector('.detail').textContent =
    (differ.length ? `${differ.length} differ from the reference` : 'every result matches the reference') +
    (failed ? `; ${failed} failed to run` : '');
}
