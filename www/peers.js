// The npm libraries a user would pick instead of fastwasm ("peers"), on the inputs of suite.js
// `makeInputs`, and how they are timed and checked against fastwasm:
//
// - `PEERS[family]`: each applicable library, with `make(libs, inputs)` doing the untimed set-up
//   (converting the inputs to the library's usual form, building its plan or object) and returning
//   `{ call, output }`: `call()` is the timed call, `output(raw)` turns its result into the
//   `{ kind, value }` of suite.js (untimed).
// - `loadPeers()`: the libraries, served locally under /vendor/ in the browser (scripts/serve.mjs),
//   from node_modules in Node. A library that cannot load is reported as n/a with the reason.
// - `comparePeers()`: fastwasm (float64 and, where a peer computes in float32, float32 inputs) and
//   every peer timed interleaved, each result compared with the exact (float64) answer and with
//   fastwasm's.
//
// Versions are pinned in package.json.

import { calibrate, family as familyOf, wantMoreRuns } from './suite.js';

// --- the libraries --------------------------------------------------------------------------------

/** Files served by scripts/serve.mjs (VENDOR_MOUNTS) for the browser. */
export const VENDOR = {
  ss: '/vendor/simple-statistics/simple-statistics.mjs',
  levenshtein: '/vendor/fastest-levenshtein/esm/mod.js',
  glur: '/vendor/glur/lib/index.mjs',
  webfft: '/vendor/webfft/lib/main.js',
  fftjs: '/vendor/fft.js/lib/fft.js',
  mlMatrix: '/vendor/ml-matrix/matrix.umd.js',
  tfCore: '/vendor/tfjs-core/dist/tf-core.es2017.min.js',
  tfWasm: '/vendor/tfjs-backend-wasm/dist/tf-backend-wasm.es2017.min.js',
  tfWasmDir: '/vendor/tfjs-backend-wasm/dist/',
};

/** Libraries that only run in Node, and why (shown on the page; scripts/bench.mjs times them). */
export const NODE_ONLY = {
  photon: '@silvia-odwyer/photon-node is a Node build (it reads its .wasm with fs); scripts/bench.mjs times it in Node',
};

const isNode = typeof process !== 'undefined' && Boolean(process.versions?.node) && typeof window === 'undefined' &&
  typeof WorkerGlobalScope === 'undefined';

/** A CommonJS or UMD file evaluated as `module.exports` (module workers cannot `importScripts`). */
async function commonJs(url, modules = {}) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot fetch ${url} (HTTP ${response.status})`);
  const source = await response.text();
  const module = { exports: {} };
  // Node built-ins a UMD bundle names at the top but uses only under Node come back empty.
  const require = (name) => modules[name] ?? {};
  new Function('module', 'exports', 'require', `${source}\n//# sourceURL=${url}`)(module, module.exports, require);
  return module.exports;
}

/** tfjs-core with its wasm backend, single-threaded (XNNPACK, SIMD when the engine has it). */
async function loadTf(loadCore, loadWasm, wasmDir) {
  const tf = await loadCore();
  const backend = await loadWasm(tf);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (wasmDir) backend.setWasmPaths(wasmDir);
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not initialise');
  await tf.ready();
  return tf;
}

async function loadBrowser() {
  return {
    ss: () => import(VENDOR.ss),
    levenshtein: () => import(VENDOR.levenshtein),
    glur: () => import(VENDOR.glur),
    webfft: async () => (await import(VENDOR.webfft)).default,
    fftjs: () => commonJs(VENDOR.fftjs),
    mlMatrix: () => commonJs(VENDOR.mlMatrix),
    tf: () =>
      loadTf(
        () => commonJs(VENDOR.tfCore),
        (tf) => commonJs(VENDOR.tfWasm, { '@tensorflow/tfjs-core': tf }),
        VENDOR.tfWasmDir,
      ),
    photon: async () => {
      throw new Error(NODE_ONLY.photon);
    },
  };
}

async function loadNode() {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  return {
    ss: async () => require('simple-statistics'),
    levenshtein: async () => require('fastest-levenshtein'),
    glur: () => import('glur'),
    webfft: async () => (await import('webfft')).default,
    fftjs: async () => require('fft.js'),
    mlMatrix: async () => require('ml-matrix'),
    tf: () =>
      loadTf(
        async () => require('@tensorflow/tfjs-core'),
        async () => require('@tensorflow/tfjs-backend-wasm'),
        null,
      ),
    photon: async () => require('@silvia-odwyer/photon-node'),
  };
}

/**
 * Loads every library: resolves to `{ libs, failed }`, `libs[name]` the loaded module and
 * `failed[name]` the reason one could not load. `only` limits the names.
 */
export async function loadPeers(only = null) {
  const loaders = isNode ? await loadNode() : await loadBrowser();
  const libs = {};
  const failed = {};
  for (const [name, load] of Object.entries(loaders)) {
    if (only && !only.includes(name)) continue;
    try {
      libs[name] = await load();
    } catch (err) {
      failed[name] = String(err?.message || err);
    }
  }
  return { libs, failed };
}

// --- the peers of each family ---------------------------------------------------------------------

const floats = (value) => ({ kind: 'floats', value: value instanceof Float64Array ? value : Float64Array.from(value) });
const f32 = (x) => Float32Array.from(x);

/** [re, im] pairs of a real signal as one interleaved float32 array, as webfft takes it. */
function complexF32(x) {
  const out = new Float32Array(2 * x.length);
  for (let i = 0; i < x.length; i++) out[2 * i] = x[i];
  return out;
}

/**
 * A photon filter as a peer call: photon works in place on a PhotonImage, so each call wraps a copy
 * of the pixels, applies `filter` and reads the pixels back (as fastwasm returns a new image).
 */
function photonCall(photon, { rgba, w, h }, filter) {
  const bytes = new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.length);
  return {
    call: () => {
      const img = new photon.PhotonImage(bytes.slice(), w, h);
      filter(img);
      const out = img.get_raw_pixels();
      img.free();
      return out;
    },
    output: (value) => ({ kind: 'bytes', value }),
  };
}

/**
 * The peers of every family. `lib` names the library (loadPeers); `precision` is what it computes
 * in ("f32" peers are compared with fastwasm on Float32Array inputs); `approximate` marks a
 * different algorithm whose results differ by design (they still count as peers, with their error
 * reported); `applies(params)` limits the sizes it accepts.
 */
export const PEERS = {
  stats: [
    {
      name: 'simple-statistics', lib: 'ss', precision: 'f64',
      make: (ss, { x }) => ({
        call: () => [ss.sum(x), ss.mean(x), ss.variance(x)],
        output: floats,
      }),
    },
  ],
  dot: [
    {
      name: '@tensorflow/tfjs-backend-wasm tf.dot', lib: 'tf', precision: 'f32',
      make: (tf, { a, b }) => {
        const [a32, b32] = [f32(a), f32(b)];
        return {
          call: () => tf.tidy(() => tf.dot(tf.tensor1d(a32), tf.tensor1d(b32)).dataSync()[0]),
          output: (value) => ({ kind: 'number', value }),
        };
      },
    },
  ],
  sort: [
    {
      name: 'V8 Float64Array.prototype.sort', lib: null, precision: 'f64',
      make: (_, { x }) => ({ call: () => x.slice().sort(), output: floats }),
    },
  ],
  matmul: [
    {
      name: '@tensorflow/tfjs-backend-wasm tf.matMul', lib: 'tf', precision: 'f32',
      make: (tf, { a, b, n }) => {
        const [a32, b32] = [f32(a), f32(b)];
        return {
          call: () => tf.tidy(() => tf.matMul(tf.tensor2d(a32, [n, n]), tf.tensor2d(b32, [n, n])).dataSync()),
          output: floats,
        };
      },
    },
    {
      name: 'ml-matrix mmul', lib: 'mlMatrix', precision: 'f64',
      make: ({ Matrix }, { a, b, n }) => {
        const [ma, mb] = [Matrix.from1DArray(n, n, a), Matrix.from1DArray(n, n, b)];
        return { call: () => ma.mmul(mb), output: (m) => floats(m.to1DArray()) };
      },
    },
  ],
  fft: [
    {
      name: 'fft.js realTransform', lib: 'fftjs', precision: 'f64',
      make: (FFT, { x }) => {
        const plan = new FFT(x.length);
        return {
          call: () => {
            const out = new Float64Array(2 * x.length);
            plan.realTransform(out, x);
            plan.completeSpectrum(out);
            return out;
          },
          output: floats,
        };
      },
    },
    // webfft's own "quickest" subset (availableSubLibrariesQuick); it accepts 4 to 131072 points.
    ...['kissWasm', 'indutnyModifiedJavascript'].map((sub) => ({
      name: `webfft (${sub})`, lib: 'webfft', precision: 'f32', applies: (p) => p.n >= 4 && p.n <= 131_072,
      make: (WebFft, { x }) => {
        const plan = new WebFft(x.length, sub, false);
        const input = complexF32(x);
        return { call: () => plan.fft(input), output: floats };
      },
    })),
  ],
  convolve: [
    {
      // tf.conv1d is a cross-correlation with "valid" padding: the full convolution is the input
      // padded with k − 1 zeros on each side, correlated with the reversed taps.
      name: '@tensorflow/tfjs-backend-wasm tf.conv1d', lib: 'tf', precision: 'f32',
      make: (tf, { x, v }) => {
        const k = v.length;
        const padded = new Float32Array(x.length + 2 * (k - 1));
        padded.set(x, k - 1);
        const taps = f32(v).reverse();
        return {
          call: () =>
            tf.tidy(() => tf.conv1d(tf.tensor3d(padded, [1, padded.length, 1]), tf.tensor3d(taps, [k, 1, 1]), 1, 'valid').dataSync()),
          output: floats,
        };
      },
    },
  ],
  blur: [
    {
      // glur's IIR filter takes σ as its "radius"; it blurs in place, so each call blurs a copy.
      name: 'glur (IIR)', lib: 'glur', precision: 'f32', approximate: true,
      make: ({ blurRGBA }, { rgba, w, h, sigma }) => ({
        call: () => {
          const out = rgba.slice();
          blurRGBA(out, w, h, sigma);
          return out;
        },
        output: (value) => ({ kind: 'bytes', value }),
      }),
    },
    {
      // photon's gaussian_blur(img, radius) takes an integer radius, not σ: round(σ / 2) is the
      // radius closest to the exact Gaussian at σ = 2 and 3 (smallest mean and max byte error of
      // radii 1–8 on the landscape). It blurs in place, so each call wraps a copy of the pixels.
      name: '@silvia-odwyer/photon-node gaussian_blur', lib: 'photon', precision: 'f32', approximate: true,
      make: (photon, inputs) => photonCall(photon, inputs, (img) => photon.gaussian_blur(img, Math.max(1, Math.round(inputs.sigma / 2)))),
    },
  ],
  grayscale: [
    {
      // 0.3·R + 0.59·G + 0.11·B: photon's luma weights, closest to fastwasm's (plain `grayscale` averages).
      name: '@silvia-odwyer/photon-node grayscale_human_corrected', lib: 'photon', precision: 'f32', approximate: true,
      make: (photon, inputs) => photonCall(photon, inputs, (img) => photon.grayscale_human_corrected(img)),
    },
  ],
  sobel: [
    {
      // photon's Sobel magnitude on its own grayscale, edges and scaling its own: approximate.
      name: '@silvia-odwyer/photon-node sobel_global', lib: 'photon', precision: 'f32', approximate: true,
      make: (photon, inputs) => photonCall(photon, inputs, (img) => photon.sobel_global(img)),
    },
  ],
  mandelbrot: [],
  primes: [],
  levenshtein: [
    {
      name: 'fastest-levenshtein', lib: 'levenshtein', precision: 'exact',
      make: ({ distance }, { a, b }) => ({ call: () => distance(a, b), output: (value) => ({ kind: 'number', value }) }),
    },
  ],
  wordcounts: [],
};

/** The peers of a family that apply at a size. */
export function peersOf(familyId, size) {
  const p = familyOf(familyId).sizes[size];
  return (PEERS[familyId] ?? []).filter((peer) => !peer.applies || peer.applies(p));
}

/** Families whose fastwasm kernels take float32 inputs (computing in float32 once that path lands). */
export const FLOAT32_CALLS = {
  matmul: (fw, { a, b, n }) => {
    const [a32, b32] = [f32(a), f32(b)];
    return () => fw.matmul(a32, b32, n, n, n);
  },
  fft: (fw, { x }) => {
    const x32 = f32(x);
    return () => fw.fft(x32);
  },
  convolve: (fw, { x, v }) => {
    const [x32, v32] = [f32(x), f32(v)];
    return () => fw.convolve(x32, v32, 'full');
  },
  dot: (fw, { a, b }) => {
    const [a32, b32] = [f32(a), f32(b)];
    return () => fw.dot(a32, b32);
  },
};

// --- timing and checking --------------------------------------------------------------------------

/**
 * Times several functions interleaved (A, B, C, A, B, C, …) with suite.js's TIMING rules applied
 * to each: a warm-up call and a repetition count each (suite.js calibrate), then rounds of
 * one sample each while wantMoreRuns allows (the budget shared out among them). Returns per
 * function `{ times, reps, result }`.
 */
export function measureInterleaved(fns, now = () => performance.now()) {
  const out = fns.map((fn) => calibrate(fn, now));
  const start = Math.min(...out.map((o) => o.start));
  while (wantMoreRuns(Math.min(...out.map((o) => o.times.length)), (now() - start) / fns.length)) {
    fns.forEach((fn, i) => {
      const o = out[i];
      const t0 = now();
      for (let r = 0; r < o.reps; r++) o.result = fn();
      o.times.push((now() - t0) / o.reps);
    });
  }
  return out;
}

/** Error of a result against the exact answer: floats (max abs, and relative to the largest |exact|), bytes (max difference), other values (equal or not). */
export function errorAgainst(exact, got) {
  if (exact.kind === 'number' || got.kind === 'number') {
    const abs = Math.abs(Number(got.value) - Number(exact.value));
    return { maxAbs: abs, maxRel: abs / Math.max(Math.abs(exact.value), Number.MIN_VALUE) };
  }
  if (exact.kind === 'json' || got.kind === 'json') return { equal: JSON.stringify(exact.value) === JSON.stringify(got.value) };
  const a = exact.value;
  const b = got.value;
  if (a.length !== b.length) return { lengthMismatch: [a.length, b.length] };
  if (exact.kind === 'bytes') {
    let max = 0;
    for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
    return { maxByte: max };
  }
  let maxAbs = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= maxAbs)) maxAbs = Number.isNaN(d) ? Infinity : d;
    scale = Math.max(scale, Math.abs(a[i]));
  }
  return { maxAbs, maxRel: maxAbs / (scale || 1) };
}

/** Agreement tolerances by precision: relative to the largest magnitude; bytes in levels. */
export const PEER_TOLERANCE = { f64: 1e-9, f32: 1e-4, exact: 0, bytes: 1 };

/** Whether a peer's result agrees with fastwasm's within the peer's precision. */
export function peerAgrees(peer, fastwasmResult, got) {
  const e = errorAgainst(fastwasmResult, got);
  if ('equal' in e) return e.equal;
  if ('lengthMismatch' in e) return false;
  if ('maxByte' in e) return e.maxByte <= PEER_TOLERANCE.bytes;
  return e.maxRel <= PEER_TOLERANCE[peer.precision];
}

const median = (times) => {
  const s = [...times].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** A result as float64 where it is a float32 array, so every comparison reads the same kind. */
function widen(result) {
  if (result?.value instanceof Float32Array) return { ...result, value: Float64Array.from(result.value) };
  return result;
}

/**
 * Times fastwasm against every peer of a family at a size, interleaved, and checks them.
 *
 * `wasm(inputs)` is fastwasm's call (wasm-calls.js); `fastwasm` the module (for the float32 call);
 * `exact` the float64 reference result (baselines.js: the definition, in float64). `peerNames`
 * limits the peers (Node-only ones, say). Returns `{ fastwasm: {f64, f32}, peers: [...], best }`:
 * each peer with its median, the speed-up of fastwasm (at the peer's precision) over it, its
 * agreement with fastwasm and its error against the exact answer, or why it is n/a.
 */
export function comparePeers({ familyId, size, inputs, wasm, fastwasm, exact, libs, failed = {}, peerNames = null }) {
  const peers = peersOf(familyId, size).filter((p) => !peerNames || peerNames.includes(p.name));
  const unavailable = [];
  const runnable = [];
  for (const peer of peers) {
    if (peer.lib && !libs[peer.lib]) {
      unavailable.push({ name: peer.name, precision: peer.precision, na: failed[peer.lib] ?? 'not loaded' });
      continue;
    }
    try {
      runnable.push({ peer, run: peer.make(peer.lib ? libs[peer.lib] : null, inputs) });
    } catch (err) {
      unavailable.push({ name: peer.name, precision: peer.precision, na: `set-up failed: ${err?.message || err}` });
    }
  }
  const wantF32 = runnable.some((r) => r.peer.precision === 'f32') && FLOAT32_CALLS[familyId];
  const fns = [() => wasm(inputs)];
  if (wantF32) {
    const call = FLOAT32_CALLS[familyId](fastwasm, inputs);
    const kind = familyId === 'dot' ? 'number' : 'floats';
    fns.push(() => ({ kind, value: call() }));
  }
  const peerFns = [];
  for (const r of runnable) {
    // A peer that throws on the first call is n/a (with its message) rather than failing the row.
    try {
      r.run.output(r.run.call());
      peerFns.push(r);
    } catch (err) {
      unavailable.push({ name: r.peer.name, precision: r.peer.precision, na: `failed: ${err?.message || err}` });
    }
  }
  const timed = measureInterleaved([...fns, ...peerFns.map((r) => r.run.call)]);
  const f64 = { median: median(timed[0].times), times: timed[0].times, reps: timed[0].reps };
  const fwResult = timed[0].result;
  const f64Error = exact ? errorAgainst(exact, fwResult) : null;
  let f32 = null;
  if (wantF32) {
    const t = timed[1];
    const result = widen(t.result);
    f32 = {
      median: median(t.times), times: t.times, reps: t.reps,
      // fastwasm returns Float64Array for float32 inputs until its float32 path lands.
      returns: t.result.value instanceof Float32Array ? 'Float32Array' : typeof t.result.value === 'number' ? 'number' : 'Float64Array',
      error: exact ? errorAgainst(exact, result) : null,
      agree: peerAgrees({ precision: 'f32' }, fwResult, result),
    };
  }
  const results = peerFns.map((r, i) => {
    const t = timed[fns.length + i];
    const got = widen(r.run.output(t.result));
    const m = median(t.times);
    const against = r.peer.precision === 'f32' && f32 ? f32.median : f64.median;
    return {
      name: r.peer.name,
      precision: r.peer.precision,
      approximate: Boolean(r.peer.approximate),
      median: m,
      times: t.times,
      reps: t.reps,
      speedup: against > 0 && m > 0 ? m / against : null,
      versus: r.peer.precision === 'f32' && f32 ? 'f32' : 'f64',
      agree: peerAgrees(r.peer, fwResult, got),
      error: exact ? errorAgainst(exact, got) : null,
    };
  });
  return {
    family: familyId,
    size,
    fastwasm: { f64: { ...f64, error: f64Error }, f32 },
    peers: [...results, ...unavailable],
    best: bestPeer(results),
  };
}

/**
 * The peer that fastwasm beats by the least (the smallest speed-up, each peer compared with
 * fastwasm at its own precision): with one precision, simply the fastest peer.
 */
export function bestPeer(results) {
  const timed = results.filter((r) => r.speedup != null);
  if (!timed.length) return null;
  return timed.reduce((a, b) => (b.speedup < a.speedup ? b : a));
}
