// The settings (sizes and kernels as chips, all/none), reading them from the address
// (`?sizes=small,medium&families=stats,dot&autorun`), and the page's explanatory text (agreement
// tolerance, how timing works, the inputs), all generated from suite.js so they cannot drift.

import { FAMILIES, SIZE_NAMES, THREADED, TIMING, TOLERANCE, family as familyOf } from './suite.js';

const $ = (sel) => document.querySelector(sel);

export const DEFAULT_SIZES = ['small', 'medium'];
const SIZE_HINTS = {
  small: 'a few seconds',
  medium: 'about 20 s',
  large: 'a minute or two',
  xl: 'several minutes; slow pure Python skipped',
};

/** Checked values of a fieldset ('#sizes' or '#families'), in page order. */
export function selected(fieldset) {
  return [...document.querySelectorAll(`${fieldset} input:checked`)].map((i) => i.value);
}

export function select(fieldset, values) {
  for (const input of document.querySelectorAll(`${fieldset} input`)) input.checked = values.includes(input.value);
}

function chip(name, value, text, hint, checked) {
  const label = document.createElement('label');
  label.className = 'chip';
  const input = Object.assign(document.createElement('input'), { type: 'checkbox', name, value, checked });
  const span = Object.assign(document.createElement('span'), { textContent: text });
  if (hint) span.append(Object.assign(document.createElement('small'), { textContent: hint }));
  label.append(input, span);
  return label;
}

/** Builds the chips; `onChange()` after any change of the selection, `onRun()` on submit. */
export function buildSettings({ onChange, onRun }) {
  $('#sizes .chips').replaceChildren(
    ...SIZE_NAMES.map((s) => chip('size', s, s, SIZE_HINTS[s], DEFAULT_SIZES.includes(s))),
  );
  $('#families .chips').replaceChildren(...FAMILIES.map((f) => chip('family', f.id, f.label, '', true)));
  for (const f of FAMILIES) {
    $(`#families input[value="${f.id}"]`).parentElement.title = SIZE_NAMES.map(
      (s) => `${s}: ${f.describe(f.sizes[s])}`,
    ).join('\n');
  }
  $('#families-all').addEventListener('click', () => {
    select('#families', FAMILIES.map((f) => f.id));
    onChange();
  });
  $('#families-none').addEventListener('click', () => {
    select('#families', []);
    onChange();
  });
  $('#settings').addEventListener('change', onChange);
  $('#settings').addEventListener('submit', (event) => {
    event.preventDefault();
    onRun();
  });
}

/** Applies ?sizes= and ?families= to the chips; returns whether ?autorun is set. */
export function applyUrl(showErrors) {
  const params = new URLSearchParams(location.search);
  const unknown = [];
  const list = (name, allowed) => {
    if (!params.get(name)) return null;
    const values = params.get(name).split(',').map((v) => v.trim()).filter(Boolean);
    unknown.push(...values.filter((v) => !allowed.includes(v)).map((v) => `${name}: ${v}`));
    return values.filter((v) => allowed.includes(v));
  };
  const sizes = list('sizes', SIZE_NAMES);
  const families = list('families', FAMILIES.map((f) => f.id));
  if (sizes) select('#sizes', sizes);
  if (families) select('#families', families);
  if (unknown.length) showErrors([`Ignoring unknown values in the address (${unknown.join(', ')}).`]);
  return params.has('autorun');
}

function exponent(x) {
  const e = Math.round(Math.log10(x));
  return 10 ** e === x ? `10<sup>${e < 0 ? '−' : ''}${Math.abs(e)}</sup>` : String(x);
}

/** The agreement note under the table, "How it is measured" and the inputs of each kernel. */
export function describeMethod() {
  const t = TIMING;
  $('#agree-note').innerHTML =
    `<strong>Agree</strong> ✓ means every result matches fastwasm called from JS (or plain JS, if that failed): ` +
    `floats within ${exponent(TOLERANCE.rel)} × the largest magnitude of the reference, image bytes within ` +
    `±${TOLERANCE.bytes}, integers, sorted values and word counts exactly; fastwasm from Python with threads must also ` +
    `be bit for bit its single-threaded result. Hover a time for the individual runs.`;
  const items = [
    `Each implementation gets the same deterministic inputs, converted beforehand to its language's usual form ` +
      `(typed arrays in JS; lists, <code>array</code> or <code>bytearray</code> in Python). Only the call is timed.`,
    `One warm-up call, then at least ${t.minRuns} timed samples, and more (up to ${t.maxRuns}) while they fit in ` +
      `about ${t.budgetMs / 1000} s. ` +
      (t.minSampleMs
        ? `A call shorter than ${t.minSampleMs} ms is repeated within each sample (the sample time is divided by the ` +
          `repetitions), so even sub-microsecond calls are measured above the timer's resolution. `
        : '') +
      `The table shows the median per call and the range.`,
    `JavaScript runs first, then Python, never both at once, each in its own Web Worker; the page stays responsive.`,
    `<em>fastwasm from Python, threads</em>: once the Python worker has timed everything single-threaded, it calls ` +
      `<code>await fastwasm.enable_threads()</code> (a pool of one Web Worker per logical core sharing fastwasm's ` +
      `memory, which cannot be stopped again) and times the same calls once more on the kernels that split their ` +
      `work over threads (${THREADED.map((id) => familyOf(id).label).join(', ')}; the others show –). Its speed-up ` +
      `is over the same worker's single-threaded times of those kernels, taken just before the pool starts, and its ` +
      `results must be bit for bit the single-threaded ones. Where the browser cannot run the pool (no <code>SharedArrayBuffer</code>, not cross-origin isolated), ` +
      `its heading says why.`,
    `<em>JavaScript</em> is idiomatic typed-array code; <em>pure Python</em> is idiomatic Python without numpy ` +
      `(lists, <code>sorted</code>, <code>math.fsum</code>, <code>collections.Counter</code>…) running in Pyodide.`,
    `<em>Best npm library</em>: every npm library a JS developer would pick for the kernel (simple-statistics, ` +
      `ml-matrix, @tensorflow/tfjs-backend-wasm, fft.js, webfft, glur, fastest-levenshtein; V8's built-in sort), ` +
      `served from this site, timed interleaved with fastwasm in one loop. The cell shows the one fastwasm beats by ` +
      `the least; against a float32 library fastwasm gets <code>Float32Array</code> inputs. Select it for every ` +
      `library's time, its agreement with fastwasm and its error against the exact float64 answer.`,
    `Speed-up = the slower median ÷ the faster one. A headline figure is the median of the kernels' speed-ups at ` +
      `the largest size run (short calls at small sizes swing the most), with the range of the others leaving out ` +
      `the lowest and the highest once there are five or more. Select a time in the table for its samples. ` +
      `Timings and their ratios vary from run to run and machine to machine.`,
  ];
  $('#method').innerHTML = items.map((x) => `<li>${x}</li>`).join('');
  $('#inputs').replaceChildren(
    ...FAMILIES.flatMap((f) => {
      const dt = Object.assign(document.createElement('dt'), { textContent: f.label });
      const dd = document.createElement('dd');
      dd.textContent = SIZE_NAMES.map((s) => `${s}: ${f.describe(f.sizes[s])}`).join(' · ');
      return [dt, dd];
    }),
  );
}
