// The demo page: builds the results table, runs the benchmark workers and fills in the results.

import {
  IMPLS, KERNELS, SIZES, agree, digest, formatMs, makeInputs, summary,
} from './bench.js';

const $ = (sel) => document.querySelector(sel);

// (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt) — validates only with SIMD support.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

const env = {
  userAgent: navigator.userAgent,
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
  simd: (() => {
    try {
      return WebAssembly.validate(SIMD_PROBE);
    } catch {
      return false;
    }
  })(),
  hardwareConcurrency: navigator.hardwareConcurrency ?? '?',
  python: null,
};

function showEnv() {
  const yes = (b) => (b ? 'yes' : 'no');
  const parts = [
    `crossOriginIsolated: ${yes(env.crossOriginIsolated)}`,
    `wasm SIMD: ${yes(env.simd)}`,
    `hardwareConcurrency: ${env.hardwareConcurrency}`,
  ];
  if (env.python) parts.push(`Pyodide ${env.python.pyodide} (Python ${env.python.python})`);
  $('#env').textContent = `${parts.join(' · ')} · ${env.userAgent}`;
}

function showInputs() {
  const m = SIZES.mandelbrot;
  const n = SIZES.n.toLocaleString('en-US');
  const items = [
    `<code>sum</code>, <code>mean</code>: a Float64Array (JS) / list of floats (Python) of ${n} values in [0, 1)`,
    `<code>dot</code>: two such vectors`,
    `<code>mandelbrot</code>: ${m.w}×${m.h} pixels over [${m.xMin}, ${m.xMax}]×[${m.yMin}, ${m.yMax}], ${m.maxIter} iterations max`,
    `<code>primes</code>: all primes ≤ ${SIZES.primes.toLocaleString('en-US')}`,
  ];
  $('#inputs').innerHTML = items.map((t) => `<li>${t}</li>`).join('');
}

function buildTable() {
  const tbody = $('#results tbody');
  tbody.replaceChildren();
  for (const kernel of KERNELS) {
    const tr = document.createElement('tr');
    tr.dataset.kernel = kernel;
    const th = document.createElement('th');
    th.scope = 'row';
    th.innerHTML = `<code>${kernel}</code>`;
    tr.append(th);
    for (const { id, label } of IMPLS) {
      const td = document.createElement('td');
      td.dataset.impl = id;
      td.dataset.label = label;
      td.className = 'pending';
      td.innerHTML = '<span class="time">…</span><span class="result"></span>';
      tr.append(td);
    }
    const agreeCell = document.createElement('td');
    agreeCell.className = 'agree';
    agreeCell.dataset.label = 'Agree';
    tr.append(agreeCell);
    tbody.append(tr);
  }
}

const results = new Map(); // `${kernel}/${impl}` -> result

function showResult({ kernel, impl, median, times, result }) {
  results.set(`${kernel}/${impl}`, result);
  const td = $(`#results tr[data-kernel="${kernel}"] td[data-impl="${impl}"]`);
  td.className = '';
  td.dataset.result = digest(result);
  td.dataset.time = String(median);
  td.title = `${times.length} timed runs: ${times.map((t) => t.toFixed(2)).join(', ')} ms`;
  td.querySelector('.time').textContent = formatMs(median);
  td.querySelector('.result').textContent = summary(result);
  if (kernel === 'mandelbrot' && impl === 'wasm-js') drawMandelbrot(result);
  updateAgreement(kernel);
  highlightFastest(kernel);
}

function updateAgreement(kernel) {
  const got = IMPLS.map(({ id }) => results.get(`${kernel}/${id}`));
  if (got.some((r) => r === undefined)) return;
  const ok = got.every((r) => agree(r, got[0]));
  const cell = $(`#results tr[data-kernel="${kernel}"] td.agree`);
  cell.textContent = ok ? '✓' : '✗';
  cell.classList.toggle('yes', ok);
  cell.classList.toggle('no', !ok);
  cell.title = ok ? 'all four results agree' : 'results differ';
}

function highlightFastest(kernel) {
  const cells = [...document.querySelectorAll(`#results tr[data-kernel="${kernel}"] td[data-time]`)];
  const best = Math.min(...cells.map((c) => Number(c.dataset.time)));
  for (const c of cells) c.classList.toggle('fastest', Number(c.dataset.time) === best);
}

function drawMandelbrot(counts) {
  const { w, h, maxIter } = SIZES.mandelbrot;
  const canvas = $('#mandelbrot-canvas');
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(w, h);
  for (let i = 0; i < counts.length; i++) {
    const t = counts[i] >= maxIter ? 0 : Math.sqrt(counts[i] / maxIter);
    img.data[4 * i] = 20 + 60 * t;
    img.data[4 * i + 1] = 30 + 170 * t;
    img.data[4 * i + 2] = 60 + 195 * t;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  $('#preview').hidden = false;
}

function setStatus(text) {
  $('#status').textContent = text;
}

/** Runs one worker to completion, forwarding its results; resolves when it reports done. */
function runWorker(script, message) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(script, import.meta.url), { type: 'module' });
    const finish = (fn, value) => {
      worker.terminate();
      fn(value);
    };
    worker.onmessage = ({ data }) => {
      if (data.type === 'result') showResult(data);
      else if (data.type === 'status') setStatus(data.text);
      else if (data.type === 'env') {
        env.python = data;
        showEnv();
      } else if (data.type === 'done') finish(resolve);
      else if (data.type === 'error') finish(reject, new Error(data.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish(reject, new Error(`${script}: ${event.message || 'failed to start'}`));
    };
    worker.postMessage(message);
  });
}

async function run() {
  const button = $('#run');
  button.disabled = true;
  document.body.dataset.state = 'running';
  $('#error').hidden = true;
  results.clear();
  buildTable();
  const t0 = performance.now();
  try {
    setStatus('Preparing inputs…');
    const inputs = makeInputs();
    // One after the other, so the timings do not compete for a core.
    setStatus('JavaScript and fastwasm (JS)…');
    await runWorker('./js-worker.js', { type: 'run', impls: ['js', 'wasm-js'], inputs });
    await runWorker('./py-worker.js', { type: 'run', impls: ['py', 'wasm-py'], inputs });
    const disagree = [...document.querySelectorAll('#results td.agree.no')].map(
      (td) => td.parentElement.dataset.kernel,
    );
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    setStatus(
      disagree.length
        ? `Done in ${secs} s, but results differ for: ${disagree.join(', ')}.`
        : `Done in ${secs} s. All results agree.`,
    );
    document.body.dataset.state = 'done';
  } catch (err) {
    console.error(err);
    setStatus('Failed.');
    const box = $('#error');
    box.textContent = `Error: ${err.message}`;
    box.hidden = false;
    for (const td of document.querySelectorAll('#results td.pending .time')) td.textContent = '—';
    document.body.dataset.state = 'error';
  } finally {
    button.disabled = false;
  }
}

showEnv();
showInputs();
buildTable();
$('#run').addEventListener('click', run);
if (new URLSearchParams(location.search).has('autorun')) run();
