// Plain-JavaScript versions of the benchmark kernels: idiomatic typed-array code as a good JS
// developer writes it (simple loops, built-ins where JS has them), the baseline fastwasm is measured
// against. Same definitions as the Rust kernels (see crates/kernels/), so results agree with fastwasm's
// within the tolerances of suite.js `agree`.
//
// `BASELINES[familyId](inputs)` takes the object from suite.js `makeInputs` and returns
// `{ kind, value }`; the kernel functions themselves are exported too.

// --- reductions -----------------------------------------------------------------------------------

/** Sum of the elements (left to right). */
export function sum(x) {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** Arithmetic mean; empty input throws. */
export function mean(x) {
  if (x.length === 0) throw new RangeError('mean: x must not be empty');
  return sum(x) / x.length;
}

/** Variance with `ddof` delta degrees of freedom, two-pass (mean first, then squared deviations). */
export function variance(x, ddof = 0) {
  const n = x.length;
  if (n <= ddof) throw new RangeError(`variance: need more than ddof = ${ddof} values, got ${n}`);
  const m = sum(x) / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    ss += d * d;
  }
  return ss / (n - ddof);
}

/** [sum, mean, variance (ddof 0)] in two passes over the data; empty input throws. */
export function sumMeanVar(x) {
  const n = x.length;
  if (n === 0) throw new RangeError('sumMeanVar: x must not be empty');
  const s = sum(x);
  const m = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    ss += d * d;
  }
  return Float64Array.of(s, m, ss / n);
}

/** Inner product of two equal-length vectors. */
export function dot(a, b) {
  if (a.length !== b.length) {
    throw new RangeError(`dot: a and b must have the same length, got ${a.length} and ${b.length}`);
  }
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

// --- sorting and linear algebra -------------------------------------------------------------------

/** Sorted copy, ascending (the built-in numeric typed-array sort; NaN last). */
export function sort(x) {
  return x.slice().sort();
}

/** Product of the row-major m×k matrix `a` and k×n matrix `b` (i-k-j loop order). */
export function matmul(a, b, m, k, n) {
  if (a.length !== m * k || b.length !== k * n) {
    throw new RangeError(`matmul: expected ${m}×${k} and ${k}×${n} matrices, got ${a.length} and ${b.length} values`);
  }
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
    }
  }
  return c;
}

// --- signal processing ----------------------------------------------------------------------------

/**
 * Discrete Fourier transform of real input whose length is a power of 2: iterative radix-2
 * Cooley–Tukey (bit-reversal permutation, then butterflies with a precomputed twiddle table).
 * Returns interleaved [re0, im0, re1, im1, …].
 */
export function fft(x) {
  const n = x.length;
  if (n === 0 || (n & (n - 1)) !== 0) throw new RangeError(`fft: length must be a power of 2, got ${n}`);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  // Bit-reversed copy of the input.
  for (let i = 0, j = 0; i < n; i++) {
    re[j] = x[i];
    let bit = n >> 1;
    while (bit && j & bit) {
      j ^= bit;
      bit >>= 1;
    }
    j |= bit;
  }
  // Twiddles exp(−2πik/n) for k < n/2.
  const half = n >> 1;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    const angle = (-2 * Math.PI * k) / n;
    cos[k] = Math.cos(angle);
    sin[k] = Math.sin(angle);
  }
  for (let len = 2; len <= n; len <<= 1) {
    const halfLen = len >> 1;
    const step = n / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < halfLen; k++) {
        const wr = cos[k * step];
        const wi = sin[k * step];
        const a = start + k;
        const b = a + halfLen;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = re[i];
    out[2 * i + 1] = im[i];
  }
  return out;
}

/** Full discrete linear convolution (length n + k − 1), computed directly in O(n·k). */
export function convolve(x, v) {
  const n = x.length;
  const k = v.length;
  if (n === 0 || k === 0) throw new RangeError('convolve: inputs must not be empty');
  const out = new Float64Array(n + k - 1);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    for (let j = 0; j < k; j++) out[i + j] += xi * v[j];
  }
  return out;
}

// --- images ---------------------------------------------------------------------------------------

/**
 * Gaussian blur of all four RGBA channels: normalised weights exp(−i²/2σ²) for i in [−r, r],
 * r = ceil(3σ); a horizontal then a vertical pass in floating point with edges clamped, then
 * rounded half up. Returns a new Uint8ClampedArray.
 */
export function gaussianBlur(rgba, w, h, sigma) {
  if (!(sigma > 0)) throw new RangeError(`gaussianBlur: sigma must be positive, got ${sigma}`);
  if (rgba.length !== 4 * w * h) throw new RangeError(`gaussianBlur: rgba must have 4*w*h = ${4 * w * h} bytes`);
  const r = Math.ceil(3 * sigma);
  const weights = new Float64Array(2 * r + 1);
  let total = 0;
  for (let i = -r; i <= r; i++) {
    weights[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
    total += weights[i + r];
  }
  for (let i = 0; i < weights.length; i++) weights[i] /= total;

  const stride = 4 * w;
  // Horizontal pass: each pixel's four channels at once, taps left to right.
  const tmp = new Float64Array(rgba.length);
  for (let y = 0; y < h; y++) {
    const row = y * stride;
    for (let x = 0; x < w; x++) {
      let r0 = 0;
      let g0 = 0;
      let b0 = 0;
      let a0 = 0;
      for (let i = -r; i <= r; i++) {
        const k = weights[i + r];
        const p = row + 4 * Math.min(w - 1, Math.max(0, x + i));
        r0 += k * rgba[p];
        g0 += k * rgba[p + 1];
        b0 += k * rgba[p + 2];
        a0 += k * rgba[p + 3];
      }
      const q = row + 4 * x;
      tmp[q] = r0;
      tmp[q + 1] = g0;
      tmp[q + 2] = b0;
      tmp[q + 3] = a0;
    }
  }
  // Vertical pass: whole rows at a time, taps top to bottom.
  const out = new Uint8ClampedArray(rgba.length);
  const acc = new Float64Array(stride);
  for (let y = 0; y < h; y++) {
    acc.fill(0);
    for (let i = -r; i <= r; i++) {
      const k = weights[i + r];
      const src = Math.min(h - 1, Math.max(0, y + i)) * stride;
      for (let x = 0; x < stride; x++) acc[x] += k * tmp[src + x];
    }
    // Uint8ClampedArray rounds half to even; the definition rounds half up.
    for (let x = 0; x < stride; x++) out[y * stride + x] = Math.floor(acc[x] + 0.5);
  }
  return out;
}

const LUMA = [0.299, 0.587, 0.114];

/** Unrounded luma 0.299·R + 0.587·G + 0.114·B of the pixel at byte offset i. */
function luma(rgba, i) {
  return LUMA[0] * rgba[i] + LUMA[1] * rgba[i + 1] + LUMA[2] * rgba[i + 2];
}

/** R = G = B = the luma rounded half up, alpha kept. Returns a new Uint8ClampedArray. */
export function grayscale(rgba, w, h) {
  if (rgba.length !== 4 * w * h) throw new RangeError(`grayscale: rgba must have 4*w*h = ${4 * w * h} bytes`);
  const out = new Uint8ClampedArray(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    const l = Math.floor(luma(rgba, i) + 0.5);
    out[i] = l;
    out[i + 1] = l;
    out[i + 2] = l;
    out[i + 3] = rgba[i + 3];
  }
  return out;
}

/**
 * Sobel gradient magnitude of the (unrounded) luma, edges clamped, rounded half up and clamped to
 * 255, as R = G = B with alpha 255. Returns a new Uint8ClampedArray.
 */
export function sobel(rgba, w, h) {
  if (rgba.length !== 4 * w * h) throw new RangeError(`sobel: rgba must have 4*w*h = ${4 * w * h} bytes`);
  const l = new Float64Array(w * h);
  for (let p = 0; p < w * h; p++) l[p] = luma(rgba, 4 * p);
  const out = new Uint8ClampedArray(rgba.length);
  for (let y = 0; y < h; y++) {
    const up = Math.max(0, y - 1) * w;
    const mid = y * w;
    const down = Math.min(h - 1, y + 1) * w;
    for (let x = 0; x < w; x++) {
      const xm = Math.max(0, x - 1);
      const xp = Math.min(w - 1, x + 1);
      const gx = l[up + xp] + 2 * l[mid + xp] + l[down + xp] - (l[up + xm] + 2 * l[mid + xm] + l[down + xm]);
      const gy = l[down + xm] + 2 * l[down + x] + l[down + xp] - (l[up + xm] + 2 * l[up + x] + l[up + xp]);
      const m = Math.min(255, Math.floor(Math.sqrt(gx * gx + gy * gy) + 0.5));
      const i = 4 * (mid + x);
      out[i] = m;
      out[i + 1] = m;
      out[i + 2] = m;
      out[i + 3] = 255;
    }
  }
  return out;
}

/**
 * Escape-time counts on a w×h grid of pixel centres over [xMin, xMax]×[yMin, yMax], row-major:
 * iterations of z ← z² + c from z = 0 while |z|² ≤ 4 and below maxIter.
 */
export function mandelbrot(w, h, xMin, xMax, yMin, yMax, maxIter) {
  const out = new Uint32Array(w * h);
  const dx = (xMax - xMin) / w;
  const dy = (yMax - yMin) / h;
  let k = 0;
  for (let py = 0; py < h; py++) {
    const cy = yMin + (py + 0.5) * dy;
    for (let px = 0; px < w; px++) {
      const cx = xMin + (px + 0.5) * dx;
      let zr = 0;
      let zi = 0;
      let i = 0;
      while (i < maxIter) {
        const zr2 = zr * zr;
        const zi2 = zi * zi;
        if (zr2 + zi2 > 4) break;
        zi = 2 * zr * zi + cy;
        zr = zr2 - zi2 + cx;
        i++;
      }
      out[k++] = i;
    }
  }
  return out;
}

// --- integers and text ----------------------------------------------------------------------------

/** All primes ≤ n, ascending (sieve of Eratosthenes). */
export function primes(n) {
  if (n < 2) return new Uint32Array(0);
  const composite = new Uint8Array(n + 1);
  let count = 0;
  for (let p = 2; p <= n; p++) {
    if (composite[p]) continue;
    count++;
    for (let m = p * p; m <= n; m += p) composite[m] = 1;
  }
  const out = new Uint32Array(count);
  for (let p = 2, k = 0; p <= n; p++) if (!composite[p]) out[k++] = p;
  return out;
}

/** Code points of a string (so that astral characters count as one). */
function codePoints(s) {
  const out = [];
  for (const ch of s) out.push(ch.codePointAt(0));
  return Uint32Array.from(out);
}

/** Edit distance over code points (insert, delete, substitute), two-row dynamic programming. */
export function levenshtein(a, b) {
  let s = codePoints(a);
  let t = codePoints(b);
  if (t.length > s.length) [s, t] = [t, s]; // rows as long as the shorter string
  let prev = new Uint32Array(t.length + 1);
  let cur = new Uint32Array(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    const si = s[i - 1];
    for (let j = 1; j <= t.length; j++) {
      const sub = prev[j - 1] + (si === t[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[t.length];
}

// Rust's char::is_alphanumeric is Alphabetic or Numeric (Nd, Nl, No).
const WORD = /[\p{Alphabetic}\p{N}]+/gu;

/**
 * The k most frequent words (maximal runs of alphanumeric characters, lowercased) as
 * [[word, count], …], by count descending then word ascending. (Words compare by UTF-16 code units,
 * which is the same order as fastwasm's except between astral and U+E000–U+FFFF characters.)
 */
export function wordCounts(text, k) {
  const counts = new Map();
  for (const [raw] of text.matchAll(WORD)) {
    const word = raw.toLowerCase();
    counts.set(word, (counts.get(word) || 0) + 1);
  }
  const ranked = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return ranked.slice(0, k);
}

// --- the benchmark families -----------------------------------------------------------------------

/** `(inputs from makeInputs) => { kind, value }` for every family of suite.js. */
export const BASELINES = {
  stats: ({ x }) => ({ kind: 'floats', value: sumMeanVar(x) }),
  dot: ({ a, b }) => ({ kind: 'number', value: dot(a, b) }),
  sort: ({ x }) => ({ kind: 'floats', value: sort(x) }),
  matmul: ({ a, b, n }) => ({ kind: 'floats', value: matmul(a, b, n, n, n) }),
  fft: ({ x }) => ({ kind: 'floats', value: fft(x) }),
  convolve: ({ x, v }) => ({ kind: 'floats', value: convolve(x, v) }),
  blur: ({ rgba, w, h, sigma }) => ({ kind: 'bytes', value: gaussianBlur(rgba, w, h, sigma) }),
  grayscale: ({ rgba, w, h }) => ({ kind: 'bytes', value: grayscale(rgba, w, h) }),
  sobel: ({ rgba, w, h }) => ({ kind: 'bytes', value: sobel(rgba, w, h) }),
  mandelbrot: ({ w, h, xMin, xMax, yMin, yMax, maxIter }) => ({
    kind: 'ints',
    value: mandelbrot(w, h, xMin, xMax, yMin, yMax, maxIter),
  }),
  primes: ({ n }) => ({ kind: 'ints', value: primes(n) }),
  levenshtein: ({ a, b }) => ({ kind: 'number', value: levenshtein(a, b) }),
  wordcounts: ({ text, k }) => ({ kind: 'json', value: wordCounts(text, k) }),
};
