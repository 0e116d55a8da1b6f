// Bad arguments for every export of pkg/, as one table of (export, argument, bad value) rows: each
// throws an Error (never a wasm trap) whose message starts with the function's name and names the
// argument, and the next valid call of the same export still gives the naive reference's answer.
//
// EXPORTS lists every export's parameters (checked against pkg/fastwasm.d.ts), their kinds and one
// valid call. Wrong types, NaN/±Inf and bad counts are generated per parameter kind; BAD_VALUES
// adds each export's own cases (empty input, length mismatch, overflow, too-large results, ...).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fw, { PKG } from './helpers.mjs';
import * as js from '../../www/baselines.js';

// --- naive references (baselines.js covers the rest) -----------------------------------------

const ascending = (x) => Array.from(x).sort((p, q) => p - q);
const range = (n) => Array.from({ length: n }, (_, i) => i);

function quantile(x, q) {
  const s = ascending(x);
  const pos = q * (s.length - 1);
  const [lo, hi] = [Math.floor(pos), Math.ceil(pos)];
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

function histogram(x, bins, lo, hi) {
  const counts = new Array(bins).fill(0);
  for (const v of x) if (v >= lo && v <= hi) counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]++;
  return { counts, edges: range(bins + 1).map((i) => lo + (i * (hi - lo)) / bins) };
}

/** The n×n matrix `a` without row r and column c. */
const minor = (a, n, r, c) => a.filter((_, k) => Math.floor(k / n) !== r && k % n !== c);
/** Determinant by cofactor expansion along the first row. */
const det = (a, n) => (n === 0 ? 1 : range(n).reduce((s, j) => s + (-1) ** j * a[j] * det(minor(a, n, 0, j), n - 1), 0));
/** Inverse as adjugate / determinant. */
const inv = (a, n) => range(n * n).map((k) => ((-1) ** (Math.floor(k / n) + (k % n)) * det(minor(a, n, k % n, Math.floor(k / n)), n - 1)) / det(a, n));
/** Cramer's rule: x[i] = det(a with column i replaced by b) / det(a). */
const solve = (a, b, n) => range(n).map((i) => det(a.map((v, k) => (k % n === i ? b[Math.floor(k / n)] : v)), n) / det(a, n));
const transpose = (a, rows, cols) => range(rows * cols).map((k) => a[(k % rows) * cols + Math.floor(k / rows)]);

/** DFT of re + i·im with exp(sign·2πi·kt/n), interleaved [re0, im0, …]. */
function dft(re, im, sign) {
  const n = re.length;
  return range(n).flatMap((k) => {
    let [sr, si] = [0, 0];
    for (let t = 0; t < n; t++) {
      const angle = (sign * 2 * Math.PI * k * t) / n;
      sr += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
      si += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
    }
    return [sr, si];
  });
}
const ifft = (x) => dft(x.filter((_, i) => i % 2 === 0), x.filter((_, i) => i % 2 === 1), 1).map((v) => (v * 2) / x.length);

const luma = (p, i) => 0.299 * p[i] + 0.587 * p[i + 1] + 0.114 * p[i + 2];
const roundByte = (v) => Math.min(255, Math.floor(v + 0.5));
const grayscale = (p) => range(p.length / 4).flatMap((i) => [...Array(3).fill(roundByte(luma(p, 4 * i))), p[4 * i + 3]]);
function sobel(p, w, h) {
  const l = (x, y) => luma(p, 4 * (Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))));
  return range(w * h).flatMap((i) => {
    const [x, y] = [i % w, Math.floor(i / w)];
    const gx = l(x + 1, y - 1) + 2 * l(x + 1, y) + l(x + 1, y + 1) - (l(x - 1, y - 1) + 2 * l(x - 1, y) + l(x - 1, y + 1));
    const gy = l(x - 1, y + 1) + 2 * l(x, y + 1) + l(x + 1, y + 1) - (l(x - 1, y - 1) + 2 * l(x, y - 1) + l(x + 1, y - 1));
    const m = roundByte(Math.hypot(gx, gy));
    return [m, m, m, 255];
  });
}

// --- the exports --------------------------------------------------------------------------------

const X = [3, -1.5, 4, 1, 5.25];
const IMAGE = [10, 200, 30, 255, 250, 5, 60, 128, 0, 0, 0, 7, 90, 91, 255, 33, 1, 2, 3, 4, 255, 255, 255, 0];

/**
 * Every export: its parameters as [name, kind] (kinds below), one valid call's arguments and the
 * reference result of that call. `check` compares a result with the reference (default: numbers
 * and arrays of numbers to 1e-9, relative).
 */
const EXPORTS = {
  argmax: { params: [['x', 'floats']], valid: [X], expect: 4 },
  argmin: { params: [['x', 'floats']], valid: [X], expect: 1 },
  argsort: { params: [['x', 'floats']], valid: [X], expect: [1, 3, 0, 2, 4] },
  convolve: {
    params: [['a', 'floats'], ['v', 'floats'], ['mode', 'optional string']],
    valid: [[1, 2, 3], [0, 1, 0.5], 'full'],
    expect: js.convolve([1, 2, 3], [0, 1, 0.5]),
  },
  cumsum: { params: [['x', 'floats']], valid: [X], expect: [3, 1.5, 5.5, 6.5, 11.75] },
  det: { params: [['a', 'floats'], ['n', 'count']], valid: [[2, 1, 0, 1, 3, 1, 0, 1, 4], 3], expect: det([2, 1, 0, 1, 3, 1, 0, 1, 4], 3) },
  dot: { params: [['a', 'floats'], ['b', 'floats']], valid: [X, [1, 2, 3, 4, 5]], expect: js.dot(X, [1, 2, 3, 4, 5]) },
  fft: {
    params: [['re', 'floats'], ['im', 'optional floats']],
    valid: [[1, 2, 0, -1, 3], [0, 1, 0, 0, -2]],
    expect: dft([1, 2, 0, -1, 3], [0, 1, 0, 0, -2], -1),
  },
  gaussianBlur: {
    params: [['rgba', 'rgba'], ['w', 'count'], ['h', 'count'], ['sigma', 'real']],
    valid: [new Uint8ClampedArray(IMAGE), 3, 2, 0.8],
    expect: [...js.gaussianBlur(IMAGE, 3, 2, 0.8)],
  },
  grayscale: { params: [['rgba', 'rgba'], ['w', 'count'], ['h', 'count']], valid: [new Uint8ClampedArray(IMAGE), 3, 2], expect: grayscale(IMAGE) },
  histogram: {
    params: [['x', 'floats'], ['bins', 'count'], ['lo', 'optional real'], ['hi', 'optional real']],
    valid: [[0.5, 1.5, 1.7, 3.2, 9], 4, 0, 4],
    expect: histogram([0.5, 1.5, 1.7, 3.2, 9], 4, 0, 4),
    check: (got, want) => assert.deepEqual({ counts: [...got.counts], edges: [...got.edges] }, want),
  },
  ifft: { params: [['x', 'floats']], valid: [[1, 0, 2, 1, -1, 0.5]], expect: ifft([1, 0, 2, 1, -1, 0.5]) },
  inv: { params: [['a', 'floats'], ['n', 'count']], valid: [[4, 7, 2, 6], 2], expect: inv([4, 7, 2, 6], 2) },
  levenshtein: { params: [['a', 'string'], ['b', 'string']], valid: ['kitten', 'sitting'], expect: js.levenshtein('kitten', 'sitting') },
  mandelbrot: {
    params: [['w', 'count'], ['h', 'count'], ['xMin', 'real'], ['xMax', 'real'], ['yMin', 'real'], ['yMax', 'real'], ['maxIter', 'count']],
    valid: [5, 3, -2, 1, -1, 1, 30],
    expect: [...js.mandelbrot(5, 3, -2, 1, -1, 1, 30)],
  },
  matmul: {
    params: [['a', 'floats'], ['b', 'floats'], ['m', 'count'], ['k', 'count'], ['n', 'count']],
    valid: [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], 2, 3, 2],
    expect: [...js.matmul([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], 2, 3, 2)],
  },
  max: { params: [['x', 'floats']], valid: [X], expect: Math.max(...X) },
  mean: { params: [['x', 'floats']], valid: [X], expect: js.mean(X) },
  median: { params: [['x', 'floats']], valid: [X], expect: quantile(X, 0.5) },
  min: { params: [['x', 'floats']], valid: [X], expect: Math.min(...X) },
  movingAverage: { params: [['x', 'floats'], ['window', 'count']], valid: [X, 2], expect: range(4).map((i) => (X[i] + X[i + 1]) / 2) },
  norm: { params: [['x', 'floats']], valid: [X], expect: Math.hypot(...X) },
  primes: { params: [['n', 'count']], valid: [30], expect: [...js.primes(30)] },
  quantile: { params: [['x', 'floats'], ['q', 'real']], valid: [X, 0.3], expect: quantile(X, 0.3) },
  scratch: {
    params: [['slot', 'count'], ['byteLength', 'count']],
    valid: [3, 100],
    expect: true,
    // The address of a 100-byte, 8-byte aligned region inside the memory.
    check: (got) => assert.ok(got % 8 === 0 && got > 0 && got + 100 <= fw.wasmMemory().buffer.byteLength, `address ${got}`),
  },
  sobel: { params: [['rgba', 'rgba'], ['w', 'count'], ['h', 'count']], valid: [new Uint8ClampedArray(IMAGE), 2, 3], expect: sobel(IMAGE, 2, 3) },
  solve: { params: [['a', 'floats'], ['b', 'floats'], ['n', 'count']], valid: [[3, 1, 1, 2], [9, 8], 2], expect: solve([3, 1, 1, 2], [9, 8], 2) },
  sort: { params: [['x', 'floats']], valid: [X], expect: ascending(X) },
  std: { params: [['x', 'floats'], ['ddof', 'optional real']], valid: [X, 1], expect: Math.sqrt(js.variance(X, 1)) },
  sum: { params: [['x', 'floats']], valid: [X], expect: js.sum(X) },
  transpose: { params: [['a', 'floats'], ['rows', 'count'], ['cols', 'count']], valid: [[1, 2, 3, 4, 5, 6], 2, 3], expect: transpose([1, 2, 3, 4, 5, 6], 2, 3) },
  unique: { params: [['x', 'floats']], valid: [[2, 1, 2, -0.5, 1]], expect: [-0.5, 1, 2] },
  variance: { params: [['x', 'floats'], ['ddof', 'optional real']], valid: [X, 0], expect: js.variance(X, 0) },
  wasmMemory: { params: [], valid: [], expect: true, check: (got) => assert.ok(got instanceof WebAssembly.Memory) },
  wordCounts: { params: [['text', 'string'], ['k', 'count']], valid: ['The cat, the hat; THE end', 2], expect: js.wordCounts('The cat, the hat; THE end', 2) },
};

// --- generated bad values per parameter kind ------------------------------------------------------

const NOT_A_NUMBER = [['a numeric string', '2'], ['null', null], ['true', true], ['a BigInt', 2n], ['an object', {}], ['an array', [2]], ['a Symbol', Symbol('2')]];
const NOT_AN_ARRAY = [
  ['a string', '1,2'], ['an array-like object', { length: 2, 0: 1, 1: 2 }], ['null', null], ['true', false],
  ['a BigInt', 3n], ['a number', 7], ['a BigInt64Array', new BigInt64Array(2)], ['a DataView', new DataView(new ArrayBuffer(8))],
  ['an ArrayBuffer', new ArrayBuffer(8)], ['a Map', new Map([[0, 1]])], ['a function', () => [1]],
];
const BAD_ELEMENTS = [['a string element', [1, 'x']], ['a null element', [null, 1]], ['a nested array', [[1], [2]]], ['a BigInt element', [1n]], ['a hole', [1, , 3]], ['an object element', [{ valueOf: () => 1 }]]];
const NOT_A_STRING = [['a number', 5], ['null', null], ['a BigInt', 5n], ['an array', ['a']], ['an object', {}], ['true', true], ['a Symbol', Symbol('a')]];
const NOT_RGBA = [
  ['a plain array', [0, 0, 0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]], ['a Float64Array', new Float64Array(24)],
  ['an Int8Array', new Int8Array(24)], ['a Uint16Array', new Uint16Array(24)], ['an ArrayBuffer', new ArrayBuffer(24)], ['a DataView', new DataView(new ArrayBuffer(24))],
  ['a string', 'abcd'], ['null', null], ['a number', 4],
];
const NOT_FINITE = [['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]];
const NOT_A_COUNT = [['-1', -1], ['2.5', 2.5], ...NOT_FINITE, ['2**53 (beyond safe integers)', 2 ** 53], ['-0.5', -0.5]];

/** How the bindings name a JS value's type in messages ("got null", "got Array", "got bigint"). */
const typeName = (v) => (v === null ? 'null' : typeof v === 'object' ? v.constructor.name : typeof v);
/** Rust's formatting of a float64 in messages. */
const rustFloat = (v) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v));

/** The whole message (after "<func>: ") for a value of the wrong type for a parameter of `kind`. */
function typeMessage(arg, kind, value) {
  if (kind.endsWith('floats')) {
    if (!Array.isArray(value)) return `${arg} must be a Float64Array or an array of numbers, got ${typeName(value)}`;
    const i = [...value.keys()].find((k) => typeof value[k] !== 'number');
    return `${arg}[${i}] must be a number, got ${typeName(value[i])}`;
  }
  if (kind.endsWith('string')) return `${arg} must be a string, got ${typeName(value)}`;
  if (kind === 'rgba') return `${arg} must be a Uint8ClampedArray or Uint8Array of RGBA bytes, got ${typeName(value)}`;
  return `${arg} must be a number, got ${typeName(value)}`;
}

/** [label, value, expected kind of error, message pattern] for parameter `arg` of `kind`. */
function generated(arg, kind) {
  const required = (rows) => [...rows, ['undefined', undefined]];
  const optional = (rows) => rows.filter(([, value]) => value !== null && value !== undefined);
  const types = (rows) => rows.map(([label, value]) => [label, value, 'type', exactly(typeMessage(arg, kind, value))]);
  const counts = NOT_A_COUNT.map(([label, value]) => [
    label,
    value,
    'value',
    exactly(Number.isFinite(value) && value > Number.MAX_SAFE_INTEGER ? `${arg} is too large, got ${value}` : `${arg} must be a non-negative integer, got ${rustFloat(value)}`),
  ]);
  const nonFinite = NOT_FINITE.map(([label, value]) => [label, value, 'value', /(finite|must be in)/]);
  switch (kind) {
    case 'floats': return types([...required(NOT_AN_ARRAY), ...BAD_ELEMENTS]);
    case 'optional floats': return types([...optional(NOT_AN_ARRAY), ...BAD_ELEMENTS]);
    case 'count': return [...types(required(NOT_A_NUMBER)), ...counts];
    case 'real': return [...types(required(NOT_A_NUMBER)), ...nonFinite];
    case 'optional real': return [...types(optional(NOT_A_NUMBER)), ...nonFinite];
    case 'string': return types(required(NOT_A_STRING));
    case 'optional string': return types(optional(NOT_A_STRING));
    case 'rgba': return types(required(NOT_RGBA));
    default: throw new Error(`unknown parameter kind ${kind}`);
  }
}

/** A pattern matching exactly `text`. */
const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

// --- each export's own bad values: [export, argument, label, arguments, kind, message pattern] ---

const img = (w, h) => new Uint8ClampedArray(4 * w * h).fill(200);
const BAD_VALUES = [
  ['argmax', 'x', 'empty', [[]], 'value', /x must not be empty$/],
  ['argmin', 'x', 'empty Float64Array', [new Float64Array(0)], 'value', /x must not be empty$/],
  ['convolve', 'a', 'empty', [[], [1]], 'value', /a must not be empty$/],
  ['convolve', 'v', 'empty', [[1], new Float64Array(0)], 'value', /v must not be empty$/],
  ['convolve', 'mode', 'unknown', [[1], [1], 'xyz'], 'value', /mode must be "full", "same" or "valid", got "xyz"$/],
  ['convolve', 'mode', 'upper case', [[1], [1], 'FULL'], 'value', /mode must be/],
  ['det', 'a', 'not n*n values', [[1, 2, 3], 2], 'value', /a must have/],
  ['det', 'n', 'n*n overflows', [[1], 2 ** 31], 'value', /n\*n is too large/],
  ['det', 'n', 'n beyond usize', [[1], 2 ** 32], 'value', /n is too large/],
  ['dot', 'a', 'length mismatch', [[1, 2], [1]], 'value', /a and b must have the same length, got 2 and 1$/],
  ['fft', 're', 'empty', [[]], 'value', /must not be empty$/],
  ['fft', 'im', 'length mismatch', [[1, 2], [1]], 'value', /im must have the same length as re \(2\), got 1$/],
  ['gaussianBlur', 'sigma', '0', [img(2, 2), 2, 2, 0], 'value', /sigma must be in \(0, 1000\]/],
  ['gaussianBlur', 'sigma', 'negative', [img(2, 2), 2, 2, -1], 'value', /sigma must be in/],
  ['gaussianBlur', 'sigma', 'above 1000', [img(2, 2), 2, 2, 1e4], 'value', /sigma must be in/],
  ['gaussianBlur', 'rgba', 'length mismatch', [img(2, 2), 2, 3, 1], 'value', /rgba must have 4\*w\*h = 24 bytes, got 16$/],
  ['gaussianBlur', 'w', '100000x100000', [img(1, 1), 1e5, 1e5, 1], 'value', /4\*w\*h is too large/],
  ['grayscale', 'rgba', 'length mismatch', [new Uint8ClampedArray(7), 1, 2], 'value', /rgba must have 4\*w\*h = 8 bytes, got 7$/],
  ['grayscale', 'rgba', 'empty', [new Uint8Array(0), 1, 1], 'value', /rgba must have 4\*w\*h = 4 bytes, got 0$/],
  ['grayscale', 'w', '0', [new Uint8Array(0), 0, 1], 'value', /w must be at least 1, got 0$/],
  ['grayscale', 'h', '0', [new Uint8Array(0), 1, 0], 'value', /h must be at least 1, got 0$/],
  ['grayscale', 'w', '4*w*h overflows', [img(1, 1), 2 ** 31, 2 ** 31], 'value', /4\*w\*h is too large/],
  ['histogram', 'bins', '0', [[1, 2], 0], 'value', /bins must be at least 1, got 0$/],
  ['histogram', 'lo', 'lo > hi', [[1, 2], 2, 3, 1], 'value', /range must have lo <= hi/],
  ['histogram', 'lo', 'lo without hi', [[1, 2], 2, 0], 'value', /lo and hi must be given together$/],
  ['histogram', 'hi', 'hi without lo', [[1, 2], 2, undefined, 3], 'value', /lo and hi must be given together$/],
  ['histogram', 'x', 'NaN data without a range', [[1, NaN], 2], 'value', /x must be finite when no range is given, got NaN$/],
  ['histogram', 'x', 'infinite data without a range', [[1, -Infinity], 2], 'value', /x must be finite when no range is given, got -inf$/],
  ['histogram', 'bins', '2**28 (2 GiB of edges)', [[1, 2], 2 ** 28], 'memory', /out of memory: .*\(bins = 268435456\)$/],
  ['histogram', 'bins', '2**40', [[1, 2], 2 ** 40], 'memory', /out of memory: bins = 1099511627776 is beyond/],
  ['ifft', 'x', 'empty', [[]], 'value', /x must not be empty$/],
  ['ifft', 'x', 'odd length', [[1, 2, 3]], 'value', /x must have an even length/],
  ['inv', 'a', 'singular', [[1, 2, 2, 4], 2], 'value', /a is singular$/],
  ['inv', 'a', 'infinite', [[Infinity, 0, 0, 1], 2], 'value', /a must be finite/],
  ['inv', 'a', 'not n*n values', [[1, 2, 3], 2], 'value', /a must have/],
  ['mandelbrot', 'w', '0', [0, 2, -2, 1, -1, 1, 10], 'value', /w must be at least 1, got 0$/],
  ['mandelbrot', 'h', '0', [2, 0, -2, 1, -1, 1, 10], 'value', /h must be at least 1, got 0$/],
  ['mandelbrot', 'w', '100000x100000', [1e5, 1e5, -2, 1, -1, 1, 10], 'value', /w\*h must be at most \d+ pixels, got 100000x100000$/],
  ['mandelbrot', 'h', '1x2**31', [1, 2 ** 31, -2, 1, -1, 1, 10], 'value', /w\*h must be at most/],
  ['mandelbrot', 'maxIter', '2**32', [2, 2, -2, 1, -1, 1, 2 ** 32], 'value', /maxIter (is too large|must be below 2\^32)/],
  ['matmul', 'a', 'not m*k values', [[1, 2, 3], [1, 2], 1, 2, 1], 'value', /a must have m\*k/],
  ['matmul', 'b', 'not k*n values', [[1, 2], [1], 1, 2, 1], 'value', /b must have k\*n/],
  ['matmul', 'm', 'm*k overflows', [[1], [1], 2 ** 31, 2 ** 31, 1], 'value', /m\*k is too large/],
  ['matmul', 'n', 'k*n overflows', [[1], [1], 1, 2 ** 31, 2 ** 31], 'value', /k\*n is too large/],
  ['matmul', 'n', 'm*n overflows', [[], [], 2 ** 16, 0, 2 ** 16], 'value', /m\*n is too large/],
  ['matmul', 'm', 'm beyond usize', [[1], [1], 2 ** 32, 1, 1], 'value', /m is too large/],
  ['matmul', 'n', 'm*n = 2**30 results (8 GiB)', [[], [], 2 ** 15, 0, 2 ** 15], 'memory', /out of memory: .*\(m\*n = 32768x32768\)$/],
  ['max', 'x', 'empty', [[]], 'value', /x must not be empty$/],
  ['mean', 'x', 'empty', [[]], 'value', /x must not be empty$/],
  ['mean', 'x', 'empty Float64Array', [new Float64Array(0)], 'value', /x must not be empty$/],
  ['median', 'x', 'empty', [[]], 'value', /x must not be empty$/],
  ['min', 'x', 'empty', [[]], 'value', /x must not be empty$/],
  ['movingAverage', 'window', '0', [[1, 2], 0], 'value', /window must be in \[1, len\(x\)\]/],
  ['movingAverage', 'window', 'longer than x', [[1, 2], 3], 'value', /window must be in \[1, len\(x\)\]/],
  ['movingAverage', 'window', '2**40', [[1, 2], 2 ** 40], 'value', /window is too large/],
  ['movingAverage', 'x', 'empty', [[], 1], 'value', /x must not be empty$/],
  ['primes', 'n', '4e9', [4e9], 'value', /n must be at most 1000000000, got 4000000000$/],
  ['primes', 'n', '1e9 + 1', [1e9 + 1], 'value', /n must be at most 1000000000/],
  ['quantile', 'q', '1.5', [[1, 2], 1.5], 'value', /q must be in \[0, 1\], got 1.5$/],
  ['quantile', 'q', '-0.1', [[1, 2], -0.1], 'value', /q must be in \[0, 1\]/],
  ['quantile', 'x', 'empty', [[], 0.5], 'value', /x must not be empty$/],
  ['scratch', 'slot', '4', [4, 8], 'value', /slot must be below 4, got 4$/],
  ['scratch', 'slot', '2**32', [2 ** 32, 8], 'value', /slot is too large/],
  ['scratch', 'byteLength', '2**31', [0, 2 ** 31], 'memory', /out of memory: cannot allocate byteLength = 2147483648 bytes$/],
  ['scratch', 'byteLength', '2**32', [0, 2 ** 32], 'value', /byteLength is too large/],
  ['sobel', 'rgba', 'length mismatch', [new Uint8Array(8), 1, 1], 'value', /rgba must have 4\*w\*h = 4 bytes, got 8$/],
  ['sobel', 'h', '0', [new Uint8Array(0), 1, 0], 'value', /h must be at least 1/],
  ['solve', 'a', 'singular', [[1, 2, 2, 4], [1, 2], 2], 'value', /a is singular$/],
  ['solve', 'b', 'wrong length', [[1, 0, 0, 1], [1], 2], 'value', /b must have/],
  ['solve', 'a', 'NaN', [[NaN, 0, 0, 1], [1, 1], 2], 'value', /a must be finite/],
  ['solve', 'b', 'infinite', [[1, 0, 0, 1], [1, Infinity], 2], 'value', /b must be finite/],
  ['solve', 'n', 'n*n overflows', [[1], [1], 1e5], 'value', /n\*n is too large/],
  ['std', 'ddof', 'equal to n', [[1, 2], 2], 'value', /ddof must be less than the length of x \(2\), got 2$/],
  ['std', 'ddof', 'negative', [[1, 2], -1], 'value', /ddof must be non-negative/],
  ['std', 'x', 'empty', [[]], 'value', /x must not be empty$/],
  ['transpose', 'a', 'not rows*cols values', [[1, 2, 3], 2, 2], 'value', /a must have/],
  ['transpose', 'cols', 'rows*cols overflows', [[1], 2 ** 31, 2 ** 31], 'value', /rows\*cols is too large/],
  ['variance', 'ddof', 'above n', [[1, 2], 2.5], 'value', /ddof must be less than the length of x/],
  ['variance', 'x', 'empty', [[]], 'value', /x must not be empty$/],
];

// --- the table --------------------------------------------------------------------------------------

/** Every row: { func, arg, label, args, kind, pattern }. */
const ROWS = [
  ...Object.entries(EXPORTS).flatMap(([func, spec]) =>
    spec.params.flatMap(([arg, paramKind], i) =>
      generated(arg, paramKind).map(([label, value, kind, pattern]) => {
        const args = [...spec.valid];
        args[i] = value;
        return { func, arg, label, args, kind, pattern };
      }),
    ),
  ),
  ...BAD_VALUES.map(([func, arg, label, args, kind, pattern]) => ({ func, arg, label, args, kind, pattern })),
];

/** Message patterns every error of a kind must match (after "<func>: "). */
const KIND_PATTERNS = {
  type: /\bmust be (a|an) /,
  value: /^(?!.*out of memory)/,
  memory: /^out of memory: /,
};

function close(got, want, where) {
  if (typeof want === 'number') {
    assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${where}: ${got} != ${want}`);
  } else {
    assert.equal(got.length, want.length, `${where}: length`);
    for (let i = 0; i < want.length; i++) close(got[i], want[i], `${where}[${i}]`);
  }
}

function checkValidCall(func) {
  const { valid, expect, check } = EXPORTS[func];
  const got = fw[func](...valid);
  if (check) check(got, expect);
  else if (Array.isArray(expect) && Array.isArray(expect[0])) assert.deepEqual(got, expect);
  else close(got, expect, func);
}

for (const { func, arg, label, args, kind, pattern } of ROWS) {
  test(`${func}: ${arg} = ${label} throws a ${kind} error naming ${arg}, then ${func} still works`, () => {
    assert.throws(
      () => fw[func](...args),
      (err) => {
        assert.ok(err instanceof Error, `expected an Error, got ${Object.prototype.toString.call(err)}`);
        assert.ok(!(err instanceof WebAssembly.RuntimeError), `trapped: ${err.message}`);
        assert.ok(err.message.startsWith(`${func}: `), err.message);
        const detail = err.message.slice(func.length + 2);
        assert.match(detail, new RegExp(`\\b${arg}\\b`), `does not name ${arg}`);
        assert.match(detail, KIND_PATTERNS[kind]);
        if (pattern) assert.match(detail, pattern);
        return true;
      },
    );
    checkValidCall(func);
  });
}

test(`the table has ${ROWS.length} bad inputs and covers every parameter of every export in fastwasm.d.ts`, () => {
  const dts = fs.readFileSync(path.join(PKG, 'fastwasm.d.ts'), 'utf8');
  const declared = Object.fromEntries(
    [...dts.matchAll(/^export function (\w+)\(([^)]*)\)/gm)]
      .filter(([, name]) => name !== 'initSync')
      .map(([, name, params]) => [name, params ? params.split(', ').map((p) => p.match(/^\w+/)[0]) : []]),
  );
  assert.deepEqual(Object.keys(EXPORTS).sort(), Object.keys(declared).sort());
  for (const [func, spec] of Object.entries(EXPORTS)) {
    assert.deepEqual(spec.params.map(([arg]) => arg), declared[func], `${func} parameters`);
    for (const [arg] of spec.params) {
      assert.ok(ROWS.some((row) => row.func === func && row.arg === arg), `${func}: no bad input for ${arg}`);
    }
    checkValidCall(func);
  }
});

test('a thousand errors in a row leave the module working', () => {
  for (let i = 0; i < 1000; i++) {
    assert.throws(() => fw.mean([]), { message: /^mean: x must not be empty$/ });
    assert.throws(() => fw.sum([1, 'x']), { message: /^sum: x\[1\] must be a number/ });
    assert.throws(() => fw.primes('7'), { message: /^primes: n must be a number, got string$/ });
  }
  for (const func of Object.keys(EXPORTS)) checkValidCall(func);
});
