// Plain-JavaScript versions of the five kernels: straightforward typed-array code, the baseline the
// wasm build is measured against. Same definitions as the Rust kernels (see src/kernels/).

/** Sum of the elements (left to right). */
export function sum(x) {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** Arithmetic mean; empty input throws. */
export function mean(x) {
  if (x.length === 0) throw new RangeError('mean: x must not be empty');
  return sum(x) / x.length;
}

/** Inner product of two equal-length vectors. */
export function dot(a, b) {
  if (a.length !== b.length) {
    throw new RangeError(`dot: a and b must have the same length, got ${a.length} and ${b.length}`);
  }
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Escape-time counts on a w×h grid of pixel centres over [xMin, xMax]×[yMin, yMax], row-major:
 * iterations of z ← z² + c from z = 0 while |z|² ≤ 4 and below maxIter.
 */
export function mandelbrot(w, h, xMin, xMax, yMin, yMax, maxIter) {
  const out = new Uint32Array(w * h);
  const dx = (xMax - xMin) / w;
  const dy = (yMax - yMin) / h;
  let k = 0;
  for (let py = 0; py < h; py++) {
    const cy = yMin + (py + 0.5) * dy;
    for (let px = 0; px < w; px++) {
      const cx = xMin + (px + 0.5) * dx;
      let zr = 0;
      let zi = 0;
      let i = 0;
      while (i < maxIter) {
        const zr2 = zr * zr;
        const zi2 = zi * zi;
        if (zr2 + zi2 > 4) break;
        zi = 2 * zr * zi + cy;
        zr = zr2 - zi2 + cx;
        i++;
      }
      out[k++] = i;
    }
  }
  return out;
}

/** All primes ≤ n, ascending (sieve of Eratosthenes). */
export function primes(n) {
  if (n < 2) return new Uint32Array(0);
  const composite = new Uint8Array(n + 1);
  let count = 0;
  for (let p = 2; p <= n; p++) {
    if (composite[p]) continue;
    count++;
    for (let m = p * p; m <= n; m += p) composite[m] = 1;
  }
  const out = new Uint32Array(count);
  for (let p = 2, k = 0; p <= n; p++) if (!composite[p]) out[k++] = p;
  return out;
}
