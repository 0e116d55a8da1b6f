// The page's number formats (www/format.js): a time rounds before it picks its unit, a range names a
// unit that fits both ends, and the headline speed-up is robust to one outlier.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRange, formatRatio, formatTime, headline, headlineDetail, headlineSize } from '../../www/format.js';
import { axisTitle } from '../../www/chart.js';

test('formatTime: three significant digits in the largest unit that is at least 1 after rounding', () => {
  assert.equal(formatTime(1234), '1.23 s');
  assert.equal(formatTime(12.345), '12.3 ms');
  assert.equal(formatTime(0.0123), '12.3 µs');
  assert.equal(formatTime(0.0000045), '4.50 ns');
  assert.equal(formatTime(0.9996), '1.00 ms', '999.6 µs rounds to 1000 µs, which is 1.00 ms');
  assert.equal(formatTime(0.99949), '999 µs');
  assert.equal(formatTime(999.96), '1.00 s');
  assert.equal(formatTime(0.0009996), '1.00 µs');
  assert.equal(formatTime(9.996), '10.0 ms');
  assert.equal(formatTime(99.96), '100 ms');
  assert.equal(formatTime(5000_000), '5000 s');
  assert.equal(formatTime(0), '≈0');
  assert.equal(formatTime(NaN), '≈0');
});

test('formatRange: one unit when both ends share it, else each end with its own', () => {
  assert.equal(formatRange(1.2, 1.31), '1.20–1.31 ms');
  assert.equal(formatRange(0.0123, 1.5), '12.3 µs–1.50 ms', 'the minimum is not "0.01 ms"');
  assert.equal(formatRange(0.85, 1.2), '850 µs–1.20 ms');
  assert.equal(formatRange(0.9996, 1.2), '1.00–1.20 ms', 'both ends round into ms');
  assert.equal(formatRange(0.5, 0.9996), '500 µs–1.00 ms');
  assert.equal(formatRange(0, 0.002), '≈0–2.00 µs');
  assert.equal(formatRange(1, 0), '');
});

test('formatRatio: always ≥ 1, one decimal below 100', () => {
  assert.equal(formatRatio(2.46), '2.5×');
  assert.equal(formatRatio(0.4), '2.5×');
  assert.equal(formatRatio(1234.4), '1,234×');
});

test('headline: the median, and a range that one outlier does not reach', () => {
  // Twelve kernels around 2.5× and one at 77× (a time near the timer's resolution).
  const steady = [2.1, 2.3, 2.4, 2.5, 2.5, 2.6, 2.7, 2.8, 2.9, 3.0, 2.2];
  const h = headline([...steady, 77]);
  assert.equal(h.count, 12);
  assert.equal(h.median, Math.sqrt(2.5 * 2.6));
  assert.equal(h.lo, 2.2);
  assert.equal(h.hi, 3.0, 'not "up to 77×"');
  assert.equal(h.inRange, 10);
  // The outlier barely moves the median: without it, 2.5×.
  assert.equal(headline(steady).median, 2.5);
  assert.equal(formatRatio(h.median), '2.5×');
  assert.equal(headlineDetail(h, 'large'), 'median over 12 kernels at large; 10 of them from 2.2× faster to 3.0× faster');
  // A slow outlier is left out the same way.
  assert.equal(headline([0.01, ...steady]).lo, 2.1, 'the lowest, 0.01×, is left out');
});

test('headline: few kernels keep their whole range; slower ratios read as slower', () => {
  const h = headline([0.4, 2, 8]);
  assert.deepEqual(h, { median: 2, lo: 0.4, hi: 8, count: 3, inRange: 3 });
  assert.equal(headlineDetail(h, 'small'), 'median over 3 kernels at small, from 2.5× slower to 8.0× faster');
  assert.equal(headlineDetail(headline([3]), 'xl'), 'median over 1 kernel at xl');
  assert.equal(headline([]), null);
  assert.equal(headline([NaN, 0, Infinity]), null);
});

test('headlineSize: the largest size with a ratio', () => {
  const ratios = { small: [2, 3], medium: [2.5], large: [], xl: [] };
  assert.equal(headlineSize(['small', 'medium', 'large', 'xl'], (s) => ratios[s]), 'medium');
  assert.equal(headlineSize(['small'], () => []), null);
});

test('the chart says which bars are faster the way they run', () => {
  assert.match(axisTitle(false), /lower is faster/);
  assert.doesNotMatch(axisTitle(true), /lower/);
  assert.match(axisTitle(true), /shorter bars.*faster/);
});
