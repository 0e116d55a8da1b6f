// The benchmark page's implementations: the plain-JS baselines (www/baselines.js) against fastwasm
// called from JS (www/wasm-calls.js) on the suite's inputs, the baselines against hand-made cases,
// and the determinism of the suite's input generators (www/suite.js).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fw, { PKG } from './helpers.mjs';
import {
  FAMILIES, IMPLS, SIZE_NAMES, THREADED, agree, identical, makeInputs, landscape, notThreadedReason, stringPair, text, uniform,
} from '../../www/suite.js';
import * as js from '../../www/baselines.js';
import { residentCalls, wasmCalls } from '../../www/wasm-calls.js';

const { BASELINES } = js;
const WASM = wasmCalls(fw);
const WASM_RESIDENT = residentCalls(fw);
/** The glue behind pkg/fastwasm.js (the same module instance), for its raw `__fwRegionCount()`. */
const glue = await import(path.join(PKG, 'fastwasm_glue.js'));

const KINDS = {
  stats: 'floats', dot: 'number', sort: 'floats', matmul: 'floats', fft: 'floats', convolve: 'floats',
  blur: 'bytes', grayscale: 'bytes', sobel: 'bytes', mandelbrot: 'ints', primes: 'ints', levenshtein: 'number', wordcounts: 'json',
};

describe('baselines and fastwasm calls', () => {
  test('cover every family with the agreed result kinds', () => {
    const ids = FAMILIES.map((f) => f.id).sort();
    assert.deepEqual(Object.keys(BASELINES).sort(), ids);
    assert.deepEqual(Object.keys(WASM).sort(), ids);
    assert.deepEqual(Object.keys(WASM_RESIDENT).sort(), ids);
    for (const f of FAMILIES) {
      const inputs = makeInputs(f.id, 'small');
      for (const [name, impl] of [['js', BASELINES], ['wasm-js', WASM], ['wasm-js-resident', WASM_RESIDENT]]) {
        const { kind, value } = impl[f.id](inputs);
        assert.equal(kind, KINDS[f.id], `${name} ${f.id}`);
        if (kind === 'floats') assert.ok(value instanceof Float64Array, `${name} ${f.id}`);
        if (kind === 'ints') assert.ok(value instanceof Uint32Array, `${name} ${f.id}`);
        if (kind === 'bytes') assert.ok(value instanceof Uint8ClampedArray, `${name} ${f.id}`);
        if (kind === 'number') assert.equal(typeof value, 'number', `${name} ${f.id}`);
        if (kind === 'json') assert.ok(Array.isArray(value), `${name} ${f.id}`);
      }
    }
  });

  test('fastwasm results are fresh copies, not views on wasm memory', () => {
    for (const [name, impl] of [['wasm-js', WASM], ['wasm-js-resident', WASM_RESIDENT]]) {
      for (const f of FAMILIES) {
        const { value } = impl[f.id](makeInputs(f.id, 'small'));
        assert.ok(!(value instanceof fw.ResidentArray), `${name} ${f.id}`);
        if (ArrayBuffer.isView(value)) {
          assert.notEqual(value.buffer, fw.wasmMemory().buffer, `${name} ${f.id}`);
          assert.equal(value.byteLength, value.buffer.byteLength, `${name} ${f.id}`);
        }
      }
    }
  });

  // Every family is cheap enough at the medium size (tens of ms for the slowest plain-JS kernel).
  for (const size of ['small', 'medium']) {
    for (const f of FAMILIES) {
      test(`${f.id} at ${size}: js agrees with wasm-js`, () => {
        const inputs = makeInputs(f.id, size);
        const ref = WASM[f.id](inputs);
        const got = BASELINES[f.id](inputs);
        assert.ok(agree(f.id, ref, got), `${f.id} ${size}: js and wasm-js disagree`);
        // agree() must also be able to fail.
        if (got.kind === 'number') assert.ok(!agree(f.id, ref, { kind: 'number', value: ref.value + 1 }));
      });
    }
  }

  test('inputs are left unchanged', () => {
    for (const f of FAMILIES) {
      const inputs = makeInputs(f.id, 'small');
      BASELINES[f.id](inputs);
      WASM[f.id](inputs);
      assert.deepEqual(inputs, makeInputs(f.id, 'small'), f.id);
    }
  });

  test('inputs kept in wasm memory as resident arrays give the same results as inputs copied per call', () => {
    // Alternate families so a later family's inputs take over the kept copies, and grow the
    // memory in between (a large result) so views on wasm memory are made anew.
    const regions = glue.__fwRegionCount();
    for (const round of [0, 1]) {
      for (const f of FAMILIES) {
        for (const size of ['small', 'medium']) {
          const inputs = makeInputs(f.id, size);
          const want = WASM[f.id](inputs);
          const got = WASM_RESIDENT[f.id](inputs);
          assert.deepEqual(got, want, `${f.id} ${size} round ${round}`); // plain typed arrays, as wasm-js
          fw.primes(2_000_000 * (round + 1));
          assert.deepEqual(WASM_RESIDENT[f.id](inputs), want, `${f.id} ${size} again`);
          // Only the kept inputs stay resident (at most two: the widest family has two float64
          // arguments); every array result was copied out and freed.
          const kept = glue.__fwRegionCount() - regions;
          assert.ok(kept >= 0 && kept <= 2, `${f.id} ${size}: ${kept} resident regions`);
        }
      }
    }
    // The copy happens once: changing the JS array afterwards does not reach the kept copy, and
    // a different array replaces it (and frees the old copy).
    const x = Float64Array.of(1, 2, 3);
    assert.equal(WASM_RESIDENT.dot({ a: x, b: x }).value, 14);
    const kept = glue.__fwRegionCount();
    x[0] = 100;
    assert.equal(WASM_RESIDENT.dot({ a: x, b: x }).value, 14);
    assert.equal(WASM_RESIDENT.dot({ a: Float64Array.of(1, 1, 1), b: x }).value, 6);
    assert.equal(glue.__fwRegionCount(), kept, 'the replaced copy was freed');
    assert.deepEqual([...WASM_RESIDENT.sort({ x: Float64Array.of(3, 1, 2) }).value], [1, 2, 3]);
    assert.deepEqual([...WASM_RESIDENT.convolve({ x: Float64Array.of(1, 2, 3), v: Float64Array.of(0, 1, 0.5) }).value], [
      0, 1, 2.5, 4, 1.5,
    ]);
  });

  test('the resident variant passes resident arrays to the kernels', () => {
    // A fastwasm whose kernels record what they are given: the float64 inputs arrive as resident
    // arrays (read in place), made once per input array.
    const seen = [];
    const made = [];
    const spy = new Proxy(fw, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key === 'array') {
          return (...args) => {
            const r = value(...args);
            made.push(r);
            return r;
          };
        }
        if (typeof value !== 'function' || key === 'ResidentArray') return value;
        return (...args) => {
          seen.push([key, args.filter((a) => a instanceof fw.ResidentArray).length]);
          return value(...args);
        };
      },
    });
    const calls = residentCalls(spy);
    const inputs = makeInputs('matmul', 'small');
    const want = WASM.matmul(inputs);
    for (let i = 0; i < 3; i++) assert.deepEqual(calls.matmul(inputs), want);
    assert.deepEqual(seen, [['matmul', 2], ['matmul', 2], ['matmul', 2]]);
    assert.equal(made.length, 2, 'one resident copy per input, made once');
    const stats = makeInputs('stats', 'small');
    assert.deepEqual(calls.stats(stats), WASM.stats(stats));
    assert.deepEqual(seen.slice(3), [['sum', 1], ['mean', 1], ['variance', 1]]);
    assert.equal(made.length, 3);
    assert.ok(made[0].freed, 'the copy of matmul\'s a was freed when stats\' x took its place');
    assert.ok(!made[1].freed && !made[2].freed);
  });
});

describe('baselines on hand-made inputs', () => {
  test('stats', () => {
    const { kind, value } = BASELINES.stats({ x: Float64Array.of(1, 2, 3, 4) });
    assert.equal(kind, 'floats');
    assert.deepEqual([...value], [10, 2.5, 1.25]);
    assert.deepEqual([...BASELINES.stats({ x: Float64Array.of(7) }).value], [7, 7, 0]);
    assert.throws(() => js.sumMeanVar(new Float64Array(0)), RangeError);
  });

  test('dot', () => {
    assert.equal(js.dot(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)), 32);
    assert.equal(js.dot(new Float64Array(0), new Float64Array(0)), 0);
    assert.throws(() => js.dot(Float64Array.of(1), Float64Array.of(1, 2)), RangeError);
  });

  test('sort is ascending and a permutation, input untouched', () => {
    const x = uniform(1000, 99);
    const before = x.slice();
    const s = js.sort(x);
    assert.deepEqual(x, before);
    for (let i = 1; i < s.length; i++) assert.ok(s[i - 1] <= s[i]);
    assert.deepEqual([...s], [...x].sort((a, b) => a - b));
    assert.deepEqual([...js.sort(Float64Array.of(3, -1, NaN, 0.5))].map(String), ['-1', '0.5', '3', 'NaN']);
  });

  test('matmul', () => {
    // [[1, 2], [3, 4]] · [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
    assert.deepEqual([...js.matmul(Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), 2, 2, 2)], [19, 22, 43, 50]);
    // 2×3 · 3×1
    assert.deepEqual([...js.matmul(Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(1, 0, -1), 2, 3, 1)], [-2, -2]);
    // identity
    const a = uniform(9, 5);
    assert.deepEqual(js.matmul(a, Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1), 3, 3, 3), a);
  });

  test('fft: impulse, constant, cosine, and a naive DFT', () => {
    assert.deepEqual([...js.fft(Float64Array.of(1, 0, 0, 0))], [1, 0, 1, 0, 1, 0, 1, 0]);
    assert.deepEqual([...js.fft(Float64Array.of(1, 1, 1, 1))], [4, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual([...js.fft(Float64Array.of(5))], [5, 0]);
    // cos(2πt/8): energy n/2 in bins 1 and 7.
    const n = 8;
    const c = Float64Array.from({ length: n }, (_, t) => Math.cos((2 * Math.PI * t) / n));
    const C = js.fft(c);
    for (let k = 0; k < n; k++) {
      const want = k === 1 || k === n - 1 ? n / 2 : 0;
      assert.ok(Math.abs(C[2 * k] - want) < 1e-12 && Math.abs(C[2 * k + 1]) < 1e-12, `bin ${k}`);
    }
    const x = uniform(64, 21);
    const X = js.fft(x);
    for (let k = 0; k < 64; k++) {
      let re = 0;
      let im = 0;
      for (let t = 0; t < 64; t++) {
        re += x[t] * Math.cos((-2 * Math.PI * k * t) / 64);
        im += x[t] * Math.sin((-2 * Math.PI * k * t) / 64);
      }
      assert.ok(Math.abs(X[2 * k] - re) < 1e-10 && Math.abs(X[2 * k + 1] - im) < 1e-10, `bin ${k}`);
    }
    assert.throws(() => js.fft(new Float64Array(6)), RangeError);
  });

  test('convolve (full)', () => {
    assert.deepEqual([...js.convolve(Float64Array.of(1, 2, 3), Float64Array.of(0, 1, 0.5))], [0, 1, 2.5, 4, 1.5]);
    assert.deepEqual([...js.convolve(Float64Array.of(1, 2, 3), Float64Array.of(1))], [1, 2, 3]);
  });

  test('blur: constant image unchanged, impulse spreads symmetrically, alpha kept', () => {
    const w = 9;
    const h = 7;
    const flat = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < flat.length; i += 4) flat.set([200, 100, 7, 255], i);
    assert.deepEqual(js.gaussianBlur(flat, w, h, 1.5), flat);
    assert.deepEqual(js.gaussianBlur(flat, w, h, 10), flat);

    const dot = new Uint8ClampedArray(w * h * 4);
    for (let i = 3; i < dot.length; i += 4) dot[i] = 255;
    const centre = 4 * (3 * w + 4);
    dot[centre] = 255;
    const b = js.gaussianBlur(dot, w, h, 1);
    const red = (x, y) => b[4 * (y * w + x)];
    assert.ok(red(4, 3) > red(5, 3) && red(5, 3) > red(6, 3) && red(6, 3) > 0);
    assert.equal(red(3, 3), red(5, 3));
    assert.equal(red(4, 2), red(4, 4));
    assert.equal(red(4, 2), red(5, 3)); // separable and isotropic
    for (let i = 3; i < b.length; i += 4) assert.equal(b[i], 255);
    // Rounds half up: σ = 1 gives the centre k0·(k0·255) where k0 = 1/Σ exp(−i²/2), i in [−3, 3].
    let total = 0;
    for (let i = -3; i <= 3; i++) total += Math.exp(-(i * i) / 2);
    const k0 = 1 / total;
    assert.equal(red(4, 3), Math.floor(k0 * (k0 * 255) + 0.5));
  });

  test('blur matches fastwasm byte for byte on the landscape', () => {
    const rgba = landscape(50, 30);
    assert.deepEqual(js.gaussianBlur(rgba, 50, 30, 2), fw.gaussianBlur(rgba, 50, 30, 2));
    assert.deepEqual(js.gaussianBlur(rgba, 50, 30, 0.7), fw.gaussianBlur(rgba, 50, 30, 0.7));
  });

  test('grayscale: the luma rounded half up, alpha kept', () => {
    // 0.299·10 + 0.587·20 + 0.114·30 = 18.15; 0.299·255 + 0.587·255 + 0.114·255 = 255.
    assert.deepEqual([...js.grayscale(Uint8ClampedArray.of(10, 20, 30, 77, 255, 255, 255, 0), 2, 1)], [18, 18, 18, 77, 255, 255, 255, 0]);
  });

  test('sobel: a flat image has no edges; a vertical step has its gradient at the step', () => {
    const flat = new Uint8ClampedArray(4 * 3 * 3).fill(90);
    assert.ok(js.sobel(flat, 3, 3).every((v, i) => v === (i % 4 === 3 ? 255 : 0)));
    // Columns 0 | 0 | 100 (grey, luma 100): at the middle column gx = 4·100, clamped to 255.
    const step = new Uint8ClampedArray(4 * 3 * 3);
    for (let y = 0; y < 3; y++) step.set([100, 100, 100, 255], 4 * (y * 3 + 2));
    const out = js.sobel(step, 3, 3);
    assert.deepEqual([0, 1, 2].map((x) => out[4 * (3 + x)]), [0, 255, 255]);
  });

  test('mandelbrot: known points', () => {
    // A single pixel centred on c = 0 (inside) and on c = 2 + 2i (escapes at once).
    assert.deepEqual([...js.mandelbrot(1, 1, -1, 1, -1, 1, 50)], [50]);
    assert.deepEqual([...js.mandelbrot(1, 1, 1, 3, 1, 3, 50)], [1]);
    // c = −1 cycles 0, −1, 0, … and never escapes.
    assert.deepEqual([...js.mandelbrot(1, 1, -1.5, -0.5, -0.5, 0.5, 30)], [30]);
  });

  test('primes', () => {
    assert.deepEqual([...js.primes(30)], [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
    assert.deepEqual([...js.primes(1)], []);
    assert.deepEqual([...js.primes(2)], [2]);
    assert.equal(js.primes(10_000).length, 1229);
  });

  test('levenshtein', () => {
    assert.equal(js.levenshtein('kitten', 'sitting'), 3);
    assert.equal(js.levenshtein('sitting', 'kitten'), 3);
    assert.equal(js.levenshtein('', 'abc'), 3);
    assert.equal(js.levenshtein('flaw', 'lawn'), 2);
    assert.equal(js.levenshtein('same', 'same'), 0);
    assert.equal(js.levenshtein('a😀b', 'ab'), 1); // code points, not UTF-16 units
    assert.equal(js.levenshtein('😀', '😁'), 1);
  });

  test('word counts', () => {
    const t = 'The cat and the hat. THE end; a cat, a hat and a bat! x2 x2';
    assert.deepEqual(js.wordCounts(t, 4), [['a', 3], ['the', 3], ['and', 2], ['cat', 2]]);
    assert.deepEqual(js.wordCounts(t, 100).length, 8);
    assert.deepEqual(js.wordCounts(t, 0), []);
    assert.deepEqual(js.wordCounts('', 5), []);
    assert.deepEqual(js.wordCounts('snake_case well-known it’s', 10), [
      ['case', 1], ['it', 1], ['known', 1], ['s', 1], ['snake', 1], ['well', 1],
    ]);
    // Same definition as fastwasm on non-ASCII words too.
    const u = 'Ärger ärger ÉCOLE école ΟΔΟΣ οδος ½ 42 ٣';
    assert.deepEqual(js.wordCounts(u, 10), fw.wordCounts(u, 10));
  });
});

describe('suite inputs', () => {
  test('generators are deterministic', () => {
    for (const f of FAMILIES) {
      for (const size of SIZE_NAMES) {
        if (size === 'large') continue;
        assert.deepEqual(makeInputs(f.id, size), makeInputs(f.id, size), `${f.id} ${size}`);
      }
    }
    assert.deepEqual(uniform(10, 3), uniform(10, 3));
    assert.notDeepEqual(uniform(10, 3), uniform(10, 4));
    assert.deepEqual(stringPair(50), stringPair(50));
    assert.equal(text(20), text(20));
  });

  test('expected lengths and ranges', () => {
    for (const f of FAMILIES) {
      const p = f.sizes.small;
      const inputs = makeInputs(f.id, 'small');
      switch (f.id) {
        case 'stats':
        case 'sort':
        case 'fft':
          assert.equal(inputs.x.length, p.n);
          for (const v of inputs.x) assert.ok(v >= 0 && v < 1);
          break;
        case 'dot':
          assert.equal(inputs.a.length, p.n);
          assert.equal(inputs.b.length, p.n);
          break;
        case 'matmul':
          assert.equal(inputs.a.length, p.n * p.n);
          assert.equal(inputs.b.length, p.n * p.n);
          break;
        case 'convolve':
          assert.equal(inputs.x.length, p.n);
          assert.equal(inputs.v.length, p.k);
          break;
        case 'levenshtein':
          assert.equal(inputs.a.length, p.n);
          assert.ok(Math.abs(inputs.b.length - p.n) < p.n / 5);
          assert.match(inputs.a + inputs.b, /^[acgt]+$/);
          break;
        case 'wordcounts':
          assert.equal(inputs.text.split(' ').length, p.n);
          assert.match(inputs.text, /^[a-z ]+$/);
          break;
        default:
      }
    }
    for (const size of SIZE_NAMES) {
      const fft = family('fft').sizes[size].n;
      assert.equal(fft & (fft - 1), 0, `fft ${size} is a power of 2`);
    }
  });

  test('landscape bytes are in range with alpha 255', () => {
    const { rgba, w, h } = makeInputs('blur', 'small');
    assert.ok(rgba instanceof Uint8ClampedArray);
    assert.equal(rgba.length, 4 * w * h);
    const seen = new Set();
    for (let i = 0; i < rgba.length; i += 4) {
      for (let c = 0; c < 3; c++) {
        assert.ok(Number.isInteger(rgba[i + c]) && rgba[i + c] >= 0 && rgba[i + c] <= 255);
        seen.add(rgba[i + c]);
      }
      assert.equal(rgba[i + 3], 255);
    }
    assert.ok(seen.size > 50, 'the landscape is not flat');
    assert.deepEqual(landscape(w, h), rgba);
  });
});

describe('the Python threads column', () => {
  test('identical: bit for bit, stricter than agree (NaN equals NaN, -0 is not 0)', () => {
    const floats = (...v) => ({ kind: 'floats', value: Float64Array.from(v) });
    assert.equal(identical(floats(1, NaN, -0), floats(1, NaN, -0)), true);
    assert.equal(identical(floats(1, 0), floats(1, -0)), false);
    assert.equal(identical(floats(1, 2), floats(1, 2 + 2 ** -51)), false);
    assert.equal(agree('sort', floats(1, 2), floats(1, 2 + 2 ** -51)), false, 'sort compares exactly too');
    assert.equal(agree('matmul', floats(1, 2), floats(1, 2 + 2 ** -51)), true, 'within the tolerance');
    assert.equal(identical(floats(1, 2), floats(1, 2, 3)), false);
    assert.equal(identical(floats(1), { kind: 'ints', value: Uint32Array.from([1]) }), false);
    assert.equal(identical({ kind: 'bytes', value: Uint8Array.from([1, 2]) }, { kind: 'bytes', value: Uint8ClampedArray.from([1, 2]) }), true);
    assert.equal(identical({ kind: 'number', value: 3 }, { kind: 'number', value: 3 }), true);
    assert.equal(identical({ kind: 'json', value: [['a', 1]] }, { kind: 'json', value: [['a', 2]] }), false);
    assert.equal(identical(null, floats(1)), false);
  });

  test('only the kernels with threads are timed with threads', () => {
    assert.ok(THREADED.every((id) => family(id)), 'THREADED names suite families');
    assert.deepEqual(IMPLS.filter((i) => i.threadedOnly).map((i) => i.id), ['wasm-py-mt']);
    for (const f of FAMILIES) {
      const reason = notThreadedReason(f.id, 'wasm-py-mt');
      assert.equal(reason === null, THREADED.includes(f.id), f.id);
      assert.equal(notThreadedReason(f.id, 'wasm-py'), null, `${f.id}: wasm-py runs every kernel`);
    }
  });
});

function family(id) {
  return FAMILIES.find((f) => f.id === id);
}
