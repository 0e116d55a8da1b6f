// Bad arguments throw JS Errors whose message names the function and the argument; the module stays
// usable afterwards.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fw from './helpers.mjs';

/** `call` throws an Error (or subclass) whose message matches `message`. */
function throwsWith(call, message) {
  assert.throws(call, (err) => {
    assert.ok(err instanceof Error, `expected an Error, got ${Object.prototype.toString.call(err)}`);
    assert.match(err.message, message);
    return true;
  });
}

/** Checks that the module still works after an error. */
function stillWorks() {
  assert.equal(fw.sum([1, 2, 3.5]), 6.5);
  assert.equal(fw.mean(new Float64Array([2, 4])), 3);
  assert.equal(fw.dot([1, 2], [3, 4]), 11);
  assert.deepEqual([...fw.primes(20)], [2, 3, 5, 7, 11, 13, 17, 19]);
  assert.deepEqual([...fw.mandelbrot(3, 1, -3, 3, -1, 1, 20)], [20, 20, 2]);
}

const cases = [
  ['sum("abc")', () => fw.sum('abc'), /^sum: x must be a Float64Array or an array of numbers, got string$/],
  ['sum([1, "x"])', () => fw.sum([1, 'x']), /^sum: x\[1\] must be a number, got string$/],
  ['sum(null)', () => fw.sum(null), /^sum: x must be .*got null$/],
  ['sum(undefined)', () => fw.sum(undefined), /^sum: x must be /],
  ['sum({})', () => fw.sum({ length: 2, 0: 1, 1: 2 }), /^sum: x must be /],
  ['sum(BigInt64Array)', () => fw.sum(new BigInt64Array(2)), /^sum: x must be .*BigInt64Array/],
  ['mean([])', () => fw.mean([]), /^mean: x must not be empty$/],
  ['mean(Float64Array[])', () => fw.mean(new Float64Array(0)), /^mean: x must not be empty$/],
  ['mean([null])', () => fw.mean([null]), /^mean: x\[0\] must be a number, got null$/],
  ['dot length mismatch', () => fw.dot([1, 2], [1]), /^dot: a and b must have the same length, got 2 and 1$/],
  ['dot(a, "b")', () => fw.dot([1], 'b'), /^dot: b must be /],
  ['dot(["a"], b)', () => fw.dot(['a'], [1]), /^dot: a\[0\] must be a number/],
  ['primes(4e9)', () => fw.primes(4e9), /^primes: n must be at most 1000000000, got 4000000000$/],
  ['primes(-1)', () => fw.primes(-1), /^primes: n must be a non-negative integer, got -1$/],
  ['primes(1.5)', () => fw.primes(1.5), /^primes: n must be a non-negative integer, got 1\.5$/],
  ['primes(NaN)', () => fw.primes(NaN), /^primes: n must be a non-negative integer, got NaN$/],
  ['primes(Infinity)', () => fw.primes(Infinity), /^primes: n must be /],
  ['mandelbrot w=0', () => fw.mandelbrot(0, 2, -2, 1, -1, 1, 10), /^mandelbrot: w must be at least 1, got 0$/],
  ['mandelbrot h=0', () => fw.mandelbrot(2, 0, -2, 1, -1, 1, 10), /^mandelbrot: h must be at least 1, got 0$/],
  ['mandelbrot w=1.5', () => fw.mandelbrot(1.5, 2, -2, 1, -1, 1, 10), /^mandelbrot: w must be a non-negative integer/],
  ['mandelbrot xMin=NaN', () => fw.mandelbrot(2, 2, NaN, 1, -1, 1, 10), /^mandelbrot: xMin must be finite, got NaN$/],
  ['mandelbrot yMax=Infinity', () => fw.mandelbrot(2, 2, -2, 1, -1, Infinity, 10), /^mandelbrot: yMax must be finite, got inf/i],
  ['mandelbrot maxIter=-1', () => fw.mandelbrot(2, 2, -2, 1, -1, 1, -1), /^mandelbrot: maxIter must be a non-negative integer/],
  ['mandelbrot too large', () => fw.mandelbrot(1e5, 1e5, -2, 1, -1, 1, 10), /^mandelbrot: w\*h must be at most/],
];

describe('errors', () => {
  for (const [name, call, message] of cases) {
    test(name, () => {
      throwsWith(call, message);
      stillWorks();
    });
  }

  test('many errors in a row leave the module working', () => {
    for (let i = 0; i < 1000; i++) {
      throwsWith(() => fw.mean([]), /^mean: x must not be empty$/);
      throwsWith(() => fw.sum([1, 'x']), /^sum: x\[1\] must be a number/);
    }
    stillWorks();
  });
});
