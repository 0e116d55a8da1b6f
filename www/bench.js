// What the demo runs and how results are timed, summarised and compared. Shared by the page and the
// workers so that every implementation sees the same inputs and the same timing rules.

/** Problem sizes: moderate, so the pure-Python column finishes in a few seconds. */
export const SIZES = {
  n: 1_000_000, // sum / mean / dot vector length
  mandelbrot: { w: 240, h: 160, xMin: -2.2, xMax: 0.8, yMin: -1.0, yMax: 1.0, maxIter: 100 },
  primes: 1_000_000,
};

export const KERNELS = ['sum', 'mean', 'dot', 'mandelbrot', 'primes'];

export const IMPLS = [
  { id: 'js', label: 'JavaScript' },
  { id: 'wasm-js', label: 'fastwasm (JS)' },
  { id: 'py', label: 'Python' },
  { id: 'wasm-py', label: 'fastwasm (Python)' },
];

/** Timing rules: one warm-up call, then at least MIN_RUNS timed calls; the median is reported. */
export const TIMING = { minRuns: 3, typicalRuns: 5, maxRuns: 25, budgetMs: 300, slowMs: 2000 };

/** Whether another timed run should start, given the runs so far and the time they took. */
export function wantMoreRuns(runs, elapsedMs) {
  const t = TIMING;
  if (runs < t.minRuns) return true;
  if (runs >= t.maxRuns) return false;
  if (runs < t.typicalRuns) return elapsedMs < t.slowMs;
  return elapsedMs < t.budgetMs;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Calls fn() once to warm up, then repeatedly; returns { median, times, result } (times in ms). */
export function measure(fn) {
  let result = fn();
  const times = [];
  const start = performance.now();
  while (wantMoreRuns(times.length, performance.now() - start)) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), times, result };
}

/** Deterministic pseudo-random vectors in [0, 1) (xorshift32), the same on every run. */
export function makeInputs(n = SIZES.n) {
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = next();
  for (let i = 0; i < n; i++) y[i] = next();
  return { x, y };
}

/** The arguments of each kernel, given the input vectors. */
export function kernelArgs(kernel, { x, y }) {
  const m = SIZES.mandelbrot;
  switch (kernel) {
    case 'sum':
    case 'mean':
      return [x];
    case 'dot':
      return [x, y];
    case 'mandelbrot':
      return [m.w, m.h, m.xMin, m.xMax, m.yMin, m.yMax, m.maxIter];
    case 'primes':
      return [SIZES.primes];
    default:
      throw new Error(`unknown kernel ${kernel}`);
  }
}

/** FNV-1a over the 32-bit values of an integer array, as 8 hex digits. */
export function checksum(values) {
  let h = 0x811c9dc5;
  for (let i = 0; i < values.length; i++) {
    let v = values[i] >>> 0;
    for (let b = 0; b < 4; b++) {
      h ^= v & 0xff;
      h = Math.imul(h, 0x01000193);
      v >>>= 8;
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Short machine-readable digest: the scalar itself, or "len=N;fnv=HEX" for an integer array. */
export function digest(result) {
  if (typeof result === 'number') return String(result);
  return `len=${result.length};fnv=${checksum(result)}`;
}

/** Short human-readable summary of a result. */
export function summary(result) {
  if (typeof result === 'number') return result.toPrecision(10).replace(/\.?0+$/, '');
  const count = result.length.toLocaleString('en-US');
  return `${count} values · ${checksum(result)}`;
}

/** Floats agree within a relative 1e-9; integer arrays must be identical. */
export function agree(a, b) {
  if (typeof a === 'number' || typeof b === 'number') {
    if (typeof a !== 'number' || typeof b !== 'number') return false;
    if (a === b) return true;
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function formatMs(ms) {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Where the Python wheel is served (see scripts/serve.mjs). */
export const WHEEL = '/dist/fastwasm-0.1.0-py3-none-any.whl';
export const PYODIDE = '/pyodide/';
export const PYODIDE_WHEELS = [
  '/wheels/packaging-26.1-py3-none-any.whl',
  '/wheels/micropip-0.11.1-py3-none-any.whl',
];
