// Inputs are never modified, and results never alias the module's memory: every export taking
// arrays, images or strings is called with Float64Array, plain-array and wasm-memory-view inputs
// (images: Uint8ClampedArray, Uint8Array and wasm-memory views). Afterwards every input still holds
// its values, typed-array results are not views on wasm memory, and a first result is unchanged by
// a second call that reuses the same scratch regions with other values.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fw from './helpers.mjs';

const SLOT_BYTES = 4096;

// NaN, -0, ±Infinity, duplicates and unsorted values: an in-place sort, clamp or normalisation shows.
const X = [3, -0, NaN, 1e300, -2.5, 3, Infinity, 0.25, -Infinity, 7];
const FINITE = [3, -0, 1.5, -2.5, 3, 0.25, 7, -1, 4];
const IMAGE = [10, 200, 30, 255, 250, 5, 60, 128, 0, 0, 0, 7, 90, 91, 255, 33, 1, 2, 3, 4, 255, 255, 255, 0];

/** Every export with array, image or string arguments: `(floats, bytes) => arguments`. */
const CALLS = {
  argmax: (f) => [f(X)],
  argmin: (f) => [f(X)],
  argsort: (f) => [f(X)],
  convolve: (f) => [f(FINITE), f([1, -2, 0.5]), 'same'],
  cumsum: (f) => [f(X)],
  det: (f) => [f([0, 1, 2, 3, 1, 4, 5, 6, 0]), 3],
  dot: (f) => [f(X), f([...X].reverse())],
  fft: (f) => [f(FINITE), f(FINITE.map((v) => v / 2))],
  gaussianBlur: (_, b) => [b(IMAGE), 3, 2, 1.5],
  grayscale: (_, b) => [b(IMAGE), 3, 2],
  histogram: (f) => [f(X), 3, -5, 5],
  ifft: (f) => [f(FINITE.slice(0, 8))],
  inv: (f) => [f([0, 1, 2, 3, 1, 4, 5, 6, 0]), 3],
  levenshtein: () => ['kitten', 'sitting'],
  matmul: (f) => [f(FINITE.slice(0, 6)), f(FINITE.slice(3, 9)), 2, 3, 2],
  max: (f) => [f(X)],
  mean: (f) => [f(X)],
  median: (f) => [f(X)],
  min: (f) => [f(X)],
  movingAverage: (f) => [f(FINITE), 3],
  norm: (f) => [f(FINITE)],
  quantile: (f) => [f(X), 0.3],
  sobel: (_, b) => [b(IMAGE), 2, 3],
  solve: (f) => [f([0, 1, 2, 3, 1, 4, 5, 6, 0]), f([1, -2, 0.5]), 3],
  sort: (f) => [f(X)],
  std: (f) => [f(FINITE), 1],
  sum: (f) => [f(X)],
  transpose: (f) => [f(FINITE.slice(0, 6)), 2, 3],
  unique: (f) => [f(X)],
  variance: (f) => [f(FINITE), 0],
  wordCounts: () => ['The cat, the hat; THE end', 2],
};

/** How inputs are made: floats and bytes from plain values, plus `read()` of an input's contents now. */
const REPRESENTATIONS = {
  'Float64Array and Uint8ClampedArray': { floats: Float64Array, bytes: Uint8ClampedArray },
  'plain arrays and Uint8Array': { floats: Array, bytes: Uint8Array },
  'views on wasm memory (scratch regions)': { floats: Float64Array, bytes: Uint8Array, wasm: true },
};

// The scratch regions are reserved once, so making views never grows (and detaches) the memory.
for (let slot = 0; slot < 4; slot++) fw.scratch(slot, SLOT_BYTES);

/**
 * The arguments of `func` in `representation`, with values transformed by `change`, and the
 * inputs made: [{ read: () => current contents, copy: contents when made }].
 */
function argumentsFor(func, representation, change = (v) => v) {
  const { floats, bytes, wasm } = REPRESENTATIONS[representation];
  const inputs = [];
  let slot = 0;
  const make = (ctor) => (values) => {
    values = values.map(change);
    let input;
    let read = () => input;
    if (wasm) {
      const address = fw.scratch(slot++, SLOT_BYTES);
      input = new ctor(fw.wasmMemory().buffer, address, values.length);
      input.set(values);
      read = () => new ctor(fw.wasmMemory().buffer, address, values.length); // the memory may have grown
    } else {
      input = ctor === Array ? [...values] : ctor.from(values);
    }
    inputs.push({ read, copy: Array.from(input) });
    return input;
  };
  return { args: CALLS[func](make(floats), make(bytes)), inputs };
}

/** A plain, deep copy of a result (typed arrays become { type, values }). */
function snapshot(result) {
  if (ArrayBuffer.isView(result)) return { type: result.constructor.name, values: Array.from(result) };
  if (result !== null && typeof result === 'object') {
    return Object.fromEntries(Object.entries(result).map(([key, value]) => [key, snapshot(value)]));
  }
  return result;
}

/** Every typed array in `result` owns its buffer; none is a view on the module's memory. */
function assertOwnBuffers(result, where) {
  if (ArrayBuffer.isView(result)) {
    assert.notEqual(result.buffer, fw.wasmMemory().buffer, `${where} is a view on wasm memory`);
    assert.equal(result.byteLength, result.buffer.byteLength, `${where} is a view on a larger buffer`);
  } else if (result !== null && typeof result === 'object') {
    for (const [key, value] of Object.entries(result)) assertOwnBuffers(value, `${where}.${key}`);
  }
}

const sameValues = (got, want) => got.length === want.length && want.every((v, i) => Object.is(got[i], v));

for (const func of Object.keys(CALLS)) {
  for (const representation of Object.keys(REPRESENTATIONS)) {
    test(`${func} with ${representation}: inputs unchanged, results own their memory`, () => {
      const first = argumentsFor(func, representation);
      const result = fw[func](...first.args);
      for (const [i, { read, copy }] of first.inputs.entries()) {
        assert.ok(sameValues(Array.from(read()), copy), `input ${i} of ${func} was modified`);
      }
      assertOwnBuffers(result, `${func}()`);
      const before = snapshot(result);

      // The same scratch regions (or fresh arrays) with other values, then the first result again.
      const second = argumentsFor(func, representation, (v) => 1 - 2 * v);
      const other = fw[func](...second.args);
      assertOwnBuffers(other, `second ${func}()`);
      assert.deepEqual(snapshot(result), before, `the first ${func} result changed after a second call`);
      if (first.inputs.length && typeof before === 'object') {
        assert.notDeepEqual(snapshot(other), before, 'the second call must see other values');
      }
    });
  }
}

test('every export with array, image or string arguments is covered', () => {
  const scalarOnly = ['mandelbrot', 'primes', 'scratch', 'wasmMemory'];
  const exported = Object.keys(fw).filter((name) => typeof fw[name] === 'function' && !['default', 'initSync'].includes(name));
  assert.deepEqual([...Object.keys(CALLS), ...scalarOnly].sort(), exported.sort());
});

test('results of the scalar-only exports own their memory too', () => {
  const primes = fw.primes(50);
  const image = fw.mandelbrot(4, 3, -2, 1, -1, 1, 20);
  const [p, m] = [Array.from(primes), Array.from(image)];
  assertOwnBuffers(primes, 'primes()');
  assertOwnBuffers(image, 'mandelbrot()');
  fw.primes(1000);
  fw.mandelbrot(40, 30, -1, 0, 0, 1, 50);
  assert.deepEqual(Array.from(primes), p);
  assert.deepEqual(Array.from(image), m);
});
