// sum, mean and dot from pkg/, against naive references and closed forms.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fw, { assertClose, randomFloats } from './helpers.mjs';

const naiveSum = (x) => {
  let s = 0;
  for (const v of x) s += v;
  return s;
};
const naiveDot = (a, b) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
/** Error bound of a naive sum: n·ε·Σ|x|. */
const sumTolerance = (x) => x.length * Number.EPSILON * naiveSum(Array.from(x, Math.abs)) + Number.MIN_VALUE;

describe('sum', () => {
  test('1..n has the closed form n(n+1)/2, exactly', () => {
    for (const n of [1, 2, 10, 1000, 100_000, 1_000_000]) {
      const x = Float64Array.from({ length: n }, (_, i) => i + 1);
      assert.equal(fw.sum(x), (n * (n + 1)) / 2, `n = ${n}`);
    }
  });

  test('matches a naive sum on random data of many lengths', () => {
    for (const n of [0, 1, 2, 3, 7, 8, 9, 31, 32, 33, 127, 128, 129, 1000, 4097, 100_003]) {
      const x = randomFloats(n, n + 1, -1e3, 1e3);
      const got = fw.sum(x);
      assert.ok(Math.abs(got - naiveSum(x)) <= sumTolerance(x), `n = ${n}: ${got} vs ${naiveSum(x)}`);
    }
  });

  test('empty input sums to 0', () => {
    assert.equal(fw.sum(new Float64Array(0)), 0);
    assert.equal(fw.sum([]), 0);
  });

  test('accepts Float64Array, number[] and other typed arrays', () => {
    assert.equal(fw.sum(new Float64Array([1.5, 2.5, -1])), 3);
    assert.equal(fw.sum([1.5, 2.5, -1]), 3);
    assert.equal(fw.sum(new Int32Array([1, -2, 3, 2_000_000_000])), 2_000_000_002);
    assert.equal(fw.sum(new Uint8Array([255, 1])), 256);
    assert.equal(fw.sum(new Float32Array([0.5, 0.25])), 0.75);
    // A subarray view must read only its own elements.
    const big = Float64Array.from({ length: 10 }, (_, i) => i);
    assert.equal(fw.sum(big.subarray(3, 6)), 3 + 4 + 5);
  });

  test('propagates NaN and infinities', () => {
    assert.ok(Number.isNaN(fw.sum([1, NaN, 2])));
    assert.equal(fw.sum([1, Infinity]), Infinity);
    assert.ok(Number.isNaN(fw.sum([Infinity, -Infinity])));
  });

  test('does not modify its input', () => {
    const x = randomFloats(1000, 7);
    const copy = x.slice();
    fw.sum(x);
    assert.deepEqual(x, copy);
  });
});

describe('mean', () => {
  test('matches a naive mean', () => {
    for (const n of [1, 2, 5, 1000, 65_537]) {
      const x = randomFloats(n, 3 * n + 1, -50, 50);
      assertClose(assert, fw.mean(x), naiveSum(x) / n, 1e-12, 50);
    }
  });

  test('closed forms', () => {
    assert.equal(fw.mean([4]), 4);
    assert.equal(fw.mean([1, 2, 3, 4]), 2.5);
    const n = 100_001;
    assert.equal(fw.mean(Float64Array.from({ length: n }, (_, i) => i + 1)), (n + 1) / 2);
    assert.equal(fw.mean(new Int32Array([-3, 3, 6])), 2);
  });
});

describe('dot', () => {
  test('matches a naive dot product', () => {
    for (const n of [0, 1, 2, 3, 8, 17, 1000, 50_001]) {
      const a = randomFloats(n, n + 11);
      const b = randomFloats(n, n + 29);
      const tol = n * Number.EPSILON * naiveDot(Array.from(a, Math.abs), Array.from(b, Math.abs)) + 1e-300;
      assert.ok(Math.abs(fw.dot(a, b) - naiveDot(a, b)) <= tol, `n = ${n}`);
    }
  });

  test('closed forms: Σi² = n(n+1)(2n+1)/6 and orthogonal vectors', () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => i + 1);
    assert.equal(fw.dot(x, x), (n * (n + 1) * (2 * n + 1)) / 6);
    assert.equal(fw.dot([1, 0, 0], [0, 1, 0]), 0);
    assert.equal(fw.dot([1, 2, 3], [4, 5, 6]), 32);
  });

  test('mixes input kinds and accepts empty vectors', () => {
    assert.equal(fw.dot(new Float64Array([1, 2]), [3, 4]), 11);
    assert.equal(fw.dot(new Int32Array([1, 2]), new Float64Array([0.5, 0.25])), 1);
    assert.equal(fw.dot([], new Float64Array(0)), 0);
  });

  test('the same array may be passed twice', () => {
    const x = randomFloats(999, 5);
    assertClose(assert, fw.dot(x, x), naiveDot(x, x), 1e-12, naiveDot(x, x));
  });
});
