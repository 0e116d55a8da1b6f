// mandelbrot from pkg/, against a naive reference and known points.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fw from './helpers.mjs';

/** Iterations of z ← z² + c from 0 while |z|² ≤ 4 and below maxIter (complex arithmetic spelled out). */
function escape(cx, cy, maxIter) {
  let re = 0;
  let im = 0;
  let i = 0;
  while (i < maxIter && re * re + im * im <= 4) {
    [re, im] = [re * re - im * im + cx, 2 * re * im + cy];
    i++;
  }
  return i;
}

function naiveMandelbrot(w, h, xMin, xMax, yMin, yMax, maxIter) {
  const out = [];
  for (let py = 0; py < h; py++) {
    for (let px = 0; px < w; px++) {
      const cx = xMin + ((px + 0.5) * (xMax - xMin)) / w;
      const cy = yMin + ((py + 0.5) * (yMax - yMin)) / h;
      out.push(escape(cx, cy, maxIter));
    }
  }
  return out;
}

/** A 1×1 image whose single pixel centre is exactly c. */
const at = (cx, cy, maxIter) => fw.mandelbrot(1, 1, cx - 0.5, cx + 0.5, cy - 0.5, cy + 0.5, maxIter)[0];

describe('mandelbrot', () => {
  test('returns a row-major Uint32Array of w*h counts', () => {
    const m = fw.mandelbrot(7, 3, -2, 1, -1, 1, 20);
    assert.ok(m instanceof Uint32Array);
    assert.equal(m.length, 21);
  });

  test('known points: c = 0 never escapes, c = 1 after 3, c = 2 after 2, c = -1 cycles', () => {
    assert.equal(at(0, 0, 100), 100);
    assert.equal(at(1, 0, 100), 3);
    assert.equal(at(2, 0, 100), 2);
    assert.equal(at(-1, 0, 50), 50);
    assert.equal(at(-2, 0, 77), 77); // z = 0, -2, 2, 2, ... stays on |z| = 2
    assert.equal(at(0, 1, 30), 30); // c = i: 0, i, -1+i, -i, -1+i, ... bounded
    assert.equal(at(10, 10, 100), 1);
    assert.equal(at(1, 0, 0), 0); // maxIter 0 caps everything at 0
  });

  test('samples pixel centres', () => {
    // 3×1 over [-3, 3]×[-1, 1]: centres at -2, 0, 2 on the real axis.
    assert.deepEqual([...fw.mandelbrot(3, 1, -3, 3, -1, 1, 20)], [20, 20, 2]);
  });

  test('matches a naive implementation on small grids', () => {
    const cases = [
      [16, 12, -2, 1, -1.5, 1.5, 50],
      [33, 20, -2.2, 0.8, -1.2, 1.2, 100],
      [25, 25, -0.75, -0.73, 0.1, 0.12, 300],
      [5, 40, 0.25, 0.26, -0.01, 0.01, 500],
    ];
    for (const args of cases) {
      assert.deepEqual([...fw.mandelbrot(...args)], naiveMandelbrot(...args), `mandelbrot(${args})`);
    }
  });

  test('is symmetric about the real axis', () => {
    const [w, h] = [31, 30];
    const m = fw.mandelbrot(w, h, -2, 1, -1.5, 1.5, 60);
    for (let py = 0; py < h / 2; py++) {
      assert.deepEqual(m.subarray(py * w, (py + 1) * w), m.subarray((h - 1 - py) * w, (h - py) * w));
    }
  });
});
