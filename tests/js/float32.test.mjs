// float32 in, float32 out, as numpy does: matmul, fft, ifft and convolve compute in float32 when
// every array argument is a Float32Array or a float32 ResidentArray, and in float64 for any other
// mix (plain arrays are float64). Values are checked against the float64 path on the same inputs
// within float32 tolerance.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fw, { randomFloats } from './helpers.mjs';

/** Random values rounded to float32, as a Float32Array. */
const f32 = (n, seed) => Float32Array.from(randomFloats(n, seed));
/** float32's relative precision, a few ulps over sums of tens of terms. */
const TOL = 1e-5;

function assertCloseArrays(actual, expected, scale) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= TOL * scale, `[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

const CASES = {
  matmul: [() => [f32(12, 1), f32(20, 2), 3, 4, 5], 4],
  fft: [() => [f32(45, 3)], 45],
  'fft with im': [() => [f32(64, 4), f32(64, 5)], 64],
  ifft: [() => [f32(64, 6)], 2],
  convolve: [() => [f32(40, 7), f32(7, 8)], 7],
  'convolve same': [() => [f32(40, 7), f32(7, 8), 'same'], 7],
  'convolve valid': [() => [f32(40, 7), f32(7, 8), 'valid'], 7],
};

for (const [label, [make, scale]] of Object.entries(CASES)) {
  const name = label.split(' ')[0];
  test(`${label}: Float32Arrays in, Float32Array out, close to the float64 path`, () => {
    const args = make();
    const before = args.map((a) => (a instanceof Float32Array ? a.slice() : a));
    const got = fw[name](...args);
    assert.ok(got instanceof Float32Array, `${label} returns a Float32Array`);
    assert.deepEqual(args, before, 'inputs unchanged');
    assert.notEqual(got.buffer, fw.wasmMemory().buffer, 'the result owns its memory');
    const f64 = args.map((a) => (a instanceof Float32Array ? Float64Array.from(a) : a));
    const want = fw[name](...f64);
    assert.ok(want instanceof Float64Array, 'Float64Arrays of the same values stay float64');
    assertCloseArrays(got, want, scale);
    // A resident float32 array counts as float32, and its results are resident float32 arrays.
    const resident = args.map((a) => (a instanceof Float32Array ? fw.array(a, 'float32') : a));
    const out = fw[name](...resident);
    assert.equal(out.dtype, 'float32');
    assert.deepEqual(out.toArray(), got);
    out.free();
    // Resident and staged float32 arguments together are float32 too.
    if (resident.length > 1 && resident[1] instanceof fw.ResidentArray) {
      assert.deepEqual(fw[name](resident[0], args[1], ...args.slice(2)).toArray(), got);
    }
    for (const r of resident) if (r instanceof fw.ResidentArray) r.free();
  });
}

test('mixed inputs promote to float64', () => {
  const a = Float32Array.of(1, 2, 3, 4);
  // 0.1 is no float32: the float64 path keeps it exactly.
  assert.deepEqual(fw.matmul(Float32Array.of(3), [0.1], 1, 1, 1), Float64Array.of(0.1 * 3));
  assert.deepEqual(fw.matmul(Float32Array.of(3), Float64Array.of(0.1), 1, 1, 1), Float64Array.of(0.1 * 3));
  assert.deepEqual(fw.convolve(Float32Array.of(1), [0.1]), Float64Array.of(0.1));
  assert.deepEqual(fw.convolve([0.1], Float32Array.of(1)), Float64Array.of(0.1));
  assert.ok(fw.fft(a, [0, 0, 0, 0]) instanceof Float64Array);
  assert.ok(fw.fft([1, 2]) instanceof Float64Array, 'plain arrays are float64');
  assert.ok(fw.ifft(Int16Array.of(1, 2)) instanceof Float64Array, 'other typed arrays are float64');
  // A float64 resident array with a Float32Array: float64, resident.
  const r64 = fw.array([1, 2]);
  const mixed = fw.convolve(r64, Float32Array.of(1));
  assert.equal(mixed.dtype, 'float64');
  mixed.free();
  // A float32 resident array with a plain array: float64; like any resident array of another
  // dtype than the kernel's, it is copied, so the result is a plain Float64Array.
  const r32 = fw.array([0.5, 0.25], 'float32');
  assert.deepEqual(fw.convolve(r32, [0.1]), Float64Array.of(0.05, 0.025));
  r32.free();
  r64.free();
  // Other kernels read float32 inputs as float64 and return float64.
  assert.ok(fw.cumsum(a) instanceof Float64Array);
  assert.ok(fw.sort(a) instanceof Float64Array);
});

test('float32 resident arrays', () => {
  const r = fw.array([0.1, 2, -3], 'float32');
  assert.equal(r.dtype, 'float32');
  assert.ok(r.view() instanceof Float32Array);
  assert.deepEqual(r.toArray(), Float32Array.of(0.1, 2, -3));
  assert.equal(fw.sum(r), Math.fround(0.1) + 2 - 3, 'read as float64 by a float64 kernel');
  const fromResident = fw.array(r);
  assert.equal(fromResident.dtype, 'float64');
  assert.deepEqual(fromResident.toArray(), Float64Array.of(Math.fround(0.1), 2, -3));
  fromResident.free();
  r.free();
  assert.throws(() => fw.fft(r), { name: 'RangeError', message: /^fft: re is a ResidentArray that was freed/ });
  assert.throws(() => fw.array([1], 'float16'), {
    name: 'RangeError',
    message: 'array: dtype must be "float64", "uint32", "uint8" or "float32", got "float16"',
  });
});

test('errors of the float32 paths name the public function and argument', () => {
  const cases = [
    [() => fw.matmul(Float32Array.of(1, 2, 3), Float32Array.of(1, 2), 2, 2, 1), RangeError, /^matmul: a must have m\*k/, 'a'],
    [() => fw.matmul(new Float32Array(0), new Float32Array(0), 2 ** 15, 0, 2 ** 15), Error, /^matmul: n .*(out of memory|too large)/, 'n'],
    [() => fw.fft(new Float32Array(0)), RangeError, /^fft: re must not be empty$/, 're'],
    [() => fw.fft(Float32Array.of(1, 2), Float32Array.of(1)), RangeError, /^fft: im must have the same length as re/, 'im'],
    [() => fw.ifft(Float32Array.of(1, 2, 3)), RangeError, /^ifft: x must have an even length/, 'x'],
    [() => fw.convolve(new Float32Array(0), Float32Array.of(1)), RangeError, /^convolve: a must not be empty$/, 'a'],
    [() => fw.convolve(Float32Array.of(1), Float32Array.of(1), 'xyz'), RangeError, /^convolve: mode must be/, 'mode'],
    [() => fw.convolve(Float32Array.of(1), Float32Array.of(1), 3), TypeError, /^convolve: mode must be a string/, 'mode'],
  ];
  for (const [call, Class, message, argument] of cases) {
    let thrown;
    try {
      call();
    } catch (err) {
      thrown = err;
    }
    assert.ok(thrown instanceof Class, `${message}: ${thrown}`);
    assert.match(thrown.message, message);
    assert.equal(thrown.argument, argument);
    assert.ok(!thrown.message.includes('__f32'), thrown.message);
    assert.equal(thrown.function, thrown.message.split(':')[0]);
  }
  // The next call works.
  assert.deepEqual(fw.convolve(Float32Array.of(1), Float32Array.of(2)), Float32Array.of(2));
});

test('a Float32Array view on wasm memory is staged as float32', () => {
  const r = fw.array([1, 2, 3, 4], 'float32');
  const view = r.view();
  const out = fw.matmul(view, view, 2, 2, 2);
  assert.deepEqual(out, Float32Array.of(7, 10, 15, 22));
  r.free();
});
