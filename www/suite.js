// The benchmark suite: kernel families, their three sizes, the deterministic inputs every
// implementation receives, and how results are compared. Shared by the page, its workers, the Node
// tests and the headless harness (scripts/bench.mjs); crates/kernels/benches/native.rs generates the same inputs.

/**
 * Implementations, in table order. `optional` ones may be unavailable (no threads in this browser,
 * no npm library); `threadedOnly` ones run only the families of THREADED.
 */
export const IMPLS = [
  { id: 'js', label: 'JavaScript', worker: 'js' },
  { id: 'wasm-js', label: 'fastwasm from JS', worker: 'js' },
  { id: 'wasm-js-resident', label: 'fastwasm from JS, resident arrays', worker: 'js' },
  { id: 'wasm-js-mt', label: 'fastwasm from JS, threads', worker: 'js', optional: true },
  // The fastest npm library for the kernel (www/peers.js), timed interleaved with fastwasm; its
  // agreement is its own (within its precision), not the row's.
  { id: 'peer', label: 'best npm library', worker: 'js', optional: true, peer: true },
  { id: 'py', label: 'pure Python', worker: 'py' },
  { id: 'wasm-py', label: 'fastwasm from Python', worker: 'py' },
  // The same Python calls after `await fastwasm.enable_threads()`, in the same Python worker once
  // its single-threaded tasks are done (the pool cannot be stopped again).
  { id: 'wasm-py-mt', label: 'fastwasm from Python, threads', worker: 'py', optional: true, threadedOnly: true },
];

/**
 * The suite's families whose kernels split their work over the threads pool for large inputs (the
 * threads build runs the others on one thread, so they are not timed again with threads).
 */
export const THREADED = ['sort', 'matmul', 'blur', 'mandelbrot'];

/** Why a `threadedOnly` implementation has no task for a family (its cell shows "–"), or null. */
export function notThreadedReason(familyId, impl) {
  const threadedOnly = IMPLS.find((i) => i.id === impl)?.threadedOnly;
  return threadedOnly && !THREADED.includes(familyId) ? 'this kernel does not use threads' : null;
}

export const SIZE_NAMES = ['small', 'medium', 'large', 'xl'];


/**
 * Kernel families. `sizes` are the parameters of each size; `describe(p)` says what the input is;
 * `compare` is how results are checked against the reference (fastwasm from JS):
 *   exact    identical values (integers, sorted floats, strings)
 *   rel      every value within TOLERANCE.rel × the largest magnitude of the reference
 *   bytes    image bytes within TOLERANCE.bytes of each other (rounding of the last step)
 */
export const FAMILIES = [
  {
    id: 'stats', label: 'sum / mean / var', compare: 'rel',
    sizes: { small: { n: 1_000 }, medium: { n: 100_000 }, large: { n: 1_000_000 }, xl: { n: 10_000_000 } },
    describe: (p) => `${fmt(p.n)} floats in [0, 1); result [sum, mean, var]`,
  },
  {
    id: 'dot', label: 'dot', compare: 'rel',
    sizes: { small: { n: 1_000 }, medium: { n: 100_000 }, large: { n: 1_000_000 }, xl: { n: 10_000_000 } },
    describe: (p) => `two vectors of ${fmt(p.n)} floats`,
  },
  {
    id: 'sort', label: 'sort', compare: 'exact',
    sizes: { small: { n: 1_000 }, medium: { n: 100_000 }, large: { n: 1_000_000 }, xl: { n: 10_000_000 } },
    describe: (p) => `${fmt(p.n)} floats in [0, 1)`,
  },
  {
    id: 'matmul', label: 'matmul', compare: 'rel',
    sizes: { small: { n: 32 }, medium: { n: 128 }, large: { n: 512 }, xl: { n: 1_024 } },
    describe: (p) => `${p.n}×${p.n} · ${p.n}×${p.n}`,
  },
  {
    id: 'fft', label: 'fft', compare: 'rel',
    sizes: { small: { n: 1_024 }, medium: { n: 16_384 }, large: { n: 262_144 }, xl: { n: 1_048_576 } },
    describe: (p) => `${fmt(p.n)} real samples`,
  },
  {
    id: 'convolve', label: 'convolve', compare: 'rel',
    sizes: {
      small: { n: 1_000, k: 31 }, medium: { n: 10_000, k: 31 }, large: { n: 100_000, k: 31 }, xl: { n: 1_000_000, k: 255 },
    },
    describe: (p) => `${fmt(p.n)} samples ∗ ${p.k} taps, mode "full"`,
  },
  {
    id: 'blur', label: 'gaussian blur', compare: 'bytes',
    sizes: {
      small: { w: 64, h: 48, sigma: 2 },
      medium: { w: 160, h: 120, sigma: 2 },
      large: { w: 320, h: 240, sigma: 2 },
      xl: { w: 1_920, h: 1_080, sigma: 3 },
    },
    describe: (p) => `${p.w}×${p.h} RGBA landscape, σ = ${p.sigma}`,
  },
  {
    id: 'grayscale', label: 'grayscale', compare: 'exact',
    sizes: {
      small: { w: 64, h: 48 },
      medium: { w: 320, h: 240 },
      large: { w: 1_280, h: 720 },
      xl: { w: 1_920, h: 1_080 },
    },
    describe: (p) => `${p.w}×${p.h} RGBA landscape`,
  },
  {
    id: 'sobel', label: 'sobel', compare: 'exact',
    sizes: {
      small: { w: 64, h: 48 },
      medium: { w: 320, h: 240 },
      large: { w: 1_280, h: 720 },
      xl: { w: 1_920, h: 1_080 },
    },
    describe: (p) => `${p.w}×${p.h} RGBA landscape, gradient magnitude of the luma`,
  },
  {
    id: 'mandelbrot', label: 'mandelbrot', compare: 'exact',
    sizes: {
      small: { w: 80, h: 60, maxIter: 100 },
      medium: { w: 240, h: 180, maxIter: 100 },
      large: { w: 480, h: 360, maxIter: 100 },
      xl: { w: 1_920, h: 1_080, maxIter: 256 },
    },
    describe: (p) => `${p.w}×${p.h} pixels over [−2.2, 0.8]×[−1.125, 1.125], ${p.maxIter} iterations max`,
  },
  {
    id: 'primes', label: 'primes', compare: 'exact',
    sizes: { small: { n: 10_000 }, medium: { n: 1_000_000 }, large: { n: 10_000_000 }, xl: { n: 100_000_000 } },
    describe: (p) => `all primes ≤ ${fmt(p.n)}`,
  },
  {
    id: 'levenshtein', label: 'levenshtein', compare: 'exact',
    sizes: { small: { n: 100 }, medium: { n: 500 }, large: { n: 2_000 }, xl: { n: 10_000 } },
    describe: (p) => `two strings of about ${fmt(p.n)} characters`,
  },
  {
    id: 'wordcounts', label: 'word counts', compare: 'exact',
    sizes: {
      small: { n: 1_000, k: 10 }, medium: { n: 100_000, k: 10 }, large: { n: 1_000_000, k: 10 }, xl: { n: 2_250_000, k: 10 },
    },
    describe: (p) => `top ${p.k} of ${fmt(p.n)} words${p.n >= 1e6 ? ` (about ${Math.round(p.n * 4.48e-6)} MB)` : ''}`,
  },
];

/**
 * Tasks not run, with the reason shown in their cell: pure Python where one task (a warm-up and
 * three timed calls in Pyodide) would take minutes. The estimates scale the pure-Python time of a
 * smaller size measured by `make bench` on the 2-vCPU Intel Xeon (under load) by the work: n³,
 * n log n, n·k, pixels × taps, pixels × iterations, n². Only the xl size skips: at large, pure
 * Python's 512² matmul is timed too (about 27 s a call, so a large run takes two minutes longer).
 */
export const SKIPPED = {
  'matmul/xl/py': 'skipped: would take ~15 min (1024³ multiply-adds, ~3.6 min a call in pure Python)',
  'fft/xl/py': 'skipped: would take ~2 min (2^20-point FFT, ~30 s a call in pure Python)',
  'convolve/xl/py': 'skipped: would take ~2.5 min (2.6·10⁸ multiply-adds, ~40 s a call in pure Python)',
  'blur/xl/py': 'skipped: would take ~3 min (2 million pixels × 19 taps × 2 passes × 4 channels, ~45 s a call)',
  'mandelbrot/xl/py': 'skipped: would take ~3 min (2 million pixels, up to 256 iterations, ~45 s a call)',
  'levenshtein/xl/py': 'skipped: would take ~5 min (10⁸ cells, ~80 s a call in pure Python)',
};

/** Why a task is not run (a sentence for its cell), or null when it runs. */
export function skipReason(familyId, size, impl) {
  return SKIPPED[`${familyId}/${size}/${impl}`] ?? null;
}

export const MANDELBROT_VIEW = { xMin: -2.2, xMax: 0.8, yMin: -1.125, yMax: 1.125 };
export const TOLERANCE = { rel: 1e-9, bytes: 1 };

export function family(id) {
  const f = FAMILIES.find((x) => x.id === id);
  if (!f) throw new Error(`unknown kernel family ${id}`);
  return f;
}

function fmt(n) {
  return n.toLocaleString('en-US');
}

// --- inputs ---------------------------------------------------------------------------------------

/** xorshift32 from `seed`: returns next() giving uint32 values. Same sequence in crates/kernels/benches/native.rs. */
export function xorshift32(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

/** n floats in [0, 1): uint32 / 2^32 (exact in float64). */
export function uniform(n, seed) {
  const next = xorshift32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = next() / 4294967296;
  return out;
}

/**
 * A w×h RGBA "landscape": sky gradient, a sun disc, two ranges of rolling hills and per-pixel noise,
 * all in integer arithmetic so that crates/kernels/benches/native.rs reproduces it exactly.
 */
export function landscape(w, h, seed = 7) {
  const next = xorshift32(seed);
  const out = new Uint8ClampedArray(w * h * 4);
  const sunX = Math.floor((w * 7) / 10);
  const sunY = Math.floor((h * 3) / 10);
  const sunR = Math.floor((h * 12) / 100);
  // Hills: parabolic bumps of period w/2 (far range) and w/3 (near range), amplitude h/10.
  const bump = (x, period) => {
    const d = (x % period) - Math.floor(period / 2);
    return Math.floor((d * d * Math.floor(h / 10)) / Math.max(1, Math.floor((period * period) / 4)));
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const noise = next() & 15;
      const far = Math.floor((h * 55) / 100) + bump(x, Math.max(2, Math.floor(w / 2)));
      const near = Math.floor((h * 72) / 100) + bump(x + Math.floor(w / 5), Math.max(2, Math.floor(w / 3)));
      let r;
      let g;
      let b;
      if (y > near) {
        [r, g, b] = [40 + noise, 110 + ((x * 3 + y) % 20) + noise, 40];
      } else if (y > far) {
        [r, g, b] = [70 + noise, 140 + noise, 60 + ((x + y) % 10)];
      } else if ((x - sunX) ** 2 + (y - sunY) ** 2 <= sunR * sunR) {
        [r, g, b] = [255, 220 + (noise >> 1), 120];
      } else {
        const t = Math.floor((y * 255) / h);
        [r, g, b] = [90 + (t >> 2) + (noise >> 2), 150 + (t >> 3), 235 - (t >> 3)];
      }
      const i = 4 * (y * w + x);
      out[i] = r;
      out[i + 1] = g;
      out[i + 2] = b;
      out[i + 3] = 255;
    }
  }
  return out;
}

const ALPHABET = 'acgt';
/** A string of n letters from "acgt", and a copy with about n/10 edits (substitute/insert/delete). */
export function stringPair(n, seed = 11) {
  const next = xorshift32(seed);
  let a = '';
  for (let i = 0; i < n; i++) a += ALPHABET[next() & 3];
  let b = '';
  for (let i = 0; i < n; i++) {
    const r = next() % 30;
    if (r === 0) b += ALPHABET[next() & 3]; // substitute
    else if (r === 1) b += a[i] + ALPHABET[next() & 3]; // insert after
    else if (r === 2) continue; // delete
    else b += a[i];
  }
  return [a, b];
}

const VOCABULARY = (
  'the of and to in is that it was for on are as with his they at be this from have or by one ' +
  'had not but what all were when we there can an your which their said if do will each about ' +
  'how up out them then she many some so these would other into has more her two like him see ' +
  'time could no make than first been its who now people my made over did down only way find ' +
  'use may water long little very after words called just where most know get through back much ' +
  'before go good new write our used me man too any day same right look think also around ' +
  'another came come work three word must because does part even place well such here take why ' +
  'things help put years different away again off went old number great tell men say small ' +
  'every found still between name should home big give air line set own under read last never'
).split(' ');

/** n words drawn from a 168-word vocabulary with a skewed (squared-uniform) distribution. */
export function text(n, seed = 13) {
  const next = xorshift32(seed);
  const words = new Array(n);
  for (let i = 0; i < n; i++) {
    const u = next() / 4294967296;
    words[i] = VOCABULARY[Math.floor(u * u * VOCABULARY.length)];
  }
  return words.join(' ');
}

/** The inputs of one family at one size, as plain JS values (typed arrays, strings). */
export function makeInputs(familyId, size) {
  const p = family(familyId).sizes[size];
  switch (familyId) {
    case 'stats':
    case 'sort':
      return { x: uniform(p.n, 1) };
    case 'dot':
      return { a: uniform(p.n, 1), b: uniform(p.n, 2) };
    case 'matmul':
      return { a: uniform(p.n * p.n, 3), b: uniform(p.n * p.n, 4), n: p.n };
    case 'fft':
      return { x: uniform(p.n, 5) };
    case 'convolve':
      return { x: uniform(p.n, 6), v: uniform(p.k, 7) };
    case 'blur':
      return { rgba: landscape(p.w, p.h), w: p.w, h: p.h, sigma: p.sigma };
    case 'grayscale':
    case 'sobel':
      return { rgba: landscape(p.w, p.h), w: p.w, h: p.h };
    case 'mandelbrot':
      return { w: p.w, h: p.h, maxIter: p.maxIter, ...MANDELBROT_VIEW };
    case 'primes':
      return { n: p.n };
    case 'levenshtein': {
      const [a, b] = stringPair(p.n);
      return { a, b };
    }
    case 'wordcounts':
      return { text: text(p.n), k: p.k };
    default:
      throw new Error(`unknown kernel family ${familyId}`);
  }
}

/**
 * A per-worker cache of makeInputs results: `get(family, size)` builds each input once;
 * `owns(buffer)` says whether an ArrayBuffer belongs to a cached input (so it is never transferred).
 */
export function inputCache() {
  const cache = new Map();
  const buffers = new Set();
  return {
    get(familyId, size) {
      const key = `${familyId}/${size}`;
      let inputs = cache.get(key);
      if (!inputs) {
        inputs = makeInputs(familyId, size);
        cache.set(key, inputs);
        for (const v of Object.values(inputs)) if (ArrayBuffer.isView(v)) buffers.add(v.buffer);
      }
      return inputs;
    },
    owns: (buffer) => buffers.has(buffer),
  };
}

// --- results --------------------------------------------------------------------------------------

/**
 * Results travel as { kind, value }: kind "floats" (Float64Array), "ints" (Uint32Array or
 * Int32Array), "bytes" (Uint8Array/Uint8ClampedArray), "number", or "json" (anything else, e.g. word
 * counts as [[word, count], ...] or a levenshtein distance).
 */
export function agree(familyId, ref, got) {
  const rule = family(familyId).compare;
  if (ref.kind === 'json' || got.kind === 'json') return JSON.stringify(ref.value) === JSON.stringify(got.value);
  const a = ref.kind === 'number' ? [ref.value] : ref.value;
  const b = got.kind === 'number' ? [got.value] : got.value;
  if (a.length !== b.length) return false;
  if (rule === 'exact') {
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && a[i] !== b[i]) return false;
    return true;
  }
  if (rule === 'bytes') {
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > TOLERANCE.bytes) return false;
    return true;
  }
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  const tol = TOLERANCE.rel * (scale || 1);
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i] - b[i]) <= tol)) return false;
  }
  return true;
}

/**
 * Whether two results are bit for bit the same: same kind and length, every value identical
 * (Object.is, so NaN equals NaN and -0 differs from 0). The threads build promises this against
 * the single-threaded one, a stronger promise than `agree`.
 */
export function identical(a, b) {
  if (!a || !b || a.kind !== b.kind) return false;
  if (a.kind === 'json') return JSON.stringify(a.value) === JSON.stringify(b.value);
  if (a.kind === 'number') return Object.is(a.value, b.value);
  if (a.value.length !== b.value.length) return false;
  for (let i = 0; i < a.value.length; i++) if (!Object.is(a.value[i], b.value[i])) return false;
  return true;
}

/** Statistics of timed runs (ms): median, min, max. */
export function stats(times) {
  const s = [...times].sort((x, y) => x - y);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], runs: s.length };
}

/**
 * Timing rules: one warm-up call, then at least 3 and up to 25 timed samples within ~0.5 s (≥3
 * always). Browsers coarsen timers (5 µs steps when cross-origin isolated), so a call faster than
 * minSampleMs is repeated `reps` times per sample (calibrated once: the number of calls that fill
 * minSampleMs), and a sample's time is its total divided by `reps`. When one call fills
 * minSampleMs, the count is taken twice (a fast call that was descheduled once must not be timed
 * alone) and both single calls are timed samples, so a slow xl task makes no call beyond the
 * warm-up and its samples.
 */
export const TIMING = { minRuns: 3, typicalRuns: 5, maxRuns: 25, budgetMs: 500, slowMs: 2000, minSampleMs: 2 };

/**
 * Calls fn once (the warm-up), then counts the calls that fill minSampleMs; when that is one call,
 * counts again and keeps the larger count. Returns { reps, result, times, start }: `times` holds
 * the calibration calls' times when both were single calls (samples like any other), `start` when
 * the samples' budget begins.
 */
export function calibrate(fn, now = () => performance.now()) {
  let result = fn();
  const count = () => {
    let reps = 0;
    const start = now();
    let elapsed;
    do {
      result = fn();
      reps++;
      elapsed = now() - start;
    } while (elapsed < TIMING.minSampleMs);
    return { reps, elapsed, start };
  };
  const first = count();
  if (first.reps > 1) return { reps: first.reps, result, times: [], start: now() };
  const second = count();
  if (second.reps > 1) return { reps: second.reps, result, times: [], start: now() };
  return { reps: 1, result, times: [first.elapsed, second.elapsed], start: first.start };
}

/**
 * Times fn() with the TIMING rules and `now()` (ms). Returns { times, reps, result }: the per-call
 * time of each sample and the last result.
 */
export function measure(fn, now = () => performance.now()) {
  const { reps, times, start, result: first } = calibrate(fn, now);
  let result = first;
  while (wantMoreRuns(times.length, now() - start)) {
    const t0 = now();
    for (let i = 0; i < reps; i++) result = fn();
    times.push((now() - t0) / reps);
  }
  return { times, reps, result };
}

export function wantMoreRuns(runs, elapsedMs) {
  const t = TIMING;
  if (runs < t.minRuns) return true;
  if (runs >= t.maxRuns) return false;
  if (runs < t.typicalRuns) return elapsedMs < t.slowMs;
  return elapsedMs < t.budgetMs;
}

/**
 * A compact digest of a result, comparable with crates/kernels/benches/native.rs's: `{len, sum}` for arrays (sum
 * of the values as float64, left to right), `{value}` for numbers and JSON results.
 */
export function summaryOf(result) {
  if (result.kind === 'number' || result.kind === 'json') return { value: result.value };
  let sum = 0;
  for (let i = 0; i < result.value.length; i++) sum += result.value[i];
  return { len: result.value.length, sum };
}

/** Whether two summaries agree: same length, sums within the family's tolerance, or equal values. */
export function summariesAgree(familyId, a, b) {
  if (!a || !b) return false;
  if ('value' in a || 'value' in b) {
    if (typeof a.value === 'number' && typeof b.value === 'number') {
      return Math.abs(a.value - b.value) <= TOLERANCE.rel * Math.max(1, Math.abs(a.value));
    }
    return JSON.stringify(a.value) === JSON.stringify(b.value);
  }
  if (a.len !== b.len) return false;
  const rule = family(familyId).compare;
  const tol = rule === 'bytes' ? TOLERANCE.bytes * a.len : TOLERANCE.rel * Math.max(1, Math.abs(a.sum));
  return Math.abs(a.sum - b.sum) <= tol;
}
