// The demo page: settings, running the two benchmark workers one after the other (JS, then Python:
// single-threaded, then with fastwasm's threads), progress, cancel, agreement of the results, the
// chart, the pictures and the JSON download.
//
// Headless harnesses drive it through `window.fastwasmBench` (see the bottom of this file) or the
// URL: `?autorun&sizes=small,medium&families=stats,dot`. `document.body.dataset.state` is
// idle / running / done / cancelled / error.

import {
  FAMILIES, IMPLS, SIZE_NAMES, TIMING, TOLERANCE, agree, family as familyOf, identical, notThreadedReason, skipReason,
  stats, summaryOf,
} from './suite.js';
import { applyUrl, buildSettings, describeMethod, select, selected } from './controls.js';
import { env, initEnv, updateEnv } from './env.js';
import * as table from './table.js';
import { chartInstance, initChart, setChartData } from './chart.js';
import { initImages, resetImages, showImage } from './images.js';

const $ = (sel) => document.querySelector(sel);

const WORKERS = [
  { id: 'js', script: './js-worker.js', label: 'JavaScript worker', starting: 'Starting JavaScript and fastwasm…' },
  { id: 'py', script: './py-worker.js', label: 'Python worker', starting: 'Starting Python (Pyodide) for the Python columns…' },
];
const WORKER_OF = Object.fromEntries(IMPLS.map((i) => [i.id, i.worker]));
const LABEL = table.IMPL_LABELS;

let state = 'idle';
let current = null; // the run in progress, or the last one
let native = []; // native timings injected by a harness: [{ family, size, median, min, max, runs, times }]

function setState(next) {
  state = next;
  document.body.dataset.state = next;
  $('#run').disabled = next === 'running';
  $('#cancel').disabled = next !== 'running';
  $('#download').disabled = !(current && current.hasResults()) && native.length === 0;
  for (const input of document.querySelectorAll('#settings fieldset input, #settings .text-button')) {
    input.disabled = next === 'running';
  }
}

const setStatus = (text) => {
  $('#progress-text').textContent = text;
};
const setSubstatus = (text) => {
  $('#substatus').textContent = text;
};

function showErrors(messages) {
  const box = $('#error');
  box.replaceChildren(...messages.map((m) => Object.assign(document.createElement('p'), { textContent: m })));
  box.hidden = messages.length === 0;
}

// --- one run ----------------------------------------------------------------------------------------

const key = (family, size, impl) => `${family}|${size}|${impl}`;

/** The threads columns, and the env fields saying whether their pool runs and, if not, why. */
const THREADS_ENV = { 'wasm-js-mt': ['threads', 'threadsReason'], 'wasm-py-mt': ['pyThreads', 'pyThreadsReason'] };

class Run {
  constructor(sizes, families, impls) {
    this.sizes = sizes;
    this.families = families;
    this.date = new Date().toISOString();
    this.t0 = performance.now();
    // Small sizes of every family first, so the table fills in across early on.
    this.tasks = [];
    for (const worker of WORKERS) {
      for (const size of sizes) {
        for (const family of families) {
          for (const impl of IMPLS.filter((i) => i.worker === worker.id && impls.includes(i.id))) {
            this.tasks.push({ family, size, impl: impl.id });
          }
        }
      }
    }
    this.records = new Map(this.tasks.map((t) => [key(t.family, t.size, t.impl), { ...t, status: 'pending' }]));
    this.total = this.tasks.length;
    this.finished = 0;
    this.cancelled = false;
    this.errors = [];
    this.worker = null;
    this.settle = null;
    this.chartSize = null; // pinned by the user; null = the largest size with results
  }

  record(family, size, impl) {
    return this.records.get(key(family, size, impl));
  }

  hasResults() {
    return [...this.records.values()].some((r) => r.status === 'done' || r.status === 'failed');
  }

  isCurrent() {
    return this === current && !this.cancelled;
  }

  progress() {
    $('#progress').max = Math.max(1, this.total);
    $('#progress').value = this.finished;
    $('#progress-count').textContent = `${this.finished} / ${this.total}`;
  }

  /** Marks a task finished in some state; n/a tasks leave the total rather than count as done. */
  resolve(rec, status) {
    if (rec.status !== 'pending' && rec.status !== 'running') return false;
    rec.status = status;
    if (status === 'na') this.total -= 1;
    else this.finished += 1;
    this.progress();
    return true;
  }

  /** Runs one worker over its tasks; resolves on `done` (or when cancelled), rejects on `error`. */
  runWorker(worker, tasks) {
    return new Promise((resolve, reject) => {
      const w = new Worker(new URL(worker.script, import.meta.url), { type: 'module' });
      this.worker = w;
      const finish = (fn, value) => {
        w.terminate();
        if (this.worker === w) this.worker = null;
        this.settle = null;
        fn(value);
      };
      this.settle = () => finish(resolve);
      w.onmessage = ({ data }) => {
        if (!this.isCurrent()) return;
        try {
          if (data.type === 'env') this.onEnv(data);
          else if (data.type === 'status') setSubstatus(data.text);
          else if (data.type === 'start') this.onStart(data);
          else if (data.type === 'result') this.onResult(data);
          else if (data.type === 'done') finish(resolve);
          else if (data.type === 'error') finish(reject, new Error(data.message));
        } catch (err) {
          console.error(err);
          this.errors.push(`The page could not handle a ${data.type} message: ${err.message}`);
        }
      };
      w.onerror = (event) => {
        event.preventDefault();
        finish(reject, new Error(event.message || `${worker.script} failed to load`));
      };
      w.onmessageerror = () => finish(reject, new Error(`${worker.script} sent a message that could not be read`));
      setStatus(worker.starting);
      setSubstatus('');
      w.postMessage({ type: 'run', tasks });
    });
  }

  onEnv(data) {
    updateEnv(data);
    for (const [impl, [runs, why]] of Object.entries(THREADS_ENV)) {
      if (data[runs] === false) this.unavailable(impl, data[why]);
    }
    if (data.pyThreads === true) table.setColumnNote('wasm-py-mt', `${data.pyThreadCount} threads`);
  }

  /** A threads column the browser cannot run: its waiting cells n/a, the reason in the cells and the heading. */
  unavailable(impl, reason) {
    const why = reason || 'not available';
    if (impl === 'wasm-py-mt') table.setColumnNote(impl, 'n/a', why);
    for (const rec of this.records.values()) {
      if (rec.impl === impl && this.resolve(rec, 'na')) {
        rec.error = why;
        table.showUnavailable(rec.family, rec.size, rec.impl, why);
        this.updateAgreement(rec.family, rec.size);
      }
    }
  }

  onStart({ family, size, impl }) {
    const rec = this.record(family, size, impl);
    if (!rec || rec.status !== 'pending') return;
    rec.status = 'running';
    table.showRunning(family, size, impl);
    setStatus(`Running ${familyOf(family).label} · ${size} · ${LABEL[impl]}`);
    setSubstatus(familyOf(family).describe(familyOf(family).sizes[size]));
  }

  onResult(data) {
    const { family, size, impl } = data;
    const rec = this.record(family, size, impl);
    if (data.none) {
      if (rec && this.resolve(rec, 'na')) {
        rec.error = data.none;
        table.showUnavailable(family, size, impl, data.none, 'none');
      }
      return;
    }
    if (!rec || !this.resolve(rec, data.error ? 'failed' : 'done')) return;
    if (data.peer) {
      const best = data.peer.best;
      Object.assign(rec, { peer: data.peer, median: best?.median ?? null, times: best?.times ?? [] });
      if (best) Object.assign(rec, stats(best.times), { reps: best.reps });
      table.showPeer(family, size, data.peer);
      return;
    }
    if (data.error) {
      rec.error = String(data.error);
      table.showError(family, size, impl, rec.error);
    } else {
      const times = Array.from(data.times ?? []);
      const s = typeof data.median === 'number' ? data : stats(times);
      Object.assign(rec, {
        median: s.median, min: s.min, max: s.max, runs: s.runs ?? times.length, times, reps: data.reps ?? 1,
      });
      rec.result = data.result;
      rec.summary = data.result ? safeSummary(data.result) : null;
      table.showTiming(family, size, impl, rec);
      $('#download').disabled = false;
      if (impl === 'wasm-js' && data.result) showImage(family, size, data.result, table.formatTime(rec.median));
    }
    this.updateAgreement(family, size);
    scheduleChart();
  }

  /**
   * Compares every result of a row with fastwasm-from-JS (or, if that failed, plain JS), and
   * fastwasm from Python with threads with its single-threaded result, bit for bit.
   */
  updateAgreement(family, size) {
    const recs = IMPLS.filter((i) => !i.peer).map((i) => this.record(family, size, i.id)).filter((r) => r && r.status !== 'na');
    const ref = recs.find((r) => r.impl === 'wasm-js' && r.result) ?? recs.find((r) => r.impl === 'js' && r.result);
    const single = this.record(family, size, 'wasm-py');
    const threads = this.record(family, size, 'wasm-py-mt');
    if (threads?.status === 'done' && threads.result && threads.identical === undefined) {
      threads.identical = single?.result ? safeIdentical(single.result, threads.result) : null;
    }
    const verdicts = {};
    for (const rec of recs) {
      if (rec.status !== 'done') continue;
      if (!ref) {
        rec.agree = null;
        continue;
      }
      if (rec.refImpl !== ref.impl && rec.result) {
        rec.agree = rec === ref ? true : safeAgree(family, ref.result, rec.result);
        if (rec.identical === false) rec.agree = false;
        rec.refImpl = ref.impl;
      }
      verdicts[rec.impl] = rec.agree ?? null;
      table.markAgreement(family, size, rec.impl, rec.agree);
    }
    // Only the JS results can become a reference; let the others go once compared (the
    // single-threaded Python result once the threads result has been held against it).
    const waiting = threads && ['pending', 'running'].includes(threads.status);
    for (const rec of recs) {
      if (rec.impl === 'js' || rec.impl === 'wasm-js' || !rec.refImpl) continue;
      if (rec === single && waiting) continue;
      rec.result = null;
    }
    const complete = recs.every((r) => !['pending', 'running'].includes(r.status));
    table.showAgreement(family, size, { ref: ref?.impl, verdicts, complete });
  }

  /**
   * Tasks not run: pure Python at xl where it would take minutes (the cell says why), and the
   * threads column on kernels that do not use threads ("–").
   */
  skip() {
    for (const rec of this.records.values()) {
      const reason = skipReason(rec.family, rec.size, rec.impl);
      const noThreads = notThreadedReason(rec.family, rec.impl);
      if (reason && this.resolve(rec, 'na')) {
        rec.error = reason;
        table.showSkipped(rec.family, rec.size, rec.impl, reason);
      } else if (noThreads && this.resolve(rec, 'na')) {
        rec.error = noThreads;
        table.showUnavailable(rec.family, rec.size, rec.impl, noThreads, '–');
      }
    }
  }

  /** Remaining tasks of a worker that stopped: n/a (threads), or failed with the worker's message. */
  abandon(tasks, message) {
    for (const t of tasks) {
      const rec = this.record(t.family, t.size, t.impl);
      if (rec.status !== 'pending' && rec.status !== 'running') continue;
      const [runs, why] = THREADS_ENV[rec.impl] ?? [];
      if (runs && env[runs] === false) {
        this.resolve(rec, 'na');
        table.showUnavailable(rec.family, rec.size, rec.impl, env[why] || 'not available');
      } else {
        this.resolve(rec, 'failed');
        rec.error = message;
        table.showError(rec.family, rec.size, rec.impl, message);
        this.updateAgreement(rec.family, rec.size);
      }
    }
  }

  cancel() {
    this.cancelled = true;
    this.worker?.terminate();
    this.worker = null;
    for (const rec of this.records.values()) {
      if (rec.status === 'pending' || rec.status === 'running') {
        rec.status = 'cancelled';
        table.showCancelled(rec.family, rec.size, rec.impl);
      }
    }
    this.settle?.();
  }

  summary() {
    const recs = [...this.records.values()];
    const done = recs.filter((r) => r.status === 'done').length;
    const failed = recs.filter((r) => r.status === 'failed').length;
    const differ = [...new Set(recs.filter((r) => r.agree === false).map((r) => `${familyOf(r.family).label} (${r.size})`))];
    const secs = ((performance.now() - this.t0) / 1000).toFixed(1);
    let text = `${done} timing${done === 1 ? '' : 's'} in ${secs} s.`;
    if (failed) text += ` ${failed} failed (see the table).`;
    if (differ.length) text += ` Results differ for ${differ.join(', ')}.`;
    else if (done) text += failed ? ' The results that ran agree.' : ' All results agree.';
    return text;
  }
}

function safeSummary(result) {
  try {
    return summaryOf(result);
  } catch {
    return null;
  }
}

function safeIdentical(a, b) {
  try {
    return identical(a, b);
  } catch {
    return false;
  }
}

function safeAgree(family, ref, got) {
  try {
    return agree(family, ref, got);
  } catch {
    return false;
  }
}

async function run(options = {}) {
  if (state === 'running') throw new Error('a run is already in progress');
  const sizes = SIZE_NAMES.filter((s) => (options.sizes ?? selected('#sizes')).includes(s));
  const families = FAMILIES.map((f) => f.id).filter((id) => (options.families ?? selected('#families')).includes(id));
  if (!sizes.length || !families.length) {
    showErrors(['Choose at least one size and one kernel.']);
    throw new Error('nothing to run: choose at least one size and one kernel');
  }
  select('#sizes', sizes);
  select('#families', families);

  const impls = IMPLS.map((i) => i.id).filter((id) => !options.impls || options.impls.includes(id));
  const r = new Run(sizes, families, impls);
  current = r;
  showErrors([]);
  table.clearColumnNotes();
  table.buildTable(families, sizes);
  for (const impl of IMPLS.filter((i) => !impls.includes(i.id))) {
    for (const size of sizes) for (const family of families) table.showUnavailable(family, size, impl.id, 'not in this run', '–');
  }
  showNative();
  resetImages();
  renderChartSizes();
  setChart();
  r.skip();
  r.progress();
  setState('running');
  setStatus('Starting…');

  for (const worker of WORKERS) {
    const tasks = r.tasks.filter((t) => WORKER_OF[t.impl] === worker.id && r.record(t.family, t.size, t.impl).status === 'pending');
    if (r.cancelled || !tasks.length) continue;
    try {
      await r.runWorker(worker, tasks);
      if (!r.cancelled) r.abandon(tasks, 'the worker sent no result for this task');
    } catch (err) {
      if (r.cancelled) break;
      console.error(err);
      r.errors.push(`${worker.label}: ${err.message}`);
      r.abandon(tasks, `${worker.label} stopped: ${err.message}`);
    }
  }
  if (r !== current) return results();
  if (!r.cancelled) {
    setChart();
    showErrors(r.errors);
    setStatus(r.errors.length ? `Finished with errors. ${r.summary()}` : `Done. ${r.summary()}`);
    setSubstatus('');
    setState(r.errors.length ? 'error' : 'done');
  }
  return results();
}

function cancel() {
  if (state !== 'running' || !current) return;
  current.cancel();
  setChart();
  setStatus(`Cancelled after ${current.finished} of ${current.total} tasks. ${current.summary()}`);
  setSubstatus('The workers were stopped; press Run to start again.');
  setState('cancelled');
}

// --- results as data ---------------------------------------------------------------------------------

/** Everything measured so far, in the shape of the JSON download. */
function results() {
  const rows = [];
  if (current) {
    for (const rec of current.records.values()) {
      if (rec.status !== 'done' && rec.status !== 'failed') continue;
      const row = {
        family: rec.family,
        size: rec.size,
        impl: rec.impl,
        median: rec.median ?? null,
        min: rec.min ?? null,
        max: rec.max ?? null,
        runs: rec.runs ?? 0,
        times: rec.times ?? [],
        reps: rec.reps ?? 1,
        agree: rec.agree ?? null,
        summary: rec.summary ?? null,
      };
      // fastwasm from Python with threads: bit for bit its single-threaded result (null: not compared).
      if (rec.impl === 'wasm-py-mt') row.identical = rec.identical ?? null;
      if (rec.error) row.error = rec.error;
      if (rec.peer) row.peer = rec.peer;
      rows.push(row);
    }
  }
  for (const n of native) rows.push({ ...n, impl: 'native', agree: null });
  return {
    date: current?.date ?? new Date().toISOString(),
    state,
    env: { ...env },
    tolerance: { ...TOLERANCE },
    timing: { ...TIMING },
    results: rows,
  };
}

function download() {
  const blob = new Blob([`${JSON.stringify(results(), null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: 'fastwasm-bench.json' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Native timings from a headless harness (e.g. crates/kernels/benches/native.rs via scripts/bench.mjs). */
function setNative(rows) {
  native = (rows ?? []).map((r) => {
    const times = Array.from(r.times ?? []);
    const s = typeof r.median === 'number' ? r : stats(times);
    return { family: r.family, size: r.size, median: s.median, min: s.min ?? s.median, max: s.max ?? s.median, runs: s.runs ?? times.length, times };
  });
  showNative();
  setChart();
  setState(state);
}

function showNative() {
  table.setNativeVisible(native.length > 0);
  for (const td of document.querySelectorAll('#results td.pending[data-impl="native"] .t')) td.textContent = '—';
  for (const n of native) {
    if (table.cellOf(n.family, n.size, 'native')) table.showTiming(n.family, n.size, 'native', n);
  }
}

// --- chart -------------------------------------------------------------------------------------------

let chartTimer = null;
function scheduleChart() {
  if (chartTimer === null) chartTimer = setTimeout(setChart, 150);
}

function chartSize() {
  if (!current) return null;
  if (current.chartSize) return current.chartSize;
  const withData = current.sizes.filter((s) => [...current.records.values()].some((r) => r.size === s && r.status === 'done'));
  return withData.at(-1) ?? current.sizes.at(-1);
}

function setChart() {
  clearTimeout(chartTimer);
  chartTimer = null;
  table.showSummary(current, state === 'running');
  if (!current) return setChartData(null);
  const size = chartSize();
  for (const input of document.querySelectorAll('#chart-size input')) input.checked = input.value === size;
  const families = current.families;
  const series = [];
  for (const impl of [...IMPLS.filter((i) => !i.peer).map((i) => i.id), 'native']) {
    const recs = families.map((f) =>
      impl === 'native'
        ? native.find((n) => n.family === f && n.size === size)
        : current.record(f, size, impl)?.status === 'done' && current.record(f, size, impl),
    );
    if (!recs.some((r) => r && r.median > 0)) continue;
    series.push({
      impl,
      label: LABEL[impl],
      values: recs.map((r) => (r ? r.median : null)),
      ranges: recs.map((r) => (r ? [r.min, r.max] : null)),
    });
  }
  setChartData({ labels: families.map((f) => familyOf(f).label), series });
}

function renderChartSizes() {
  const box = $('#chart-size');
  box.replaceChildren(
    ...current.sizes.map((size) => {
      const label = document.createElement('label');
      const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'chart-size', value: size });
      input.addEventListener('change', () => {
        current.chartSize = size;
        setChart();
      });
      label.append(input, Object.assign(document.createElement('span'), { textContent: size }));
      return label;
    }),
  );
}

/** Before the first run, the table shows what a run would measure. */
function previewTable() {
  if (current) return;
  table.buildTable(selected('#families'), SIZE_NAMES.filter((s) => selected('#sizes').includes(s)));
  showNative();
}

// --- start-up ----------------------------------------------------------------------------------------

window.fastwasmBench = {
  /** The results so far, as in the JSON download. */
  results,
  /**
   * Runs the benchmark: `{ sizes: ['small'], families?: [...], impls?: [...] }` (impls: the columns
   * to time, all by default); resolves to results() at the end.
   */
  run,
  /** Stops a run: the workers are terminated and unfinished cells marked cancelled. */
  cancel,
  /** Adds native timings ([{ family, size, median, min, max, runs, times }]) as a column. */
  setNative,
  get state() {
    return state;
  },
  chart: () => chartInstance(),
};

buildSettings({ onChange: previewTable, onRun: () => run().catch((err) => console.warn(err.message)) });
describeMethod();
initImages();
try {
  initChart();
} catch (err) {
  showErrors([err.message]);
}
const autorun = applyUrl(showErrors);
previewTable();
setState('idle');
$('#cancel').addEventListener('click', cancel);
$('#download').addEventListener('click', download);
initEnv();
if (autorun) run().catch((err) => console.warn(err.message));
