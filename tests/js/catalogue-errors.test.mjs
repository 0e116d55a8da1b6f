// Table of bad inputs for every kernel export: each throws a JS Error whose message names the
// function and the argument, and a valid call right after still gives the right answer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fw from './helpers.mjs';

const rgba = (w, h) => new Uint8ClampedArray(4 * w * h).fill(200);

/** [label, bad call, message pattern, valid call, expected value of the valid call] */
const cases = [
  ['variance(x, ddof = n)', () => fw.variance([1, 2], 2), /^variance: ddof must be less than the length of x/, () => fw.variance([1, 2, 3, 4]), 1.25],
  ['variance([])', () => fw.variance([]), /^variance: x must not be empty$/, () => fw.variance([1, 2, 3, 4], 1), 5 / 3],
  ['variance("x")', () => fw.variance('x'), /^variance: x must be a Float64Array/, () => fw.variance([2, 2]), 0],
  ['std(x, ddof = -1)', () => fw.std([1, 2], -1), /^std: ddof must be non-negative/, () => fw.std([1, 3]), 1],
  ['min([])', () => fw.min([]), /^min: x must not be empty$/, () => fw.min([3, -1, 2]), -1],
  ['max([])', () => fw.max(new Float64Array(0)), /^max: x must not be empty$/, () => fw.max([3, -1, 2]), 3],
  ['argmin([])', () => fw.argmin([]), /^argmin: x must not be empty$/, () => fw.argmin([3, -1, -1]), 1],
  ['argmax(null)', () => fw.argmax(null), /^argmax: x must be .*got null$/, () => fw.argmax([3, 5, 5]), 1],
  ['norm("abc")', () => fw.norm('abc'), /^norm: x must be /, () => fw.norm([3, 4]), 5],
  ['median([])', () => fw.median([]), /^median: x must not be empty$/, () => fw.median([3, 1, 2]), 2],
  ['quantile(x, 1.5)', () => fw.quantile([1, 2], 1.5), /^quantile: q must be in \[0, 1\], got 1.5$/, () => fw.quantile([1, 2, 3, 4], 0.5), 2.5],
  ['quantile(x, NaN)', () => fw.quantile([1, 2], NaN), /^quantile: q must be in \[0, 1\]/, () => fw.quantile([1, 2, 3], 1), 3],
  ['quantile([], 0.5)', () => fw.quantile([], 0.5), /^quantile: x must not be empty$/, () => fw.quantile([1, 3], 0.25), 1.5],
  ['cumsum([1, {}])', () => fw.cumsum([1, {}]), /^cumsum: x\[1\] must be a number, got Object$/, () => [...fw.cumsum([1, 2, 3])], [1, 3, 6]],
  ['histogram(x, 0)', () => fw.histogram([1, 2], 0), /^histogram: bins must be at least 1, got 0$/, () => [...fw.histogram([1, 2, 1], 3, 0, 3).counts], [0, 2, 1]],
  ['histogram(x, 2, lo)', () => fw.histogram([1, 2], 2, 0), /^histogram: lo and hi must be given together$/, () => [...fw.histogram([1, 2], 1).edges], [1, 2]],
  ['histogram lo > hi', () => fw.histogram([1, 2], 2, 3, 1), /^histogram: range must have lo <= hi/, () => [...fw.histogram([0.5], 2, 0, 1).counts], [0, 1]],
  ['histogram(x, 1.5)', () => fw.histogram([1], 1.5), /^histogram: bins must be a non-negative integer, got 1.5$/, () => [...fw.histogram([1], 1).counts], [1]],
  ['histogram NaN data', () => fw.histogram([1, NaN], 2), /^histogram: autodetected range of \[nan, nan\] is not finite$/, () => [...fw.histogram([1, NaN], 2, 0, 2).counts], [0, 1]],
  ['sort(7)', () => fw.sort(7), /^sort: x must be .*got number$/, () => [...fw.sort([3, 1, 2])], [1, 2, 3]],
  ['argsort(["a"])', () => fw.argsort(['a']), /^argsort: x\[0\] must be a number/, () => [...fw.argsort([3, 1, 2])], [1, 2, 0]],
  ['unique(true)', () => fw.unique(true), /^unique: x must be /, () => [...fw.unique([2, 1, 2])], [1, 2]],
  ['matmul a size', () => fw.matmul([1, 2, 3], [1, 2], 1, 2, 1), /^matmul: a must have m\*k/, () => [...fw.matmul([1, 2], [3, 4], 1, 2, 1)], [11]],
  ['matmul b size', () => fw.matmul([1, 2], [1], 1, 2, 1), /^matmul: b must have k\*n/, () => [...fw.matmul([2], [3], 1, 1, 1)], [6]],
  ['matmul m = -1', () => fw.matmul([], [], -1, 0, 0), /^matmul: m must be a non-negative integer, got -1$/, () => [...fw.matmul([1, 0, 0, 1], [5, 6, 7, 8], 2, 2, 2)], [5, 6, 7, 8]],
  ['matmul overflow', () => fw.matmul([1], [1], 1e9, 1e9, 1), /^matmul: m\*k is too large/, () => [...fw.matmul([1], [1], 1, 1, 1)], [1]],
  ['transpose size', () => fw.transpose([1, 2, 3], 2, 2), /^transpose: a must have/, () => [...fw.transpose([1, 2, 3, 4, 5, 6], 2, 3)], [1, 4, 2, 5, 3, 6]],
  ['solve singular', () => fw.solve([1, 2, 2, 4], [1, 2], 2), /^solve: a is singular$/, () => [...fw.solve([2, 0, 0, 4], [2, 4], 2)], [1, 1]],
  ['solve b size', () => fw.solve([1, 0, 0, 1], [1], 2), /^solve: b must have/, () => [...fw.solve([1], [3], 1)], [3]],
  ['solve NaN', () => fw.solve([NaN, 0, 0, 1], [1, 1], 2), /^solve: a must be finite/, () => [...fw.solve([4], [2], 1)], [0.5]],
  ['det a size', () => fw.det([1, 2, 3], 2), /^det: a must have/, () => fw.det([1, 2, 3, 4], 2), -2],
  ['inv singular', () => fw.inv([1, 2, 2, 4], 2), /^inv: a is singular$/, () => [...fw.inv([2, 0, 0, 4], 2)], [0.5, 0, 0, 0.25]],
  ['fft([])', () => fw.fft([]), /^fft: x must not be empty$/, () => [...fw.fft([1, 1])], [2, 0, 0, 0]],
  ['fft im length', () => fw.fft([1, 2], [1]), /^fft: im must have the same length as re \(2\), got 1$/, () => [...fw.fft([1])], [1, 0]],
  ['fft("x")', () => fw.fft('x'), /^fft: re must be /, () => [...fw.fft([0, 1], [0, 0])], [1, 0, -1, 0]],
  ['ifft odd length', () => fw.ifft([1, 2, 3]), /^ifft: x must have an even length/, () => [...fw.ifft([2, 0, 0, 0])], [1, 0, 1, 0]],
  ['convolve empty a', () => fw.convolve([], [1]), /^convolve: a must not be empty$/, () => [...fw.convolve([1, 2, 3], [0, 1, 0.5])], [0, 1, 2.5, 4, 1.5]],
  ['convolve empty v', () => fw.convolve([1], []), /^convolve: v must not be empty$/, () => [...fw.convolve([1, 2, 3], [0, 1, 0.5], 'same')], [1, 2.5, 4]],
  ['convolve mode', () => fw.convolve([1], [1], 'xyz'), /^convolve: mode must be "full", "same" or "valid", got "xyz"$/, () => [...fw.convolve([1, 2, 3], [0, 1, 0.5], 'valid')], [2.5]],
  ['convolve mode type', () => fw.convolve([1], [1], 3), /^convolve: mode must be a string, got number$/, () => [...fw.convolve([1], [2])], [2]],
  ['movingAverage window 0', () => fw.movingAverage([1, 2], 0), /^movingAverage: window must be in \[1, len\(x\)\]/, () => [...fw.movingAverage([1, 2, 3, 4], 2)], [1.5, 2.5, 3.5]],
  ['movingAverage window > len', () => fw.movingAverage([1, 2], 3), /^movingAverage: window must be in \[1, len\(x\)\]/, () => [...fw.movingAverage([1, 2], 2)], [1.5]],
  ['grayscale length', () => fw.grayscale(new Uint8ClampedArray(7), 1, 2), /^grayscale: rgba must have 4\*w\*h = 8 bytes, got 7$/, () => [...fw.grayscale(new Uint8ClampedArray([255, 0, 0, 7]), 1, 1)], [76, 76, 76, 7]],
  ['grayscale type', () => fw.grayscale([1, 2, 3, 4], 1, 1), /^grayscale: rgba must be a Uint8ClampedArray or Uint8Array/, () => [...fw.grayscale(new Uint8Array([0, 255, 0, 1]), 1, 1)], [150, 150, 150, 1]],
  ['grayscale w = 0', () => fw.grayscale(new Uint8Array(0), 0, 1), /^grayscale: w must be at least 1, got 0$/, () => fw.grayscale(rgba(2, 2), 2, 2).length, 16],
  ['gaussianBlur sigma 0', () => fw.gaussianBlur(rgba(2, 2), 2, 2, 0), /^gaussianBlur: sigma must be/, () => [...fw.gaussianBlur(rgba(2, 2), 2, 2, 1)], [...rgba(2, 2)]],
  ['gaussianBlur sigma NaN', () => fw.gaussianBlur(rgba(2, 2), 2, 2, NaN), /^gaussianBlur: sigma must be/, () => [...fw.gaussianBlur(rgba(1, 1), 1, 1, 3)], [200, 200, 200, 200]],
  ['sobel h = -1', () => fw.sobel(rgba(1, 1), 1, -1), /^sobel: h must be a non-negative integer, got -1$/, () => [...fw.sobel(rgba(1, 1), 1, 1)], [0, 0, 0, 255]],
  ['levenshtein(1, "a")', () => fw.levenshtein(1, 'a'), /^levenshtein: a must be a string, got number$/, () => fw.levenshtein('kitten', 'sitting'), 3],
  ['levenshtein("a", null)', () => fw.levenshtein('a', null), /^levenshtein: b must be a string, got null$/, () => fw.levenshtein('café', 'cafe'), 1],
  ['wordCounts(5, 1)', () => fw.wordCounts(5, 1), /^wordCounts: text must be a string, got number$/, () => fw.wordCounts('b a B', 5), [['b', 2], ['a', 1]]],
  ['wordCounts(k = -1)', () => fw.wordCounts('a', -1), /^wordCounts: k must be a non-negative integer, got -1$/, () => fw.wordCounts('x y', 0), []],
  ['mandelbrot huge', () => fw.mandelbrot(100000, 100000, -2, 1, -1, 1, 10), /^mandelbrot: w\*h must be at most/, () => [...fw.mandelbrot(3, 1, -3, 3, -1, 1, 20)], [20, 20, 2]],
  ['primes(4e9)', () => fw.primes(4e9), /^primes: n must be at most 1000000000/, () => [...fw.primes(10)], [2, 3, 5, 7]],
];

for (const [label, bad, message, valid, expected] of cases) {
  test(`${label} throws a clear error, then the module still works`, () => {
    assert.throws(bad, (err) => {
      assert.ok(err instanceof Error, `expected an Error, got ${Object.prototype.toString.call(err)}`);
      assert.match(err.message, message);
      return true;
    });
    const got = valid();
    if (typeof expected === 'number') assert.ok(Math.abs(got - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${got} != ${expected}`);
    else assert.deepEqual(got, expected);
  });
}

test('every kernel export appears in the table', () => {
  const covered = new Set(cases.map(([label]) => label.match(/^\w+/)[0]));
  const kernels = ['variance', 'std', 'min', 'max', 'argmin', 'argmax', 'norm', 'median', 'quantile', 'cumsum', 'histogram', 'sort', 'argsort', 'unique', 'matmul', 'transpose', 'solve', 'det', 'inv', 'fft', 'ifft', 'convolve', 'movingAverage', 'grayscale', 'gaussianBlur', 'sobel', 'levenshtein', 'wordCounts', 'mandelbrot', 'primes'];
  for (const name of kernels) {
    assert.equal(typeof fw[name], 'function', `${name} is exported`);
    assert.ok(covered.has(name), `${name} has a bad-input case`);
  }
});
