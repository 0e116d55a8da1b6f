// A deterministic mix of calls to every fastwasm export, for the leak tests (Node:
// tests/js/leak.test.mjs, headless Chromium: tests/e2e/leak.test.mjs) and the Web Worker
// concurrency test (tests/e2e/workers.test.mjs). Plain ES module with no Node imports.
//
//   runLeakWorkload(fastwasm, { calls, seed, regionCount }) -> summary with memory.afterWarmup /
//                                                              memory.end (and regions.*)
//   createWorkload(fastwasm, { seed, checkEvery, mediumEvery, medium, regionCount }) -> { warmUp, run, summary }
//
// Calls cycle through a seed-shuffled list of cases covering every export: valid calls on small
// inputs of random size and, now and then, on the fixed "medium" size; and calls that must throw
// a validation error (some after converting a medium-sized input), or that fail while the wrapper
// reads their arguments (phase 1: a getter or Proxy trap of the caller's that throws, sometimes
// after a nested fastwasm call). Resident arrays (`array()`) are made, used as kernel inputs
// (giving resident results) and freed, and a bounded number of small ones is left to the
// wrapper's FinalizationRegistry. A sample of the valid results is checked against naive JS
// references (www/baselines.js where it has the kernel, otherwise a definition here), every
// error's message and shape (class by kind, own kind/argument/detail/function) is checked, and a
// phase-1 failure must rethrow the caller's own error. Wasm memory never shrinks, so once a
// warm-up has run every case at the medium (largest) size, any growth of
// `wasmMemory().buffer.byteLength` is a leak.
//
// `regionCount` (optional) is the glue's raw `__fwRegionCount()` (not part of the public API: the
// caller imports it from fastwasm_glue.js). With it, every call must leave the number of resident
// regions as it found it (plus the arrays it deliberately left to garbage collection), and the
// run records the count at each memory checkpoint. Garbage collection may free abandoned arrays at
// any time between calls (never during one: finalizers do not run inside synchronous code), so
// only explicit frees are asserted exactly.

import * as naive from '../../www/baselines.js';
import { MANDELBROT_VIEW, landscape, stringPair, text, xorshift32 } from '../../www/suite.js';

/** Number of calls of the leak test. */
export const LEAK_CALLS = 100_000;

/** Upper bounds of the random small sizes. */
const SMALL = { vector: 48, matrix: 6, image: 8, fft: 48, chars: 24, words: 40, pixels: 12, primes: 500 };

/** The medium size of every case: the largest input the loop uses (the warm-up runs each). */
export const MEDIUM = {
  vector: 2048, // floats
  matrix: 24, // n×n
  image: 40, // w = image, h = image − 8
  sigma: 2,
  fft: 1000, // mixed radix
  chars: 160, // levenshtein string length
  words: 1500, // wordCounts text
  pixels: 64, // mandelbrot w = pixels, h = 3/4 of it
  maxIter: 60,
  primes: 30_000,
};

/** Small resident arrays a workload leaves to the FinalizationRegistry, at most. */
export const ABANDON_LIMIT = 48;

/** Names in a module namespace that are not kernels (the init functions and the thread pool). */
const NOT_KERNELS = new Set(['default', 'initSync', 'initThreadPool', 'wbg_rayon_PoolBuilder', 'wbg_rayon_start_worker']);

/** The kernel exports of an initialised fastwasm module, sorted. */
export function kernelNames(fastwasm) {
  return Object.keys(fastwasm)
    .filter((k) => typeof fastwasm[k] === 'function' && !NOT_KERNELS.has(k))
    .sort();
}

// --- checks ---------------------------------------------------------------------------------------

class Mismatch extends Error {}

function fail(message) {
  throw new Mismatch(message);
}

const TOL = 1e-10;

/** |got − want| ≤ tol · max(1, scale). */
function expectClose(got, want, scale = Math.abs(want), tol = TOL, what = 'result') {
  if (typeof got !== 'number') fail(`${what}: expected a number, got ${typeof got}`);
  if (!(Math.abs(got - want) <= tol * Math.max(1, scale))) {
    fail(`${what}: expected ${want}, got ${got} (diff ${Math.abs(got - want)})`);
  }
}

function expectType(got, Ctor, what) {
  if (!(got instanceof Ctor)) fail(`${what}: expected a ${Ctor.name}, got ${got?.constructor?.name ?? typeof got}`);
}

function expectLength(got, n, what) {
  if (got.length !== n) fail(`${what}: expected ${n} values, got ${got.length}`);
}

/** Every element within tol · max(1, largest |want|). */
function expectAllClose(got, want, what = 'result', tol = TOL, Ctor = Float64Array) {
  expectType(got, Ctor, what);
  expectLength(got, want.length, what);
  let scale = 1;
  for (const v of want) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i] - want[i]) <= tol * scale)) fail(`${what}[${i}]: expected ${want[i]}, got ${got[i]}`);
  }
}

function expectExact(got, want, what = 'result', Ctor = want.constructor) {
  expectType(got, Ctor, what);
  expectLength(got, want.length, what);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) fail(`${what}[${i}]: expected ${want[i]}, got ${got[i]}`);
  }
}

/** Image bytes within `maxDiff` (rounding ties of the last step). */
function expectBytesNear(got, want, maxDiff = 1) {
  expectType(got, Uint8ClampedArray, 'image');
  expectLength(got, want.length, 'image');
  for (let i = 0; i < want.length; i++) {
    if (Math.abs(got[i] - want[i]) > maxDiff) fail(`image[${i}]: expected ${want[i]}, got ${got[i]}`);
  }
}

function expectJson(got, want) {
  const a = JSON.stringify(got);
  const b = JSON.stringify(want);
  if (a !== b) fail(`expected ${b.slice(0, 200)}, got ${a.slice(0, 200)}`);
}

/** The class of each error kind; memory errors are Errors named MemoryError. */
const KIND_CLASSES = { type: TypeError, value: RangeError, memory: Error };

/**
 * A fastwasm error as the wrapper throws it: a TypeError, RangeError or Error named MemoryError
 * by its own `kind`, with own `argument`, `detail` and `function`, and the message
 * "<function>: <argument> <detail>".
 */
function expectErrorShape(err) {
  for (const key of ['kind', 'argument', 'detail', 'function']) {
    if (!Object.hasOwn(err, key)) fail(`error ${JSON.stringify(err.message)} has no own property ${key}`);
  }
  const Class = KIND_CLASSES[err.kind];
  if (!Class) fail(`error ${JSON.stringify(err.message)} has the unknown kind ${JSON.stringify(err.kind)}`);
  if (err.constructor !== Class) fail(`a ${err.kind} error is a ${err.constructor.name}, not a ${Class.name}`);
  const name = err.kind === 'memory' ? 'MemoryError' : Class.name;
  if (err.name !== name) fail(`a ${err.kind} error is named ${err.name}, not ${name}`);
  // The message may locate an element of the argument: "sum: x[3] must be a number, got string".
  const head = `${err.function}: ${err.argument}`;
  const where = err.message.startsWith(head) && err.message.endsWith(` ${err.detail}`)
    ? err.message.slice(head.length, err.message.length - err.detail.length - 1)
    : null;
  if (where === null || !/^(\[\d+\])?$/.test(where)) {
    fail(`message ${JSON.stringify(err.message)}, expected ${JSON.stringify(`${head} ${err.detail}`)}`);
  }
}

/** A resident array result: copied out, then freed. */
function takeResident(fw, value, what) {
  expectType(value, fw.ResidentArray, what);
  const out = value.toArray();
  value.free();
  if (!value.freed) fail(`${what}: not freed after free()`);
  return out;
}

/**
 * A plain array of numbers whose element `at` is a getter that throws the caller's own `error`
 * (after calling `before()`, if given, e.g. a nested fastwasm call): the wrapper reads it in
 * phase 1, before any wasm runs.
 */
function throwingArray(values, at, error, before = null) {
  const out = Array.from(values);
  Object.defineProperty(out, at, {
    get() {
      before?.();
      throw error;
    },
  });
  return out;
}

/** A Proxy of an array of numbers whose `length` trap throws `error`. */
function throwingLength(values, error) {
  return new Proxy(Array.from(values), {
    get(target, key, receiver) {
      if (key === 'length') throw error;
      return Reflect.get(target, key, receiver);
    },
  });
}

/** A unique error of the caller's own, for the phase-1 cases. */
class CallerError extends Error {}

// --- naive references (kernels www/baselines.js does not have) ------------------------------------

const absSum = (x) => x.reduce((s, v) => s + Math.abs(v), 0);
const sorted = (x) => Float64Array.from(x).sort();

function quantileOf(x, q) {
  const s = sorted(x);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Index of the first element that no other beats (`better(a, b)`: a beats b). */
function argExtreme(x, better) {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (better(x[i], x[best])) best = i;
  return best;
}
const indexOfMin = (x) => argExtreme(x, (a, b) => a < b);
const indexOfMax = (x) => argExtreme(x, (a, b) => a > b);

function cumsumOf(x) {
  const out = new Float64Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) out[i] = s += x[i];
  return out;
}

function movingAverageOf(x, window) {
  const out = new Float64Array(x.length - window + 1);
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let j = 0; j < window; j++) s += x[i + j];
    out[i] = s / window;
  }
  return out;
}

function transposeOf(a, rows, cols) {
  const out = new Float64Array(a.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}

/** max_i |(a·x)_i − b_i| for the n×n matrix `a`. */
function residual(a, x, b, n) {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let s = -b[i];
    for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
    worst = Math.max(worst, Math.abs(s));
  }
  return worst;
}

/** Naive DFT of re + i·im (sign −1) or its inverse (sign +1, divided by n), interleaved. */
function dft(re, im, sign) {
  const n = re.length;
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let t = 0; t < n; t++) {
      const angle = (sign * 2 * Math.PI * ((k * t) % n)) / n;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      sr += re[t] * c - im[t] * s;
      si += re[t] * s + im[t] * c;
    }
    out[2 * k] = sign > 0 ? sr / n : sr;
    out[2 * k + 1] = sign > 0 ? si / n : si;
  }
  return out;
}

/** numpy's "same" / "valid" windows of the full convolution. */
function convolveOf(a, v, mode) {
  const full = naive.convolve(a, v);
  const [long, short] = [Math.max(a.length, v.length), Math.min(a.length, v.length)];
  if (mode === 'same') return full.slice((short - 1) >> 1, ((short - 1) >> 1) + long);
  if (mode === 'valid') return full.slice(short - 1, long);
  return full;
}

function histogramCounts(x, bins, lo, hi) {
  const counts = new Uint32Array(bins);
  for (const v of x) {
    if (v < lo || v > hi) continue;
    counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]++;
  }
  return counts;
}

const luma = (p, i) => 0.299 * p[i] + 0.587 * p[i + 1] + 0.114 * p[i + 2];

function grayscaleOf(rgba) {
  const out = new Uint8ClampedArray(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    out[i] = out[i + 1] = out[i + 2] = Math.floor(luma(rgba, i) + 0.5);
    out[i + 3] = rgba[i + 3];
  }
  return out;
}

function sobelOf(rgba, w, h) {
  const at = (x, y) => luma(rgba, 4 * (Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))));
  const out = new Uint8ClampedArray(rgba.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
      const i = 4 * (y * w + x);
      out[i] = out[i + 1] = out[i + 2] = Math.min(255, Math.floor(Math.hypot(gx, gy) + 0.5));
      out[i + 3] = 255;
    }
  }
  return out;
}

// --- inputs ---------------------------------------------------------------------------------------

/** Random inputs from one xorshift32 stream. */
function randomSource(seed) {
  const next = xorshift32(seed);
  const r = {
    /** Uniform in [0, 1). */
    unit: () => next() / 4294967296,
    /** Integer in [lo, hi]. */
    int: (lo, hi) => lo + (next() % (hi - lo + 1)),
    pick: (items) => items[next() % items.length],
    /** n floats in [−1, 1). */
    floats: (n) => Float64Array.from({ length: n }, () => 2 * r.unit() - 1),
    /** n values in {−2, −1.75, …, 1.75}: many duplicates. */
    steps: (n) => Float64Array.from({ length: n }, () => Math.floor(r.unit() * 16) / 4 - 2),
    bytes: (n) => Uint8ClampedArray.from({ length: n }, () => next() & 255),
    /** `x` as given, or (one time in four) as a plain array of numbers. */
    arg: (x) => ((next() & 3) === 0 ? Array.from(x) : x),
    seed: () => next(),
    /** Whether to leave a small resident array to garbage collection: one time in four, within the limit. */
    abandon: () => (next() & 3) === 0 && abandonBudget > 0 && abandonBudget-- > 0,
    abandonBudget: () => abandonBudget,
  };
  let abandonBudget = ABANDON_LIMIT;
  return r;
}

/** The medium size `medium[key]` (when `medium` is the size table), else a random small one. */
const size = (r, medium, key, min = 1) => (medium ? medium[key] : r.int(min, SMALL[key]));

/** A random `n`×`n` matrix (n ≥ 2) whose row 1 equals row 0, so singular: `{ a, n }`. */
function singularMatrix(r, medium) {
  const n = size(r, medium, 'matrix', 2);
  const a = r.floats(n * n);
  a.copyWithin(n, 0, n); // row 1 = row 0
  return { a, n };
}

function image(r, medium) {
  if (medium) {
    const w = medium.image;
    const h = medium.image - 8;
    return { rgba: landscape(w, h, r.seed()), w, h };
  }
  const w = r.int(1, SMALL.image);
  const h = r.int(1, SMALL.image);
  return { rgba: r.bytes(4 * w * h), w, h };
}

/** A well-conditioned n×n matrix: random entries plus n + 1 on the diagonal. */
function dominant(r, n) {
  const a = r.floats(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] += n + 1;
  return a;
}

/** An n×n matrix P·L·U with a known determinant (sign of P times the product of U's diagonal). */
function knownDeterminant(r, n) {
  const l = new Float64Array(n * n);
  const u = new Float64Array(n * n);
  let det = 1;
  for (let i = 0; i < n; i++) {
    l[i * n + i] = 1;
    for (let j = 0; j < i; j++) l[i * n + j] = r.unit() - 0.5;
    const d = (r.unit() + 0.5) * (r.unit() < 0.5 ? -1 : 1);
    u[i * n + i] = d;
    det *= d;
    for (let j = i + 1; j < n; j++) u[i * n + j] = r.unit() - 0.5;
  }
  const a = naive.matmul(l, u, n, n, n);
  // Swap rows i and j > i for every other i: each swap flips the sign.
  for (let i = 0; i + 1 < n; i += 2) {
    const j = r.int(i + 1, n - 1);
    for (let c = 0; c < n; c++) [a[i * n + c], a[j * n + c]] = [a[j * n + c], a[i * n + c]];
    det = -det;
  }
  return { a, det };
}

/** A string of `n` code points over an alphabet with multi-byte and astral characters. */
const unicodeString = (r, n) => Array.from({ length: n }, () => r.pick(['a', 'b', 'é', '€', '😀'])).join('');

// --- the cases ------------------------------------------------------------------------------------
//
// Valid: { name, make(r, medium) -> input, call(fw, input) -> result, check(result, input) }, where
// `medium` is the table of medium sizes for a medium call and null for a small one. A call that
// leaves resident arrays to garbage collection on purpose sets `input.abandoned` to their number.
// Error: { name, error: RegExp, kind?, make, call, verify? }: the call must throw an Error (not a
// trap) of the wrapper's shape (see expectErrorShape; `plain: true` for the one error that is not a
// kernel error) whose message matches: the function, the argument and the gist (the exact wording
// is tests/js/bad-inputs.test.mjs' business), and whose kind is `kind` when given.
// Phase-1 failure: { name, rethrows: true, make -> input with `error`, call, verify? }: the call must
// throw the caller's own `input.error`, unchanged. `verify(input)` checks what else happened.

const VALID = [
  {
    name: 'sum',
    make: (r, m) => ({ x: r.floats(size(r, m, 'vector', 0)) }),
    call: (fw, { x }) => fw.sum(x),
    check: (got, { x }) => expectClose(got, naive.sum(x), absSum(x), 1e-12),
  },
  {
    name: 'mean',
    make: (r, m) => ({ x: r.floats(size(r, m, 'vector')) }),
    call: (fw, { x }) => fw.mean(x),
    check: (got, { x }) => expectClose(got, naive.mean(x), absSum(x) / x.length, 1e-12),
  },
  {
    name: 'variance',
    make: (r, m) => ({ x: r.arg(r.floats(size(r, m, 'vector', 2))), ddof: r.int(0, 1) }),
    call: (fw, { x, ddof }) => fw.variance(x, ddof),
    check: (got, { x, ddof }) => expectClose(got, naive.variance(x, ddof)),
  },
  {
    name: 'std',
    make: (r, m) => ({ x: r.floats(size(r, m, 'vector', 2)), ddof: r.int(0, 1) }),
    call: (fw, { x, ddof }) => fw.std(x, ddof),
    check: (got, { x, ddof }) => expectClose(got, Math.sqrt(naive.variance(x, ddof))),
  },
  {
    name: 'dot',
    make: (r, m) => {
      const n = size(r, m, 'vector', 0);
      return { a: r.floats(n), b: r.arg(r.floats(n)) };
    },
    call: (fw, { a, b }) => fw.dot(a, b),
    check: (got, { a, b }) => expectClose(got, naive.dot(a, b), a.length, 1e-12),
  },
  {
    name: 'min',
    make: (r, m) => ({ x: r.arg(r.floats(size(r, m, 'vector'))) }),
    call: (fw, { x }) => fw.min(x),
    check: (got, { x }) => expectClose(got, x[indexOfMin(x)], 0, 0),
  },
  {
    name: 'max',
    make: (r, m) => ({ x: r.floats(size(r, m, 'vector')) }),
    call: (fw, { x }) => fw.max(x),
    check: (got, { x }) => expectClose(got, x[indexOfMax(x)], 0, 0),
  },
  {
    name: 'argmin',
    make: (r, m) => ({ x: r.steps(size(r, m, 'vector')) }),
    call: (fw, { x }) => fw.argmin(x),
    check: (got, { x }) => expectClose(got, indexOfMin(x), 0, 0),
  },
  {
    name: 'argmax',
    make: (r, m) => ({ x: r.steps(size(r, m, 'vector')) }),
    call: (fw, { x }) => fw.argmax(x),
    check: (got, { x }) => expectClose(got, indexOfMax(x), 0, 0),
  },
  {
    name: 'norm',
    make: (r, m) => ({ x: r.floats(size(r, m, 'vector', 0)) }),
    call: (fw, { x }) => fw.norm(x),
    check: (got, { x }) => expectClose(got, Math.sqrt(naive.dot(x, x)), 1, 1e-12),
  },
  {
    name: 'median',
    make: (r, m) => ({ x: r.floats(size(r, m, 'vector')) }),
    call: (fw, { x }) => fw.median(x),
    check: (got, { x }) => expectClose(got, quantileOf(x, 0.5), 1, 1e-12),
  },
  {
    name: 'quantile',
    make: (r, m) => ({ x: r.floats(size(r, m, 'vector')), q: r.unit() }),
    call: (fw, { x, q }) => fw.quantile(x, q),
    check: (got, { x, q }) => expectClose(got, quantileOf(x, q), 1, 1e-12),
  },
  {
    name: 'percentile',
    make: (r, m) => ({ x: r.arg(r.floats(size(r, m, 'vector'))), q: 100 * r.unit() }),
    call: (fw, { x, q }) => fw.percentile(x, q),
    check: (got, { x, q }) => expectClose(got, quantileOf(x, q / 100), 1, 1e-12),
  },
  {
    name: 'array',
    // A resident copy of floats (typed or plain), or of small integers as uint32 or uint8, read in
    // place by kernels (a scalar result, and a resident result for float64), then freed; a small
    // one is now and then left to the FinalizationRegistry instead.
    make: (r, m) => {
      const dtype = m ? 'float64' : r.pick(['float64', 'float64', 'uint32', 'uint8']);
      const n = size(r, m, 'vector', 0);
      const x = dtype === 'float64' ? r.arg(r.floats(n)) : Float64Array.from({ length: n }, () => r.int(0, 255));
      return { x, dtype, abandon: !m && r.abandon() };
    },
    call: (fw, input) => {
      const { x, dtype, abandon } = input;
      const a = fw.array(x, dtype);
      const out = { length: a.length, dtype: a.dtype, copy: a.toArray(), sum: fw.sum(a) };
      // A float64 resident input gives a resident result; another dtype is converted (copied), like
      // any typed array, and gives a plain one.
      const sorted = fw.sort(a);
      out.residentResult = sorted instanceof fw.ResidentArray;
      out.sorted = out.residentResult ? takeResident(fw, sorted, 'sort') : sorted;
      if (abandon) input.abandoned = 1;
      else a.free();
      out.freed = a.freed;
      return out;
    },
    check: (got, { x, dtype, abandon }) => {
      const View = { float64: Float64Array, uint32: Uint32Array, uint8: Uint8Array }[dtype];
      const want = View.from(x);
      if (got.length !== want.length) fail(`length ${got.length}, expected ${want.length}`);
      if (got.dtype !== dtype) fail(`dtype ${got.dtype}, expected ${dtype}`);
      expectExact(got.copy, want, 'toArray()');
      const floats = Float64Array.from(want);
      expectClose(got.sum, naive.sum(floats), absSum(floats), 1e-12, 'sum');
      if (dtype === 'float64' && !got.residentResult) fail('sort of a float64 resident array is not resident');
      expectExact(got.sorted, naive.sort(floats), 'sort', Float64Array);
      if (got.freed === abandon) fail(`freed is ${got.freed}`);
    },
  },
  {
    name: 'ResidentArray',
    // The methods of a resident array: writes through view() reach the next call; resident results
    // chain (cumsum and histogram of a resident sort); free() is final, and twice is harmless.
    make: (r, m) => {
      const n = size(r, m, 'vector');
      return { x: r.floats(n), y: r.floats(n), bins: m ? 16 : r.int(1, 8) };
    },
    call: (fw, { x, y, bins }) => {
      const a = fw.array(new Float64Array(x.length));
      a.view().set(x);
      const first = fw.dot(a, y); // resident and plain arguments mixed
      a.view().set(y);
      const second = fw.dot(a, y);
      const sorted = fw.sort(a);
      const sums = fw.cumsum(sorted);
      const { counts, edges } = fw.histogram(sorted, bins);
      const out = {
        first,
        second,
        sums: takeResident(fw, sums, 'cumsum'),
        counts: takeResident(fw, counts, 'counts'),
        edges: takeResident(fw, edges, 'edges'),
        sorted: takeResident(fw, sorted, 'sort'),
      };
      a.free();
      a.free();
      out.freed = a.freed;
      try {
        a.view();
        out.viewAfterFree = null;
      } catch (err) {
        out.viewAfterFree = err;
      }
      return out;
    },
    check: (got, { x, y, bins }) => {
      const tol = 1e-12 * Math.max(1, x.length);
      expectClose(got.first, naive.dot(x, y), 1, tol, 'dot before the write');
      expectClose(got.second, naive.dot(y, y), 1, tol, 'dot after the write');
      const s = naive.sort(y);
      expectExact(got.sorted, s, 'sort');
      expectAllClose(got.sums, cumsumOf(s), 'cumsum', tol);
      expectLength(got.counts, bins, 'counts');
      if (got.counts.reduce((t, c) => t + c, 0) !== y.length) fail(`counts do not add up to ${y.length}`);
      expectLength(got.edges, bins + 1, 'edges');
      const [lo, hi] = [s[0], s[s.length - 1]];
      expectClose(got.edges[0], lo === hi ? lo - 0.5 : lo, 0, 0, 'first edge');
      expectClose(got.edges[bins], lo === hi ? hi + 0.5 : hi, 0, 0, 'last edge');
      if (!got.freed) fail('not freed after free()');
      const err = got.viewAfterFree;
      if (!(err instanceof RangeError)) fail(`view() after free() threw ${err}`);
      expectErrorShape(err);
      if (!/^ResidentArray\.view: this was freed/.test(err.message)) fail(`view() after free(): ${err.message}`);
    },
  },
  {
    name: 'cumsum',
    make: (r, m) => ({ x: r.floats(size(r, m, 'vector', 0)) }),
    call: (fw, { x }) => fw.cumsum(x),
    check: (got, { x }) => expectAllClose(got, cumsumOf(x)),
  },
  {
    name: 'histogram',
    // Integer data and a range whose bin edges are exact: no value sits on a rounded edge.
    make: (r, m) => ({
      x: Float64Array.from({ length: size(r, m, 'vector') }, () => r.int(0, 19)),
      bins: m ? 20 : r.pick([1, 2, 4, 5, 10, 20]),
    }),
    call: (fw, { x, bins }) => fw.histogram(x, bins, 0, 20),
    check: (got, { x, bins }) => {
      expectExact(got.counts, histogramCounts(x, bins, 0, 20), 'counts');
      expectExact(got.edges, Float64Array.from({ length: bins + 1 }, (_, i) => (i * 20) / bins), 'edges');
    },
  },
  {
    name: 'histogram',
    // The default range: the data's min and max; every value is counted once.
    make: (r, m) => ({ x: r.floats(size(r, m, 'vector')), bins: m ? 30 : r.int(1, 30) }),
    call: (fw, { x, bins }) => fw.histogram(x, bins),
    check: (got, { x, bins }) => {
      expectLength(got.counts, bins, 'counts');
      if (got.counts.reduce((s, c) => s + c, 0) !== x.length) fail(`counts do not add up to ${x.length}`);
      expectLength(got.edges, bins + 1, 'edges');
      // numpy widens an empty range [v, v] to [v − 0.5, v + 0.5].
      const [lo, hi] = [x[indexOfMin(x)], x[indexOfMax(x)]];
      expectClose(got.edges[0], lo === hi ? lo - 0.5 : lo, 0, 0, 'first edge');
      expectClose(got.edges[bins], lo === hi ? hi + 0.5 : hi, 0, 0, 'last edge');
    },
  },
  {
    name: 'sort',
    make: (r, m) => ({ x: r.arg(r.floats(size(r, m, 'vector', 0))) }),
    call: (fw, { x }) => fw.sort(x),
    check: (got, { x }) => expectExact(got, naive.sort(Float64Array.from(x))),
  },
  {
    name: 'argsort',
    make: (r, m) => ({ x: r.steps(size(r, m, 'vector', 0)) }),
    call: (fw, { x }) => fw.argsort(x),
    check: (got, { x }) => {
      const order = Array.from(x, (_, i) => i).sort((i, j) => x[i] - x[j] || i - j);
      expectExact(got, Uint32Array.from(order));
    },
  },
  {
    name: 'unique',
    make: (r, m) => ({ x: r.steps(size(r, m, 'vector', 0)) }),
    call: (fw, { x }) => fw.unique(x),
    check: (got, { x }) => expectExact(got, sorted(new Set(x))),
  },
  {
    name: 'matmul',
    make: (r, medium) => {
      const [m, k, n] = medium ? [medium.matrix, medium.matrix, medium.matrix] : [r.int(1, 6), r.int(1, 6), r.int(1, 6)];
      return { a: r.floats(m * k), b: r.arg(r.floats(k * n)), m, k, n };
    },
    call: (fw, { a, b, m, k, n }) => fw.matmul(a, b, m, k, n),
    check: (got, { a, b, m, k, n }) => expectAllClose(got, naive.matmul(a, Float64Array.from(b), m, k, n)),
  },
  {
    name: 'transpose',
    make: (r, medium) => {
      const [rows, cols] = medium ? [medium.matrix, medium.matrix + 3] : [r.int(1, 6), r.int(1, 6)];
      return { a: r.floats(rows * cols), rows, cols };
    },
    call: (fw, { a, rows, cols }) => fw.transpose(a, rows, cols),
    check: (got, { a, rows, cols }) => expectExact(got, transposeOf(a, rows, cols)),
  },
  {
    name: 'solve',
    make: (r, m) => {
      const n = size(r, m, 'matrix');
      return { a: dominant(r, n), b: r.floats(n), n };
    },
    call: (fw, { a, b, n }) => fw.solve(a, b, n),
    check: (got, { a, b, n }) => {
      expectType(got, Float64Array, 'x');
      expectLength(got, n, 'x');
      expectClose(residual(a, got, b, n), 0, n, 1e-12, 'residual |a·x − b|');
    },
  },
  {
    name: 'det',
    make: (r, m) => {
      const n = size(r, m, 'matrix');
      return { ...knownDeterminant(r, n), n };
    },
    call: (fw, { a, n }) => fw.det(a, n),
    check: (got, { det }) => expectClose(got, det, Math.abs(det), 1e-9),
  },
  {
    name: 'inv',
    make: (r, m) => {
      const n = size(r, m, 'matrix');
      return { a: dominant(r, n), n };
    },
    call: (fw, { a, n }) => fw.inv(a, n),
    check: (got, { a, n }) => {
      expectType(got, Float64Array, 'inverse');
      const product = naive.matmul(a, got, n, n, n);
      const identity = Float64Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0));
      expectAllClose(product, identity, 'a·inv(a)', 1e-12);
    },
  },
  {
    name: 'fft',
    make: (r, m) => {
      const n = size(r, m, 'fft');
      return { re: r.floats(n), im: !m && r.unit() < 0.5 ? undefined : r.floats(n) };
    },
    call: (fw, { re, im }) => fw.fft(re, im),
    check: (got, { re, im }) => {
      const want = dft(re, im ?? new Float64Array(re.length), -1);
      expectAllClose(got, want, 'fft', 1e-10 * Math.max(1, re.length / 100));
    },
  },
  {
    name: 'ifft',
    make: (r, m) => ({ x: r.floats(2 * size(r, m, 'fft')) }),
    call: (fw, { x }) => fw.ifft(x),
    check: (got, { x }) => {
      const re = x.filter((_, i) => i % 2 === 0);
      const im = x.filter((_, i) => i % 2 === 1);
      expectAllClose(got, dft(re, im, 1), 'ifft', 1e-10);
    },
  },
  {
    name: 'convolve',
    make: (r, m) => ({
      a: r.floats(size(r, m, 'vector')),
      v: r.arg(r.floats(m ? 16 : r.int(1, 16))),
      mode: m ? 'full' : r.pick(['full', 'same', 'valid', undefined]),
    }),
    call: (fw, { a, v, mode }) => fw.convolve(a, v, mode),
    check: (got, { a, v, mode }) => expectAllClose(got, convolveOf(a, Float64Array.from(v), mode ?? 'full')),
  },
  {
    name: 'movingAverage',
    make: (r, m) => {
      const x = r.floats(size(r, m, 'vector'));
      return { x, window: m ? 1 : r.int(1, Math.min(x.length, 20)) };
    },
    call: (fw, { x, window }) => fw.movingAverage(x, window),
    check: (got, { x, window }) => expectAllClose(got, movingAverageOf(x, window)),
  },
  {
    name: 'grayscale',
    make: (r, m) => image(r, m),
    call: (fw, { rgba, w, h }) => fw.grayscale(rgba, w, h),
    check: (got, { rgba }) => expectExact(got, grayscaleOf(rgba)),
  },
  {
    name: 'gaussianBlur',
    make: (r, m) => ({ ...image(r, m), sigma: m ? m.sigma : 0.3 + r.unit() * 1.5 }),
    call: (fw, { rgba, w, h, sigma }) => fw.gaussianBlur(rgba, w, h, sigma),
    check: (got, { rgba, w, h, sigma }) => expectBytesNear(got, naive.gaussianBlur(rgba, w, h, sigma)),
  },
  {
    name: 'sobel',
    make: (r, m) => image(r, m),
    call: (fw, { rgba, w, h }) => fw.sobel(rgba, w, h),
    check: (got, { rgba, w, h }) => expectBytesNear(got, sobelOf(rgba, w, h)),
  },
  {
    name: 'mandelbrot',
    make: (r, m) => {
      const w = size(r, m, 'pixels');
      const h = m ? (3 * w) / 4 : r.int(1, SMALL.pixels);
      return { w, h, maxIter: m ? m.maxIter : r.int(1, 40) };
    },
    call: (fw, { w, h, maxIter }) => {
      const { xMin, xMax, yMin, yMax } = MANDELBROT_VIEW;
      return fw.mandelbrot(w, h, xMin, xMax, yMin, yMax, maxIter);
    },
    check: (got, { w, h, maxIter }) => {
      const { xMin, xMax, yMin, yMax } = MANDELBROT_VIEW;
      expectExact(got, naive.mandelbrot(w, h, xMin, xMax, yMin, yMax, maxIter));
    },
  },
  {
    name: 'primes',
    make: (r, m) => ({ n: size(r, m, 'primes', 0) }),
    call: (fw, { n }) => fw.primes(n),
    check: (got, { n }) => expectExact(got, naive.primes(n)),
  },
  {
    name: 'levenshtein',
    make: (r, m) => {
      const n = size(r, m, 'chars', 0);
      if (m || r.unit() < 0.5) return { a: unicodeString(r, n), b: unicodeString(r, m ? n : r.int(0, n)) };
      const [a, b] = stringPair(n, r.seed());
      return { a, b };
    },
    call: (fw, { a, b }) => fw.levenshtein(a, b),
    check: (got, { a, b }) => expectClose(got, naive.levenshtein(a, b), 0, 0),
  },
  {
    name: 'wordCounts',
    make: (r, m) => ({ text: text(size(r, m, 'words', 0), r.seed()), k: r.int(0, 12) }),
    call: (fw, { text, k }) => fw.wordCounts(text, k),
    check: (got, { text, k }) => expectJson(got, naive.wordCounts(text, k)),
  },
  {
    name: 'scratch',
    // Write into a scratch region and pass a view on it to a kernel (which copies it like any
    // typed array). A medium call grows all four slots (the regions stay allocated: that growth
    // belongs to the warm-up).
    make: (r, m) => ({ slots: m ? [0, 1, 2, 3] : [r.int(0, 3)], x: r.floats(size(r, m, 'vector')) }),
    call: (fw, { slots, x }) => {
      let address = 0;
      for (const slot of slots) address = fw.scratch(slot, 8 * x.length);
      const view = new Float64Array(fw.wasmMemory().buffer, address, x.length);
      view.set(x);
      return { address, sum: fw.sum(view) };
    },
    check: ({ address, sum }, { x }) => {
      if (!Number.isInteger(address) || address <= 0 || address % 8 !== 0) fail(`bad address ${address}`);
      expectClose(sum, naive.sum(x), absSum(x), 1e-12, 'sum of the scratch view');
    },
  },
  {
    name: 'wasmMemory',
    make: () => ({}),
    call: (fw) => fw.wasmMemory(),
    check: (got) => {
      if (!(got instanceof WebAssembly.Memory)) fail(`expected a WebAssembly.Memory, got ${got}`);
    },
  },
];

const ERRORS = [
  { name: 'sum', error: /^sum: x .*string/, kind: 'type', make: () => ({}), call: (fw) => fw.sum('abc') },
  { name: 'mean', error: /^mean: x .*empty/, kind: 'value', make: () => ({}), call: (fw) => fw.mean([]) },
  { name: 'std', error: /^std: ddof /, make: (r) => ({ x: r.floats(3) }), call: (fw, { x }) => fw.std(x, -1) },
  { name: 'min', error: /^min: x .*empty/, make: () => ({}), call: (fw) => fw.min([]) },
  { name: 'max', error: /^max: x .*empty/, make: () => ({}), call: (fw) => fw.max(new Float64Array(0)) },
  { name: 'argmin', error: /^argmin: x .*empty/, make: () => ({}), call: (fw) => fw.argmin([]) },
  { name: 'norm', error: /^norm: x .*boolean/, make: () => ({}), call: (fw) => fw.norm(true) },
  {
    name: 'argsort',
    error: /^argsort: x\[\d+\] .*number/,
    make: (r, m) => ({ x: [...r.floats(size(r, m, 'vector')), 'a'] }),
    call: (fw, { x }) => fw.argsort(x),
  },
  { name: 'unique', error: /^unique: x .*number/, make: () => ({}), call: (fw) => fw.unique(7) },
  {
    name: 'variance',
    error: /^variance: ddof /,
    make: (r, m) => ({ x: r.floats(size(r, m, 'vector')) }),
    call: (fw, { x }) => fw.variance(x, x.length),
  },
  { name: 'median', error: /^median: x .*empty/, make: () => ({}), call: (fw) => fw.median(new Float64Array(0)) },
  { name: 'quantile', error: /^quantile: q .*\[0, 1\]/, make: (r) => ({ x: r.floats(5) }), call: (fw, { x }) => fw.quantile(x, 2) },
  { name: 'argmax', error: /^argmax: x .*null/, make: () => ({}), call: (fw) => fw.argmax(null) },
  { name: 'sort', error: /^sort: x .*string/, make: () => ({}), call: (fw) => fw.sort('x') },
  {
    name: 'cumsum',
    // The bad element comes last, after the rest of a medium-sized array was converted.
    error: /^cumsum: x\[\d+\] .*number/,
    make: (r, m) => ({ x: [...r.floats(size(r, m, 'vector')), {}] }),
    call: (fw, { x }) => fw.cumsum(x),
  },
  {
    name: 'dot',
    error: /^dot: .*length/,
    make: (r, m) => {
      const n = size(r, m, 'vector');
      return { a: r.floats(n), b: r.floats(n + 1) };
    },
    call: (fw, { a, b }) => fw.dot(a, b),
  },
  {
    name: 'histogram',
    error: /^histogram: .*finite/,
    make: (r, m) => ({ x: Float64Array.of(...r.floats(size(r, m, 'vector')), NaN) }),
    call: (fw, { x }) => fw.histogram(x, 4),
  },
  { name: 'histogram', error: /^histogram: bins /, make: () => ({}), call: (fw) => fw.histogram([1, 2], 0) },
  {
    name: 'histogram',
    error: /^histogram: bins .*wasm32 address space/,
    kind: 'memory',
    make: () => ({}),
    call: (fw) => fw.histogram([1, 2], 1e10),
  },
  {
    name: 'matmul',
    error: /^matmul: b /,
    make: (r, m) => {
      const n = size(r, m, 'matrix');
      return { a: r.floats(n * n), b: r.floats(n * n + 1), n };
    },
    call: (fw, { a, b, n }) => fw.matmul(a, b, n, n, n),
  },
  { name: 'matmul', error: /^matmul: .*too large/, make: () => ({}), call: (fw) => fw.matmul([1], [1], 1e9, 1e9, 1) },
  {
    name: 'solve',
    error: /^solve: a .*singular/,
    make: (r, m) => {
      const { a, n } = singularMatrix(r, m);
      return { a, b: r.floats(n), n };
    },
    call: (fw, { a, b, n }) => fw.solve(a, b, n),
  },
  {
    name: 'inv',
    error: /^inv: a .*singular/,
    make: singularMatrix,
    call: (fw, { a, n }) => fw.inv(a, n),
  },
  { name: 'det', error: /^det: a /, make: () => ({}), call: (fw) => fw.det([1, 2, 3], 2) },
  { name: 'transpose', error: /^transpose: a /, make: () => ({}), call: (fw) => fw.transpose([1, 2, 3], 2, 2) },
  {
    name: 'fft',
    error: /^fft: im .*length/,
    make: (r, m) => {
      const n = size(r, m, 'fft', 2);
      return { re: r.floats(n), im: r.floats(n - 1) };
    },
    call: (fw, { re, im }) => fw.fft(re, im),
  },
  { name: 'fft', error: /^fft: \w+ .*empty/, make: () => ({}), call: (fw) => fw.fft([]) },
  { name: 'ifft', error: /^ifft: x .*even/, make: () => ({}), call: (fw) => fw.ifft([1, 2, 3]) },
  {
    name: 'convolve',
    error: /^convolve: mode .*"xyz"/,
    make: (r, m) => ({ a: r.floats(size(r, m, 'vector')) }),
    call: (fw, { a }) => fw.convolve(a, [1, 2], 'xyz'),
  },
  {
    name: 'movingAverage',
    error: /^movingAverage: window /,
    make: (r, m) => ({ x: r.floats(size(r, m, 'vector')) }),
    call: (fw, { x }) => fw.movingAverage(x, x.length + 1),
  },
  {
    name: 'gaussianBlur',
    error: /^gaussianBlur: sigma /,
    make: (r, m) => image(r, m),
    call: (fw, { rgba, w, h }) => fw.gaussianBlur(rgba, w, h, NaN),
  },
  {
    name: 'grayscale',
    error: /^grayscale: rgba .*4\*w\*h/,
    make: (r, m) => image(r, m),
    call: (fw, { rgba, w, h }) => fw.grayscale(rgba, w, h + 1),
  },
  { name: 'sobel', error: /^sobel: h .*-1/, make: () => ({}), call: (fw) => fw.sobel(new Uint8Array(4), 1, -1) },
  { name: 'mandelbrot', error: /^mandelbrot: w\b.*\(w\*h\)/, kind: 'value', make: () => ({}), call: (fw) => fw.mandelbrot(100000, 100000, -2, 1, -1, 1, 10) },
  { name: 'primes', error: /^primes: n .*1000000000/, make: () => ({}), call: (fw) => fw.primes(4e9) },
  { name: 'levenshtein', error: /^levenshtein: a .*string/, make: () => ({}), call: (fw) => fw.levenshtein(1, 'a') },
  {
    name: 'levenshtein',
    error: /^levenshtein: b .*string/,
    make: (r, m) => ({ a: unicodeString(r, size(r, m, 'chars')) }),
    call: (fw, { a }) => fw.levenshtein(a, null),
  },
  { name: 'wordCounts', error: /^wordCounts: text .*string/, make: () => ({}), call: (fw) => fw.wordCounts(5, 1) },
  {
    name: 'wordCounts',
    error: /^wordCounts: k .*-1/,
    make: (r, m) => ({ text: text(size(r, m, 'words'), r.seed()) }),
    call: (fw, { text }) => fw.wordCounts(text, -1),
  },
  { name: 'scratch', error: /^scratch: slot .*9/, make: () => ({}), call: (fw) => fw.scratch(9, 8) },
  { name: 'percentile', error: /^percentile: q .*\[0, 100\]/, kind: 'value', make: (r) => ({ x: r.floats(5) }), call: (fw, { x }) => fw.percentile(x, 101) },
  {
    name: 'gaussianBlur',
    // A number-like object is refused by its type: its valueOf (the caller's code) never runs.
    error: /^gaussianBlur: sigma .*object/i,
    kind: 'type',
    make: (r, m) => ({ ...image(r, m), sigma: { valueOf: () => fail('valueOf of sigma ran') } }),
    call: (fw, { rgba, w, h, sigma }) => fw.gaussianBlur(rgba, w, h, sigma),
  },
  { name: 'array', error: /^array: data .*string/, kind: 'type', make: () => ({}), call: (fw) => fw.array('abc') },
  { name: 'array', error: /^array: dtype .*"int64"/, kind: 'value', make: () => ({}), call: (fw) => fw.array([1], 'int64') },
  {
    name: 'ResidentArray',
    error: /^ResidentArray: use array\(data, dtype\)/,
    plain: true,
    make: () => ({}),
    call: (fw) => new fw.ResidentArray(),
  },
  {
    name: 'ResidentArray',
    // A freed resident array is refused as an argument.
    error: /^dot: b is a ResidentArray that was freed/,
    kind: 'value',
    make: (r, m) => ({ x: r.floats(size(r, m, 'vector')) }),
    call: (fw, { x }) => {
      const a = fw.array(x);
      a.free();
      return fw.dot(x, a);
    },
  },
  // Phase-1 failures: the caller's own code throws while the wrapper reads the arguments.
  {
    name: 'sum',
    rethrows: true,
    // The getter of the last element throws, after the rest of a medium-sized array was read.
    make: (r, m) => {
      const x = r.floats(size(r, m, 'vector'));
      const error = new CallerError('sum: getter');
      return { x: throwingArray(x, x.length - 1, error), error };
    },
    call: (fw, { x }) => fw.sum(x),
  },
  {
    name: 'dot',
    rethrows: true,
    // b is a Proxy whose length trap throws; a, a medium typed array, was converted first.
    make: (r, m) => {
      const n = size(r, m, 'vector');
      const error = new CallerError('dot: length trap');
      return { a: r.floats(n), b: throwingLength(r.floats(n), error), error };
    },
    call: (fw, { a, b }) => fw.dot(a, b),
  },
  {
    name: 'matmul',
    rethrows: true,
    // b's getter first makes a nested fastwasm call, then throws.
    make: (r, m) => {
      const n = size(r, m, 'matrix');
      return { a: r.floats(n * n), b: r.floats(n * n), at: r.int(0, n * n - 1), n, error: new CallerError('matmul: getter') };
    },
    call: (fw, input) => {
      const { a, b, at, n, error } = input;
      const bad = throwingArray(b, at, error, () => {
        input.nested = fw.sum(a);
      });
      return fw.matmul(a, bad, n, n, n);
    },
    verify: ({ a, nested }) => expectClose(nested, naive.sum(a), absSum(a), 1e-12, 'the nested sum'),
  },
  {
    name: 'convolve',
    rethrows: true,
    // v's getter makes a resident array, uses it and frees it, then throws.
    make: (r, m) => ({ a: r.floats(size(r, m, 'vector')), v: r.floats(r.int(1, 16)), error: new CallerError('convolve: getter') }),
    call: (fw, input) => {
      const { a, v, error } = input;
      const bad = throwingArray(v, 0, error, () => {
        const kept = fw.array(a);
        input.nested = fw.mean(kept);
        kept.free();
      });
      return fw.convolve(a, bad, 'same');
    },
    verify: ({ a, nested }) => expectClose(nested, naive.mean(a), absSum(a) / a.length, 1e-12, 'the nested mean'),
  },
  {
    name: 'array',
    rethrows: true,
    make: (r, m) => {
      const x = r.floats(size(r, m, 'vector'));
      const error = new CallerError('array: getter');
      return { x: throwingArray(x, r.int(0, x.length - 1), error), error };
    },
    call: (fw, { x }) => fw.array(x),
  },
];

/** Every case (valid and error), in a fixed order. */
export const CASES = [...VALID, ...ERRORS];
/** One round of the cycle (before shuffling): valid cases twice, so about a third of calls throw. */
const ROUND = [...VALID, ...VALID, ...ERRORS];

// --- running --------------------------------------------------------------------------------------

function shuffled(items, r) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * A workload on the initialised module `fastwasm`. Options: `seed` (inputs and the order of the
 * cases), `checkEvery` (each case's result is checked on one round in this many; error cases
 * always are), `mediumEvery` (about one call in this many uses the medium size; 0 = never),
 * `medium` (overrides of MEDIUM's sizes, e.g. large enough for the threaded build's parallel paths),
 * `kernels` (only the cases of these exports; default all).
 */
export function createWorkload(
  fastwasm,
  { seed = 1, checkEvery = 8, mediumEvery = 16, medium = {}, kernels = null, regionCount = null } = {},
) {
  const sizes = { ...MEDIUM, ...medium };
  const r = randomSource(seed);
  const order = shuffled(kernels ? ROUND.filter((c) => kernels.includes(c.name)) : ROUND, r);
  if (order.length === 0) throw new Error(`no cases for ${kernels}`);
  const cases = [...new Set(order)];
  const perExport = Object.fromEntries(kernelNames(fastwasm).map((name) => [name, { calls: 0, checked: 0, errors: 0 }]));
  const failures = [];
  let failureCount = 0;
  let calls = 0;

  /** Runs one case; returns nothing, records a failure instead of throwing. */
  function runCase(c, useMedium, check, counted = true) {
    const input = c.make(r, useMedium ? sizes : null);
    const stats = counted ? (perExport[c.name] ??= { calls: 0, checked: 0, errors: 0 }) : { calls: 0, checked: 0, errors: 0 };
    stats.calls++;
    const regionsBefore = regionCount?.();
    try {
      if (c.error || c.rethrows) {
        let thrown = null;
        try {
          c.call(fastwasm, input);
        } catch (err) {
          thrown = err;
        }
        if (c.rethrows) {
          if (thrown !== input.error) fail(`expected the caller's own error (${input.error.message}), got ${thrown ?? 'no error'}`);
        } else {
          // A trap (WebAssembly.RuntimeError) is an Error too, but never an acceptable answer.
          if (!(thrown instanceof Error) || thrown instanceof WebAssembly.RuntimeError) {
            fail(`expected an Error matching ${c.error}, got ${thrown === null ? 'no error' : thrown}`);
          }
          if (!c.error.test(thrown.message)) fail(`error message ${JSON.stringify(thrown.message)} does not match ${c.error}`);
          if (!c.plain) expectErrorShape(thrown);
          if (c.kind && thrown.kind !== c.kind) fail(`a ${thrown.kind} error, expected ${c.kind}: ${thrown.message}`);
        }
        c.verify?.(input);
        stats.errors++;
        stats.checked++;
      } else {
        const result = c.call(fastwasm, input);
        if (check) {
          c.check(result, input);
          stats.checked++;
        }
      }
      if (regionCount) {
        // Finalizers never run inside this synchronous call: the count moved by explicit frees only.
        const left = regionCount() - regionsBefore;
        const abandoned = input.abandoned ?? 0;
        if (left !== abandoned) fail(`${left} resident regions left by the call, expected ${abandoned}`);
      }
    } catch (err) {
      failureCount++;
      if (failures.length < 20) {
        const size = useMedium ? 'medium' : 'small';
        failures.push(`${c.name} (${size}${c.error ? ', error case' : ''}): ${err instanceof Mismatch ? err.message : err?.stack || err}`);
      }
    }
  }

  return {
    /**
     * Runs every case `rounds` times at the medium size, then once at a small size, all checked,
     * while holding as many resident arrays of the largest small size as the workload may leave to
     * garbage collection: the memory grown here also holds those that are still live later.
     */
    warmUp(rounds = 2) {
      const held = Array.from({ length: ABANDON_LIMIT }, () => fastwasm.array(new Float64Array(SMALL.vector)));
      for (let i = 0; i < rounds; i++) for (const c of cases) runCase(c, true, true, false);
      for (const c of cases) runCase(c, false, true, false);
      for (const a of held) a.free();
      return (rounds + 1) * cases.length;
    },
    /** Runs the next `n` calls of the cycle. */
    run(n) {
      for (let end = calls + n; calls < end; calls++) {
        const position = calls % order.length;
        const round = Math.floor(calls / order.length);
        const useMedium = mediumEvery > 0 && r.int(1, mediumEvery) === 1;
        runCase(order[position], useMedium, (round + position) % checkEvery === 0);
      }
    },
    /** Bytes of wasm memory now. */
    memoryBytes: () => fastwasm.wasmMemory().buffer.byteLength,
    /** Live resident regions now (null without `regionCount`). */
    regions: () => regionCount?.() ?? null,
    /** Resident arrays left to garbage collection so far (warm-up included). */
    abandoned: () => ABANDON_LIMIT - r.abandonBudget(),
    /** Calls so far, checks and errors per export (none counting the warm-up), and failures (all). */
    summary() {
      const totals = Object.values(perExport).reduce(
        (t, s) => ({ checked: t.checked + s.checked, errors: t.errors + s.errors }),
        { checked: 0, errors: 0 },
      );
      return { calls, ...totals, perExport, failureCount, failures: [...failures] };
    },
  };
}

/**
 * The leak test: a warm-up, then `calls` mixed calls, recording the wasm memory size after the
 * warm-up, at `checkpoints` evenly spaced points and at the end. Returns the workload summary
 * plus `memory: { start, afterWarmup, checkpoints: [{ calls, bytes }], end }`, `abandoned` (resident
 * arrays left to garbage collection) and `ms`; with `regionCount`, also
 * `regions: { start, afterWarmup, checkpoints: [{ calls, count, abandoned }], end }`.
 */
export function runLeakWorkload(fastwasm, { calls = LEAK_CALLS, seed = 1, checkpoints = 4, ...options } = {}) {
  const started = Date.now();
  const workload = createWorkload(fastwasm, { seed, ...options });
  const start = workload.memoryBytes();
  const regionsStart = workload.regions();
  const warmupCalls = workload.warmUp();
  const afterWarmup = workload.memoryBytes();
  const regionsAfterWarmup = workload.regions();
  const marks = [];
  const regionMarks = [];
  let done = 0;
  for (let i = 1; i <= checkpoints; i++) {
    const target = Math.round((calls * i) / checkpoints);
    workload.run(target - done);
    done = target;
    marks.push({ calls: done, bytes: workload.memoryBytes() });
    regionMarks.push({ calls: done, count: workload.regions(), abandoned: workload.abandoned() });
  }
  const summary = workload.summary();
  return {
    ...summary,
    warmupCalls,
    abandoned: workload.abandoned(),
    memory: { start, afterWarmup, checkpoints: marks, end: workload.memoryBytes() },
    ...(regionsStart === null
      ? {}
      : { regions: { start: regionsStart, afterWarmup: regionsAfterWarmup, checkpoints: regionMarks, end: workload.regions() } }),
    ms: Date.now() - started,
  };
}

/** One line about a runLeakWorkload result: calls, checks, expected errors and memory sizes. */
export function describeLeakRun(result) {
  const { memory } = result;
  return (
    `${result.calls} calls (+${result.warmupCalls} warm-up) in ${result.ms} ms: ${result.checked} checked, ` +
    `${result.errors} expected errors; memory ${memory.start} -> ${memory.afterWarmup} bytes after warm-up, ` +
    `${memory.end} at the end` +
    (result.regions
      ? `; resident regions ${result.regions.start} -> ${result.regions.end} (${result.abandoned} arrays left to GC)`
      : '')
  );
}

/**
 * What is wrong with a runLeakWorkload result (empty when nothing is): a call count other than
 * `calls`, wrong results, an export of `kernels` never called or never checked, wasm memory that
 * grew after the warm-up, resident regions beyond those left to garbage collection.
 */
export function leakProblems(result, calls, kernels) {
  const problems = [];
  if (result.calls !== calls) problems.push(`${result.calls} calls, wanted ${calls}`);
  if (result.failureCount !== 0) problems.push(`${result.failureCount} wrong results:\n${result.failures.join('\n')}`);
  for (const name of kernels) {
    const s = result.perExport[name];
    if (!(s?.calls > 0 && s.checked > 0)) problems.push(`${name}: ${s?.calls} calls, ${s?.checked} checked`);
  }
  const { memory } = result;
  for (const mark of memory.checkpoints) {
    if (mark.bytes !== memory.afterWarmup) {
      problems.push(`wasm memory grew by ${mark.bytes - memory.afterWarmup} bytes by call ${mark.calls}`);
    }
  }
  if (memory.end !== memory.afterWarmup) {
    problems.push(`wasm memory is ${memory.end} bytes at the end, ${memory.afterWarmup} after warm-up`);
  }
  // Resident regions: at most those of the start plus the arrays left to garbage collection (which
  // may have freed some of them by now), never fewer than at the start.
  const { regions } = result;
  for (const mark of regions?.checkpoints ?? []) {
    if (mark.count < regions.start || mark.count > regions.start + mark.abandoned) {
      problems.push(
        `${mark.count} resident regions by call ${mark.calls}, expected ${regions.start} to ${regions.start + mark.abandoned}`,
      );
    }
  }
  return problems;
}
